//! Conversations: `find-conversations` (`GET /v2/conversations`, every filter, all pages up to
//! `limit`) and `get-conversation` (`GET /v2/conversations/{id}?embed=threads`).

use super::conversation_records;
use super::custom_fields::Definitions;
use crate::client::{Client, Transport};
use crate::error::{Error, Result};
use crate::input::{all, check_count, check_limit, check_timestamp, one_or_many};
use serde::Deserialize;
use serde_json::Value;
use serde_json::value::RawValue;

pub use conversation_records::{records_from_raw, to_record, with_json};

/// Default number of conversations a find returns (contract §2).
pub const DEFAULT_LIMIT: u32 = 100;

/// Input of `find-conversations`; every field optional.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FindConversations {
    #[serde(default, deserialize_with = "one_or_many")]
    pub mailbox: Vec<u64>,
    pub folder: Option<u64>,
    pub status: Option<StatusFilter>,
    #[serde(default, deserialize_with = "one_or_many")]
    pub tag: Vec<String>,
    #[serde(alias = "assigned_to")]
    pub assigned_to: Option<u64>,
    pub modified_since: Option<String>,
    pub number: Option<u64>,
    pub query: Option<String>,
    #[serde(default, rename = "customFieldsByIds")]
    pub custom_fields: Vec<FieldFilter>,
    pub sort_field: Option<SortField>,
    pub sort_order: Option<SortOrder>,
    #[serde(default)]
    pub embed_threads: bool,
    pub limit: Option<u32>,
}

/// One `customFieldsByIds` term.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldFilter {
    pub id: u64,
    pub value: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StatusFilter {
    Active,
    All,
    Closed,
    Open,
    Pending,
    Spam,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum SortField {
    #[serde(rename = "createdAt")]
    CreatedAt,
    #[serde(rename = "customerEmail")]
    CustomerEmail,
    #[serde(rename = "customerName")]
    CustomerName,
    #[serde(rename = "mailboxid", alias = "mailboxId")]
    MailboxId,
    #[serde(rename = "modifiedAt")]
    ModifiedAt,
    #[serde(rename = "number")]
    Number,
    #[serde(rename = "score")]
    Score,
    #[serde(rename = "status")]
    Status,
    #[serde(rename = "subject")]
    Subject,
    #[serde(rename = "waitingSince")]
    WaitingSince,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SortOrder {
    Asc,
    Desc,
}

impl StatusFilter {
    pub fn as_str(self) -> &'static str {
        match self {
            StatusFilter::Active => "active",
            StatusFilter::All => "all",
            StatusFilter::Closed => "closed",
            StatusFilter::Open => "open",
            StatusFilter::Pending => "pending",
            StatusFilter::Spam => "spam",
        }
    }
}

impl SortField {
    pub fn as_str(self) -> &'static str {
        match self {
            SortField::CreatedAt => "createdAt",
            SortField::CustomerEmail => "customerEmail",
            SortField::CustomerName => "customerName",
            SortField::MailboxId => "mailboxid",
            SortField::ModifiedAt => "modifiedAt",
            SortField::Number => "number",
            SortField::Score => "score",
            SortField::Status => "status",
            SortField::Subject => "subject",
            SortField::WaitingSince => "waitingSince",
        }
    }
}

impl SortOrder {
    pub fn as_str(self) -> &'static str {
        match self {
            SortOrder::Asc => "asc",
            SortOrder::Desc => "desc",
        }
    }
}

/// Longest `query` passed through (Help Scout's own limit is undocumented).
const MAX_QUERY_CHARS: usize = 8_000;

impl FindConversations {
    /// The query parameters of the first page, in Help Scout's names; validates first.
    pub fn query_params(&self) -> Result<Vec<(&'static str, String)>> {
        self.query_params_with(&self.custom_fields)
    }

    /// As `query_params`, with these `customFieldsByIds` terms (dropdown labels resolved).
    fn query_params_with(&self, fields: &[FieldFilter]) -> Result<Vec<(&'static str, String)>> {
        all([
            check_count("mailbox", self.mailbox.len(), 100),
            check_count("tag", self.tag.len(), 100),
            check_count("customFieldsByIds", self.custom_fields.len(), 100),
        ])?;
        let mut q = Vec::new();
        if !self.mailbox.is_empty() {
            q.push(("mailbox", join(&self.mailbox)));
        }
        push_opt(&mut q, "folder", self.folder);
        if let Some(status) = self.status {
            q.push(("status", status.as_str().into()));
        }
        if !self.tag.is_empty() {
            if let Some(bad) = self
                .tag
                .iter()
                .find(|t| t.contains(',') || t.trim().is_empty())
            {
                return Err(Error::invalid(
                    "tag",
                    format!("invalid tag {bad:?}: empty or with a comma"),
                ));
            }
            q.push(("tag", self.tag.join(",")));
        }
        push_opt(&mut q, "assigned_to", self.assigned_to);
        if let Some(since) = &self.modified_since {
            check_timestamp("modifiedSince", since)?;
            q.push(("modifiedSince", since.clone()));
        }
        push_opt(&mut q, "number", self.number);
        if let Some(field) = self.sort_field {
            q.push(("sortField", field.as_str().into()));
        }
        if let Some(order) = self.sort_order {
            q.push(("sortOrder", order.as_str().into()));
        }
        if let Some(query) = &self.query {
            if query.chars().count() > MAX_QUERY_CHARS {
                return Err(Error::invalid("query", "is longer than 8000 characters"));
            }
            q.push(("query", query.clone()));
        }
        if !fields.is_empty() {
            q.push(("customFieldsByIds", custom_fields_param(fields)?));
        }
        if self.embed_threads {
            q.push(("embed", "threads".into()));
        }
        Ok(q)
    }
}

