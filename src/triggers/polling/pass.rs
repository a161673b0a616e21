//! Conversation triggers read passes over the list of conversations modified since the cursor
//! (`GET /v2/conversations?status=all&modifiedSince=…&sortField=number&sortOrder=asc`, with
//! `embed=threads` when the events are threads). Why this shape:
//! - Every event at or after `since` changed its conversation then, so the conversation is in
//!   the list; `modifiedSince` is asked one second early, so the list holds it whether Help Scout
//!   means "after" (List Conversations says so) or "at or after" the instant.
//! - A conversation's number never changes: read in number order, a conversation that changes
//!   while a pass goes on keeps its place (in `modifiedAt` order it would jump to the end and push
//!   an unread one back onto a page already read), and where a pass stopped is a number, which
//!   survives conversations joining or leaving the list between two polls.
//! - A pass reports the events of a fixed window, from `since` to Help Scout's time when the pass
//!   started (its first answer's `Date`); the next pass starts a second before that window ended
//!   and skips the keys it reported there, so an event made in the same second as a read is
//!   neither lost nor repeated.
//! - A poll reads at most `scanLimit` conversations and `PASS_BYTES` of pages and reports at most
//!   `limit` events; the cursor then says where the pass goes on, so a backlog of any size is
//!   worked through over several polls and each poll makes progress.

use super::Candidate;
use super::cursor::{Cursor, Pass};
use super::derive::{ConversationEvent, events};
use crate::client::{Client, Transport, parse_json, split_page};
use crate::error::Result;
use crate::instant;
use serde_json::Value;

/// Bytes of pages one poll reads at most (the pass goes on in the next poll); one page is always
/// read, so every poll moves on.
const PASS_BYTES: usize = 8 * 1024 * 1024;

/// How far a resumed pass steps back when conversations left the list before its position.
const MAX_STEPS_BACK: u32 = 16;

/// What one poll of a pass found, and the cursor after it.
pub struct Found {
    pub events: Vec<Candidate>,
    pub cursor: Cursor,
}

/// One poll's share of the pass the cursor is in (or a new one).
pub fn run(
    client: &mut Client<impl Transport>,
    (trigger, watch): (&'static str, ConversationEvent),
    cursor: &Cursor,
    (limit, scan): (usize, usize),
) -> Result<Found> {
    let since = instant::parse(&cursor.since).unwrap_or(0);
    let mut walk = Walk {
        trigger,
        watch,
        cursor,
        pass: cursor.pass.clone(),
        events: Vec::new(),
        read: 0,
        limit,
        scan,
    };
    let mut page = walk.pass.as_ref().map_or(1, |p| p.page.max(1));
    // A resumed pass looks for its place first: conversations that left the list moved the
    // unread ones back, onto pages before the one it stopped on.
    let mut finding = page > 1;
    let (mut bytes, mut steps_back) = (0usize, 0u32);
    loop {
        let body = client.get_body(list_url(client, watch, since, page))?;
        bytes += body.len();
        let mut doc = parse_json(&body)?;
        let (items, next) = split_page(&mut doc, "conversations")?;
        if walk.pass.is_none() {
            let Some(until) = client.server_time.or_else(|| newest(&items)) else {
                return Ok(walk.finish(None));
            };
            walk.pass = Some(Pass {
                until: instant::format(until),
                page: 1,
                ..Pass::default()
            });
        }
        let resume = walk.pass.as_ref().map_or(0, |p| p.number);
        let first = items.first().and_then(|c| c["number"].as_u64());
        if finding && page > 1 && steps_back < MAX_STEPS_BACK && first.is_none_or(|n| n > resume) {
            page -= 1;
            steps_back += 1;
            continue;
        }
        finding = false;
        if walk.page(items)? {
            walk.at_page(page);
            return Ok(walk.finish(Some(false)));
        }
        if next.is_none() {
            return Ok(walk.finish(Some(true)));
        }
        page += 1;
        walk.at_page(page);
        if bytes > PASS_BYTES {
            return Ok(walk.finish(Some(false)));
        }
    }
}

/// The list a pass reads: modified since one second before `since`, in number order.
fn list_url(
    client: &Client<impl Transport>,
    watch: ConversationEvent,
    since: i64,
    page: u64,
) -> url::Url {
    let mut query = vec![
        ("status", "all".to_string()),
        ("modifiedSince", instant::format(since - 1)),
        ("sortField", "number".to_string()),
        ("sortOrder", "asc".to_string()),
    ];
    if watch.needs_threads() {
        query.push(("embed", "threads".to_string()));
    }
    query.push(("page", page.to_string()));
    client.base().endpoint(&["conversations"], &query)
}

/// Help Scout's time read from its data, when its answer had no `Date`: the newest instant
/// among the conversations (and their threads) of a page.
fn newest(items: &[Value]) -> Option<i64> {
    let mut times = Vec::new();
    for c in items {
        times.extend(["createdAt", "userUpdatedAt", "closedAt"].map(|k| c[k].as_str()));
        let threads = c["_embedded"]["threads"].as_array().into_iter().flatten();
        times.extend(threads.map(|t| t["createdAt"].as_str()));
    }
    times.into_iter().flatten().filter_map(instant::parse).max()
}

/// The state of one poll's walk through the pass.
struct Walk<'c> {
    trigger: &'static str,
    watch: ConversationEvent,
    cursor: &'c Cursor,
    pass: Option<Pass>,
    events: Vec<Candidate>,
    read: usize,
    limit: usize,
    scan: usize,
}

