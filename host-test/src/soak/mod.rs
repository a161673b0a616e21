//! The model-based soak: a seeded random run of account activity through the component against
//! the simulator (`activity.rs`), with faults on the way (429, 5xx, applied-then-500, resets,
//! duplicate and reordered webhook deliveries, the host's clock off by minutes, scans cut small),
//! while every trigger is consumed both ways (`consumers.rs`). A model of the account
//! (`model.rs`) says which events must exist; the report (`report.rs`) compares: every change
//! reported exactly once per trigger and way, with an `eventId` no other change has, a
//! redelivery keeping its id, no write applied twice, the simulator's state equal to the model's.
//! The seed in every message replays the run.

mod activity;
mod consumers;
mod model;
mod report;
mod rng;

pub use report::Report;

use crate::bindings::{Connection, Credentials};
use crate::outgoing::{Destination, Policy};
use crate::runtime::{EMBEDDED_COMPONENT, Runtime};
use activity::Activity;
use consumers::{Poller, WebhookSink};
use helpscout_simulator::{Simulator, SimulatorOptions, credentials};
use model::Model;
use rng::Rng;
use serde_json::json;
use std::time::{Duration, Instant};

/// The triggers the soak consumes: every one its activity fires; all by webhook, the
/// pollable ones (all but `tags-changed`) by polls too.
pub const TRIGGERS: [&str; 9] = [
    "new-conversation",
    "conversation-status-changed",
    "conversation-assigned",
    "customer-replied",
    "agent-replied",
    "note-added",
    "tags-changed",
    "new-customer",
    "customer-updated",
];

/// The triggers Help Scout's API cannot poll.
pub const WEBHOOK_ONLY: [&str; 1] = ["tags-changed"];

/// Triggers whose polls see the latest state only: two changes between two polls (or in one
/// second) are one event.
pub const POLLS_MERGE: [&str; 1] = ["customer-updated"];

fn polled() -> impl Iterator<Item = &'static str> {
    TRIGGERS.into_iter().filter(|t| !WEBHOOK_ONLY.contains(t))
}

/// How long a soak runs.
#[derive(Debug, Clone, Copy)]
pub enum Length {
    Steps(usize),
    Minutes(u64),
}

#[derive(Debug, Clone)]
pub struct Options {
    pub seed: u64,
    pub length: Length,
    /// A progress line on stderr every few seconds.
    pub progress: bool,
    /// The component to run (default: the embedded one).
    pub component: Option<Vec<u8>>,
}

