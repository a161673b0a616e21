//! `update-conversation`: any combination of changes turned into Help Scout's sequence of
//! single-op `PATCH`es, `PUT …/tags`, `PUT …/fields` (custom fields merged into the current
//! set) and `PUT`/`DELETE …/snooze`, stopping at the first failure and reporting what took
//! effect.

use super::create::check_tags;
use super::custom_fields::{self, CurrentFields};
use crate::client::{Client, Method, Replay, Transport};
use crate::decode::{Validate, all, check_count, check_length, check_timestamp, nullable};
use crate::error::{Error, Result};
use crate::ids::{ConversationId, CustomerId, MailboxId, UserId};
use crate::resources::mailboxes::{Definitions, FieldInput};
use crate::resources::{UpdateOutcome, wire};
use serde::Deserialize;
use serde_json::{Value, json};

/// A conversation's status as Update Conversation sets it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Active,
    Closed,
    Pending,
    Spam,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Active => "active",
            Status::Closed => "closed",
            Status::Pending => "pending",
            Status::Spam => "spam",
        }
    }
}

/// Snooze Conversation's body (`PUT /v2/conversations/{id}/snooze`, both fields required,
/// <https://developer.helpscout.com/mailbox-api/endpoints/conversations/snooze/update/>).
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Snooze {
    /// When the conversation comes back: in the future, not after the year 2100.
    pub snoozed_until: String,
    pub unsnooze_on_customer_reply: bool,
}

/// Input of `update-conversation` (besides its `id`); every change optional.
#[derive(Debug, Default, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpdateConversation {
    pub subject: Option<String>,
    pub status: Option<Status>,
    /// A user id; `null` unassigns.
    #[serde(default, deserialize_with = "nullable")]
    pub assign_to: Option<Option<UserId>>,
    #[serde(default)]
    pub unassign: bool,
    pub mailbox_id: Option<MailboxId>,
    pub primary_customer_id: Option<CustomerId>,
    /// `false` publishes a draft.
    pub draft: Option<bool>,
    pub tags: Option<Vec<String>>,
    #[serde(default)]
    pub custom_fields: Vec<FieldInput>,
    /// Snoozes the conversation; `null` unsnoozes it.
    #[serde(default, deserialize_with = "nullable")]
    pub snooze: Option<Option<Snooze>>,
}

/// One request of an update: its name in `applied`, method, sub-path and body.
struct Step {
    name: &'static str,
    method: Method,
    sub: Option<&'static str>,
    body: Option<Value>,
}

impl Step {
    /// A single-op `PATCH /v2/conversations/{id}`.
    fn patch(name: &'static str, op: &str, path: &str, value: Option<Value>) -> Self {
        let mut body = json!({"op": op, "path": path});
        if let Some(v) = value {
            body["value"] = v;
        }
        Step {
            name,
            method: Method::Patch,
            sub: None,
            body: Some(body),
        }
    }

    fn put(name: &'static str, sub: &'static str, body: Value) -> Self {
        Step {
            name,
            method: Method::Put,
            sub: Some(sub),
            body: Some(body),
        }
    }

    /// Whether a second copy would do what one does: a `PUT` replaces, a `replace` or `move`
    /// sets; a `remove` or `DELETE` repeated could fail because the first applied.
    fn replay(&self) -> Replay {
        let op = self.body.as_ref().and_then(|b| b["op"].as_str());
        match (self.method, op) {
            (Method::Put, _) | (Method::Patch, Some("replace" | "move")) => Replay::Safe,
            _ => Replay::Unsafe,
        }
    }
}

/// Input of `update-conversation`: the conversation and the changes.
#[derive(Debug)]
pub struct ConversationChanges {
    pub id: ConversationId,
    pub changes: UpdateConversation,
}

impl Validate for ConversationChanges {
    fn validate(&self) -> Result<()> {
        self.changes.validate()
    }
}

impl Validate for UpdateConversation {
    fn validate(&self) -> Result<()> {
        let mut checks = Vec::new();
        if let Some(subject) = &self.subject {
            checks.push(check_length("subject", subject.trim(), 1, 998));
        }
        if let Some(tags) = &self.tags {
            checks.push(check_tags(tags));
        }
        checks.push(check_count("customFields", self.custom_fields.len(), 100));
        if self.draft == Some(true) {
            checks.push(Err(Error::invalid(
                "draft",
                "can only be false (publish the draft)",
            )));
        }
        if self.unassign && matches!(self.assign_to, Some(Some(_))) {
            checks.push(Err(Error::invalid("unassign", "conflicts with assignTo")));
        }
        if let Some(Some(snooze)) = &self.snooze {
            checks.push(check_snooze(&snooze.snoozed_until));
        }
        all(checks)
    }
}

