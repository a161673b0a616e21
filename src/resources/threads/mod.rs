//! Threads: the fields of a thread, checked by type as each thread type's create page documents
//! them, shared by `create-thread` and the threads of `create-conversation`.

mod attachment;
mod create;
mod download;
mod list;
mod update;

pub use attachment::Attachment;
pub use create::{NewThread, create};
pub use download::{GetAttachment, get as get_attachment};
pub use list::{ListThreads, list};
pub use update::{UpdateThread, update};

use crate::decode::{Validate, all, check_count, check_email, check_timestamp, nullable};
use crate::error::{Error, Result};
use crate::ids::UserId;
use crate::resources::customers::CustomerRef;
use serde::Deserialize;
use serde_json::{Map, Value, json};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum ThreadKind {
    Reply,
    Note,
    Customer,
    Chat,
    Phone,
}

impl ThreadKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ThreadKind::Reply => "reply",
            ThreadKind::Note => "note",
            ThreadKind::Customer => "customer",
            ThreadKind::Chat => "chat",
            ThreadKind::Phone => "phone",
        }
    }

    /// The create endpoint under `/v2/conversations/{id}/`.
    fn endpoint(self) -> &'static str {
        match self {
            ThreadKind::Reply => "reply",
            ThreadKind::Note => "notes",
            ThreadKind::Customer => "customer",
            ThreadKind::Chat => "chats",
            ThreadKind::Phone => "phones",
        }
    }

    /// Whether Help Scout needs the thread's customer.
    fn needs_customer(self) -> bool {
        self != ThreadKind::Note
    }

    /// The optional fields this type's create page documents
    /// (<https://developer.helpscout.com/mailbox-api/endpoints/conversations/threads/reply/>,
    /// `…/note/`, `…/customer/`, `…/chat/`, `…/phone/`): only replies take `assignTo`, `draft`;
    /// replies and notes take `status` and `user`; replies and customer threads take `cc`/`bcc`.
    fn documented(self) -> &'static [&'static str] {
        match self {
            ThreadKind::Reply => &[
                "customer",
                "user",
                "status",
                "cc",
                "bcc",
                "draft",
                "imported",
                "createdAt",
                "assignTo",
                "attachments",
            ],
            ThreadKind::Note => &["user", "status", "imported", "createdAt", "attachments"],
            ThreadKind::Customer => &[
                "customer",
                "cc",
                "bcc",
                "imported",
                "createdAt",
                "attachments",
            ],
            ThreadKind::Chat | ThreadKind::Phone => {
                &["customer", "imported", "createdAt", "attachments"]
            }
        }
    }
}

/// Conversation status after a reply or note: Create Reply lists "active all closed open
/// pending spam"; Create Note lists "active closed inbox_predefined open pending spam" in its
/// newest version and "active all closed open pending spam" in older ones, so a note takes
/// both (Help Scout refuses what the live page does not list).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum ThreadStatus {
    Active,
    All,
    Closed,
    Open,
    Pending,
    Spam,
    #[serde(rename = "inbox_predefined")]
    InboxPredefined,
}

impl ThreadStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ThreadStatus::Active => "active",
            ThreadStatus::All => "all",
            ThreadStatus::Closed => "closed",
            ThreadStatus::Open => "open",
            ThreadStatus::Pending => "pending",
            ThreadStatus::Spam => "spam",
            ThreadStatus::InboxPredefined => "inbox_predefined",
        }
    }

    /// Whether the create page of a `kind` thread lists this status.
    fn allowed_for(self, kind: ThreadKind) -> bool {
        match self {
            ThreadStatus::InboxPredefined => kind == ThreadKind::Note,
            _ => true,
        }
    }
}

