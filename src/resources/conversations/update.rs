//! `update-conversation`: any combination of changes turned into Help Scout's sequence of
//! single-op `PATCH`es, `PUT …/tags`, `PUT …/fields` (custom fields merged into the current
//! set) and `PUT`/`DELETE …/snooze`, stopping at the first failure and reporting what took
//! effect.

use super::create::check_tags;
use super::custom_fields::{self, CurrentFields};
use super::merged::following_merge;
use crate::catalog::declare::*;
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
    #[serde(deserialize_with = "snooze_instant")]
    #[cfg_attr(test, schemars(extend("format" = "date-time")))]
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
    /// Replaces the whole tag set (`[]` clears).
    pub tags: Option<Vec<String>>,
    /// Tags added to those the conversation has (read first; the others stay).
    #[serde(default)]
    pub add_tags: Vec<String>,
    /// Tags taken off (read first; the others stay).
    #[serde(default)]
    pub remove_tags: Vec<String>,
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
            if !self.add_tags.is_empty() || !self.remove_tags.is_empty() {
                let message = "replaces every tag; addTags and removeTags keep the others";
                checks.push(Err(Error::invalid("tags", message)));
            }
        }
        for (name, list) in [
            ("addTags", &self.add_tags),
            ("removeTags", &self.remove_tags),
        ] {
            if let Some(i) = list.iter().position(|t| t.trim().is_empty()) {
                checks.push(Err(Error::invalid(
                    format!("{name}[{i}]"),
                    "must not be empty",
                )));
            }
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
    fn steps(&self, fields: Option<Value>, tags: Option<Vec<String>>) -> Vec<Step> {
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
        if let Some(tags) = tags.as_ref().or(self.tags.as_ref()) {
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

/// `snoozedUntil` as a platform writes it, in Help Scout's form (see `checks::instant`).
fn snooze_instant<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<String, D::Error> {
    let text = String::deserialize(d)?;
    Ok(crate::instant::normalize(&text).unwrap_or(text))
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
    let fields = match changes.custom_fields.is_empty() {
        true => None,
        false => Some(merged_fields(client, id, changes)?),
    };
    let tags = match changes.add_tags.is_empty() && changes.remove_tags.is_empty() {
        true => None,
        false => Some(edited_tags(client, id, changes)?),
    };
    let steps = changes.steps(fields, tags);
    if steps.is_empty() {
        return Err(Error::invalid("input", "names nothing to update"));
    }
    let mut applied = Vec::new();
    let mut target = id.get();
    for step in steps {
        let send = |client: &mut Client<_>, conversation: &str| {
            let mut segments = vec!["conversations", conversation];
            segments.extend(step.sub);
            client.write(step.method, &segments, step.body.as_ref(), step.replay())
        };
        // The first write finds out whether the conversation was merged; the rest follow it.
        let result = if applied.is_empty() {
            following_merge(client, target, send).map(|(to, _)| target = to)
        } else {
            send(client, &target.to_string()).map(|_| ())
        };
        match result {
            Ok(()) => applied.push(step.name),
            Err(e) if applied.is_empty() => return Err(e),
            Err(e) => return Err(e.after_steps(step.name, &applied, Some(target))),
        }
    }
    Ok(UpdateOutcome {
        id: target,
        applied,
    })
}

/// The conversation's tags with `addTags` added and `removeTags` taken off (names compared
/// without regard to case; Help Scout has no endpoint that adds one tag, so the whole set is
/// read, then `PUT`).
fn edited_tags(
    client: &mut Client<impl Transport>,
    id: ConversationId,
    input: &UpdateConversation,
) -> Result<Vec<String>> {
    #[derive(Deserialize)]
    struct Tagged {
        #[serde(default)]
        tags: Vec<Tag>,
    }
    #[derive(Deserialize)]
    struct Tag {
        #[serde(default, deserialize_with = "wire::text")]
        tag: String,
    }
    let current: Tagged = wire::parse(
        &client.get(&["conversations", &id.segment()], &[])?,
        "conversation",
    )?;
    let same = |a: &str, b: &str| a.trim().eq_ignore_ascii_case(b.trim());
    let mut tags: Vec<String> = current
        .tags
        .into_iter()
        .map(|t| t.tag)
        .filter(|t| !t.is_empty() && !input.remove_tags.iter().any(|r| same(r, t)))
        .collect();
    for add in &input.add_tags {
        if !tags.iter().any(|t| same(t, add)) {
            tags.push(add.trim().to_string());
        }
    }
    check_tags(&tags)?;
    Ok(tags)
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

/// `update-conversation`, as the catalog declares it: it overwrites what it names, and the same
/// input twice changes nothing more.
pub const ENTRY: Entry = Entry {
    name: "update-conversation",
    title: "Update a conversation",
    group: Group::Conversation,
    description: "Change any of subject, primary customer, mailbox, status, assignee, tags (the \
                  whole set, or addTags/removeTags keeping the others) and custom fields in one \
                  call (PATCH /v2/conversations/{id}, PUT …/tags, PUT \
                  …/fields); custom fields not named keep their values. Stops at the first \
                  failure and reports what took effect.",
    files: files!("update-conversation"),
    option_fields: &[
        field("mailboxId", Source::Mailboxes),
        field("status", Source::Enum),
        field("assignTo", Source::Users),
        field("tags", Source::Tags),
        field("addTags", Source::Tags),
        field("removeTags", Source::Tags),
        dependent("customFields", &["mailboxId", "id"], Source::CustomFields),
    ],
    effects: Effects::write(true, true),
    paging: Paging::None,
    trigger: None,
    run: |client, input, _| {
        let (id, changes) = decode_with_id(input, "id")?;
        json(&update(client, &ConversationChanges { id, changes })?)
    },
    #[cfg(test)]
    input_type: || with_id::<UpdateConversation, ConversationId>("id"),
};

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
            .steps(Some(json!({})), None)
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
        let unassign = &input.steps(None, None)[3];
        assert_eq!(
            unassign.body,
            Some(json!({"op": "remove", "path": "/assignTo"}))
        );
        let replays: Vec<Replay> = input.steps(None, None).iter().map(Step::replay).collect();
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
