//! `unsubscribe-webhook`: the whole webhook deleted, or only some of its events removed (with the
//! stored secret, which Update Webhook requires), deleting it when none remain.

use super::*;

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
    let body = body(
        &current.url,
        &remaining,
        secret,
        &current.mailbox_ids,
        &current.label,
    );
    client.write(Method::Put, &["webhooks", &id], Some(&body), Replay::Safe)?;
    Ok(Unsubscribed {
        id: input.id,
        deleted: false,
        events: remaining,
    })
}
