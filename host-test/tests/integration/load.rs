//! 1,000 concurrent action invocations through one host against the simulator complete with no
//! errors (each its own store and instance). Speed and memory are measured by `host-test load`,
//! not asserted here.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::block_on;
use host_test::load::{LoadPlan, run};
use host_test::runtime::EMBEDDED_COMPONENT;

#[test]
fn a_thousand_concurrent_invocations_complete_without_errors() {
    block_on(async {
        let plan = LoadPlan {
            invocations: 1000,
            concurrency: 1000,
            action: "get-conversation".into(),
            input: r#"{"id": 5000001, "embedThreads": false}"#.into(),
        };
        let report = run(EMBEDDED_COMPONENT, &plan).await.unwrap();
        assert_eq!(report["errors"], 0, "{report}");
        assert_eq!(report["invocations"], 1000);
    });
}
