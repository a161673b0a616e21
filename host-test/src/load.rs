//! `host-test load`: many concurrent action invocations through one host against the embedded
//! simulator — every invocation its own store and instance — reporting errors, wall time and
//! the process's peak resident memory.

use crate::bindings::{Connection, Credentials};
use crate::outgoing::{Destination, Policy};
use crate::runtime::Runtime;
use helpscout_simulator::{Simulator, SimulatorOptions, credentials};
use serde_json::{Value, json};
use std::sync::Arc;
use std::time::Instant;
use tokio::sync::Semaphore;

/// What to run.
pub struct LoadPlan {
    pub invocations: usize,
    pub concurrency: usize,
    pub action: String,
    pub input: String,
}

/// Runs the plan; the report as JSON.
pub async fn run(component: &[u8], plan: &LoadPlan) -> anyhow::Result<Value> {
    let options = SimulatorOptions {
        rate_limit_per_minute: u32::MAX,
        ..SimulatorOptions::default()
    };
    let simulator = Simulator::start(options).await?;
    let policy = Policy::new([Destination::from_url(simulator.url())?]);
    let runtime = Arc::new(Runtime::new(component, policy)?);
    let connection = Arc::new(Connection {
        base_url: simulator.url().to_string(),
        credentials: Credentials::AccessToken(credentials::ACCESS_TOKEN.into()),
        retry: None,
    });
    let gate = Arc::new(Semaphore::new(plan.concurrency.max(1)));
    let started = Instant::now();
    let mut tasks = Vec::with_capacity(plan.invocations);
    for _ in 0..plan.invocations {
        let (runtime, connection, gate) = (runtime.clone(), connection.clone(), gate.clone());
        let (action, input) = (plan.action.clone(), plan.input.clone());
        tasks.push(tokio::spawn(async move {
            let _permit = gate.acquire_owned().await.ok()?;
            match runtime.invoke(&connection, &action, &input).await {
                Ok(Ok(_)) => Some(()),
                _ => None,
            }
        }));
    }
    let mut errors = 0;
    for task in tasks {
        if !matches!(task.await, Ok(Some(()))) {
            errors += 1;
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    simulator.shutdown().await;
    Ok(json!({
        "action": plan.action,
        "invocations": plan.invocations,
        "concurrency": plan.concurrency,
        "errors": errors,
        "seconds": (seconds * 1000.0).round() / 1000.0,
        "invocationsPerSecond": (plan.invocations as f64 / seconds).round(),
        "peakRssMiB": peak_rss_mib(),
    }))
}

/// The process's peak resident set (`VmHWM`), in MiB; `None` where /proc is unavailable.
pub fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some((kib / 1024.0 * 10.0).round() / 10.0)
}
