//! `unsubscribe-webhook`: the whole webhook deleted, or only some of its events removed (with the
//! stored secret, which Update Webhook requires), deleting it when none remain.

use super::*;
use crate::catalog::declare::*;

/// Deletes the webhook, or removes only `input.events` from it (deleting it when none remain).
pub fn unsubscribe(
    client: &mut Client<impl Transport>,
    input: &Unsubscribe,
) -> Result<Unsubscribed> {
    input.validate()?;
    let id = input.id.segment();
    let deleted = Unsubscribed {
        id: input.id,
        deleted: true,
        events: Vec::new(),
    };
    let (false, Some(secret)) = (input.events.is_empty(), &input.secret) else {
        client.write(Method::Delete, &["webhooks", &id], None, Replay::Unsafe)?;
        return Ok(deleted);
    };
    let removed = event_names(&input.events, "events")?;
    let current: Webhook = wire::parse(&client.get(&["webhooks", &id], &[])?, "webhook")?;
    let remaining: Vec<String> = current
        .events
        .iter()
        .filter(|e| !removed.contains(e))
        .cloned()
        .collect();
    if remaining.is_empty() {
        client.write(Method::Delete, &["webhooks", &id], None, Replay::Unsafe)?;
        return Ok(deleted);
    }
    let fields = Fields {
        events: &remaining,
        secret,
        mailboxes: &current.mailbox_ids,
        label: &current.label,
    };
    let body = body(&current.url, fields, Some(&current));
    client.write(Method::Put, &["webhooks", &id], Some(&body), Replay::Safe)?;
    Ok(Unsubscribed {
        id: input.id,
        deleted: false,
        events: remaining,
    })
}

/// `unsubscribe-webhook`, as the catalog declares it.
pub const ENTRY: Entry = Entry {
    name: "unsubscribe-webhook",
    title: "Unsubscribe a webhook",
    group: Group::Webhook,
    description: "Remove a webhook (DELETE /v2/webhooks/{id}), or only some of its events (PUT \
                  /v2/webhooks/{id} with the stored secret), deleting it when none remain.",
    files: files!("unsubscribe-webhook"),
    option_fields: &[
        field("id", Source::Webhooks),
        field("events", Source::Events),
    ],
    effects: Effects::write(true, false),
    paging: Paging::None,
    trigger: None,
    run: |client, input, _| json(&unsubscribe(client, &decode(input)?)?),
    #[cfg(test)]
    input_type: schema_of::<Unsubscribe>,
};
