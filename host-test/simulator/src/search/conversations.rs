//! `GET /v2/conversations` parameters (List Conversations,
//! <https://developer.helpscout.com/mailbox-api/endpoints/conversations/list/>): validation (400
//! with Help Scout's error shape), filtering, the searchable fields of `query=` and sorting (ties
//! broken by id in the same direction).

use super::params::Params;
use super::{Compiled, Kind, Record, Schema, Values};
use crate::model::{Actor, Conversation, State, Status};
use crate::render::errors::{ApiError, FieldError};

const STATUSES: [&str; 6] = ["active", "all", "closed", "open", "pending", "spam"];
const SORT_FIELDS: [&str; 10] = [
    "createdAt",
    "customerEmail",
    "customerName",
    "mailboxid",
    "modifiedAt",
    "number",
    "score",
    "status",
    "subject",
    "waitingSince",
];

pub const SCHEMA: Schema = Schema {
    fields: &[
        ("subject", Kind::Text),
        ("body", Kind::Text),
        ("tag", Kind::Keyword),
        ("email", Kind::Text),
        ("firstName", Kind::Text),
        ("lastName", Kind::Text),
        ("number", Kind::Int),
        ("id", Kind::Int),
        ("mailboxid", Kind::Int),
        ("mailboxName", Kind::Text),
        ("status", Kind::Keyword),
        ("customerIds", Kind::Int),
        ("assigned", Kind::Text),
        ("modifiedAt", Kind::Date),
        ("createdAt", Kind::Date),
    ],
    full_text: &["subject", "body", "email", "firstName", "lastName"],
};

/// A validated conversation-list request.
pub struct ConversationFilter {
    mailboxes: Option<Vec<u64>>,
    folder: Option<u64>,
    status: &'static str,
    tags: Option<Vec<String>>,
    assigned_to: Option<u64>,
    modified_since: Option<i64>,
    number: Option<u64>,
    custom_fields: Vec<(u64, String)>,
    query: Option<Compiled>,
    sort_field: &'static str,
    descending: bool,
}

/// `embed=threads` (the only accepted value).
pub fn embed_threads(p: &Params) -> Result<bool, ApiError> {
    Ok(p.get("embed").is_some() && p.choice("embed", &["threads"], "threads")? == "threads")
}

fn custom_fields(p: &Params) -> Result<Vec<(u64, String)>, ApiError> {
    let Some(raw) = p.get("customFieldsByIds") else {
        return Ok(Vec::new());
    };
    raw.split(',')
        .map(|pair| {
            let parsed = pair
                .split_once(':')
                .and_then(|(id, v)| Some((id.trim().parse().ok()?, v.trim())));
            parsed.map(|(id, v)| (id, v.to_string())).ok_or_else(|| {
                let msg = "Expected fieldId:value[,fieldId:value...]";
                ApiError::validation(vec![
                    FieldError::new("customFieldsByIds", msg, "InvalidFormat").rejected(&raw),
                ])
            })
        })
        .collect()
}

impl ConversationFilter {
    pub fn from_params(p: &Params) -> Result<Self, ApiError> {
        Ok(ConversationFilter {
            mailboxes: p.int_list("mailbox")?,
            folder: p.int("folder")?,
            status: p.choice("status", &STATUSES, "active")?,
            tags: p.list("tag"),
            assigned_to: p.int("assigned_to")?,
            modified_since: p.instant("modifiedSince")?,
            number: p.int("number")?,
            custom_fields: custom_fields(p)?,
            query: p.query(&SCHEMA)?,
            sort_field: p.choice("sortField", &SORT_FIELDS, "createdAt")?,
            descending: p.descending()?,
        })
    }

    fn status_ok(&self, s: Status) -> bool {
        match self.status {
            "all" => true,
            "active" | "open" => s == Status::Active,
            other => s.as_str() == other,
        }
    }

    fn folder_ok(&self, st: &State, c: &Conversation) -> bool {
        let Some(fid) = self.folder else { return true };
        st.mailbox(c.mailbox_id)
            .and_then(|m| m.folders.iter().find(|f| f.id == fid))
            .is_some_and(|f| c.in_folder(f))
    }

    fn fields_ok(&self, c: &Conversation) -> bool {
        self.custom_fields.iter().all(|(id, want)| {
            c.custom_fields
                .iter()
                .any(|(fid, v)| fid == id && v.eq_ignore_ascii_case(want))
        })
    }

    /// Whether `c` passes every filter (all combined with AND).
    pub fn matches(&self, st: &State, c: &Conversation) -> bool {
        self.status_ok(c.status)
            && self.mailboxes.as_ref().is_none_or(|m| m.contains(&c.mailbox_id))
            && self.folder_ok(st, c)
            && self.tags.as_ref().is_none_or(|want| {
                want.iter().any(|t| c.tags.iter().any(|h| h.eq_ignore_ascii_case(t)))
            })
            && self.assigned_to.is_none_or(|u| c.assignee == Some(u))
            // "Filters conversations modified after this timestamp": strictly later.
            && self.modified_since.is_none_or(|t| c.modified_at > t)
            && self.number.is_none_or(|n| c.number == n)
            && self.fields_ok(c)
            && self.query.as_ref().is_none_or(|q| q.matches(&View { st, c }))
    }