/// A thread's content (Help Scout's names; `type` picks the kind).
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ThreadFields {
    #[serde(rename = "type")]
    pub kind: ThreadKind,
    pub text: String,
    pub customer: Option<CustomerRef>,
    pub user: Option<UserId>,
    pub status: Option<ThreadStatus>,
    #[serde(default)]
    pub cc: Vec<String>,
    #[serde(default)]
    pub bcc: Vec<String>,
    pub draft: Option<bool>,
    pub imported: Option<bool>,
    /// Only with `imported: true`.
    #[cfg_attr(
        test,
        schemars(schema_with = "crate::decode::checks::schema::timestamp")
    )]
    #[serde(default, deserialize_with = "crate::decode::checks::instant")]
    pub created_at: Option<String>,
    /// A user id; `null` keeps the conversation unassigned (Create Reply).
    #[serde(default, deserialize_with = "nullable")]
    pub assign_to: Option<Option<UserId>>,
    #[serde(default)]
    pub attachments: Vec<Attachment>,
}

/// Longest thread text accepted (Help Scout's request limit is 100 kB for most bodies).
const MAX_TEXT_CHARS: usize = 100_000;

impl Validate for ThreadFields {
    fn validate(&self) -> Result<()> {
        self.check("")
    }
}

impl ThreadFields {
    /// All problems at once, paths under `path` (e.g. `threads[0]`, or "" for a top-level input).
    pub fn check(&self, path: &str) -> Result<()> {
        let at = |name: &str| {
            if path.is_empty() {
                name.to_string()
            } else {
                format!("{path}.{name}")
            }
        };
        let mut checks = vec![
            text_check(&at("text"), &self.text),
            check_count(&at("cc"), self.cc.len(), 50),
            check_count(&at("bcc"), self.bcc.len(), 50),
            check_count(&at("attachments"), self.attachments.len(), 20),
        ];
        if let Some(customer) = &self.customer {
            checks.push(customer.validate(&at("customer")));
        }
        for (list, name) in [(&self.cc, "cc"), (&self.bcc, "bcc")] {
            for (i, email) in list.iter().enumerate() {
                checks.push(check_email(&format!("{}[{i}]", at(name)), email));
            }
        }
        if let Some(created) = &self.created_at {
            checks.push(check_timestamp(&at("createdAt"), created));
            if self.imported != Some(true) {
                checks.push(Err(Error::invalid(
                    at("createdAt"),
                    "is only allowed with imported: true",
                )));
            }
        }
        for (i, attachment) in self.attachments.iter().enumerate() {
            checks.push(attachment.validate(&format!("{}[{i}]", at("attachments"))));
        }
        if let Some(status) = self.status.filter(|s| !s.allowed_for(self.kind)) {
            let message = format!(
                "{:?} is not a status a {} thread sets (its create page does not list it)",
                status.as_str(),
                self.kind.as_str()
            );
            checks.push(Err(Error::invalid(at("status"), message)));
        }
        let documented = self.kind.documented();
        for name in self.given() {
            if !documented.contains(&name) {
                let message = format!(
                    "is not a field of a {} thread (Help Scout's create page for it does not take it)",
                    self.kind.as_str()
                );
                checks.push(Err(Error::invalid(at(name), message)));
            }
        }
        all(checks)
    }

    /// The optional fields this input sets.
    fn given(&self) -> impl Iterator<Item = &'static str> + '_ {
        [
            ("customer", self.customer.is_some()),
            ("user", self.user.is_some()),
            ("status", self.status.is_some()),
            ("cc", !self.cc.is_empty()),
            ("bcc", !self.bcc.is_empty()),
            ("draft", self.draft.is_some()),
            ("imported", self.imported.is_some()),
            ("createdAt", self.created_at.is_some()),
            ("assignTo", self.assign_to.is_some()),
            ("attachments", !self.attachments.is_empty()),
        ]
        .into_iter()
        .filter_map(|(name, set)| set.then_some(name))
    }