/// Runs one soak; the report says what was checked and what, if anything, went wrong.
pub async fn run(options: &Options) -> anyhow::Result<Report> {
    let component = options.component.as_deref().unwrap_or(EMBEDDED_COMPONENT);
    let runtime = Runtime::new(component, Policy::new([]))?;
    let sim = Simulator::start(SimulatorOptions {
        rate_limit_per_minute: 1_000_000,
        ..SimulatorOptions::default()
    })
    .await?;
    runtime.policy().allow(Destination::from_url(sim.url())?);
    let conn = Connection {
        base_url: sim.url().to_string(),
        credentials: Credentials::AccessToken(credentials::ACCESS_TOKEN.into()),
        retry: None,
    };
    let mut rng = Rng::new(options.seed);
    let mut act = Activity {
        runtime: &runtime,
        sim: &sim,
        conn: conn.clone(),
        prefix: format!("soak{}", options.seed),
        counter: 0,
        faults_set: 0,
    };
    let mut model = Model {
        customers: (7_000_001..=7_000_060).collect(),
        ..Model::default()
    };
    for id in 5_000_001..=5_000_030 {
        let seen = act.look_at(id).await?;
        model.knows(id, &seen.status, seen.assignee, seen.tags);
    }
    let mut sink = WebhookSink::start().await?;
    let mut secrets = vec![subscribe(&act, &sink.url, None, false).await?];
    let mut poller = Poller::start(&runtime, &conn, polled()).await?;
    let started = Instant::now();
    let mut last_line = Instant::now();
    let mut steps = 0usize;
    let mut skews = 0usize;
    while !finished(options.length, steps, started) {
        steps += 1;
        match rng.below(100) {
            0..=11 => act.create_conversation(&mut model, &mut rng).await?,
            12..=18 => act.create_customer(&mut model, &mut rng).await?,
            19..=23 => act.update_customer(&mut model, &mut rng).await?,
            24..=43 => act.update_conversation(&mut model, &mut rng).await?,
            44..=69 => act.add_thread(&mut model, &mut rng).await?,
            70..=74 => act.read_with_fault(&model, &mut rng).await?,
            75..=76 => {
                let rotate = rng.chance(30);
                let secret = subscribe(&act, &sink.url, secrets.first(), rotate).await?;
                if secret != secrets[0] {
                    secrets.insert(0, secret);
                }
            }
            77..=78 => {
                skews += 1;
                let skew = *rng.pick(&[0, 600, -600, 3600, -90]);
                runtime.set_clock_skew(skew);
            }
            79..=94 => {
                let triggers: Vec<&'static str> = polled().collect();
                let trigger = *rng.pick(&triggers);
                act.fault_next_read(&mut rng, 20);
                poller.poll(&runtime, &conn, trigger, &mut rng).await?;
                act.clear_faults();
            }
            _ => sink.flush(&runtime, &secrets, &mut rng).await?,
        }
        if options.progress && last_line.elapsed() > Duration::from_secs(5) {
            last_line = Instant::now();
            eprintln!(
                "soak seed {}: {steps} steps, {} changes, {} polled and {} delivered events, {:.0} s",
                options.seed,
                model.expected.len(),
                poller.events.len(),
                sink.events.len(),
                started.elapsed().as_secs_f64()
            );
        }
    }
    runtime.set_clock_skew(0);
    settle(
        &runtime,
        &conn,
        &sim,
        &mut poller,
        &mut sink,
        &secrets,
        &mut rng,
    )
    .await?;
    let elapsed = started.elapsed();
    report::check(
        &act,
        &model,
        &poller,
        &sink,
        report::Run {
            seed: options.seed,
            steps,
            skews,
            elapsed,
        },
    )
    .await
}

fn finished(length: Length, steps: usize, started: Instant) -> bool {
    match length {
        Length::Steps(n) => steps >= n,
        Length::Minutes(m) => started.elapsed() >= Duration::from_secs(m * 60),
    }
}

/// Subscribes every trigger on the sink's URL (again: with the stored secret, or a new one).
async fn subscribe(
    act: &Activity<'_>,
    url: &str,
    stored: Option<&String>,
    rotate: bool,
) -> anyhow::Result<String> {
    let mut input = json!({"url": url, "events": TRIGGERS});
    if let Some(secret) = stored {
        input["secret"] = json!(secret);
    }
    if rotate {
        input["rotateSecret"] = json!(true);
    }
    let out = act
        .runtime
        .invoke(&act.conn, "subscribe-webhook", &input.to_string())
        .await?;
    match out {
        Ok(out) => {
            let out: serde_json::Value = serde_json::from_str(&out.output_json)?;
            Ok(out["secret"].as_str().unwrap_or("").to_string())
        }
        Err(e) => anyhow::bail!(
            "subscribe-webhook failed: {}",
            crate::error_json::failure(&e)
        ),
    }
}

/// Lets everything in flight arrive: the simulator's deliveries, then polls until every
/// trigger is quiet, then the last deliveries verified.
async fn settle(
    runtime: &Runtime,
    conn: &Connection,
    sim: &Simulator,
    poller: &mut Poller,
    sink: &mut WebhookSink,
    secrets: &[String],
    rng: &mut Rng,
) -> anyhow::Result<()> {
    let mut stable = 0;
    let mut last = usize::MAX;
    while stable < 3 {
        tokio::time::sleep(Duration::from_millis(300)).await;
        let done = sim.deliveries().len();
        stable = if done == last { stable + 1 } else { 0 };
        last = done;
    }
    for trigger in polled() {
        // Quiet twice in a row: the second poll's pass started after all activity ended.
        let (mut rounds, mut quiet) = (0, 0);
        while quiet < 2 {
            let busy = poller.poll(runtime, conn, trigger, rng).await?;
            quiet = if busy { 0 } else { quiet + 1 };
            rounds += 1;
            anyhow::ensure!(rounds < 10_000, "polls of {trigger} never settled");
        }
    }
    sink.flush(runtime, secrets, rng).await
}
