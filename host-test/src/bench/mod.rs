//! `host-test bench`: the performance figures of BENCHMARKS.md, each measured side by side in the
//! same run against the same simulator on loopback. Never run as a timed test: CI is noisy.

mod cold;
pub mod floor;
mod native;
mod paced;
mod pages;
mod stats;

use crate::bindings::{Connection, Credentials};
use crate::error_json::failure;
use crate::outgoing::{Destination, Policy};
use crate::runtime::Runtime;
use crate::webhooks::replay;
use helpscout_simulator::sign;
use helpscout_simulator::{Simulator, SimulatorOptions, credentials};
use native::NativeClient;
use pages::PageServer;
use serde_json::{Value, json};
use stats::{median, micros, round};
use std::time::Instant;

/// What to measure.
pub struct BenchPlan {
    pub samples: usize,
    /// Conversation counts for the sync scaling.
    pub syncs: Vec<usize>,
    /// The sync size at which the peers run too.
    pub peers_at: usize,
    /// `bench/peers/run.sh` to compare against, if present.
    pub peers_script: Option<std::path::PathBuf>,
}

/// Runs every measure; the report as JSON.
pub async fn run(component: &[u8], plan: &BenchPlan) -> anyhow::Result<Value> {
    anyhow::ensure!(
        plan.samples >= 1 && plan.peers_at >= 1 && plan.syncs.iter().all(|&n| n >= 1),
        "--samples, --syncs and --peers-at take counts of at least 1"
    );
    let mut report = serde_json::Map::new();
    report.insert("machine".into(), machine());
    report.insert(
        "date".into(),
        json!(helpscout_simulator::time::format(
            helpscout_simulator::time::now()
        )),
    );
    report.insert("componentBytes".into(), json!(component.len()));
    report.insert(
        "componentKiB".into(),
        json!(round(component.len() as f64 / 1024.0, 1)),
    );
    report.insert(
        "instantiate".into(),
        instantiate(component, plan.samples).await?,
    );
    report.insert(
        "getConversation".into(),
        get_conversation(component, plan.samples).await?,
    );
    report.insert("webhooks".into(), webhooks(component, plan.samples).await?);
    report.insert("describe".into(), describe(component, plan.samples).await?);
    report.insert(
        "coldStart".into(),
        cold_start(component, plan.samples).await?,
    );
    report.insert(
        "syncConstantCost".into(),
        constant_cost_sync(component, plan).await?,
    );
    report.insert("syncSimulator".into(), syncs(component, plan).await?);
    report.insert("load".into(), load_in_own_process().await);
    Ok(Value::Object(report))
}

/// The machine the figures come from: CPUs, their model, memory.
fn machine() -> Value {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .map(|m| m.trim_start_matches([' ', '\t', ':']).to_string());
    let memory_kib = std::fs::read_to_string("/proc/meminfo")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok());
    json!({
        "cpus": std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0),
        "cpuModel": model,
        "memoryGiB": memory_kib.map(|k| round(k as f64 / 1024.0 / 1024.0, 1)),
        "os": std::env::consts::OS,
        "arch": std::env::consts::ARCH,
    })
}

/// Cold start of the component against the simulator (see `cold`).
async fn cold_start(component: &[u8], samples: usize) -> anyhow::Result<Value> {
    let sim = simulator(None).await?;
    let policy = Policy::new([Destination::from_url(sim.url())?]);
    let report = cold::run(component, &policy, &connection(&sim), samples.min(100)).await;
    sim.shutdown().await;
    report
}

