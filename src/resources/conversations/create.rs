//! `create-conversation`: `POST /v2/conversations`, custom fields validated against the
//! mailbox's definitions first, the new id read from `Resource-ID`.

use super::Conversation;
use super::custom_fields;
use crate::catalog::declare::*;
use crate::client::{Client, Method, Replay, Transport, created_id};
use crate::decode::{Validate, all, check_count, check_length, check_timestamp, nullable};
use crate::error::{Error, Result};
use crate::ids::{MailboxId, UserId};
use crate::resources::Raw;
use crate::resources::customers::CustomerRef;
use crate::resources::mailboxes::{Definitions, FieldInput};
use crate::resources::threads::ThreadFields;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum ConversationType {
    Email,
    Chat,
    Phone,
}

/// Status of a new conversation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum NewStatus {
    Active,
    Closed,
    Pending,
}

/// Input of `create-conversation` (reference §2.4).
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreateConversation {
    pub subject: String,
    pub mailbox_id: MailboxId,
    #[serde(rename = "type")]
    pub kind: ConversationType,
    pub status: NewStatus,
    pub customer: CustomerRef,
    pub threads: Vec<ThreadFields>,
    #[serde(default)]
    pub tags: Vec<String>,
    /// A user id; absent lets the mailbox's settings assign, `null` keeps the conversation
    /// unassigned (Create Conversation).
    #[serde(default, deserialize_with = "nullable")]
    pub assign_to: Option<Option<UserId>>,
    /// When the conversation was created (imported conversations).
    #[cfg_attr(
        test,
        schemars(schema_with = "crate::decode::checks::schema::timestamp")
    )]
    #[serde(default, deserialize_with = "crate::decode::checks::instant")]
    pub created_at: Option<String>,
    /// When an imported conversation was closed ("only applicable for imported conversations").
    #[cfg_attr(
        test,
        schemars(schema_with = "crate::decode::checks::schema::timestamp")
    )]
    #[serde(default, deserialize_with = "crate::decode::checks::instant")]
    pub closed_at: Option<String>,
    pub imported: Option<bool>,
    pub auto_reply: Option<bool>,
    pub user: Option<UserId>,
    #[serde(default, alias = "customFields")]
    pub fields: Vec<FieldInput>,
    #[serde(default)]
    pub return_conversation: bool,
}

/// The output of `create-conversation`: the new id, and the conversation when asked for.
#[derive(Debug, Serialize)]
pub struct CreatedConversation {
    pub id: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conversation: Option<Conversation>,
}

impl Validate for CreateConversation {
    fn validate(&self) -> Result<()> {
        let mut checks = vec![
            check_length("subject", self.subject.trim(), 1, 998),
            self.customer.validate("customer"),
            check_tags(&self.tags),
            check_count("fields", self.fields.len(), 100),
        ];
        match self.threads.len() {
            0 => checks.push(Err(Error::invalid("threads", "needs at least one thread"))),
            n if n > 100 => {
                checks.push(Err(Error::invalid("threads", "holds at most 100 threads")))
            }
            _ => {}
        }
        for (i, thread) in self.threads.iter().enumerate() {
            checks.push(thread.check(&format!("threads[{i}]")));
            if thread.status.is_some() || thread.assign_to.is_some() {
                let message = "status and assignTo belong to the conversation, not its threads";
                checks.push(Err(Error::invalid(format!("threads[{i}]"), message)));
            }
        }
        if let Some(created) = &self.created_at {
            checks.push(check_timestamp("createdAt", created));
        }
        if let Some(closed) = &self.closed_at {
            checks.push(check_timestamp("closedAt", closed));
            if self.imported != Some(true) {
                let message = "is only allowed with imported: true";
                checks.push(Err(Error::invalid("closedAt", message)));
            }
        }
        all(checks)
    }
}

