//! The CLI commands of contract §3 other than `demo`: `actions`, `run`, `simulator`.

use crate::connect::{GivenCredentials, connect, load_component};
use crate::outgoing::Policy;
use crate::output::{EXIT_OK, EXIT_USAGE, emit_json, report_error, report_host_failure};
use crate::progress;
use crate::runtime::Runtime;
use helpscout_simulator::{Fault, Simulator, SimulatorOptions, credentials};
use serde_json::{Value, json};
use std::io::Read;
use std::path::Path;

/// `host-test component --out FILE`: the component file that is published and loaded elsewhere.
pub fn write_component(component: Option<&Path>, out: &Path) -> i32 {
    let written = load_component(component).and_then(|bytes| {
        if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(out, &bytes)
            .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", out.display()))?;
        Ok(bytes)
    });
    match written {
        Ok(bytes) => {
            emit_json(
                &json!({"file": out.display().to_string(), "bytes": bytes.len(),
                              "sha256": sha256_hex(&bytes)}),
            );
            EXIT_OK
        }
        Err(e) => report_host_failure(&e),
    }
}

/// The digest OCI registries name blobs by (`sha256:<hex>`).
fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// `host-test actions`: every action and trigger with its schemas.
pub async fn actions(component: Option<&Path>) -> i32 {
    let result = async {
        let runtime = Runtime::new(&load_component(component)?, Policy::new([]))?;
        runtime.describe().await
    };
    match result.await {
        Ok(descriptors) => {
            let list: Vec<Value> = descriptors
                .iter()
                .map(|d| {
                    json!({
                        "name": d.name,
                        "kind": match d.kind { crate::bindings::EntryKind::Action => "action", crate::bindings::EntryKind::Trigger => "trigger" },
                        "description": d.description,
                        "inputSchema": parse_or_string(&d.input_schema),
                        "outputSchema": parse_or_string(&d.output_schema),
                    })
                })
                .collect();
            emit_json(&Value::Array(list));
            EXIT_OK
        }
        Err(e) => report_host_failure(&e),
    }
}

fn parse_or_string(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.into()))
}

/// Arguments of `host-test run`.
pub struct RunArgs<'a> {
    pub action: &'a str,
    pub input: Option<&'a str>,
    pub api: Option<&'a str>,
    pub credentials: GivenCredentials,
    /// Faults for the embedded simulator.
    pub faults: Vec<Fault>,
}

/// `host-test run`: one action through the component.
pub async fn run(component: Option<&Path>, args: RunArgs<'_>) -> i32 {
    let input = match read_input(args.input) {
        Ok(input) => input,
        Err(message) => {
            eprintln!("{}", json!({"error": "usage", "message": message}));
            return EXIT_USAGE;
        }
    };
    if args.api.is_some() && args.credentials.to_credentials().is_none() {
        let message = "--api needs --token TOKEN, or --client-id ID --client-secret SECRET";
        eprintln!("{}", json!({"error": "usage", "message": message}));
        return EXIT_USAGE;
    }
    let target = async {
        let bytes = load_component(component)?;
        connect(&bytes, args.api, &args.credentials).await
    };
    let target = match target.await {
        Ok(target) => target,
        Err(e) => return report_host_failure(&e),
    };
    match (&target.simulator, args.faults.is_empty()) {
        (Some(simulator), _) => args.faults.into_iter().for_each(|f| simulator.inject(f)),
        (None, false) => {
            let message = "--fault applies to the embedded simulator only (drop --api)";
            eprintln!("{}", json!({"error": "usage", "message": message}));
            return EXIT_USAGE;
        }
        (None, true) => {}
    }
    let call = target
        .runtime
        .invoke(&target.connection, args.action, &input);
    let result =
        progress::while_running(args.action, || target.runtime.requests_sent(), call).await;
    match result {
        Ok(Ok(invocation)) => {
            if let Some(token) = &invocation.meta.minted_token {
                eprintln!("minted an access token (expires in {} s)", token.expires_in);
            }
            emit_json(&parse_or_string(&invocation.output_json));
            EXIT_OK
        }
        Ok(Err(error)) => report_error(&error),
        Err(e) => report_host_failure(&e),
    }
}