    /// Sorts in place by `sortField`/`sortOrder`, ties broken by id (ids are unique, so the order
    /// is total). Numeric fields sort one packed `i128` per item (`key << 64 | id`) with the
    /// run-adaptive stable sort: items come in id order, which mostly follows creation, so a
    /// 50,000-conversation list sorts in about a millisecond.
    pub fn sort(&self, st: &State, list: &mut Vec<&Conversation>) {
        if let Some(num) = num_key(self.sort_field) {
            let mut keyed: Vec<(i128, &Conversation)> = list
                .drain(..)
                .map(|c| ((i128::from(num(c)) << 64) | i128::from(c.id), c))
                .collect();
            keyed.sort_by_key(|(k, _)| *k);
            if self.descending {
                keyed.reverse();
            }
            list.extend(keyed.into_iter().map(|(_, c)| c));
            return;
        }
        let mut keyed: Vec<(String, &Conversation)> = list
            .drain(..)
            .map(|c| (text_key(st, c, self.sort_field), c))
            .collect();
        keyed.sort_unstable_by(|(ka, a), (kb, b)| {
            let ord = ka.cmp(kb).then(a.id.cmp(&b.id));
            if self.descending { ord.reverse() } else { ord }
        });
        list.extend(keyed.into_iter().map(|(_, c)| c));
    }
}

fn waiting_since(c: &Conversation) -> i64 {
    c.threads
        .iter()
        .rev()
        .find(|t| matches!(t.created_by, Actor::Customer(_)))
        .map_or(c.created_at, |t| t.created_at)
}

/// The numeric key of a numeric sort field; `None` for the text fields.
fn num_key(field: &str) -> Option<fn(&Conversation) -> i64> {
    Some(match field {
        "modifiedAt" => |c| c.modified_at,
        "number" => |c| c.number as i64,
        "mailboxid" => |c| c.mailbox_id as i64,
        "waitingSince" => waiting_since,
        "subject" | "status" | "customerEmail" | "customerName" => return None,
        _ => |c| c.created_at, // createdAt, score
    })
}

fn text_key(st: &State, c: &Conversation, field: &str) -> String {
    let customer = st.customers.get(&c.primary_customer);
    match field {
        "subject" => c.subject.to_lowercase(),
        "status" => c.status.as_str().to_string(),
        "customerEmail" => customer
            .and_then(|x| x.primary_email())
            .unwrap_or("")
            .to_lowercase(),
        _ => customer.map_or(String::new(), |x| {
            format!("{} {}", x.first_name, x.last_name).to_lowercase()
        }), // customerName
    }
}

/// A conversation as seen by the query evaluator.
struct View<'a> {
    st: &'a State,
    c: &'a Conversation,
}

impl Record for View<'_> {
    fn values(&self, field: &str) -> Values {
        let (st, c) = (self.st, self.c);
        let customer = st.customers.get(&c.primary_customer);
        let strs = |v: Vec<String>| Values::Strs(v);
        match field {
            "subject" => strs(vec![c.subject.clone()]),
            "body" => strs(c.threads.iter().map(|t| t.body.clone()).collect()),
            "tag" => strs(c.tags.clone()),
            "email" => strs(customer.map_or(vec![], |x| {
                x.emails.iter().map(|e| e.value.clone()).collect()
            })),
            "firstName" => strs(customer.map_or(vec![], |x| vec![x.first_name.clone()])),
            "lastName" => strs(customer.map_or(vec![], |x| vec![x.last_name.clone()])),
            "number" => Values::Nums(vec![c.number as i64]),
            "id" => Values::Nums(vec![c.id as i64]),
            "mailboxid" => Values::Nums(vec![c.mailbox_id as i64]),
            "mailboxName" => strs(
                st.mailbox(c.mailbox_id)
                    .map_or(vec![], |m| vec![m.name.clone()]),
            ),
            "status" => strs(vec![c.status.as_str().to_string()]),
            "customerIds" => {
                let mut ids: Vec<i64> = c.threads.iter().map(|t| t.customer_id as i64).collect();
                ids.push(c.primary_customer as i64);
                Values::Nums(ids)
            }
            "assigned" => strs(match c.assignee.and_then(|a| st.user(a)) {
                Some(u) => vec![format!("{} {}", u.first_name, u.last_name), u.email.clone()],
                None => vec!["Unassigned".to_string()],
            }),
            "modifiedAt" => Values::Nums(vec![c.modified_at]),
            "createdAt" => Values::Nums(vec![c.created_at]),
            _ => Values::Strs(Vec::new()),
        }
    }
}
