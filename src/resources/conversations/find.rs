//! `find-conversations`: `GET /v2/conversations` with every filter List Conversations documents,
//! pages followed until `limit`; dropdown filter values may be given by label.

use crate::catalog::declare::*;
use crate::client::{Client, Resume, Transport};
use crate::decode::{Validate, all, check_count, check_limit, check_timestamp, one_or_many};
use crate::error::{Error, Result};
use crate::ids::{ConversationNumber, FieldId, FolderId, MailboxId, UserId};
use crate::resources::Found;
use crate::resources::mailboxes::Definitions;
use serde::Deserialize;

/// Default number of conversations a find returns (contract §2).
pub const DEFAULT_LIMIT: u32 = 100;

/// Input of `find-conversations`; every field optional.
#[derive(Debug, Default, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FindConversations {
    /// A mailbox id, or a list of them (any of).
    #[serde(default, deserialize_with = "one_or_many")]
    #[cfg_attr(
        test,
        schemars(schema_with = "crate::decode::checks::schema::one_or_many::<MailboxId>")
    )]
    pub mailbox: Vec<MailboxId>,
    /// A folder of the mailbox.
    pub folder: Option<FolderId>,
    /// Help Scout's default is `active`.
    pub status: Option<StatusFilter>,
    /// A tag name, or a list of them (any of).
    #[serde(default, deserialize_with = "one_or_many")]
    #[cfg_attr(
        test,
        schemars(schema_with = "crate::decode::checks::schema::one_or_many::<String>")
    )]
    pub tag: Vec<String>,
    /// The assignee's user id (sent as `assigned_to`).
    pub assigned_to: Option<UserId>,
    /// Modified after this instant.
    #[cfg_attr(
        test,
        schemars(schema_with = "crate::decode::checks::schema::timestamp")
    )]
    #[serde(default, deserialize_with = "crate::decode::checks::instant")]
    pub modified_since: Option<String>,
    /// The conversation number the Help Scout UI shows.
    pub number: Option<ConversationNumber>,
    pub query: Option<String>,
    #[serde(default, rename = "customFieldsByIds")]
    pub custom_fields: Vec<FieldFilter>,
    pub sort_field: Option<SortField>,
    pub sort_order: Option<SortOrder>,
    #[serde(default)]
    pub embed_threads: bool,
    /// Most conversations returned, across pages (default 100).
    #[serde(default = "crate::decode::checks::default_limit")]
    #[cfg_attr(test, schemars(schema_with = "crate::decode::checks::schema::limit"))]
    pub limit: Option<u32>,
    /// The `next` of the previous output: continue where it stopped (the other fields as then).
    #[serde(default)]
    pub next: Option<String>,
}

/// One `customFieldsByIds` term.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct FieldFilter {
    pub id: FieldId,
    pub value: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
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
#[cfg_attr(test, derive(schemars::JsonSchema))]
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
#[cfg_attr(test, derive(schemars::JsonSchema))]
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

impl Validate for FindConversations {
    fn validate(&self) -> Result<()> {
        let mut checks = vec![
            check_count("mailbox", self.mailbox.len(), 100),
            check_count("tag", self.tag.len(), 100),
            check_count("customFieldsByIds", self.custom_fields.len(), 100),
            check_limit(self.limit, DEFAULT_LIMIT).map(|_| ()),
        ];
        if let Some(bad) = self
            .tag
            .iter()
            .position(|t| t.contains(',') || t.trim().is_empty())
        {
            let message = "must be a tag name: not empty, without a comma";
            checks.push(Err(Error::invalid(format!("tag[{bad}]"), message)));
        }
        if let Some(since) = &self.modified_since {
            checks.push(check_timestamp("modifiedSince", since));
        }
        if self
            .query
            .as_ref()
            .is_some_and(|q| q.chars().count() > MAX_QUERY_CHARS)
        {
            checks.push(Err(Error::invalid(
                "query",
                "is longer than 8000 characters",
            )));
        }
        for (i, f) in self.custom_fields.iter().enumerate() {
            if f.value.contains(',') || f.value.contains(':') || f.value.trim().is_empty() {
                let path = format!("customFieldsByIds[{i}].value");
                let message = "must be non-empty, without a comma or colon";
                checks.push(Err(Error::invalid(path, message)));
            }
        }
        all(checks)
    }
}