/// The input JSON from a file, from stdin (`-`), or `{}`.
fn read_input(input: Option<&str>) -> Result<String, String> {
    match input {
        None => Ok("{}".into()),
        Some("-") => {
            let mut text = String::new();
            std::io::stdin()
                .read_to_string(&mut text)
                .map_err(|e| format!("cannot read stdin: {e}"))?;
            Ok(text)
        }
        Some(path) => {
            std::fs::read_to_string(path).map_err(|e| format!("cannot read input file {path}: {e}"))
        }
    }
}

/// `host-test simulator`: serves the simulator until interrupted.
pub async fn simulator(port: u16, conversations: usize) -> i32 {
    let options = SimulatorOptions {
        port,
        conversations,
        ..SimulatorOptions::default()
    };
    let simulator = match Simulator::start(options).await {
        Ok(s) => s,
        Err(e) => return report_host_failure(&e),
    };
    // The URL alone on stdout, so a script can read it; the demo credentials go to stderr.
    crate::output::emit_line(simulator.url());
    eprintln!(
        "demo credentials: access token {}, client id {}, client secret {}",
        credentials::ACCESS_TOKEN,
        credentials::CLIENT_ID,
        credentials::CLIENT_SECRET
    );
    eprintln!(
        "Help Scout simulator on {} (Ctrl-C to stop)",
        simulator.url()
    );
    let _ = tokio::signal::ctrl_c().await;
    simulator.shutdown().await;
    EXIT_OK
}

/// `host-test replay`: delivers a body file to the component as Help Scout would.
pub async fn replay(
    component: Option<&Path>,
    file: &str,
    event: &str,
    secret: &str,
    signature: Option<&str>,
) -> i32 {
    let body = match std::fs::read(file) {
        Ok(body) => body,
        Err(e) => {
            let message = format!("cannot read body file {file}: {e}");
            eprintln!("{}", json!({"error": "usage", "message": message}));
            return EXIT_USAGE;
        }
    };
    let runtime =
        match load_component(component).and_then(|bytes| Runtime::new(&bytes, Policy::new([]))) {
            Ok(runtime) => runtime,
            Err(e) => return report_host_failure(&e),
        };
    match crate::webhooks::replay(&runtime, &body, event, secret, signature).await {
        Ok(Ok(parsed)) => {
            emit_json(&crate::webhooks::event_json(&parsed));
            EXIT_OK
        }
        Ok(Err(error)) => report_error(&error),
        Err(e) => report_host_failure(&e),
    }
}

/// `host-test listen`: verifies real deliveries on 127.0.0.1 until interrupted.
pub async fn listen(
    component: Option<&Path>,
    secrets: Vec<String>,
    port: u16,
    max_events: Option<usize>,
) -> i32 {
    let runtime =
        match load_component(component).and_then(|bytes| Runtime::new(&bytes, Policy::new([]))) {
            Ok(runtime) => runtime,
            Err(e) => return report_host_failure(&e),
        };
    match crate::listen::run(runtime, secrets, port, max_events).await {
        Ok(()) => EXIT_OK,
        Err(e) => report_host_failure(&e),
    }
}

/// `host-test load`: concurrent invocations; the report on stdout, exit 1 when any failed.
pub async fn load(component: Option<&Path>, plan: &crate::load::LoadPlan) -> i32 {
    let report = async { crate::load::run(&load_component(component)?, plan).await };
    match report.await {
        Ok(report) => {
            let failed = report["errors"].as_u64().unwrap_or(1) > 0;
            emit_json(&report);
            if failed {
                crate::output::EXIT_FAILED
            } else {
                EXIT_OK
            }
        }
        Err(e) => report_host_failure(&e),
    }
}

/// `host-test bench`: the benchmark report on stdout.
pub async fn bench(component: Option<&Path>, plan: &crate::bench::BenchPlan) -> i32 {
    let report = async { crate::bench::run(&load_component(component)?, plan).await };
    match report.await {
        Ok(report) => {
            emit_json(&report);
            EXIT_OK
        }
        Err(e) => report_host_failure(&e),
    }
}
