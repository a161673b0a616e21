//! The `host-test` CLI (contract §3): `actions`, `run`, `options`, `replay`, `demo`,
//! `simulator`, `mcp`, and the host's own `listen`, `load`, `bench`, `soak`, `component`.

use clap::{Args, Parser, Subcommand};
use helpscout_simulator::Fault;
use host_test::cli_args::ApiOptions;
use host_test::commands::{self, CallArgs};
use host_test::demo::demo;
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "host-test",
    version,
    about = "Run the Help Scout connector component in wasmtime"
)]
struct Cli {
    /// Load this component file instead of the embedded build.
    #[arg(long, global = true, value_name = "FILE")]
    component: Option<PathBuf>,
    /// Indent the JSON on stdout (it is indented on a terminal anyway).
    #[arg(long, global = true)]
    pretty: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// List every action and trigger with its JSON Schemas, sample output and fields with
    /// choices; or only the one named.
    #[command(
        after_help = "Examples:\n  host-test actions\n  host-test actions find-conversations --pretty\n  host-test actions | jq '.[].name'"
    )]
    Actions {
        /// Only this entry (exit 2 when there is none).
        name: Option<String>,
    },
    /// Run one action through the component.
    #[command(
        after_help = "Examples:\n  host-test run list-mailboxes\n  echo '{\"id\": 5000001}' | host-test run get-conversation --input -\n  host-test run find-conversations --input q.json --api https://api.helpscout.net --token $TOKEN"
    )]
    Run {
        /// Action name, e.g. find-conversations.
        action: String,
        #[command(flatten)]
        call: CallOptions,
    },
    /// The choices a form offers for one input field (mailboxes, users, tags, statuses, a
    /// mailbox's folders and custom fields), computed by the component.
    #[command(
        after_help = "Examples:\n  host-test options create-conversation mailboxId\n  echo '{\"mailboxId\": 1}' | host-test options update-conversation customFields --input -"
    )]
    Options {
        /// Action name, e.g. create-conversation.
        action: String,
        /// Input field, e.g. mailboxId, assignTo, tags, status, folder, customFields.
        field: String,
        #[command(flatten)]
        call: CallOptions,
    },
    /// Serve the component to AI agents as a Model Context Protocol server on stdin/stdout:
    /// one tool per action and trigger, plus `options`. Read-only unless --allow-writes.
    #[command(
        after_help = "Examples:\n  host-test mcp                                  # against the embedded simulator\n  HELPSCOUT_ACCESS_TOKEN=... host-test mcp --api https://api.helpscout.net\n  host-test mcp --api https://api.helpscout.net --client-id ID --client-secret SECRET --allow-writes"
    )]
    Mcp {
        #[command(flatten)]
        api: ApiOptions,
        /// Let tools that write to Help Scout run (create, update, reply, subscribe, …).
        #[arg(long)]
        allow_writes: bool,
    },
    /// Deliver a webhook body to the component exactly as Help Scout would.
    #[command(
        after_help = "Example:\n  host-test replay body.json --event convo.created --secret \"$SECRET\""
    )]
    Replay {
        /// File holding the raw body bytes.
        body_file: String,
        /// X-HelpScout-Event, e.g. convo.created.
        #[arg(long)]
        event: String,
        /// The webhook secret.
        #[arg(long, env = "HELPSCOUT_WEBHOOK_SECRET", hide_env_values = true)]
        secret: String,
        /// X-HelpScout-Signature to send (default: computed from the body and secret).
        #[arg(long)]
        signature: Option<String>,
    },
    /// Receive Help Scout webhooks on 127.0.0.1 and verify each through the component.
    #[command(
        after_help = "Answers 200 for a verified delivery (also of an event the connector does not know yet),\n401 for a bad signature, 400 for a malformed one; prints each verified event as one JSON line.\nDuring a secret rotation give --secret twice, the new one first.\n\nExample:\n  HELPSCOUT_WEBHOOK_SECRET=... host-test listen --port 8080 --max-events 10"
    )]
    Listen {
        /// The webhook secret (repeatable, newest first: during a rotation the previous one still verifies).
        #[arg(
            long,
            env = "HELPSCOUT_WEBHOOK_SECRET",
            hide_env_values = true,
            required = true,
            value_delimiter = ','
        )]
        secret: Vec<String>,
        /// Port (0: any free port).
        #[arg(long, default_value_t = 0)]
        port: u16,
        /// Stop after this many verified events.
        #[arg(long)]
        max_events: Option<usize>,
    },
    /// Run many concurrent invocations through one host against the simulator; report errors,
    /// time and peak memory.
    #[command(
        after_help = "Examples:\n  host-test load\n  host-test load --invocations 5000 --concurrency 200 --action list-mailboxes --input '{}'"
    )]
    Load {
        /// Invocations in all.
        #[arg(long, default_value_t = 1000)]
        invocations: usize,
        /// Invocations in flight at once.
        #[arg(long, default_value_t = 1000)]
        concurrency: usize,
        /// The action each invocation runs.
        #[arg(long, default_value = "get-conversation")]
        action: String,
        /// Its input JSON.
        #[arg(long, default_value = r#"{"id": 5000001}"#)]
        input: String,
    },
    /// Measure the figures of BENCHMARKS.md (size, cold start per compiler setting,
    /// instantiation, get-conversation vs a native client, webhook throughput, a sync on a
    /// constant-cost page server vs a native client and a peer and at Help Scout's pace (100 ms
    /// a page, 200 a minute), syncs against the simulator, memory under load), with the machine
    /// and the date; JSON on stdout.
    #[command(
        after_help = "Example (the bench profile, fully optimised, writes target/release like --release; --features winch adds Winch):\n  cargo build --profile bench -p host-test --features winch\n  target/release/host-test bench --syncs 1000,10000,50000 --peers bench/peers/run.sh"
    )]
    Bench {
        /// Samples per median.
        #[arg(long, default_value_t = 300)]
        samples: usize,
        /// Conversation counts to sync (comma-separated).
        #[arg(long, value_delimiter = ',', default_value = "1000,10000,50000")]
        syncs: Vec<usize>,
        /// The sync size at which the peers run too.
        #[arg(long, default_value_t = 10000)]
        peers_at: usize,
        /// Script that runs peer clients against the simulator (bench/peers/run.sh).
        #[arg(long, value_name = "SCRIPT")]
        peers: Option<std::path::PathBuf>,
    },
    /// Run every action and flow against the embedded simulator and print a report.
    #[command(after_help = "Example:\n  cargo run --release -p host-test -- demo")]
    Demo,
    /// Write the embedded component, with its registry metadata, to a file (what
    /// scripts/publish pushes); prints its size and SHA-256.
    #[command(after_help = "Example:\n  host-test component --out dist/helpscout-connector.wasm")]
    Component {
        /// Where to write the .wasm file.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// The model-based soak: seeded random account activity with faults against the embedded
    /// simulator, every trigger consumed by polls and by signed webhooks, every event checked
    /// against a model of the account (lost, duplicated, merged, writes applied twice).
    #[command(
        after_help = "Examples:\n  host-test soak --minutes 10\n  host-test soak --steps 300 --seed 42"
    )]
    Soak {
        /// Run this long (default: 1 minute).
        #[arg(long, conflicts_with = "steps")]
        minutes: Option<u64>,
        /// Run this many steps instead.
        #[arg(long)]
        steps: Option<usize>,
        /// The seed of the run (default: from the clock); the report names it.
        #[arg(long)]
        seed: Option<u64>,
    },
    /// Serve the embedded Help Scout simulator on 127.0.0.1 until interrupted.
    #[command(
        after_help = "Examples:\n  host-test simulator --port 8080\n  host-test run list-mailboxes --api http://127.0.0.1:8080 --token demo-access-token"
    )]
    Simulator {
        /// Port (0: any free port).
        #[arg(long, default_value_t = 0)]
        port: u16,
        /// Conversations to seed (the first 150 are always the same demo data).
        #[arg(long, default_value_t = 150)]
        conversations: usize,
    },
}

