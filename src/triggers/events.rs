//! Help Scout's webhook events: every name the webhooks page and the Create Webhook page document,
//! what its body describes, the connector trigger it fires, and whether a webhook may subscribe to
//! it (<https://developer.helpscout.com/webhooks/>,
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
    pub trigger: Option<&'static str>,
    /// Listed in Create Webhook's `events` (the API refuses a subscription to any other name).
    pub subscribable: bool,
}

const fn event(name: &'static str, body: Body, trigger: Option<&'static str>) -> Event {
    Event {
        name,
        body,
        trigger,
        subscribable: true,
    }
}

/// Every documented event, in the webhooks page's order.
pub const EVENTS: &[Event] = &[
    event("convo.created", Body::Conversation, Some(NEW_CONVERSATION)),
    event("convo.status", Body::Conversation, Some(STATUS_CHANGED)),
    event("convo.assigned", Body::Conversation, None),
    event("convo.moved", Body::Conversation, None),
    event("convo.merged", Body::Conversation, None),
    event("convo.tags", Body::Conversation, None),
    event("convo.custom-fields", Body::Conversation, None),
    event("convo.customer.reply.created", Body::Conversation, None),
    event("convo.agent.reply.created", Body::Conversation, None),
    event("convo.note.created", Body::Conversation, None),
    // On the webhooks page, but not in Create Webhook's list of events.
    Event {
        subscribable: false,
        ..event("convo.ai-answers.created", Body::Conversation, None)
    },
    event("convo.deleted", Body::Deleted, None),
    event("customer.created", Body::Customer, Some(NEW_CUSTOMER)),
    event("customer.updated", Body::Customer, None),
    event("customer.deleted", Body::Deleted, None),
    event("organization.created", Body::Organization, None),
    event("organization.updated", Body::Organization, None),
    event("organization.deleted", Body::Deleted, None),
    event("satisfaction.ratings", Body::Rating, None),
    event("beacon.chat.created", Body::Chat, None),
    event("beacon.chat.customer.replied", Body::Chat, None),
    event("tag.created", Body::Tag, None),
    event("tag.updated", Body::Tag, None),
    event("tag.deleted", Body::Deleted, None),
    event("message.survey.response.received", Body::Survey, None),
    event("user.status.changed", Body::UserStatus, None),
    // The test delivery of the webhook settings page; nothing subscribes to it.
    Event {
        subscribable: false,
        ..event("helpscout.test", Body::Test, None)
    },
];

pub const NEW_CONVERSATION: &str = "new-conversation";
pub const STATUS_CHANGED: &str = "conversation-status-changed";
pub const NEW_CUSTOMER: &str = "new-customer";

/// The trigger names, in catalog order.
pub const TRIGGERS: [&str; 3] = [NEW_CONVERSATION, STATUS_CHANGED, NEW_CUSTOMER];

/// A documented event by name (case-insensitive).
pub fn lookup(name: &str) -> Option<&'static Event> {
    EVENTS
        .iter()
        .find(|e| e.name.eq_ignore_ascii_case(name.trim()))
}

/// The Help Scout event a trigger subscribes to.
pub fn event_of_trigger(trigger: &str) -> Option<&'static str> {
    EVENTS
        .iter()
        .find(|e| e.trigger == Some(trigger))
        .map(|e| e.name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create_webhook_lists_twenty_five_events() {
        let subscribable = EVENTS.iter().filter(|e| e.subscribable).count();
        assert_eq!(subscribable, 25);
        let triggers: Vec<&str> = EVENTS.iter().filter_map(|e| e.trigger).collect();
        assert_eq!(triggers, TRIGGERS);
    }
}