impl Walk<'_> {
    fn at_page(&mut self, page: u64) {
        if let Some(pass) = &mut self.pass {
            pass.page = page;
        }
    }

    /// Takes the conversations of one page, in number order, from the resume point; true when
    /// the poll is full (events or conversations) and the pass stops there.
    fn page(&mut self, items: Vec<Value>) -> Result<bool> {
        let Some(pass) = &mut self.pass else {
            return Ok(false);
        };
        let until = pass.until.clone();
        let band = instant::parse(&until).map_or(until.clone(), |t| instant::format(t - 1));
        for item in items {
            let Some(number) = item["number"].as_u64() else {
                continue;
            };
            if number < pass.number {
                continue;
            }
            if self.read >= self.scan {
                if number > pass.number {
                    (pass.number, pass.skip) = (number, 0);
                }
                return Ok(true);
            }
            self.read += 1;
            let skip = if number == pass.number { pass.skip } else { 0 };
            let found = events(self.watch, self.trigger, item)
                .into_iter()
                .filter(|c| {
                    c.at.as_str() <= until.as_str() && self.cursor.unreported(&c.at, c.key)
                });
            for (index, candidate) in found.enumerate().skip(skip) {
                if self.events.len() >= self.limit {
                    (pass.number, pass.skip) = (number, index);
                    return Ok(true);
                }
                if candidate.at >= band {
                    pass.seen.push(candidate.key);
                }
                self.events.push(candidate);
            }
            (pass.number, pass.skip) = (number + 1, 0);
        }
        Ok(false)
    }

    /// The events and the cursor: the pass goes on (`Some(false)`), ended (`Some(true)`: the next
    /// one starts a second before its window ended), or never started (`None`: no time known).
    fn finish(mut self, ended: Option<bool>) -> Found {
        self.events
            .sort_by(|a, b| (&a.at, a.key).cmp(&(&b.at, b.key)));
        let cursor = match (ended, self.pass) {
            (Some(true), Some(pass)) => after_pass(self.cursor, pass),
            (Some(false), Some(pass)) => Cursor {
                pass: Some(pass),
                ..self.cursor.clone()
            },
            _ => self.cursor.clone(),
        };
        Found {
            events: self.events,
            cursor,
        }
    }
}

/// The cursor after a finished pass: since one second before its window ended, with the keys
/// reported from there on (and the older ones still in that band).
fn after_pass(cursor: &Cursor, pass: Pass) -> Cursor {
    let since = instant::parse(&cursor.since).unwrap_or(0);
    let next = instant::parse(&pass.until).map_or(since, |until| until - 1);
    if next <= since {
        let mut seen = cursor.seen.clone();
        seen.extend(pass.seen);
        seen.sort_unstable();
        seen.dedup();
        return Cursor {
            since: cursor.since.clone(),
            seen,
            pass: None,
        };
    }
    let mut seen = pass.seen;
    if next <= since + 1 {
        seen.extend(&cursor.seen);
    }
    seen.sort_unstable();
    seen.dedup();
    Cursor {
        since: instant::format(next),
        seen,
        pass: None,
    }
}

#[cfg(test)]
mod tests;
