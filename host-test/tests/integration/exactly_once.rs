//! Every change reaches the workflow exactly once, through the real component: thread events of
//! one conversation tell apart, a scan cut at its bound loses no older change, Help Scout's
//! "modified after" loses nothing in the same second, a first poll takes Help Scout's time not
//! the host's, a backlog larger than one poll's budget is worked through, re-subscribing keeps
//! another consumer's webhook settings, a find continues on Help Scout's own link shapes, and
//! what may have been applied is never sent twice.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{Env, block_on};
use helpscout_simulator::{Fault, Simulator, SimulatorOptions, credentials, time};
use host_test::bindings::ConnectorError;
use host_test::listen::Listener;
use host_test::outgoing::{Destination, Policy};
use host_test::runtime::{EMBEDDED_COMPONENT, Grant, Runtime};
use serde_json::{Value, json};
use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

async fn poll(env: &Env, trigger: &str, input: Value) -> (Vec<Value>, Value) {
    let out = env.ok(trigger, &input.to_string()).await;
    (
        out["events"].as_array().unwrap().clone(),
        out["cursor"].clone(),
    )
}

/// Polls until the cursor is quiet twice in a row (no events, no pass in progress: the second
/// pass started after everything); every event, in order.
async fn drain(env: &Env, trigger: &str, cursor: &mut Value, extra: Value) -> Vec<Value> {
    let mut all = Vec::new();
    let mut quiet_polls = 0;
    for _ in 0..200 {
        let mut input = json!({"cursor": cursor.clone()});
        for (k, v) in extra.as_object().unwrap() {
            input[k] = v.clone();
        }
        let (events, next) = poll(env, trigger, input).await;
        let quiet = events.is_empty() && next.get("pass").is_none();
        all.extend(events);
        *cursor = next;
        quiet_polls = if quiet { quiet_polls + 1 } else { 0 };
        if quiet_polls == 2 {
            return all;
        }
    }
    panic!("the polls never settled");
}

fn event_ids(events: &[Value]) -> Vec<String> {
    events
        .iter()
        .map(|e| e["eventId"].as_str().unwrap().to_string())
        .collect()
}

fn assert_unique(ids: &[String]) {
    let distinct: HashSet<&String> = ids.iter().collect();
    assert_eq!(distinct.len(), ids.len(), "an eventId twice: {ids:?}");
}

#[test]
fn replies_and_notes_on_one_conversation_are_distinct_events() {
    block_on(async {
        let env = Env::start().await;
        let rt = Runtime::new(EMBEDDED_COMPONENT, Policy::new([])).unwrap();
        let mut listener = Listener::start(Arc::new(rt), vec!["x".into()], 0)
            .await
            .unwrap();
        let events = [
            "convo.customer.reply.created",
            "convo.note.created",
            "convo.agent.reply.created",
        ];
        let url = format!("{}/hooks", listener.url);
        let sub = env
            .ok(
                "subscribe-webhook",
                &json!({"url": url, "events": events}).to_string(),
            )
            .await;
        listener.set_secret(sub["secret"].as_str().unwrap());
        for (kind, text) in [
            ("customer", "First"),
            ("customer", "Second"),
            ("note", "A"),
            ("note", "B"),
            ("reply", "R1"),
            ("reply", "R2"),
        ] {
            let thread = json!({"conversationId": 5000003, "type": kind, "text": text});
            env.ok("create-thread", &thread.to_string()).await;
        }
        let mut ids = Vec::new();
        for _ in 0..6 {
            let event = tokio::time::timeout(Duration::from_secs(10), listener.next_event())
                .await
                .expect("a delivery within 10 s")
                .unwrap();
            assert_eq!(event["id"], 5000003);
            ids.push(event["eventId"].as_str().unwrap().to_string());
        }
        assert_unique(&ids);
    });
}