/// A 10,000-conversation sync (`find-conversations`, every page) from the constant-cost page
/// server: the component vs a native Rust client doing the same walk, and vs the Python peer;
/// then the first 250 pages at Help Scout's pace (`paced`).
async fn constant_cost_sync(component: &[u8], plan: &BenchPlan) -> anyhow::Result<Value> {
    let n = plan.peers_at;
    let sim = simulator(Some(n)).await?;
    let pages = NativeClient::new(sim.url(), credentials::ACCESS_TOKEN)
        .conversation_pages()
        .await?;
    let rendered_at = sim.url().to_string();
    let server = PageServer::start(pages.clone(), &rendered_at).await?;
    sim.shutdown().await;
    let (runtime, conn) = page_server_client(component, &server, 8)?;
    let input = json!({"status": "all", "limit": n}).to_string();
    // The component's output is checked once, outside the timed runs (parsing 10,000 items in
    // the host is not the connector's cost; the native client keeps its items as raw text too).
    let invoke = || async {
        runtime
            .invoke(&conn, "find-conversations", &input)
            .await?
            .map_err(|e| failure(&e))
    };
    let output: Value = serde_json::from_str(&invoke().await?.output_json)?;
    let fetched = output["items"].as_array().map_or(0, Vec::len);
    anyhow::ensure!(fetched == n, "the component fetched {fetched} of {n}");
    let component_run = || async { invoke().await.map(|_| ()) };
    let native = NativeClient::new(server.url(), "bench-token");
    let native_run = || async {
        let fetched = native.sync_conversations().await?;
        anyhow::ensure!(fetched == n, "the native client fetched {fetched} of {n}");
        Ok(())
    };
    native_run().await?;
    let component_seconds = median(5, component_run).await?.as_secs_f64();
    let native_seconds = median(5, native_run).await?.as_secs_f64();
    let mut report = json!({
        "conversations": n,
        "pages": n.div_ceil(25),
        "componentSeconds": round(component_seconds, 4),
        "nativeSeconds": round(native_seconds, 4),
        "componentOverNative": round(component_seconds / native_seconds, 2),
        "goalComponentOverNative": 1.5,
    });
    if let Some(script) = &plan.peers_script {
        let peers = peers(
            script,
            server.url(),
            n,
            component_seconds,
            "python-helpscout-v2",
        )
        .await;
        report["goalComponentOverPython"] = json!(0.1);
        report["peers"] = peers;
    }
    report["atHelpScoutPace"] = paced::walk(component, pages, &rendered_at).await?;
    Ok(report)
}

/// A pooled runtime of `instances` allowed to reach `server` only, and the connection to it.
fn page_server_client(
    component: &[u8],
    server: &PageServer,
    instances: u32,
) -> anyhow::Result<(Runtime, Connection)> {
    let runtime = Runtime::pooled(
        component,
        Policy::new([Destination::from_url(server.url())?]),
        instances,
    )?;
    let conn = Connection {
        base_url: server.url().to_string(),
        credentials: Credentials::AccessToken("bench-token".into()),
        retry: None,
    };
    Ok((runtime, conn))
}

/// 1,000 concurrent invocations, in a process of their own so its peak RSS is theirs alone.
async fn load_in_own_process() -> Value {
    let Ok(exe) = std::env::current_exe() else {
        return json!({"error": "cannot find this executable"});
    };
    let output = tokio::process::Command::new(exe)
        .args(["load", "--invocations", "1000", "--concurrency", "1000"])
        .output()
        .await;
    match output {
        Ok(out) => serde_json::from_slice::<Value>(&out.stdout)
            .map(|mut v| {
                v["goalPeakRssMiB"] = json!(512);
                v
            })
            .unwrap_or_else(|_| json!({"error": String::from_utf8_lossy(&out.stderr).to_string()})),
        Err(e) => json!({"error": e.to_string()}),
    }
}

