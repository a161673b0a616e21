//! Help Scout's webhook events: every name the webhooks page and the Create Webhook page document,
//! what its body describes, whether a webhook may subscribe to it, and how its deliveries are
//! told apart (<https://developer.helpscout.com/webhooks/>,
//! <https://developer.helpscout.com/mailbox-api/endpoints/webhooks/create/>). Deliveries of a name
//! not listed here are still accepted: Help Scout adds events.

/// What an event's body is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Body {
    Conversation,
    Customer,
    /// `{"id": N}` of something deleted.
    Deleted,
    Rating,
    Chat,
    Tag,
    Survey,
    Organization,
    /// `user.status.changed` (its payload is not documented yet).
    UserStatus,
    /// `helpscout.test`: whatever the test delivery carries.
    Test,
    /// An event this connector does not know yet: any JSON.
    Unknown,
}

/// One documented event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Event {
    pub name: &'static str,
    pub body: Body,
    /// Listed in Create Webhook's `events` (the API refuses a subscription to any other name).
    pub subscribable: bool,
    /// Happens once per object (its creation or deletion), so the object's id names the event;
    /// every other event can happen again to the same object (a reply, a note, a status).
    pub once: bool,
    /// The types of the thread a `convo.*` event is about (`*`: any published thread), so that
    /// a body carrying its threads names the change by its thread, as a poll does.
    pub threads: &'static [&'static str],
}

const fn event(name: &'static str, body: Body) -> Event {
    Event {
        name,
        body,
        subscribable: true,
        once: false,
        threads: &[],
    }
}

/// An event about a thread of one of these types.
const fn about(event: Event, threads: &'static [&'static str]) -> Event {
    Event { threads, ..event }
}

/// An event that happens once per object.
const fn once(name: &'static str, body: Body) -> Event {
    Event {
        once: true,
        ..event(name, body)
    }
}

/// Every documented event, in the webhooks page's order.
pub const EVENTS: &[Event] = &[
    once("convo.created", Body::Conversation),
    about(event("convo.status", Body::Conversation), &["*"]),
    about(event("convo.assigned", Body::Conversation), &["*"]),
    event("convo.moved", Body::Conversation),
    event("convo.merged", Body::Conversation),
    event("convo.tags", Body::Conversation),
    event("convo.custom-fields", Body::Conversation),
    about(
        event("convo.customer.reply.created", Body::Conversation),
        &["customer"],
    ),
    about(
        event("convo.agent.reply.created", Body::Conversation),
        &["message", "reply"],
    ),
    about(event("convo.note.created", Body::Conversation), &["note"]),
    // On the webhooks page, but not in Create Webhook's list of events.
    Event {
        subscribable: false,
        ..event("convo.ai-answers.created", Body::Conversation)
    },
    once("convo.deleted", Body::Deleted),
    once("customer.created", Body::Customer),
    event("customer.updated", Body::Customer),
    once("customer.deleted", Body::Deleted),
    once("organization.created", Body::Organization),
    event("organization.updated", Body::Organization),
    once("organization.deleted", Body::Deleted),
    event("satisfaction.ratings", Body::Rating),
    once("beacon.chat.created", Body::Chat),
    event("beacon.chat.customer.replied", Body::Chat),
    once("tag.created", Body::Tag),
    event("tag.updated", Body::Tag),
    once("tag.deleted", Body::Deleted),
    event("message.survey.response.received", Body::Survey),
    event("user.status.changed", Body::UserStatus),
    // The test delivery of the webhook settings page; nothing subscribes to it.
    Event {
        subscribable: false,
        ..event("helpscout.test", Body::Test)
    },
];

/// A documented event by name (case-insensitive).
pub fn lookup(name: &str) -> Option<&'static Event> {
    EVENTS
        .iter()
        .find(|e| e.name.eq_ignore_ascii_case(name.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create_webhook_lists_twenty_five_events() {
        let subscribable = EVENTS.iter().filter(|e| e.subscribable).count();
        assert_eq!(subscribable, 25);
    }
}