impl CreateConversation {
    fn body(&self, fields: Option<Value>) -> Value {
        let kind = match self.kind {
            ConversationType::Email => "email",
            ConversationType::Chat => "chat",
            ConversationType::Phone => "phone",
        };
        let status = match self.status {
            NewStatus::Active => "active",
            NewStatus::Closed => "closed",
            NewStatus::Pending => "pending",
        };
        let threads: Vec<Value> = self.threads.iter().map(|t| t.body(true)).collect();
        let mut body = json!({"subject": self.subject, "customer": self.customer, "mailboxId": self.mailbox_id,
                              "type": kind, "status": status, "threads": threads});
        let optional = [
            ("tags", (!self.tags.is_empty()).then(|| json!(self.tags))),
            ("assignTo", self.assign_to.map(|v| json!(v))),
            ("createdAt", self.created_at.as_ref().map(|v| json!(v))),
            ("closedAt", self.closed_at.as_ref().map(|v| json!(v))),
            ("imported", self.imported.map(|v| json!(v))),
            ("autoReply", self.auto_reply.map(|v| json!(v))),
            ("user", self.user.map(|v| json!(v))),
            ("fields", fields),
        ];
        for (key, value) in optional {
            if let Some(v) = value {
                body[key] = v;
            }
        }
        body
    }
}

/// `{"id": <new id>}`, plus `"conversation"` when `returnConversation` is set.
pub fn create(
    client: &mut Client<impl Transport>,
    input: &CreateConversation,
) -> Result<CreatedConversation> {
    input.validate()?;
    let fields = if input.fields.is_empty() {
        None
    } else {
        let definitions = Definitions::fetch(client, input.mailbox_id)?;
        let resolved = definitions.resolve(&input.fields, "fields")?;
        Some(custom_fields::create_body(&resolved))
    };
    let body = input.body(fields);
    let response = client.write(
        Method::Post,
        &["conversations"],
        Some(&body),
        Replay::Unsafe,
    )?;
    let id = created_id(&response);
    let mut output = CreatedConversation {
        id,
        conversation: None,
    };
    if let (true, Some(id)) = (input.return_conversation, id) {
        // The conversation exists now: a failed read-back must not invite a retry of the create.
        let query = [("embed", "threads".to_string())];
        let segments = ["conversations", &id.to_string()];
        let read = client.get_object(&segments, &query, "conversation");
        let read = read.map_err(|e| e.after_steps("read-back", &["create"], Some(id)))?;
        output.conversation = Some(Raw(read));
    }
    Ok(output)
}

pub(super) fn check_tags(tags: &[String]) -> Result<()> {
    check_count("tags", tags.len(), 100)?;
    match tags
        .iter()
        .position(|t| t.trim().is_empty() || t.chars().count() > 100)
    {
        Some(i) => Err(Error::invalid(
            format!("tags[{i}]"),
            "must be 1 to 100 characters",
        )),
        None => Ok(()),
    }
}

/// `create-conversation`, as the catalog declares it. A reply thread e-mails the customer.
pub const ENTRY: Entry = Entry {
    name: "create-conversation",
    title: "Create a conversation",
    group: Group::Conversation,
    description: "Create a conversation (POST /v2/conversations) with its first threads, \
                  customer by id or email, tags, assignee, status and custom fields (validated \
                  against the mailbox's definitions first); returns the new id.",
    files: files!("create-conversation"),
    option_fields: &[
        field("mailboxId", Source::Mailboxes),
        field("status", Source::Enum),
        field("assignTo", Source::Users),
        field("user", Source::Users),
        field("tags", Source::Tags),
        dependent("fields", &["mailboxId"], Source::CustomFields),
    ],
    effects: Effects::write(true, false),
    paging: Paging::None,
    trigger: None,
    run: |client, input, _| json(&create(client, &decode(input)?)?),
    #[cfg(test)]
    input_type: || with_alias(schema_of::<CreateConversation>(), "customFields", "fields"),
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::decode;
    use crate::fixtures::cassette_request;

    #[test]
    fn contract_example_and_recorded_create_bodies() {
        let input: CreateConversation = decode(
            r#"{"subject": "s", "mailboxId": 1, "type": "email", "status": "active",
                "customer": {"email": "a@example.com"},
                "threads": [{"type": "customer", "customer": {"email": "a@example.com"}, "text": "t"}],
                "tags": ["x"]}"#,
        )
        .unwrap();
        input.validate().unwrap();
        assert_eq!(
            input.body(None)["threads"][0],
            json!({"type": "customer", "customer": {"email": "a@example.com"}, "text": "t"})
        );
        let recorded = cassette_request("conversation_create.json", "POST", "/v2/conversations");
        let replayed: CreateConversation = serde_json::from_value(recorded.clone()).unwrap();
        assert_eq!(replayed.body(None), recorded);
    }
}
