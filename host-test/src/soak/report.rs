//! What a soak found: the figures of the run and every discrepancy between the model and what
//! the triggers reported (lost, duplicated, merged) or what Help Scout holds (writes applied
//! twice or lost, a status other than the model's).

use super::activity::Activity;
use super::consumers::{Poller, WebhookSink};
use super::model::{Change, Model};
use super::{POLLS_MERGE, TRIGGERS, WEBHOOK_ONLY};
use serde::Serialize;
use serde_json::json;
use std::collections::BTreeMap;
use std::time::Duration;

/// The run's figures, for the report.
pub struct Run {
    pub seed: u64,
    pub steps: usize,
    pub skews: usize,
    pub elapsed: Duration,
}

/// A soak's outcome: figures and problems (none when every check held).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub seed: u64,
    pub steps: usize,
    pub seconds: f64,
    /// Changes the model expects to be reported, per trigger.
    pub changes: BTreeMap<String, usize>,
    /// Events reported, per trigger and way (`poll` / `webhook`).
    pub events: BTreeMap<String, usize>,
    pub polls: usize,
    pub webhook_deliveries: usize,
    pub faults_injected: usize,
    pub faults_hit: BTreeMap<String, usize>,
    pub redeliveries: usize,
    pub clock_skews: usize,
    pub lost: usize,
    pub duplicated: usize,
    pub merged: usize,
    /// Changes Help Scout delivered with the bytes of an earlier delivery (no receiver can tell
    /// them from a redelivery: one event), per trigger; not a problem.
    pub indistinguishable: BTreeMap<String, usize>,
    pub applied_twice: usize,
    pub problems: Vec<String>,
}

