//! Conversation writes: `create-conversation` (`POST /v2/conversations`) and
//! `update-conversation`, which turns any combination of changes into Help Scout's sequence of
//! single-op `PATCH`es, `PUT …/tags` and `PUT …/fields`, stopping at the first failure.

use super::custom_fields::{self, Definitions, FieldInput};
use super::refs::CustomerRef;
use super::threads::{Status, ThreadFields};
use crate::client::{Client, Method, Transport, created_id, error_for};
use crate::error::{Error, Result};
use crate::input::{all, check_count, check_length, check_timestamp, nullable};
use serde::Deserialize;
use serde_json::{Value, json};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ConversationType {
    Email,
    Chat,
    Phone,
}

/// Status of a new conversation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NewStatus {
    Active,
    Closed,
    Pending,
}

/// Input of `create-conversation` (reference §2.4).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreateConversation {
    pub subject: String,
    pub mailbox_id: u64,
    #[serde(rename = "type")]
    pub kind: ConversationType,
    pub status: NewStatus,
    pub customer: CustomerRef,
    pub threads: Vec<ThreadFields>,
    #[serde(default)]
    pub tags: Vec<String>,
    pub assign_to: Option<u64>,
    pub created_at: Option<String>,
    pub imported: Option<bool>,
    pub auto_reply: Option<bool>,
    pub user: Option<u64>,
    #[serde(default, alias = "customFields")]
    pub fields: Vec<FieldInput>,
    #[serde(default)]
    pub return_conversation: bool,
}

impl CreateConversation {
    fn validate(&self) -> Result<()> {
        let mut checks = vec![
            check_length("subject", self.subject.trim(), 1, 998),
            self.customer.validate("customer"),
            check_tags(&self.tags),
            positive("mailboxId", self.mailbox_id),
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
            checks.push(thread.validate(&format!("threads[{i}]")));
            if thread.status.is_some() || thread.assign_to.is_some() {
                let message = "status and assignTo belong to the conversation, not its threads";
                checks.push(Err(Error::invalid(format!("threads[{i}]"), message)));
            }
        }
        if let Some(created) = &self.created_at {
            checks.push(check_timestamp("createdAt", created));
        }
        all(checks)
    }

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
pub fn create(client: &mut Client<impl Transport>, input: &CreateConversation) -> Result<Value> {
    input.validate()?;
    let fields = if input.fields.is_empty() {
        None
    } else {
        let definitions = Definitions::fetch(client, input.mailbox_id)?;
        let resolved = definitions.resolve(&input.fields, "fields")?;
        Some(custom_fields::create_body(&resolved))
    };
    let url = client.base().endpoint(&["conversations"], &[]);
    let response = client.send(Method::Post, url, Some(&input.body(fields)))?;
    if !(200..300).contains(&response.status) {
        return Err(error_for(response.status, &response));
    }
    let id = created_id(&response);
    let mut output = json!({ "id": id });
    if let (true, Some(id)) = (input.return_conversation, id) {
        let query = [("embed", "threads".to_string())];
        output["conversation"] = client.get(&["conversations", &id.to_string()], &query)?;
    }
    Ok(output)
}

/// Input of `update-conversation` (besides its `id`); every change optional.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpdateConversation {
    pub subject: Option<String>,
    pub status: Option<Status>,
    /// A user id; `null` unassigns.
    #[serde(default, deserialize_with = "nullable")]
    pub assign_to: Option<Option<u64>>,
    #[serde(default)]
    pub unassign: bool,
    pub mailbox_id: Option<u64>,
    pub primary_customer_id: Option<u64>,
    /// `false` publishes a draft.
    pub draft: Option<bool>,
    pub tags: Option<Vec<String>>,
    #[serde(default)]
    pub custom_fields: Vec<FieldInput>,
}

/// One request of an update.
enum Step {
    Patch(&'static str, Value),
    Put(&'static str, &'static str, Value),
}

impl UpdateConversation {
    fn validate(&self) -> Result<()> {
        let mut checks = Vec::new();
        if let Some(subject) = &self.subject {
            checks.push(check_length("subject", subject.trim(), 1, 998));
        }
        if let Some(tags) = &self.tags {
            checks.push(check_tags(tags));
        }
        checks.push(check_count("customFields", self.custom_fields.len(), 100));
        for (path, id) in [
            ("mailboxId", self.mailbox_id),
            ("primaryCustomerId", self.primary_customer_id),
            ("assignTo", self.assign_to.flatten()),
        ] {
            if let Some(id) = id {
                checks.push(positive(path, id));
            }
        }
        if self.draft == Some(true) {
            checks.push(Err(Error::invalid(
                "draft",
                "can only be false (publish the draft)",
            )));
        }
        if self.unassign && matches!(self.assign_to, Some(Some(_))) {
            checks.push(Err(Error::invalid("unassign", "conflicts with assignTo")));
        }
        all(checks)
    }

