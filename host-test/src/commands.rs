//! The CLI commands of contract §3 other than `demo` and `mcp`: `actions`, `run`, `options`,
//! `replay`, `simulator`, and the host's own (`listen`, `load`, `bench`, `component`).

use crate::bindings::{CallMeta, ConnectorError, Descriptor, EntryKind, Paging};
use crate::connect::{GivenCredentials, Target, connect, load_component};
use crate::outgoing::Policy;
use crate::output::{EXIT_OK, EXIT_USAGE, emit_json, report_error, report_host_failure};
use crate::progress;
use crate::runtime::{Called, Runtime};
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

/// `host-test actions [NAME]`: every action and trigger with its schemas, sample output and
/// fields with choices, or the one named (exit 2 when no entry has that name).
pub async fn actions(component: Option<&Path>, name: Option<&str>) -> i32 {
    let result = async {
        let runtime = Runtime::new(&load_component(component)?, Policy::new([]))?;
        runtime.describe().await
    };
    let descriptors = match result.await {
        Ok(descriptors) => descriptors,
        Err(e) => return report_host_failure(&e),
    };
    let list: Vec<Value> = descriptors.iter().map(descriptor_json).collect();
    let Some(name) = name else {
        emit_json(&Value::Array(list));
        return EXIT_OK;
    };
    match list.into_iter().find(|d| d["name"] == name) {
        Some(entry) => {
            emit_json(&entry);
            EXIT_OK
        }
        None => {
            let names: Vec<&str> = descriptors.iter().map(|d| d.name.as_str()).collect();
            let message = format!("no action or trigger {name:?}; known: {}", names.join(", "));
            eprintln!("{}", json!({"error": "usage", "message": message}));
            EXIT_USAGE
        }
    }
}

/// One catalog entry as `actions` prints it (contract §3, plus `title`, `group`,
/// `sampleOutput`, `optionFields`, `effects`, `paging` and, for a trigger, its `event` and
/// whether it is `pollable`).
pub fn descriptor_json(d: &Descriptor) -> Value {
    let kind = match d.kind {
        EntryKind::Action => "action",
        EntryKind::Trigger => "trigger",
    };
    let option_fields: Vec<Value> = d
        .option_fields
        .iter()
        .map(|f| {
            json!({"field": f.field, "dependsOn": f.depends_on, "fetched": f.fetched,
                   "definitions": f.definitions})
        })
        .collect();
    let paging = match d.paging {
        Paging::None => "none",
        Paging::All => "all",
        Paging::Continued => "continued",
    };
    let mut entry = json!({
        "name": d.name,
        "kind": kind,
        "title": d.title,
        "group": d.group,
        "description": d.description,
        "inputSchema": parse_or_string(&d.input_schema),
        "outputSchema": parse_or_string(&d.output_schema),
        "sampleOutput": parse_or_string(&d.sample_output),
        "optionFields": option_fields,
        "effects": effects_json(&d.effects),
        "paging": paging,
    });
    if let Some(t) = &d.trigger {
        entry["event"] = json!(t.event);
        entry["pollable"] = json!(t.pollable);
    }
    entry
}

/// `{"readOnly", "destructive", "idempotent"}`, and `readOnlyWhen` when a write only reads for
/// some input.
fn effects_json(e: &crate::bindings::Effects) -> Value {
    let mut effects = json!({"readOnly": e.read_only, "destructive": e.destructive,
                             "idempotent": e.idempotent});
    if let Some(when) = &e.read_only_when {
        effects["readOnlyWhen"] = json!({"field": when.field, "equals": when.equals});
    }
    effects
}

fn parse_or_string(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.into()))
}

/// Where a call goes and how it reports: shared by `run` and `options`.
pub struct CallArgs<'a> {
    pub input: Option<&'a str>,
    pub api: Option<&'a str>,
    pub credentials: GivenCredentials,
    /// Faults for the embedded simulator.
    pub faults: Vec<Fault>,
    /// Print the call's meta to stderr.
    pub meta: bool,
}

