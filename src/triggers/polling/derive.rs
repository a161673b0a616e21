//! The events one conversation holds for a conversation trigger, each with the instant it
//! happened and a key unique to it: the conversation itself (created), or one of its published
//! threads. Every thread carries the conversation's status and assignee after it, so a status
//! change or an assignment is a thread whose status or assignee differs from the published
//! thread before it (a change made without a message leaves a `lineitem` thread); replies and
//! notes are threads of their type. The first thread is the conversation's creation, not a
//! reply. Drafts are not events until they are published.

use super::PolledEvent;
use serde_json::{Value, json};

/// What a conversation trigger reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConversationEvent {
    /// The conversation, at its `createdAt`.
    Created,
    /// Each change of status.
    Status,
    /// Each change of assignee.
    Assignment,
    /// Each thread from the customer after the first.
    CustomerReply,
    /// Each reply from a user after the first thread.
    AgentReply,
    /// Each note after the first thread.
    Note,
}

impl ConversationEvent {
    /// Whether the trigger needs each conversation's threads.
    pub fn needs_threads(self) -> bool {
        self != ConversationEvent::Created
    }

    /// Help Scout's name for the event.
    fn name(self) -> &'static str {
        match self {
            ConversationEvent::Created => "convo.created",
            ConversationEvent::Status => "convo.status",
            ConversationEvent::Assignment => "convo.assigned",
            ConversationEvent::CustomerReply => "convo.customer.reply.created",
            ConversationEvent::AgentReply => "convo.agent.reply.created",
            ConversationEvent::Note => "convo.note.created",
        }
    }
}

/// One event found: when, its dedup key, and the event.
#[derive(Debug)]
pub struct Candidate {
    pub at: String,
    pub key: u64,
    pub event: PolledEvent,
}

/// The events of `watch` in one listed conversation (its threads under `_embedded.threads` when
/// the trigger needs them), oldest first, for `trigger`.
pub fn events(
    watch: ConversationEvent,
    trigger: &'static str,
    mut conversation: Value,
) -> Vec<Candidate> {
    let threads = take_threads(&mut conversation);
    let Some(id) = conversation["id"].as_u64() else {
        return Vec::new();
    };
    let found = |key: u64, at: &str, data: Value, thread: Option<u64>| {
        let event_id = match thread {
            Some(t) => format!("{}:{id}:thread-{t}", watch.name()),
            None => format!("{}:{id}", watch.name()),
        };
        Candidate {
            at: at.to_string(),
            key,
            event: PolledEvent {
                event: watch.name(),
                event_id,
                trigger,
                id: Some(id),
                data,
            },
        }
    };
    let published = published(&threads);
    let mut out = Vec::new();
    match watch {
        ConversationEvent::Created => {
            if conversation["state"] != "draft"
                && let Some(at) = conversation["createdAt"].as_str()
            {
                out.push(found(id, at, conversation.clone(), None));
            }
        }
        ConversationEvent::Status | ConversationEvent::Assignment => {
            for change in changes(watch, &published) {
                let mut data = conversation.clone();
                let (key, value) = match watch {
                    ConversationEvent::Status => ("statusChange", change.to.clone()),
                    _ => ("assignment", change.to.clone()),
                };
                if watch == ConversationEvent::Status {
                    data["status"] = change.to.clone();
                }
                data[key] = json!({"from": change.from, "to": value, "at": change.at,
                                   "threadId": change.thread});
                out.push(found(change.thread, change.at, data, Some(change.thread)));
            }
        }
        _ => {
            for (at, thread, t) in published.iter().skip(1) {
                if of_kind(watch, t) {
                    let mut data = conversation.clone();
                    data["thread"] = (*t).clone();
                    out.push(found(*thread, at, data, Some(*thread)));
                }
            }
        }
    }
    out.sort_by(|a, b| (&a.at, a.key).cmp(&(&b.at, b.key)));
    out
}

/// Whether a thread is a reply or note of the kind `watch` reports.
fn of_kind(watch: ConversationEvent, thread: &Value) -> bool {
    let kind = thread["type"].as_str().unwrap_or("");
    match watch {
        ConversationEvent::CustomerReply => kind == "customer",
        ConversationEvent::AgentReply => kind == "message" || kind == "reply",
        ConversationEvent::Note => kind == "note",
        _ => false,
    }
}

/// The embedded threads, taken out of the conversation (an event carries the conversation
/// without them).
fn take_threads(conversation: &mut Value) -> Vec<Value> {
    let Some(embedded) = conversation
        .get_mut("_embedded")
        .and_then(Value::as_object_mut)
    else {
        return Vec::new();
    };
    let threads = embedded.remove("threads");
    if embedded.is_empty()
        && let Some(map) = conversation.as_object_mut()
    {
        map.remove("_embedded");
    }
    match threads {
        Some(Value::Array(list)) => list,
        _ => Vec::new(),
    }
}

/// The published threads, oldest first: (createdAt, id, the thread).
fn published(threads: &[Value]) -> Vec<(&str, u64, &Value)> {
    let mut list: Vec<(&str, u64, &Value)> = threads
        .iter()
        .filter(|t| t["state"].as_str().is_none_or(|s| s == "published"))
        .filter_map(|t| Some((t["createdAt"].as_str()?, t["id"].as_u64()?, t)))
        .collect();
    list.sort_by_key(|(at, id, _)| (*at, *id));
    list
}

/// A change of status or assignee carried by a thread.
struct Change<'a> {
    thread: u64,
    at: &'a str,
    from: Value,
    to: Value,
}

/// The status or assignee each published thread carries, and where it differs from the one
/// before. A thread without a status (`nochange`, none) carries the one before it.
fn changes<'a>(watch: ConversationEvent, threads: &[(&'a str, u64, &Value)]) -> Vec<Change<'a>> {
    let mut previous: Option<Value> = None;
    let mut out = Vec::new();
    for (at, thread, t) in threads {
        let now = match watch {
            ConversationEvent::Status => match t["status"].as_str() {
                Some(s) if !s.is_empty() && s != "nochange" => json!(s),
                _ => continue,
            },
            _ => json!(assignee(t)),
        };
        if let Some(before) = previous.as_ref().filter(|p| **p != now) {
            out.push(Change {
                thread: *thread,
                at,
                from: before.clone(),
                to: now.clone(),
            });
        }
        previous = Some(now);
    }
    out
}

/// The user a thread leaves the conversation assigned to (`assignedTo.id`), none when
/// unassigned.
fn assignee(thread: &Value) -> Option<u64> {
    thread["assignedTo"]["id"].as_u64().filter(|id| *id != 0)
}

#[cfg(test)]
mod tests;