    /// The requests, in order; `fields` is the merged `PUT …/fields` body, if any.
    fn steps(&self, fields: Option<Value>) -> Vec<Step> {
        let op = |op: &str, path: &str, value: Option<Value>| {
            let mut o = json!({"op": op, "path": path});
            if let Some(v) = value {
                o["value"] = v;
            }
            o
        };
        let mut steps = Vec::new();
        if let Some(s) = &self.subject {
            steps.push(Step::Patch(
                "subject",
                op("replace", "/subject", Some(json!(s))),
            ));
        }
        if let Some(id) = self.primary_customer_id {
            steps.push(Step::Patch(
                "primaryCustomer",
                op("replace", "/primaryCustomer.id", Some(json!(id))),
            ));
        }
        if let Some(id) = self.mailbox_id {
            steps.push(Step::Patch(
                "mailbox",
                op("move", "/mailboxId", Some(json!(id))),
            ));
        }
        if let Some(status) = self.status {
            steps.push(Step::Patch(
                "status",
                op("replace", "/status", Some(json!(status.as_str()))),
            ));
        }
        match (self.assign_to, self.unassign) {
            (Some(Some(user)), _) => steps.push(Step::Patch(
                "assignTo",
                op("replace", "/assignTo", Some(json!(user))),
            )),
            (Some(None), _) | (None, true) => {
                steps.push(Step::Patch("assignTo", op("remove", "/assignTo", None)))
            }
            (None, false) => {}
        }
        if self.draft == Some(false) {
            steps.push(Step::Patch(
                "draft",
                op("replace", "/draft", Some(json!(false))),
            ));
        }
        if let Some(tags) = &self.tags {
            steps.push(Step::Put("tags", "tags", json!({ "tags": tags })));
        }
        if let Some(body) = fields {
            steps.push(Step::Put("customFields", "fields", body));
        }
        steps
    }
}

/// `{"id": …, "applied": [steps]}`; a failure after some steps is `partial`.
pub fn update(
    client: &mut Client<impl Transport>,
    id: u64,
    input: &UpdateConversation,
) -> Result<Value> {
    input.validate()?;
    let conversation = id.to_string();
    let fields = match input.custom_fields.is_empty() {
        true => None,
        false => Some(merged_fields(client, &conversation, input)?),
    };
    let steps = input.steps(fields);
    if steps.is_empty() {
        return Err(Error::invalid("input", "names nothing to update"));
    }
    let mut applied: Vec<String> = Vec::new();
    for step in steps {
        let (name, result) = match step {
            Step::Patch(name, op) => (name, write(client, Method::Patch, &[&conversation], &op)),
            Step::Put(name, sub, body) => (
                name,
                write(client, Method::Put, &[&conversation, sub], &body),
            ),
        };
        match result {
            Ok(()) => applied.push(name.to_string()),
            Err(e) if applied.is_empty() => return Err(e),
            Err(e) => {
                return Err(Error::Partial {
                    failed_step: name.to_string(),
                    applied,
                    message: e.to_string(),
                });
            }
        }
    }
    Ok(json!({ "id": id, "applied": applied }))
}

/// Reads the conversation and the target mailbox's definitions, validates the new values and
/// merges them into the current set — before anything is written.
fn merged_fields(
    client: &mut Client<impl Transport>,
    conversation: &str,
    input: &UpdateConversation,
) -> Result<Value> {
    let current = client.get(&["conversations", conversation], &[])?;
    let current_mailbox = current["mailboxId"].as_u64().unwrap_or(0);
    let mailbox = input.mailbox_id.unwrap_or(current_mailbox);
    let definitions = Definitions::fetch(client, mailbox)?;
    let resolved = definitions.resolve(&input.custom_fields, "customFields")?;
    Ok(custom_fields::merged_body(&current, &resolved, |id| {
        definitions.contains(id)
    }))
}

fn write(
    client: &mut Client<impl Transport>,
    method: Method,
    path: &[&str],
    body: &Value,
) -> Result<()> {
    let mut segments = vec!["conversations"];
    segments.extend_from_slice(path);
    let url = client.base().endpoint(&segments, &[]);
    let response = client.send(method, url, Some(body))?;
    match response.status {
        200..=299 => Ok(()),
        status => Err(error_for(status, &response)),
    }
}

fn check_tags(tags: &[String]) -> Result<()> {
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

fn positive(path: &str, id: u64) -> Result<()> {
    if id == 0 {
        Err(Error::invalid(path, "must be a positive id"))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::cassette_request;
    use crate::input::{decode, decode_with_id};

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

    #[test]
    fn update_plans_patches_then_puts_in_order() {
        let (_, input): (u64, UpdateConversation) = decode_with_id(
            r#"{"id": 1, "status": "closed", "assignTo": null, "subject": "s", "mailboxId": 2, "tags": []}"#,
            "id",
        )
        .unwrap();
        let names: Vec<&str> = input
            .steps(Some(json!({})))
            .iter()
            .map(|s| match s {
                Step::Patch(n, _) | Step::Put(n, _, _) => *n,
            })
            .collect();
        assert_eq!(
            names,
            [
                "subject",
                "mailbox",
                "status",
                "assignTo",
                "tags",
                "customFields"
            ]
        );
        let Step::Patch(_, unassign) = &input.steps(None)[3] else {
            panic!()
        };
        assert_eq!(unassign, &json!({"op": "remove", "path": "/assignTo"}));
    }

    #[test]
    fn update_rejects_contradictions() {
        let (_, input): (u64, UpdateConversation) = decode_with_id(
            r#"{"id": 1, "assignTo": 3, "unassign": true, "draft": true}"#,
            "id",
        )
        .unwrap();
        let Err(Error::Validation(errors)) = input.validate() else {
            panic!()
        };
        assert_eq!(errors.len(), 2);
    }
}