/// `host-test run`: one action through the component.
pub async fn run(component: Option<&Path>, action: &str, args: CallArgs<'_>) -> i32 {
    let (input, target) = match prepare(component, &args).await {
        Ok(prepared) => prepared,
        Err(code) => return code,
    };
    let call = target
        .runtime
        .invoke_with_meta(&target.connection, action, &input);
    let result = progress::while_running(action, || target.runtime.requests_sent(), call).await;
    finish(result, args.meta)
}

/// `host-test options`: the choices for one input field, computed by the component.
pub async fn options(
    component: Option<&Path>,
    action: &str,
    field: &str,
    args: CallArgs<'_>,
) -> i32 {
    let (input, target) = match prepare(component, &args).await {
        Ok(prepared) => prepared,
        Err(code) => return code,
    };
    let result = target
        .runtime
        .options(&target.connection, action, field, &input)
        .await;
    finish(result, args.meta)
}

/// The input and the target of a call; the exit status when the usage is wrong or the host
/// cannot start.
async fn prepare(component: Option<&Path>, args: &CallArgs<'_>) -> Result<(String, Target), i32> {
    let usage = |message: &str| {
        eprintln!("{}", json!({"error": "usage", "message": message}));
        EXIT_USAGE
    };
    let input = read_input(args.input).map_err(|m| usage(&m))?;
    if args.api.is_some() && args.credentials.to_credentials().is_none() {
        return Err(usage(
            "--api needs --token TOKEN, or --client-id ID --client-secret SECRET",
        ));
    }
    let target = async {
        let bytes = load_component(component)?;
        connect(&bytes, args.api, &args.credentials).await
    };
    let target = target.await.map_err(|e| report_host_failure(&e))?;
    match (&target.simulator, args.faults.is_empty()) {
        (Some(simulator), _) => args.faults.iter().for_each(|f| simulator.inject(f.clone())),
        (None, false) => {
            return Err(usage(
                "--fault applies to the embedded simulator only (drop --api)",
            ));
        }
        (None, true) => {}
    }
    Ok((input, target))
}

/// Prints a call's output (stdout) or typed error (stderr), and its meta when asked; an unknown
/// action name is bad usage (exit 2): the call never started.
fn finish(result: anyhow::Result<Called>, print_meta: bool) -> i32 {
    let (outcome, meta) = match result {
        Ok(called) => called,
        Err(e) => return report_host_failure(&e),
    };
    if let Some(token) = meta.as_ref().and_then(|m| m.minted_token.as_ref()) {
        eprintln!("minted an access token (expires in {} s)", token.expires_in);
    }
    if let (true, Some(meta)) = (print_meta, &meta) {
        eprintln!("{}", json!({"meta": meta_json(meta)}));
    }
    match outcome {
        Ok(invoked) => {
            emit_json(&parse_or_string(&invoked.output_json));
            EXIT_OK
        }
        Err(error) if meta.is_none() && names_unknown_entry(&error) => {
            report_error(&error);
            EXIT_USAGE
        }
        Err(error) => report_error(&error),
    }
}

/// The call's meta as JSON (a minted token is reported by its lifetime only, never its text).
pub fn meta_json(meta: &CallMeta) -> Value {
    json!({
        "requests": meta.requests,
        "budgetUsed": meta.budget_used,
        "rateLimitRemaining": meta.rate_limit_remaining,
        "rateLimitLimit": meta.rate_limit_limit,
        "waitedMs": meta.waited_ms,
        "mintedToken": meta.minted_token.as_ref().map(|t| json!({"expiresIn": t.expires_in, "expiresAt": t.expires_at})),
    })
}

/// The component's answer to a name it does not know (a validation error on `name`).
fn names_unknown_entry(error: &ConnectorError) -> bool {
    matches!(error, ConnectorError::Validation(fields) if fields.iter().any(|f| f.path == "name"))
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

/// `host-test soak`: the model-based soak; its report on stdout, exit 1 when a check failed.
pub async fn soak(component: Option<&Path>, mut options: crate::soak::Options) -> i32 {
    let report = async {
        options.component = Some(load_component(component)?);
        crate::soak::run(&options).await
    };
    match report.await {
        Ok(report) => {
            let passed = report.passed();
            emit_json(&serde_json::to_value(&report).unwrap_or_default());
            if passed {
                EXIT_OK
            } else {
                crate::output::EXIT_FAILED
            }
        }
        Err(e) => report_host_failure(&e),
    }
}