/// A's status changed early and A got a note later; B's changed in between. Read in
/// `modifiedAt` order, a poll cut after one conversation read B and moved past A's change.
#[test]
fn a_scan_cut_at_its_bound_loses_no_status_change() {
    block_on(async {
        let env = Env::start().await;
        let (_, mut cursor) = poll(&env, "conversation-status-changed", json!({})).await;
        let status = |id: u64, s: &str| json!({"id": id, "status": s}).to_string();
        env.ok("update-conversation", &status(5000004, "pending"))
            .await;
        tokio::time::sleep(Duration::from_millis(1100)).await;
        env.ok("update-conversation", &status(5000005, "pending"))
            .await;
        tokio::time::sleep(Duration::from_millis(1100)).await;
        let note = json!({"conversationId": 5000004, "type": "note", "text": "later"});
        env.ok("create-thread", &note.to_string()).await;
        let events = drain(
            &env,
            "conversation-status-changed",
            &mut cursor,
            json!({"scanLimit": 1}),
        )
        .await;
        let mut changed: Vec<u64> = events.iter().map(|e| e["id"].as_u64().unwrap()).collect();
        changed.sort_unstable();
        assert_eq!(changed, [5000004, 5000005], "{events:?}");
        assert_unique(&event_ids(&events));
    });
}

/// Help Scout's `modifiedSince` returns what was modified *after* the instant: a change in the
/// second the cursor stands on must still be found. Tried until two changes share a second.
#[test]
fn a_change_in_the_cursors_second_is_not_lost() {
    block_on(async {
        let env = Env::start().await;
        let (_, mut cursor) = poll(&env, "conversation-status-changed", json!({})).await;
        let mut same_second = 0;
        for round in 0..6u64 {
            let id = 5000020 + round;
            let first = json!({"id": id, "status": "closed"}).to_string();
            env.ok("update-conversation", &first).await;
            let (events, next) = poll(
                &env,
                "conversation-status-changed",
                json!({"cursor": cursor}),
            )
            .await;
            cursor = next;
            let again = json!({"id": id, "status": "active"}).to_string();
            env.ok("update-conversation", &again).await;
            let (later, next) = poll(
                &env,
                "conversation-status-changed",
                json!({"cursor": cursor}),
            )
            .await;
            cursor = next;
            let (earlier, late) = (events.len(), later.len());
            let mut all = events.clone();
            all.extend(later.clone());
            all.extend(drain(&env, "conversation-status-changed", &mut cursor, json!({})).await);
            assert_eq!(
                all.len(),
                2,
                "round {round}: {earlier} then {late}: {all:?}"
            );
            assert_unique(&event_ids(&all));
            let at = |e: &Value| {
                e["data"]["statusChange"]["at"]
                    .as_str()
                    .unwrap()
                    .to_string()
            };
            if at(&all[0]) == at(&all[1]) {
                same_second += 1;
            }
        }
        assert!(
            same_second > 0,
            "no two changes fell in one second; the test proved nothing"
        );
    });
}

