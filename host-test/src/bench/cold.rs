//! Cold start: component bytes → first `list-mailboxes` answer with no compile cache, split into
//! compile, link (WASI + instantiate-pre), instantiate and the first call; the same from a
//! precompiled artifact (`Component::serialize` → `deserialize`, what a platform that caches
//! pays); and each of Cranelift's optimisation levels (and Winch when built in) with the compile
//! time it costs and the `get-conversation` time it buys.

use super::stats::{median, micros, round};
use crate::bindings::Connection;
use crate::error_json::failure;
use crate::outgoing::Policy;
use crate::runtime::{Runtime, engine_config};
use serde_json::{Value, json};
use std::sync::Arc;
use std::time::Instant;
use wasmtime::component::Component;
use wasmtime::{Config, Engine, OptLevel};

/// One compiler setting to measure.
struct Variant {
    name: &'static str,
    config: fn(&mut Config),
}

fn variants() -> Vec<Variant> {
    let mut list = vec![
        Variant {
            name: "cranelift speed (default)",
            config: |c| {
                c.cranelift_opt_level(OptLevel::Speed);
            },
        },
        Variant {
            name: "cranelift none",
            config: |c| {
                c.cranelift_opt_level(OptLevel::None);
            },
        },
        Variant {
            name: "cranelift speed-and-size",
            config: |c| {
                c.cranelift_opt_level(OptLevel::SpeedAndSize);
            },
        },
    ];
    if cfg!(feature = "winch") {
        list.push(Variant {
            name: "winch",
            config: winch,
        });
    }
    list
}

#[cfg(feature = "winch")]
fn winch(config: &mut Config) {
    config.strategy(wasmtime::Strategy::Winch);
}

#[cfg(not(feature = "winch"))]
fn winch(_: &mut Config) {}

/// Every variant's cold start and steady speed, and the precompiled path of the default one.
pub async fn run(
    component: &[u8],
    policy: &Arc<Policy>,
    conn: &Connection,
    samples: usize,
) -> anyhow::Result<Value> {
    let mut results = Vec::new();
    for variant in variants() {
        results.push(measure(&variant, component, policy, conn, samples).await?);
    }
    let precompiled = precompiled(component, policy, conn).await?;
    let mut report = json!({"variants": results, "precompiled": precompiled});
    if !cfg!(feature = "winch") {
        report["winch"] =
            json!("not built in: cargo build --release -p host-test --features winch");
    }
    Ok(report)
}

async fn measure(
    variant: &Variant,
    component: &[u8],
    policy: &Arc<Policy>,
    conn: &Connection,
    samples: usize,
) -> anyhow::Result<Value> {
    let mut config = engine_config();
    (variant.config)(&mut config);
    let started = Instant::now();
    let engine = Engine::new(&config)?;
    let compiled = Component::new(&engine, component)?;
    let compile = started.elapsed();
    let artifact = compiled.serialize()?.len();
    let (mut timings, runtime) = first_answer(engine, &compiled, policy, conn).await?;
    timings["variant"] = json!(variant.name);
    timings["compileMillis"] = json!(millis(compile));
    let total =
        compile.as_secs_f64() * 1000.0 + timings["untilAnswerMillis"].as_f64().unwrap_or(0.0);
    timings["coldTotalMillis"] = json!(round(total, 1));
    timings["compiledArtifactBytes"] = json!(artifact);
    let input = r#"{"id": 5000001}"#;
    let get = median(samples, || async {
        runtime
            .invoke(conn, "get-conversation", input)
            .await?
            .map(|_| ())
            .map_err(|e| failure(&e))
    })
    .await?;
    timings["getConversationMedianMicros"] = json!(micros(get));
    Ok(timings)
}

/// Link, instantiate, and the first `list-mailboxes`, timed apart; the runtime for more calls.
async fn first_answer(
    engine: Engine,
    compiled: &Component,
    policy: &Arc<Policy>,
    conn: &Connection,
) -> anyhow::Result<(Value, Runtime)> {
    let started = Instant::now();
    let runtime = Runtime::link(engine, compiled, policy.clone())?;
    let link = started.elapsed();
    let started = Instant::now();
    runtime.instantiate_only().await?;
    let instantiate = started.elapsed();
    let started = Instant::now();
    runtime
        .invoke(conn, "list-mailboxes", "{}")
        .await?
        .map_err(|e| failure(&e))?;
    let call = started.elapsed();
    let timings = json!({
        "linkMillis": millis(link),
        "firstInstantiateMillis": millis(instantiate),
        "firstCallMillis": millis(call),
        "untilAnswerMillis": millis(link + instantiate + call),
    });
    Ok((timings, runtime))
}

/// The default variant from a serialized artifact: deserialize instead of compile.
async fn precompiled(
    component: &[u8],
    policy: &Arc<Policy>,
    conn: &Connection,
) -> anyhow::Result<Value> {
    let engine = Engine::new(&engine_config())?;
    let artifact = Component::new(&engine, component)?.serialize()?;
    let started = Instant::now();
    let engine = Engine::new(&engine_config())?;
    let compiled = deserialize(&engine, &artifact)?;
    let load = started.elapsed();
    let (mut timings, _) = first_answer(engine, &compiled, policy, conn).await?;
    timings["deserializeMillis"] = json!(millis(load));
    let total = load.as_secs_f64() * 1000.0 + timings["untilAnswerMillis"].as_f64().unwrap_or(0.0);
    timings["coldTotalMillis"] = json!(round(total, 1));
    timings["artifactBytes"] = json!(artifact.len());
    Ok(timings)
}

/// `Component::deserialize` of an artifact this process serialized a moment ago with the same
/// engine settings.
#[allow(unsafe_code)]
fn deserialize(engine: &Engine, artifact: &[u8]) -> anyhow::Result<Component> {
    // SAFETY: wasmtime requires trusted bytes produced by `serialize` on a compatible engine;
    // these come straight from `Component::serialize` in this process, with the same config.
    Ok(unsafe { Component::deserialize(engine, artifact)? })
}

fn millis(d: std::time::Duration) -> f64 {
    round(d.as_secs_f64() * 1000.0, 2)
}