/// Where a call goes, with what credentials, and how it reports (`run`, `options`).
#[derive(Args)]
struct CallOptions {
    /// Input JSON file, or - for stdin (default: {}).
    #[arg(long, value_name = "FILE")]
    input: Option<String>,
    #[command(flatten)]
    api: ApiOptions,
    /// Inject a fault into the embedded simulator (repeatable), e.g. 429=5:GET:/v2/conversations:1,
    /// 503:/v2/mailboxes:2, reset-after:POST:/v2/conversations:1, delay=1500:/v2/customers.
    #[arg(long, value_name = "SPEC")]
    fault: Vec<Fault>,
    /// Print the call's meta (requests, rate-limit budget, waits, a minted token's lifetime) to
    /// stderr as {"meta": {...}}.
    #[arg(long)]
    meta: bool,
}

impl CallOptions {
    fn args(&self) -> CallArgs<'_> {
        CallArgs {
            input: self.input.as_deref(),
            api: self.api.api.as_deref(),
            credentials: self.api.given(),
            faults: self.fault.clone(),
            meta: self.meta,
        }
    }
}

fn main() {
    let cli = Cli::parse();
    host_test::output::set_pretty(cli.pretty);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("{{\"error\":\"host\",\"message\":\"cannot start tokio: {e}\"}}");
            std::process::exit(1);
        }
    };
    let component = cli.component.as_deref();
    let code = runtime.block_on(async {
        match &cli.command {
            Command::Actions { name } => commands::actions(component, name.as_deref()).await,
            Command::Run { action, call } => commands::run(component, action, call.args()).await,
            Command::Options {
                action,
                field,
                call,
            } => commands::options(component, action, field, call.args()).await,
            Command::Mcp { api, allow_writes } => {
                host_test::mcp::serve(component, api.api.as_deref(), &api.given(), *allow_writes)
                    .await
            }
            Command::Replay {
                body_file,
                event,
                secret,
                signature,
            } => commands::replay(component, body_file, event, secret, signature.as_deref()).await,
            Command::Listen {
                secret,
                port,
                max_events,
            } => commands::listen(component, secret.clone(), *port, *max_events).await,
            Command::Load {
                invocations,
                concurrency,
                action,
                input,
            } => {
                let plan = host_test::load::LoadPlan {
                    invocations: *invocations,
                    concurrency: *concurrency,
                    action: action.clone(),
                    input: input.clone(),
                };
                commands::load(component, &plan).await
            }
            Command::Bench {
                samples,
                syncs,
                peers_at,
                peers,
            } => {
                let plan = host_test::bench::BenchPlan {
                    samples: *samples,
                    syncs: syncs.clone(),
                    peers_at: *peers_at,
                    peers_script: peers.clone(),
                };
                commands::bench(component, &plan).await
            }
            Command::Soak {
                minutes,
                steps,
                seed,
            } => {
                let length = match (steps, minutes) {
                    (Some(n), _) => host_test::soak::Length::Steps(*n),
                    (None, m) => host_test::soak::Length::Minutes(m.unwrap_or(1)),
                };
                let seed = seed.unwrap_or_else(|| {
                    std::time::SystemTime::now()
                        .duration_since(std::time::UNIX_EPOCH)
                        .map_or(1, |d| d.as_secs())
                });
                let options = host_test::soak::Options {
                    seed,
                    length,
                    progress: true,
                    component: None,
                };
                commands::soak(component, options).await
            }
            Command::Demo => demo(component).await,
            Command::Component { out } => commands::write_component(component, out),
            Command::Simulator {
                port,
                conversations,
            } => commands::simulator(*port, *conversations).await,
        }
    });
    std::process::exit(code);
}