impl FindConversations {
    /// The query parameters of the first page, in Help Scout's names, with these
    /// `customFieldsByIds` terms (dropdown labels resolved).
    fn query_params(&self, fields: &[FieldFilter]) -> Vec<(&'static str, String)> {
        let mut q = Vec::new();
        if !self.mailbox.is_empty() {
            let ids: Vec<String> = self.mailbox.iter().map(|m| m.segment()).collect();
            q.push(("mailbox", ids.join(",")));
        }
        if let Some(folder) = self.folder {
            q.push(("folder", folder.segment()));
        }
        if let Some(status) = self.status {
            q.push(("status", status.as_str().into()));
        }
        if !self.tag.is_empty() {
            q.push(("tag", self.tag.join(",")));
        }
        if let Some(user) = self.assigned_to {
            q.push(("assigned_to", user.segment()));
        }
        if let Some(since) = &self.modified_since {
            q.push(("modifiedSince", since.clone()));
        }
        if let Some(number) = self.number {
            q.push(("number", number.segment()));
        }
        if let Some(field) = self.sort_field {
            q.push(("sortField", field.as_str().into()));
        }
        if let Some(order) = self.sort_order {
            q.push(("sortOrder", order.as_str().into()));
        }
        if let Some(query) = &self.query {
            q.push(("query", query.clone()));
        }
        if !fields.is_empty() {
            let terms: Vec<String> = fields
                .iter()
                .map(|f| format!("{}:{}", f.id, f.value))
                .collect();
            q.push(("customFieldsByIds", terms.join(",")));
        }
        if self.embed_threads {
            q.push(("embed", "threads".into()));
        }
        q
    }
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

/// The conversations, as Help Scout's JSON text: pages followed until `limit` or the end.
pub fn find(client: &mut Client<impl Transport>, input: &FindConversations) -> Result<Found> {
    input.validate()?;
    let limit = check_limit(input.limit, DEFAULT_LIMIT)?;
    let start = match &input.next {
        Some(token) => Resume::from_token(client.base(), "conversations", token)?,
        None => {
            let filters = resolved_filters(client, input)?;
            let query = input.query_params(&filters);
            Resume::start(client.base().endpoint(&["conversations"], &query))
        }
    };
    let (items, rest) = client.find_raw(start, "conversations", limit, |_, item| Ok(Some(item)))?;
    Ok(Found::new(items, rest))
}

/// `find-conversations`, as the catalog declares it.
pub const ENTRY: Entry = Entry {
    name: "find-conversations",
    title: "Find conversations",
    group: Group::Conversation,
    description: "Search conversations (GET /v2/conversations) by mailbox, folder, status, tag, \
                  assignee, modification time, number, custom fields or a Help Scout query, \
                  following pages up to `limit` (default 100).",
    files: files!("find-conversations"),
    option_fields: &[
        field("mailbox", Source::Mailboxes),
        dependent("folder", &["mailbox"], Source::Folders),
        field("status", Source::Enum),
        field("tag", Source::Tags),
        field("assignedTo", Source::Users),
        dependent("customFieldsByIds", &["mailbox"], Source::CustomFields),
    ],
    effects: Effects::READ,
    paging: Paging::Continued,
    trigger: None,
    run: |client, input, _| json(&find(client, &decode(input)?)?),
    #[cfg(test)]
    input_type: schema_of::<FindConversations>,
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::decode;

    #[test]
    fn contract_example_builds_every_parameter() {
        let input: FindConversations = decode(
            r#"{"mailbox": 1, "status": "all", "tag": "vip", "assignedTo": "3",
                "modifiedSince": "2019-06-01T00:00:00Z", "query": "(subject:\"refund\")", "limit": 100}"#,
        )
        .unwrap();
        let q = input.query_params(&input.custom_fields);
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
            (r#"{"modifiedSince": "June 1st"}"#, "modifiedSince"),
            (r#"{"tag": ["a,b"]}"#, "tag[0]"),
            (r#"{"limit": 0}"#, "limit"),
            (r#"{"mailbox": "x"}"#, "mailbox"),
        ];
        for (json, field) in cases {
            match decode::<FindConversations>(json) {
                Err(Error::Validation(f)) => assert_eq!(f[0].path, field, "{json}"),
                other => panic!("{json}: {other:?}"),
            }
        }
    }
}
