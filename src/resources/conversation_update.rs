//! `update-conversation`: any combination of changes turned into Help Scout's sequence of
//! single-op `PATCH`es, `PUT …/tags` and `PUT …/fields` (custom fields merged into the current
//! set), stopping at the first failure and reporting what took effect.

use super::conversation_create::{check_tags, positive};
use super::custom_fields::{self, Definitions, FieldInput};
use super::threads::Status;
use crate::client::{Client, Method, Transport};
use crate::error::{Error, Result};
use crate::input::{all, check_count, check_length, nullable};
use serde::Deserialize;
use serde_json::{Value, json};

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
                    id: Some(id),
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
    let segments: Vec<&str> = ["conversations"].iter().chain(path).copied().collect();
    client.write(method, &segments, Some(body))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::decode_with_id;

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
