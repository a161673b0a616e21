//! A walk paced like Help Scout: every page answered after 100 ms, 200 requests a minute (the
//! Standard plan's budget), 429 with `X-RateLimit-Retry-After` beyond it. Here the rate limit,
//! not the CPU, bounds a sync; what matters is that the connector spends its whole budget in
//! each window and no more (one refused request per window, then a wait until it ends).

use super::pages::{Pace, PageServer};
use super::stats::round;
use crate::error_json::failure;
use serde_json::{Value, json};
use std::time::{Duration, Instant};

const PACE: Pace = Pace {
    latency: Duration::from_millis(100),
    per_minute: 200,
};
/// Pages walked: more than one window's budget, so the limit is reached once.
const PAGES: usize = 250;
const PAGE_SIZE: usize = 25;

/// Walks `find-conversations` over `pages` (rendered under `rendered_at`) at Help Scout's pace.
pub async fn walk(
    component: &[u8],
    pages: Vec<String>,
    rendered_at: &str,
) -> anyhow::Result<Value> {
    let pages: Vec<String> = pages.into_iter().take(PAGES).collect();
    anyhow::ensure!(!pages.is_empty(), "no pages to walk at Help Scout's pace");
    let n = pages.len() * PAGE_SIZE;
    let server = PageServer::start_paced(pages, rendered_at, Some(PACE)).await?;
    let (runtime, conn) = super::page_server_client(component, &server, 1)?;
    let input = json!({"status": "all", "limit": n}).to_string();
    let started = Instant::now();
    let result = runtime
        .invoke(&conn, "find-conversations", &input)
        .await?
        .map_err(|e| failure(&e))?;
    let seconds = started.elapsed().as_secs_f64();
    let output: Value = serde_json::from_str(&result.output_json)?;
    let fetched = output["items"].as_array().map_or(0, Vec::len);
    anyhow::ensure!(
        fetched == n,
        "the component fetched {fetched} of {n} at Help Scout's pace"
    );

    let answers = server.answers();
    let first = answers.first().map_or(Duration::ZERO, |a| a.at);
    let mut accepted = Vec::new();
    let mut refused = Vec::new();
    for answer in &answers {
        let window = (answer.at.saturating_sub(first).as_secs() / 60) as usize;
        if accepted.len() <= window {
            accepted.resize(window + 1, 0u32);
            refused.resize(window + 1, 0u32);
        }
        match answer.status {
            429 => refused[window] += 1,
            _ => accepted[window] += 1,
        }
    }
    let pages_walked = n.div_ceil(PAGE_SIZE);
    let full_windows = (pages_walked - 1) / PACE.per_minute as usize;
    let last = pages_walked - full_windows * PACE.per_minute as usize;
    let ideal = full_windows as f64 * 60.0 + last as f64 * PACE.latency.as_secs_f64();
    Ok(json!({
        "conversations": n,
        "pages": pages_walked,
        "latencyMs": PACE.latency.as_millis(),
        "limitPerMinute": PACE.per_minute,
        "seconds": round(seconds, 2),
        "idealSeconds": round(ideal, 2),
        "overIdeal": round(seconds / ideal, 3),
        "acceptedPerWindow": accepted,
        "refusedPerWindow": refused,
        "usesWholeBudget": accepted.first() == Some(&PACE.per_minute),
    }))
}