impl UpdateConversation {
    /// The requests, in order; `fields` is the merged `PUT …/fields` body, if any.
    fn steps(&self, fields: Option<Value>) -> Vec<Step> {
        let mut steps = Vec::new();
        if let Some(s) = &self.subject {
            steps.push(Step::patch(
                "subject",
                "replace",
                "/subject",
                Some(json!(s)),
            ));
        }
        if let Some(id) = self.primary_customer_id {
            let value = Some(json!(id));
            steps.push(Step::patch(
                "primaryCustomer",
                "replace",
                "/primaryCustomer.id",
                value,
            ));
        }
        if let Some(id) = self.mailbox_id {
            steps.push(Step::patch(
                "mailbox",
                "move",
                "/mailboxId",
                Some(json!(id)),
            ));
        }
        if let Some(status) = self.status {
            let value = Some(json!(status.as_str()));
            steps.push(Step::patch("status", "replace", "/status", value));
        }
        match (self.assign_to, self.unassign) {
            (Some(Some(user)), _) => steps.push(Step::patch(
                "assignTo",
                "replace",
                "/assignTo",
                Some(json!(user)),
            )),
            (Some(None), _) | (None, true) => {
                steps.push(Step::patch("assignTo", "remove", "/assignTo", None))
            }
            (None, false) => {}
        }
        if self.draft == Some(false) {
            steps.push(Step::patch(
                "draft",
                "replace",
                "/draft",
                Some(json!(false)),
            ));
        }
        if let Some(tags) = &self.tags {
            steps.push(Step::put("tags", "tags", json!({ "tags": tags })));
        }
        if let Some(body) = fields {
            steps.push(Step::put("customFields", "fields", body));
        }
        match &self.snooze {
            Some(Some(snooze)) => {
                let body = json!({"snoozedUntil": snooze.snoozed_until,
                                  "unsnoozeOnCustomerReply": snooze.unsnooze_on_customer_reply});
                steps.push(Step::put("snooze", "snooze", body));
            }
            Some(None) => steps.push(Step {
                name: "unsnooze",
                method: Method::Delete,
                sub: Some("snooze"),
                body: None,
            }),
            None => {}
        }
        steps
    }
}

/// `snoozedUntil`: Help Scout's date-time, in the future, not after the year 2100.
fn check_snooze(until: &str) -> Result<()> {
    let path = "snooze.snoozedUntil";
    check_timestamp(path, until)?;
    if until >= "2101-01-01T00:00:00Z" {
        return Err(Error::invalid(path, "must not be after the year 2100"));
    }
    if until <= crate::decode::now().as_str() {
        return Err(Error::invalid(path, "must be in the future"));
    }
    Ok(())
}

/// `{"id": …, "applied": [steps]}`; a failure after some steps is `partial`.
pub fn update(
    client: &mut Client<impl Transport>,
    input: &ConversationChanges,
) -> Result<UpdateOutcome> {
    input.validate()?;
    let (id, changes) = (input.id, &input.changes);
    let conversation = id.segment();
    let fields = match changes.custom_fields.is_empty() {
        true => None,
        false => Some(merged_fields(client, id, changes)?),
    };
    let steps = changes.steps(fields);
    if steps.is_empty() {
        return Err(Error::invalid("input", "names nothing to update"));
    }
    let mut applied = Vec::new();
    for step in steps {
        let mut segments = vec!["conversations", &conversation];
        segments.extend(step.sub);
        let result = client.write(step.method, &segments, step.body.as_ref(), step.replay());
        match result {
            Ok(_) => applied.push(step.name),
            Err(e) if applied.is_empty() => return Err(e),
            Err(e) => return Err(e.after_steps(step.name, &applied, Some(id.get()))),
        }
    }
    Ok(UpdateOutcome {
        id: id.get(),
        applied,
    })
}

/// Reads the conversation and the target mailbox's definitions, validates the new values and
/// merges them into the current set — before anything is written.
fn merged_fields(
    client: &mut Client<impl Transport>,
    id: ConversationId,
    input: &UpdateConversation,
) -> Result<Value> {
    let current = client.get(&["conversations", &id.segment()], &[])?;
    let current: CurrentFields = wire::parse(&current, "conversation")?;
    let mailbox = match input.mailbox_id {
        Some(m) => m,
        None => MailboxId::new(current.mailbox_id).ok_or_else(|| wire::not_a("conversation"))?,
    };
    let definitions = Definitions::fetch(client, mailbox)?;
    let resolved = definitions.resolve(&input.custom_fields, "customFields")?;
    Ok(custom_fields::merged_body(&current, &resolved, |id| {
        definitions.contains(id)
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::decode_with_id;

    #[test]
    fn update_plans_patches_then_puts_in_order() {
        let (_, input): (ConversationId, UpdateConversation) = decode_with_id(
            r#"{"id": 1, "status": "closed", "assignTo": null, "subject": "s", "mailboxId": 2, "tags": []}"#,
            "id",
        )
        .unwrap();
        let names: Vec<&str> = input
            .steps(Some(json!({})))
            .iter()
            .map(|s| s.name)
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
        let unassign = &input.steps(None)[3];
        assert_eq!(
            unassign.body,
            Some(json!({"op": "remove", "path": "/assignTo"}))
        );
        let replays: Vec<Replay> = input.steps(None).iter().map(Step::replay).collect();
        assert_eq!(
            replays,
            [
                Replay::Safe,
                Replay::Safe,
                Replay::Safe,
                Replay::Unsafe,
                Replay::Safe
            ]
        );
    }

    #[test]
    fn update_rejects_contradictions() {
        let decoded = decode_with_id::<ConversationId, UpdateConversation>(
            r#"{"id": 1, "assignTo": 3, "unassign": true, "draft": true}"#,
            "id",
        );
        let Err(Error::Validation(errors)) = decoded else {
            panic!()
        };
        assert_eq!(errors.len(), 2);
    }
}