/// Median time to create a store and instantiate, on-demand and pooled.
async fn instantiate(component: &[u8], samples: usize) -> anyhow::Result<Value> {
    let on_demand = Runtime::new(component, Policy::new([]))?;
    let pooled = Runtime::pooled(component, Policy::new([]), 1100)?;
    let warm = samples.min(50);
    median(warm, || pooled.instantiate_only()).await?;
    let pooled_median = median(samples * 4, || pooled.instantiate_only()).await?;
    let on_demand_median = median(samples * 4, || on_demand.instantiate_only()).await?;
    let same_world = floor::same_world(component)?;
    let minimal = Runtime::pooled(&same_world, Policy::new([]), 1100)?;
    median(warm, || minimal.instantiate_only()).await?;
    let minimal_median = median(samples * 4, || minimal.instantiate_only()).await?;
    let empty = pooled.floor()?;
    median(warm, || empty.instantiate()).await?;
    let empty_median = median(samples * 4, || empty.instantiate()).await?;
    // Both untyped (no interface loaded), so that only the imports differ between them.
    let all_imports = pooled.floor_of(&same_world)?;
    let no_cli = pooled.floor_of(&floor::without_cli(component)?)?;
    median(warm, || all_imports.instantiate()).await?;
    let all_imports_median = median(samples * 4, || all_imports.instantiate()).await?;
    median(warm, || no_cli.instantiate()).await?;
    let no_cli_median = median(samples * 4, || no_cli.instantiate()).await?;
    let ratio =
        |floor: std::time::Duration| round(pooled_median.as_secs_f64() / floor.as_secs_f64(), 2);
    Ok(json!({"pooledMedianMicros": micros(pooled_median),
              "onDemandMedianMicros": micros(on_demand_median),
              "sameWorldMinimalMedianMicros": micros(minimal_median),
              "ratioToSameWorldMinimal": ratio(minimal_median), "goalRatio": 1.5,
              "sameWorldUntypedMedianMicros": micros(all_imports_median),
              "sameWorldWithoutCliImportsMedianMicros": micros(no_cli_median),
              "emptyComponentMedianMicros": micros(empty_median),
              "ratioToEmptyComponent": ratio(empty_median)}))
}

async fn simulator(conversations: Option<usize>) -> anyhow::Result<Simulator> {
    let mut options = SimulatorOptions {
        rate_limit_per_minute: u32::MAX,
        ..SimulatorOptions::default()
    };
    if let Some(n) = conversations {
        options.conversations = n;
    }
    Simulator::start(options).await
}

fn connection(sim: &Simulator) -> Connection {
    Connection {
        base_url: sim.url().to_string(),
        credentials: Credentials::AccessToken(credentials::ACCESS_TOKEN.into()),
        retry: None,
    }
}

/// One get-conversation through the component vs the native client, interleaved.
async fn get_conversation(component: &[u8], samples: usize) -> anyhow::Result<Value> {
    let sim = simulator(None).await?;
    let runtime = Runtime::pooled(
        component,
        Policy::new([Destination::from_url(sim.url())?]),
        64,
    )?;
    let conn = connection(&sim);
    let native = NativeClient::new(sim.url(), credentials::ACCESS_TOKEN);
    let input = r#"{"id": 5000001}"#;
    for _ in 0..20 {
        runtime.invoke(&conn, "get-conversation", input).await??;
        native.get_conversation(5000001).await?;
    }
    let component_median = median(samples, || async {
        runtime
            .invoke(&conn, "get-conversation", input)
            .await?
            .map(|_| ())
            .map_err(|e| failure(&e))
    })
    .await?;
    let native_median = median(samples, || async {
        native.get_conversation(5000001).await.map(|_| ())
    })
    .await?;
    let ratio = component_median.as_secs_f64() / native_median.as_secs_f64();
    sim.shutdown().await;
    Ok(
        json!({"componentMedianMicros": micros(component_median), "nativeMedianMicros": micros(native_median),
              "ratio": round(ratio, 2), "goalRatio": 1.2}),
    )
}

/// `catalog.describe` (what a platform reads when it loads the connector: every entry with its
/// schemas and sample), a fresh pooled instance each.
async fn describe(component: &[u8], samples: usize) -> anyhow::Result<Value> {
    let runtime = Runtime::pooled(component, Policy::new([]), 64)?;
    let entries = runtime.describe().await?.len();
    let n = samples.clamp(20, 100);
    median(n / 5, || async { runtime.describe().await.map(|_| ()) }).await?;
    let took = median(n, || async { runtime.describe().await.map(|_| ()) }).await?;
    Ok(json!({"entries": entries, "medianMicros": micros(took)}))
}