    /// The request body; `with_type` for the items of `POST /v2/conversations`.
    pub fn body(&self, with_type: bool) -> Value {
        let mut body = Map::new();
        if with_type {
            body.insert("type".into(), json!(self.kind.as_str()));
        }
        if let Some(customer) = &self.customer {
            body.insert("customer".into(), json!(customer));
        }
        body.insert("text".into(), json!(self.text));
        let optional = [
            ("user", self.user.map(|v| json!(v))),
            ("status", self.status.map(|s| json!(s.as_str()))),
            ("draft", self.draft.map(|v| json!(v))),
            ("imported", self.imported.map(|v| json!(v))),
            ("createdAt", self.created_at.as_ref().map(|v| json!(v))),
            ("assignTo", self.assign_to.map(|v| json!(v))),
            ("cc", (!self.cc.is_empty()).then(|| json!(self.cc))),
            ("bcc", (!self.bcc.is_empty()).then(|| json!(self.bcc))),
            (
                "attachments",
                (!self.attachments.is_empty()).then(|| json!(self.attachments)),
            ),
        ];
        for (key, value) in optional {
            if let Some(v) = value {
                body.insert(key.into(), v);
            }
        }
        Value::Object(body)
    }
}

fn text_check(path: &str, text: &str) -> Result<()> {
    if text.trim().is_empty() {
        Err(Error::invalid(path, "must not be empty"))
    } else if text.chars().count() > MAX_TEXT_CHARS {
        Err(Error::invalid(path, "is longer than 100000 characters"))
    } else {
        Ok(())
    }
}

/// The entries of this resource, in catalog order.
pub const ENTRIES: &[crate::catalog::Entry] =
    &[list::ENTRY, create::ENTRY, update::ENTRY, download::ENTRY];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::{decode, decode_with_id};
    use crate::ids::ConversationId;

    #[test]
    fn a_note_sends_only_its_text() {
        let (id, fields): (ConversationId, ThreadFields) = decode_with_id(
            r#"{"conversationId": "123", "type": "note", "text": "t"}"#,
            "conversationId",
        )
        .unwrap();
        assert_eq!(id.get(), 123);
        assert_eq!(fields.body(false), json!({"text": "t"}));
        assert_eq!(fields.kind.endpoint(), "notes");
    }

    #[test]
    fn statuses_follow_each_create_page() {
        let check = |kind: &str, status: &str| {
            let customer = if kind == "note" {
                ""
            } else {
                r#", "customer": {"id": 5}"#
            };
            let json =
                format!(r#"{{"type": "{kind}", "text": "t", "status": "{status}"{customer}}}"#);
            serde_json::from_str::<ThreadFields>(&json)
                .unwrap()
                .check("")
        };
        assert!(check("reply", "all").is_ok());
        assert!(check("reply", "inbox_predefined").is_err());
        assert!(check("note", "inbox_predefined").is_ok());
        assert!(check("note", "closed").is_ok());
        assert!(
            check("note", "all").is_ok(),
            "older copies of Create Note list it"
        );
    }

    #[test]
    fn every_option_reaches_the_body() {
        let fields: ThreadFields = decode(
            r#"{"type": "reply", "text": "t", "customer": {"id": 5}, "user": 3, "status": "pending",
                "cc": ["a@example.com"], "bcc": ["b@example.com"], "draft": true, "assignTo": 7,
                "attachments": [{"fileName": "f.txt", "mimeType": "text/plain", "data": "ZmlsZQ=="}]}"#,
        )
        .unwrap();
        fields.check("").unwrap();
        let body = fields.body(true);
        for key in [
            "type",
            "customer",
            "text",
            "user",
            "status",
            "cc",
            "bcc",
            "draft",
            "assignTo",
            "attachments",
        ] {
            assert!(body.get(key).is_some(), "{key}");
        }
        assert_eq!(body["attachments"][0]["fileName"], "f.txt");
    }

    #[test]
    fn validation_names_every_bad_field() {
        let fields: ThreadFields = serde_json::from_str(
            r#"{"type": "reply", "text": " ", "cc": ["x"], "createdAt": "2020-01-01T00:00:00Z",
                "attachments": [{"fileName": "f", "mimeType": "text/plain", "data": "%%%"}]}"#,
        )
        .unwrap();
        let Err(Error::Validation(errors)) = fields.check("threads[0]") else {
            panic!()
        };
        let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "threads[0].text",
                "threads[0].cc[0]",
                "threads[0].createdAt",
                "threads[0].attachments[0].data"
            ]
        );
    }
}
