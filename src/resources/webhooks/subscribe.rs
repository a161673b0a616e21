//! `subscribe-webhook`: a new webhook for a new URL, or the events merged into the URL's webhook
//! with the stored secret kept (or rotated on request); `conflict` without it.

use super::*;
use crate::catalog::declare::*;

/// The union of two mailbox scopes, where an empty list means every mailbox.
fn merged_mailboxes(old: &[MailboxId], new: &[MailboxId]) -> Vec<MailboxId> {
    if old.is_empty() || new.is_empty() {
        return Vec::new();
    }
    let mut ids = old.to_vec();
    ids.extend(new.iter().filter(|id| !old.contains(id)));
    ids
}

/// Registers `input.url`, or adds the events to the webhook already registered for it.
/// `new_secret` makes a secret when one is needed (from `wasi:random` in the component).
pub fn subscribe(
    client: &mut Client<impl Transport>,
    input: &Subscribe,
    new_secret: &mut dyn FnMut() -> Result<String>,
) -> Result<Subscription> {
    input.validate()?;
    let requested = event_names(&input.events, "events")?;
    let existing = list_raw(client)?.into_iter().find(|w| w.url == input.url);
    let Some(old) = existing else {
        let secret = match &input.secret {
            Some(s) => s.clone(),
            None => new_secret()?,
        };
        let fields = Fields {
            events: &requested,
            secret: &secret,
            mailboxes: &input.mailbox_ids,
            label: &input.label,
        };
        let body = body(&input.url, fields, None);
        let response = client.write(Method::Post, &["webhooks"], Some(&body), Replay::Unsafe)?;
        return Ok(Subscription {
            id: created_id(&response),
            url: input.url.clone(),
            events: requested,
            mailbox_ids: input.mailbox_ids.clone(),
            label: input.label.clone(),
            state: "enabled".into(),
            secret: Some(secret),
            created: true,
        });
    };
    let secret = match (&input.secret, input.rotate_secret) {
        (_, true) => new_secret()?,
        (Some(s), false) => s.clone(),
        (None, false) => return Err(conflict(&old)),
    };
    let mut names = old.events.clone();
    names.extend(requested.into_iter().filter(|n| !old.events.contains(n)));
    let mailboxes = merged_mailboxes(&old.mailbox_ids, &input.mailbox_ids);
    let label = input.label.clone().or(old.label.clone());
    let fields = Fields {
        events: &names,
        secret: &secret,
        mailboxes: &mailboxes,
        label: &label,
    };
    let body = body(&input.url, fields, Some(&old));
    let id = old.id.to_string();
    client.write(Method::Put, &["webhooks", &id], Some(&body), Replay::Safe)?;
    Ok(Subscription {
        id: Some(old.id),
        url: input.url.clone(),
        events: names,
        mailbox_ids: mailboxes,
        label,
        state: "enabled".into(),
        secret: Some(secret),
        created: false,
    })
}

fn conflict(old: &Webhook) -> Error {
    Error::Conflict(format!(
        "webhook {} already delivers {} to {}; give the secret stored for that URL as \"secret\" \
         to add events to it, or \"rotateSecret\": true to replace the secret of every trigger on \
         that URL",
        old.id,
        old.events.join(", "),
        old.url
    ).into())
}

/// `subscribe-webhook`, as the catalog declares it: `rotateSecret` replaces the secret every
/// trigger on the URL verifies with.
pub const ENTRY: Entry = Entry {
    name: "subscribe-webhook",
    title: "Subscribe a webhook",
    group: Group::Webhook,
    description: "Register the webhook a trigger needs (POST /v2/webhooks) with a secret made in \
                  the component, or the one given. A URL already registered shares its webhook \
                  and secret: the events are merged (PUT /v2/webhooks/{id}, every other setting \
                  kept) when the stored secret is given, the call fails with conflict when it is \
                  not, and rotateSecret replaces it. Returns the secret to store.",
    files: files!("subscribe-webhook"),
    option_fields: &[
        field("mailboxIds", Source::Mailboxes),
        field("events", Source::Events),
    ],
    effects: Effects::write(true, false),
    paging: Paging::None,
    trigger: None,
    run: |client, input, secret| json(&subscribe(client, &decode(input)?, secret)?),
    #[cfg(test)]
    input_type: schema_of::<Subscribe>,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mailbox_scopes_merge_with_empty_meaning_all() {
        let ids = |list: &[u64]| -> Vec<MailboxId> {
            list.iter().map(|i| MailboxId::new(*i).unwrap()).collect()
        };
        assert_eq!(
            merged_mailboxes(&ids(&[1, 2]), &ids(&[2, 3])),
            ids(&[1, 2, 3])
        );
        assert!(merged_mailboxes(&[], &ids(&[3])).is_empty());
        assert!(merged_mailboxes(&ids(&[1]), &[]).is_empty());
    }
}