/// Signed webhook verify + parse through a fresh instance each, sequentially on one task.
async fn webhooks(component: &[u8], samples: usize) -> anyhow::Result<Value> {
    let runtime = Runtime::pooled(component, Policy::new([]), 64)?;
    let mut results = Vec::new();
    for kib in [1usize, 4, 64] {
        let body = webhook_body(kib * 1024);
        let secret = "bench webhook secret";
        let signature = sign(&body, secret);
        let n = (samples * 20).max(200);
        let started = Instant::now();
        for _ in 0..n {
            let verified =
                replay(&runtime, &body, "convo.created", secret, Some(&signature)).await?;
            verified.map_err(|e| failure(&e))?;
        }
        let per_second = n as f64 / started.elapsed().as_secs_f64();
        let started = Instant::now();
        for _ in 0..n {
            std::hint::black_box(native::verify_and_parse(&body, secret, &signature)?);
        }
        let native_per_second = n as f64 / started.elapsed().as_secs_f64();
        let ratio = per_second / native_per_second;
        results.push(json!({"bodyKiB": kib, "perSecond": per_second.round(),
            "nativePerSecond": native_per_second.round(), "ratioToNative": round(ratio, 3),
            "goalRatioToNative": if kib == 4 { json!(0.5) } else { Value::Null }}));
    }
    Ok(Value::Array(results))
}

/// A conversation-shaped JSON body of about `bytes` bytes.
fn webhook_body(bytes: usize) -> Vec<u8> {
    let mut body = json!({"id": 5000001, "number": 1001, "threads": 2, "type": "email", "status": "active",
        "state": "published", "subject": "Benchmark", "mailboxId": 1001, "preview": "",
        "primaryCustomer": {"id": 7000001, "type": "customer", "email": "olivia.smith@example.com"},
        "tags": [{"id": 9001, "color": "#929499", "tag": "vip"}], "customFields": [], "cc": [], "bcc": []});
    let base = body.to_string().len();
    body["preview"] = json!("x".repeat(bytes.saturating_sub(base)));
    body.to_string().into_bytes()
}

/// Full syncs (`find-conversations` over every page) at each size, and the peers at the largest.
async fn syncs(component: &[u8], plan: &BenchPlan) -> anyhow::Result<Value> {
    let mut results = Vec::new();
    for &n in &plan.syncs {
        let sim = simulator(Some(n)).await?;
        let runtime = Runtime::pooled(
            component,
            Policy::new([Destination::from_url(sim.url())?]),
            8,
        )?;
        let input = json!({"status": "all", "limit": n}).to_string();
        let started = Instant::now();
        let invocation = runtime
            .invoke(&connection(&sim), "find-conversations", &input)
            .await?;
        let seconds = started.elapsed().as_secs_f64();
        let output: Value =
            serde_json::from_str(&invocation.map_err(|e| failure(&e))?.output_json)?;
        let fetched = output["items"].as_array().map_or(0, Vec::len);
        anyhow::ensure!(fetched == n, "the sync fetched {fetched} of {n}");
        let mut entry = json!({"conversations": n, "componentSeconds": round(seconds, 3),
            "note": "against the simulator, which filters and sorts every conversation per page: measures the simulator too"});
        if n == plan.peers_at
            && let Some(script) = &plan.peers_script
        {
            entry["peers"] = peers(script, sim.url(), n, seconds, "python-helpscout-v2").await;
        }
        results.push(entry);
        sim.shutdown().await;
    }
    Ok(Value::Array(results))
}

/// Runs the peer script against the simulator; each peer's time and the component's ratio to it.
/// `only` names the peers to run (all when empty).
async fn peers(
    script: &std::path::Path,
    url: &str,
    n: usize,
    component_seconds: f64,
    only: &str,
) -> Value {
    let mut command = tokio::process::Command::new("bash");
    command.arg(script).arg(url).arg(n.to_string());
    if !only.is_empty() {
        command.env("PEERS", only);
    }
    let output = command.output().await;
    let Ok(output) = output else {
        return json!({"error": "the peer script did not start"});
    };
    let lines = String::from_utf8_lossy(&output.stdout);
    let list: Vec<Value> = lines
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .map(|mut peer| {
            if let Some(seconds) = peer["seconds"].as_f64().filter(|s| *s > 0.0) {
                peer["componentRatio"] = json!(round(component_seconds / seconds, 3));
            }
            peer
        })
        .collect();
    Value::Array(list)
}
