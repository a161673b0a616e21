//! The triggers as the catalog declares them, one per Help Scout webhook event a workflow
//! starts from; where Help Scout's API can list what the event reports, invoking the trigger
//! by name polls it (`{"cursor": …}`), with the events shaped as the deliveries are. What the
//! API cannot list (deletions, moves, merges, tag and custom-field edits, ratings,
//! organizations) comes by webhook only.

use super::polling::{self, ConversationEvent as On, Watch};
use crate::catalog::declare::*;
use crate::error::Error;

/// A trigger: name, title, group, event, what its poll reads (or `None`), description.
macro_rules! trigger {
    ($name:literal, $title:literal, $group:ident, $event:literal, $poll:expr, $description:expr) => {
        Entry {
            name: $name,
            title: $title,
            group: Group::$group,
            description: $description,
            files: files!(trigger $name),
            option_fields: &[],
            effects: Effects::READ,
            paging: Paging::None,
            trigger: Some(Trigger {
                event: $event,
                poll: $poll,
            }),
            run: |client, input, _| match $poll {
                Some(watch) => json(&polling::poll(client, ($name, watch), &decode(input)?)?),
                None => Err(webhook_only($name, $event)),
            },
            #[cfg(test)]
            input_type: schema_of::<polling::Poll>,
        }
    };
}

/// The error of a trigger Help Scout's API cannot poll.
fn webhook_only(name: &str, event: &str) -> Error {
    Error::invalid(
        "name",
        format!(
            "{name} comes by webhook only ({event}): Help Scout's API cannot list what it \
             reports; subscribe it with subscribe-webhook"
        ),
    )
}

pub const ENTRIES: &[Entry] = &[
    trigger!(
        "new-conversation",
        "New conversation",
        Conversation,
        "convo.created",
        Some(Watch::Conversations(On::Created)),
        "A conversation was created (webhook convo.created). Polled: conversations created \
         since the cursor (drafts once published are not reported; an imported conversation \
         dated in the past comes by webhook only)."
    ),
    trigger!(
        "conversation-status-changed",
        "Conversation status changed",
        Conversation,
        "convo.status",
        Some(Watch::Conversations(On::Status)),
        "A conversation's status changed (webhook convo.status). Polled: every status change \
         since the cursor, read from the threads (two changes between polls are two events)."
    ),
    trigger!(
        "conversation-assigned",
        "Conversation assigned",
        Conversation,
        "convo.assigned",
        Some(Watch::Conversations(On::Assignment)),
        "A conversation's assignee changed (webhook convo.assigned). Polled: every change of \
         assignee since the cursor, read from the threads and assignment line items."
    ),
    trigger!(
        "customer-replied",
        "Customer replied",
        Thread,
        "convo.customer.reply.created",
        Some(Watch::Conversations(On::CustomerReply)),
        "A customer added a message to a conversation (webhook \
         convo.customer.reply.created). Polled: each customer thread since the cursor (not the \
         one that opened the conversation), the thread under data.thread."
    ),
    trigger!(
        "agent-replied",
        "Agent replied",
        Thread,
        "convo.agent.reply.created",
        Some(Watch::Conversations(On::AgentReply)),
        "A user replied to a conversation (webhook convo.agent.reply.created). Polled: each \
         published reply since the cursor, the thread under data.thread."
    ),
    trigger!(
        "note-added",
        "Note added",
        Thread,
        "convo.note.created",
        Some(Watch::Conversations(On::Note)),
        "A note was added to a conversation (webhook convo.note.created). Polled: each note \
         since the cursor, the thread under data.thread."
    ),
    trigger!(
        "tags-changed",
        "Tags changed",
        Conversation,
        "convo.tags",
        None,
        "A conversation's tags changed (webhook convo.tags). Webhook only: Help Scout's API \
         keeps no history of tags."
    ),
    trigger!(
        "conversation-moved",
        "Conversation moved",
        Conversation,
        "convo.moved",
        None,
        "A conversation moved to another mailbox (webhook convo.moved). Webhook only."
    ),
    trigger!(
        "conversation-merged",
        "Conversations merged",
        Conversation,
        "convo.merged",
        None,
        "Conversations were merged into this one (webhook convo.merged). Webhook only."
    ),
    trigger!(
        "conversation-deleted",
        "Conversation deleted",
        Conversation,
        "convo.deleted",
        None,
        "A conversation was deleted (webhook convo.deleted, {\"id\": N}). Webhook only: \
         deleted conversations cannot be listed."
    ),
    trigger!(
        "custom-fields-changed",
        "Custom fields changed",
        Conversation,
        "convo.custom-fields",
        None,
        "A conversation's custom fields changed (webhook convo.custom-fields). Webhook only: \
         Help Scout's API keeps no history of custom fields."
    ),
    trigger!(
        "new-customer",
        "New customer",
        Customer,
        "customer.created",
        Some(Watch::NewCustomers),
        "A customer was created (webhook customer.created). Polled: customers created since \
         the cursor, oldest first."
    ),
    trigger!(
        "customer-updated",
        "Customer updated",
        Customer,
        "customer.updated",
        Some(Watch::UpdatedCustomers),
        "A customer changed (webhook customer.updated). Polled: customers changed since the \
         cursor, once per change a poll sees: two changes between polls, or in one second, \
         are one event, and a change in the second the customer was made is not seen (Help \
         Scout's times have whole seconds); the webhook reports each."
    ),
    trigger!(
        "customer-deleted",
        "Customer deleted",
        Customer,
        "customer.deleted",
        None,
        "A customer was deleted (webhook customer.deleted, {\"id\": N}). Webhook only: \
         deleted customers cannot be listed."
    ),
    trigger!(
        "rating-received",
        "Rating received",
        Conversation,
        "satisfaction.ratings",
        None,
        "A customer rated a reply (webhook satisfaction.ratings, the rating). Webhook only; \
         get-rating reads one by id."
    ),
    trigger!(
        "organization-created",
        "Organization created",
        Organization,
        "organization.created",
        None,
        "An organization was created (webhook organization.created). Webhook only."
    ),
    trigger!(
        "organization-updated",
        "Organization updated",
        Organization,
        "organization.updated",
        None,
        "An organization changed (webhook organization.updated). Webhook only."
    ),
    trigger!(
        "organization-deleted",
        "Organization deleted",
        Organization,
        "organization.deleted",
        None,
        "An organization was deleted (webhook organization.deleted, {\"id\": N}). Webhook only."
    ),
];