/// `id:value,id:value` (Help Scout's `customFieldsByIds`).
fn custom_fields_param(fields: &[FieldFilter]) -> Result<String> {
    let mut terms = Vec::new();
    for (i, f) in fields.iter().enumerate() {
        if f.value.contains(',') || f.value.contains(':') || f.value.trim().is_empty() {
            let path = format!("customFieldsByIds[{i}].value");
            return Err(Error::invalid(
                path,
                "must be non-empty, without a comma or colon",
            ));
        }
        terms.push(format!("{}:{}", f.id, f.value));
    }
    Ok(terms.join(","))
}

/// The filters with dropdown values given by label turned into option ids, which is what
/// `customFieldsByIds` matches (List Conversations). Definitions are read only when a value is
/// not already a number: from the filtered mailboxes, or from every mailbox.
fn resolved_filters(
    client: &mut Client<impl Transport>,
    input: &FindConversations,
) -> Result<Vec<FieldFilter>> {
    let numeric = |v: &str| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit());
    if input.custom_fields.iter().all(|f| numeric(&f.value)) {
        return Ok(input.custom_fields.clone());
    }
    let definitions = Definitions::fetch_for(client, &input.mailbox)?;
    let mut errors = Vec::new();
    let mut resolved = Vec::new();
    for (i, filter) in input.custom_fields.iter().enumerate() {
        match definitions.filter_value(filter.id, &filter.value) {
            Ok(value) => resolved.push(FieldFilter {
                id: filter.id,
                value,
            }),
            Err(mut e) => {
                e.path = format!("customFieldsByIds[{i}].{}", e.path);
                errors.push(e);
            }
        }
    }
    if errors.is_empty() {
        Ok(resolved)
    } else {
        Err(Error::Validation(errors))
    }
}

fn join(ids: &[u64]) -> String {
    let parts: Vec<String> = ids.iter().map(u64::to_string).collect();
    parts.join(",")
}

fn push_opt(q: &mut Vec<(&'static str, String)>, key: &'static str, value: Option<u64>) {
    if let Some(v) = value {
        q.push((key, v.to_string()));
    }
}

/// The conversations, as Help Scout's JSON text: pages followed until `limit` or the end.
pub fn find(
    client: &mut Client<impl Transport>,
    input: &FindConversations,
) -> Result<Vec<Box<RawValue>>> {
    let limit = check_limit(input.limit, DEFAULT_LIMIT)?;
    input.query_params()?;
    let filters = resolved_filters(client, input)?;
    let params = input.query_params_with(&filters)?;
    let first = client.base().endpoint(&["conversations"], &params);
    client.collect_raw(first, "conversations", limit)
}

/// Input of `get-conversation`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GetConversation {
    pub id: u64,
    pub embed_threads: Option<bool>,
}

/// The conversation as Help Scout returns it, threads under `_embedded.threads` unless declined.
pub fn get(client: &mut Client<impl Transport>, input: &GetConversation) -> Result<Value> {
    let raw = get_raw(client, input)?;
    serde_json::from_str(raw.get()).map_err(|e| Error::Other(e.to_string()))
}

/// The conversation as Help Scout's JSON text, checked to be JSON but not parsed into a tree.
pub fn get_raw(
    client: &mut Client<impl Transport>,
    input: &GetConversation,
) -> Result<Box<RawValue>> {
    if input.id == 0 {
        return Err(Error::invalid("id", "must be a positive conversation id"));
    }
    let mut query = Vec::new();
    if input.embed_threads.unwrap_or(true) {
        query.push(("embed", "threads".to_string()));
    }
    client.get_object(
        &["conversations", &input.id.to_string()],
        &query,
        "conversation",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::decode;

    #[test]
    fn contract_example_builds_every_parameter() {
        let input: FindConversations = decode(
            r#"{"mailbox": 1, "status": "all", "tag": "vip", "assignedTo": 3,
                "modifiedSince": "2019-06-01T00:00:00Z", "query": "(subject:\"refund\")", "limit": 100}"#,
        )
        .unwrap();
        let q = input.query_params().unwrap();
        let keys: Vec<&str> = q.iter().map(|(k, _)| *k).collect();
        assert_eq!(
            keys,
            [
                "mailbox",
                "status",
                "tag",
                "assigned_to",
                "modifiedSince",
                "query"
            ]
        );
        assert_eq!(q[5].1, "(subject:\"refund\")");
    }

    #[test]
    fn rejects_bad_filters_by_name() {
        let cases = [
            (r#"{"status": "uh"}"#, "status"),
            (r#"{"modifiedSince": "2019-06-01"}"#, "modifiedSince"),
            (r#"{"tag": ["a,b"]}"#, "tag"),
            (r#"{"limit": 0}"#, "limit"),
            (r#"{"mailbox": "x"}"#, "mailbox"),
        ];
        for (json, field) in cases {
            let err = decode::<FindConversations>(json)
                .and_then(|i| i.query_params().map(|_| i))
                .and_then(|i| check_limit(i.limit, DEFAULT_LIMIT).map(|_| ()));
            match err {
                Err(Error::Validation(f)) => assert_eq!(f[0].path, field, "{json}"),
                other => panic!("{json}: {other:?}"),
            }
        }
    }
}