/// The host's clock is ten minutes ahead of Help Scout's: a first poll that started at the
/// host's "now" would skip every change of those ten minutes.
#[test]
fn a_first_poll_starts_at_help_scouts_time_not_the_hosts() {
    block_on(async {
        let env = Env::start().await;
        let skewed = Runtime::new(EMBEDDED_COMPONENT, Policy::new([])).unwrap();
        skewed
            .policy()
            .allow(Destination::from_url(env.url()).unwrap());
        skewed.set_clock_skew(600);
        let run = async |name: &str, input: Value| {
            let out = skewed
                .invoke(&env.conn(), name, &input.to_string())
                .await
                .unwrap()
                .unwrap();
            serde_json::from_str::<Value>(&out.output_json).unwrap()
        };
        for trigger in [
            "new-conversation",
            "conversation-status-changed",
            "new-customer",
        ] {
            let first = run(trigger, json!({})).await;
            assert!(first["events"].as_array().unwrap().is_empty());
            let since = first["cursor"]["since"].as_str().unwrap().to_string();
            let behind = time::format(time::now() + 300);
            assert!(
                since < behind,
                "{trigger}: started at the host's clock: {since}"
            );
        }
        let cursor = run("new-customer", json!({})).await["cursor"].clone();
        let made = env
            .ok("create-customer", r#"{"firstName": "Skewed"}"#)
            .await;
        let found = run("new-customer", json!({"cursor": cursor})).await;
        let ids: Vec<&Value> = found["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| &e["id"])
            .collect();
        assert_eq!(ids, [&made["id"]]);
    });
}

/// Sixteen thousand conversations "modified since" the start, with their threads: more than one
/// call may parse (40 MiB), so a poll that read them all failed every time and its cursor never
/// moved. A poll reads its share and hands on a cursor; the backlog is worked through and every
/// change is reported once.
#[test]
fn a_backlog_larger_than_one_poll_is_worked_through() {
    block_on(async {
        let options = SimulatorOptions {
            conversations: 16_000,
            rate_limit_per_minute: 1_000_000,
            ..SimulatorOptions::default()
        };
        let sim = Simulator::start(options).await.unwrap();
        common::runtime()
            .policy()
            .allow(Destination::from_url(sim.url()).unwrap());
        let env = Env { sim };
        let mut changed = Vec::new();
        for id in [5_000_001, 5_004_000, 5_008_000, 5_012_000, 5_016_000] {
            let got = env
                .ok("get-conversation", &json!({"id": id}).to_string())
                .await;
            let to = if got["status"] == "spam" {
                "active"
            } else {
                "spam"
            };
            env.ok(
                "update-conversation",
                &json!({"id": id, "status": to}).to_string(),
            )
            .await;
            changed.push(id);
        }
        let mut cursor = Value::Null;
        let mut events = Vec::new();
        let mut polls = 0;
        loop {
            let input = match &cursor {
                Value::Null => json!({"since": "2000-01-01T00:00:00Z"}),
                c => json!({"cursor": c}),
            };
            let out = env
                .invoke("conversation-status-changed", &input.to_string())
                .await
                .unwrap_or_else(|e| panic!("poll {polls} failed: {e:?}"));
            polls += 1;
            let out: Value = serde_json::from_str(&out.output_json).unwrap();
            let batch = out["events"].as_array().unwrap();
            let done = batch.is_empty() && out["cursor"].get("pass").is_none();
            events.extend(batch.iter().cloned());
            cursor = out["cursor"].clone();
            if done || polls > 100 {
                break;
            }
        }
        assert!(polls > 3, "the backlog took {polls} polls");
        assert!(polls <= 100, "the polls never settled");
        assert_unique(&event_ids(&events));
        let mut reported: Vec<u64> = events.iter().map(|e| e["id"].as_u64().unwrap()).collect();
        reported.sort_unstable();
        assert_eq!(reported, changed);
    });
}

/// Another tool set the URL's webhook to notification mode; subscribing one more trigger on
/// the same URL keeps it (Update Webhook replaces the whole webhook).
#[test]
fn subscribing_keeps_another_consumers_webhook_settings() {
    block_on(async {
        let env = Env::start().await;
        let url = "https://hooks.example.com/helpscout";
        let other = json!({"url": url, "events": ["convo.created"], "secret": "theirs",
                           "notification": true, "payloadVersion": "V3"});
        let client = reqwest_like_post(&env, "/v2/webhooks", &other).await;
        assert_eq!(client, 201);
        let sub = json!({"url": url, "events": ["new-customer"], "secret": "theirs"});
        env.ok("subscribe-webhook", &sub.to_string()).await;
        let listed = list_raw_webhooks(&env).await;
        let hook = &listed[0];
        assert_eq!(hook["notification"], true, "{hook}");
        assert_eq!(hook["payloadVersion"], "V3", "{hook}");
        assert_eq!(hook["events"], json!(["convo.created", "customer.created"]));
    });
}

/// A POST to the simulator with the demo token, as another tool would send it; its status.
async fn reqwest_like_post(env: &Env, path: &str, body: &Value) -> u16 {
    raw(env, "POST", path, Some(body)).await.0
}

async fn list_raw_webhooks(env: &Env) -> Vec<Value> {
    let (_, body) = raw(env, "GET", "/v2/webhooks", None).await;
    body["_embedded"]["webhooks"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

async fn raw(env: &Env, method: &str, path: &str, body: Option<&Value>) -> (u16, Value) {
    use http_body_util::{BodyExt, Full};
    let client = hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
        .build_http::<Full<bytes::Bytes>>();
    let bytes = body.map(|b| b.to_string()).unwrap_or_default();
    let request = hyper::Request::builder()
        .method(method)
        .uri(format!("{}{path}", env.url()))
        .header(
            "authorization",
            format!("Bearer {}", credentials::ACCESS_TOKEN),
        )
        .header("content-type", "application/json")
        .body(Full::new(bytes::Bytes::from(bytes)))
        .unwrap();
    let response = client.request(request).await.unwrap();
    let status = response.status().as_u16();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (status, serde_json::from_slice(&body).unwrap_or(Value::Null))
}

/// Help Scout's `next` links name lists with a trailing slash (`/v2/customers/?page=2`); a find
/// stopped on such a page continues with its own token.
#[test]
fn a_find_stopped_on_help_scouts_own_link_continues() {
    block_on(async {
        let env = Env::start().await;
        let first = env.ok("find-customers", r#"{"limit": 55}"#).await;
        assert_eq!(first["items"].as_array().unwrap().len(), 55);
        let next = first["next"].as_str().unwrap();
        let rest = env
            .ok(
                "find-customers",
                &json!({"limit": 1000, "next": next}).to_string(),
            )
            .await;
        let mut all: Vec<u64> = common::ids(&first);
        all.extend(common::ids(&rest));
        let distinct: HashSet<u64> = all.iter().copied().collect();
        assert_eq!(distinct.len(), all.len(), "no repeats");
        let everyone = env.ok("find-customers", r#"{"limit": 1000}"#).await;
        assert_eq!(all.len(), common::ids(&everyone).len(), "none skipped");
    });
}

/// Exchanging a one-time code is not repeated once Help Scout may have used it; a 503 to a
/// create is not "not applied": both are `unknown-outcome`, sent once, saying what to do.
#[test]
fn what_may_have_been_applied_is_never_sent_twice() {
    block_on(async {
        let env = Env::start().await;
        env.sim
            .inject("503:POST:/v2/oauth2/token:1".parse::<Fault>().unwrap());
        let token = common::runtime()
            .token(
                env.url(),
                credentials::CLIENT_ID,
                credentials::CLIENT_SECRET,
                Grant::AuthorizationCode(credentials::AUTH_CODE),
            )
            .await
            .unwrap();
        match token {
            Err(ConnectorError::UnknownOutcome(p)) => {
                assert!(
                    p.message.contains("authorization URL again"),
                    "{}",
                    p.message
                )
            }
            other => panic!("{other:?}"),
        }
        let token_requests = env
            .sim
            .requests()
            .iter()
            .filter(|r| r.path_and_query.starts_with("/v2/oauth2/token"))
            .count();
        assert_eq!(token_requests, 1);

        env.sim
            .inject("applied=503:POST:/v2/customers:1".parse::<Fault>().unwrap());
        let error = env.err("create-customer", r#"{"firstName": "Once"}"#).await;
        let ConnectorError::UnknownOutcome(problem) = error else {
            panic!("{error:?}")
        };
        assert!(
            problem.message.contains("check before retrying"),
            "{}",
            problem.message
        );
        let posts = env
            .api_requests()
            .iter()
            .filter(|r| r.method == "POST" && r.path_and_query == "/v2/customers")
            .count();
        assert_eq!(posts, 1);
        let found = env.ok("find-customers", r#"{"firstName": "Once"}"#).await;
        assert_eq!(common::ids(&found).len(), 1, "applied once");
    });
}
