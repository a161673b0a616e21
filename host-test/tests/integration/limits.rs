//! The host's per-call limits, exercised with small hostile components in a store set up exactly
//! like a connector call's: a guest in an infinite loop is stopped by the epoch deadline, and a
//! guest cannot grow its memory past the cap.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::block_on;
use host_test::outgoing::Policy;
use host_test::runtime::{EMBEDDED_COMPONENT, Runtime};
use std::time::{Duration, Instant};
use wasmtime::component::Component;

const SPIN: &str = r#"(component
  (core module $m (func (export "spin") (loop $l (br $l))))
  (core instance $i (instantiate $m))
  (func (export "spin") (canon lift (core func $i "spin"))))"#;

const GREEDY: &str = r#"(component
  (core module $m
    (memory 1)
    (func (export "grow")
      ;; 9000 pages = 562 MiB, past the 512 MiB cap: memory.grow must fail (-1), then trap.
      (if (i32.eq (memory.grow (i32.const 9000)) (i32.const -1)) (then unreachable))))
  (core instance $i (instantiate $m))
  (func (export "grow") (canon lift (core func $i "grow"))))"#;

#[test]
fn an_infinite_loop_is_stopped_at_the_deadline_and_reported() {
    block_on(async {
        let mut runtime = Runtime::new(EMBEDDED_COMPONENT, Policy::new([])).unwrap();
        runtime.set_call_deadline(Duration::from_millis(500));
        let spin = Component::new(runtime.engine(), SPIN).unwrap();
        let started = Instant::now();
        let error = runtime.call_foreign(&spin, "spin").await.unwrap_err();
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "stopped, not hung"
        );
        let trap = error.downcast_ref::<wasmtime::Trap>().copied();
        assert_eq!(trap, Some(wasmtime::Trap::Interrupt), "{error:#}");
    });
}

#[test]
fn memory_cannot_grow_past_the_cap() {
    block_on(async {
        let runtime = Runtime::new(EMBEDDED_COMPONENT, Policy::new([])).unwrap();
        let greedy = Component::new(runtime.engine(), GREEDY).unwrap();
        let error = runtime.call_foreign(&greedy, "grow").await.unwrap_err();
        let trap = error.downcast_ref::<wasmtime::Trap>().copied();
        assert_eq!(
            trap,
            Some(wasmtime::Trap::UnreachableCodeReached),
            "{error:#}"
        );
    });
}