impl Report {
    pub fn passed(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Compares the model with both consumers and with Help Scout's state.
pub async fn check(
    act: &Activity<'_>,
    model: &Model,
    poller: &Poller,
    sink: &WebhookSink,
    run: Run,
) -> anyhow::Result<Report> {
    let mut report = Report {
        seed: run.seed,
        steps: run.steps,
        seconds: run.elapsed.as_secs_f64(),
        changes: BTreeMap::new(),
        events: BTreeMap::new(),
        polls: poller.polls,
        webhook_deliveries: sink.deliveries,
        faults_injected: act.faults_set,
        faults_hit: faults_hit(act),
        redeliveries: sink.redelivered,
        clock_skews: run.skews,
        lost: 0,
        duplicated: poller.repeated,
        merged: 0,
        indistinguishable: sink
            .twins
            .iter()
            .map(|(t, n)| (t.to_string(), *n))
            .collect(),
        applied_twice: 0,
        problems: Vec::new(),
    };
    if poller.repeated > 0 {
        report.problems.push(format!(
            "{} polled events were reported again",
            poller.repeated
        ));
    }
    if sink.redelivered_same_id != sink.redelivered {
        let changed = sink.redelivered - sink.redelivered_same_id;
        report.duplicated += changed;
        report
            .problems
            .push(format!("{changed} redeliveries got another eventId"));
    }
    if sink.refused > 0 {
        report
            .problems
            .push(format!("{} deliveries were refused", sink.refused));
    }
    for trigger in TRIGGERS {
        let expected = model.expected_of(trigger);
        report.changes.insert(trigger.to_string(), expected.len());
        for (way, events) in [("poll", &poller.events), ("webhook", &sink.events)] {
            if way == "poll" && WEBHOOK_ONLY.contains(&trigger) {
                continue;
            }
            let got: Vec<Change> = events
                .values()
                .filter(|c| c.trigger == trigger)
                .cloned()
                .collect();
            report.events.insert(format!("{trigger}/{way}"), got.len());
            if way == "poll" && POLLS_MERGE.contains(&trigger) {
                let seen = observable(act, &expected).await?;
                compare_merging(&mut report, trigger, &seen, &got);
            } else {
                let twins = match way {
                    "webhook" => sink.twins.get(trigger).copied().unwrap_or(0),
                    _ => 0,
                };
                compare(&mut report, (trigger, way, twins), &expected, got);
            }
        }
    }
    state(act, model, &mut report).await?;
    Ok(report)
}

/// Expected and reported changes of one trigger and way, as multisets; `twins` changes of it came
/// as the bytes of an earlier delivery, so as many fewer events are expected (each must have
/// been a change of an object that has its event).
fn compare(
    report: &mut Report,
    (trigger, way, twins): (&str, &str, usize),
    expected: &[Change],
    got: Vec<Change>,
) {
    let mut left: BTreeMap<&Change, i64> = BTreeMap::new();
    for change in expected {
        *left.entry(change).or_default() += 1;
    }
    let mut extra = Vec::new();
    for change in &got {
        match left.get_mut(change) {
            Some(n) if *n > 0 => *n -= 1,
            _ => extra.push(change.clone()),
        }
    }
    let missing: Vec<&&Change> = left
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(c, _)| c)
        .collect();
    let merged = missing
        .iter()
        .filter(|c| got.iter().any(|g| g.object == c.object))
        .count();
    let all_twins = missing.len() == twins && merged == twins;
    if !missing.is_empty() && !all_twins {
        // Fewer events than changes of one object: two changes under one eventId (merged).
        report.merged += merged;
        report.lost += missing.len() - merged;
        report.problems.push(format!(
            "{trigger} by {way}: {} changes not reported, e.g. {:?}",
            missing.len(),
            missing.first()
        ));
    }
    if !extra.is_empty() {
        report.duplicated += extra.len();
        report.problems.push(format!(
            "{trigger} by {way}: {} events of no change, e.g. {:?}",
            extra.len(),
            extra.first()
        ));
    }
}

/// The customer changes a poll can see at all: a customer whose `updatedAt` still equals its
/// `createdAt` was changed in the second it was made, which Help Scout's second-precision times
/// cannot tell from no change (the trigger's description says so; its webhook reports it).
async fn observable(act: &Activity<'_>, expected: &[Change]) -> anyhow::Result<Vec<Change>> {
    let mut seen = Vec::new();
    for change in expected {
        let input = json!({"id": change.object}).to_string();
        let customer = match act
            .runtime
            .invoke(&act.conn, "get-customer", &input)
            .await?
        {
            Ok(out) => serde_json::from_str::<serde_json::Value>(&out.output_json)?,
            Err(_) => continue,
        };
        if customer["updatedAt"] != customer["createdAt"] {
            seen.push(change.clone());
        }
    }
    Ok(seen)
}

/// A trigger whose polls see the latest state only: every changed object reported at least
/// once and at most once per change, no object reported that did not change.
fn compare_merging(report: &mut Report, trigger: &str, expected: &[Change], got: &[Change]) {
    let count = |list: &[Change]| {
        let mut per: BTreeMap<u64, usize> = BTreeMap::new();
        for c in list {
            *per.entry(c.object).or_default() += 1;
        }
        per
    };
    let (want, have) = (count(expected), count(got));
    let missing = want.keys().filter(|o| !have.contains_key(o)).count();
    let extra: usize = have
        .iter()
        .map(|(o, n)| n.saturating_sub(want.get(o).copied().unwrap_or(0)))
        .sum();
    if missing > 0 {
        report.lost += missing;
        report.problems.push(format!(
            "{trigger} by poll: {missing} changed objects never reported"
        ));
    }
    if extra > 0 {
        report.duplicated += extra;
        report.problems.push(format!(
            "{trigger} by poll: {extra} events more than changes"
        ));
    }
}

/// Help Scout's state against the model: each conversation's status and the run's threads in
/// it (each exactly once), each created conversation and customer exactly once.
async fn state(act: &Activity<'_>, model: &Model, report: &mut Report) -> anyhow::Result<()> {
    for (id, expected) in &model.conversations {
        let seen = act.look_at(*id).await?;
        if (&seen.status, seen.assignee) != (&expected.status, expected.assignee) {
            report.problems.push(format!(
                "conversation {id} is {} assigned to {:?}, the model says {} to {:?}",
                seen.status, seen.assignee, expected.status, expected.assignee
            ));
        }
        let (mut have, mut want) = (seen.tags.clone(), expected.tags.clone());
        have.sort();
        want.sort();
        if have != want {
            report.problems.push(format!(
                "conversation {id} has tags {have:?}, the model says {want:?}"
            ));
        }
        let threads = seen.threads;
        let ours: Vec<&String> = threads
            .iter()
            .filter(|t| t.starts_with(&act.prefix))
            .collect();
        for text in &expected.threads {
            match ours.iter().filter(|t| **t == text).count() {
                1 => {}
                0 => report
                    .problems
                    .push(format!("thread {text:?} of conversation {id} is missing")),
                n => {
                    report.applied_twice += n - 1;
                    report
                        .problems
                        .push(format!("thread {text:?} is in conversation {id} {n} times"));
                }
            }
        }
        let unknown = ours
            .iter()
            .filter(|t| !expected.threads.contains(t))
            .count();
        if unknown > 0 {
            report.problems.push(format!(
                "conversation {id} has {unknown} threads the model lacks"
            ));
        }
    }
    for subject in &model.created_subjects {
        let query = format!("(subject:\"{subject}\")");
        let found = act
            .runtime
            .invoke(
                &act.conn,
                "find-conversations",
                &json!({"status": "all", "query": query}).to_string(),
            )
            .await?;
        count_one(
            report,
            "conversation",
            subject,
            found.map(|o| o.output_json),
        );
    }
    for name in &model.created_names {
        let found = act
            .runtime
            .invoke(
                &act.conn,
                "find-customers",
                &json!({"firstName": name}).to_string(),
            )
            .await?;
        count_one(report, "customer", name, found.map(|o| o.output_json));
    }
    Ok(())
}

fn count_one<E: std::fmt::Debug>(
    report: &mut Report,
    what: &str,
    name: &str,
    found: Result<String, E>,
) {
    let items = found
        .ok()
        .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
        .and_then(|v| v["items"].as_array().map(Vec::len));
    match items {
        Some(1) => {}
        Some(0) => report.problems.push(format!("{what} {name:?} is missing")),
        Some(n) => {
            report.applied_twice += n - 1;
            report
                .problems
                .push(format!("{what} {name:?} exists {n} times"));
        }
        None => report
            .problems
            .push(format!("cannot look up {what} {name:?}")),
    }
}

/// The faults requests met, by kind (the simulator's log).
fn faults_hit(act: &Activity<'_>) -> BTreeMap<String, usize> {
    let mut hits = BTreeMap::new();
    for request in act.sim.requests() {
        if let Some(fault) = request.fault {
            *hits.entry(fault).or_default() += 1;
        }
    }
    hits
}
