//! Help Scout's webhook events (reference §7.2): every name, what its body describes, and the
//! connector trigger it fires.

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
    /// `helpscout.test`: whatever the test delivery carries.
    Test,
}

/// (event name, body, trigger)
pub const EVENTS: &[(&str, Body, Option<&str>)] = &[
    ("convo.created", Body::Conversation, Some(NEW_CONVERSATION)),
    ("convo.status", Body::Conversation, Some(STATUS_CHANGED)),
    ("convo.assigned", Body::Conversation, None),
    ("convo.moved", Body::Conversation, None),
    ("convo.merged", Body::Conversation, None),
    ("convo.tags", Body::Conversation, None),
    ("convo.custom-fields", Body::Conversation, None),
    ("convo.customer.reply.created", Body::Conversation, None),
    ("convo.agent.reply.created", Body::Conversation, None),
    ("convo.note.created", Body::Conversation, None),
    ("convo.ai-answers.created", Body::Conversation, None),
    ("convo.deleted", Body::Deleted, None),
    ("customer.created", Body::Customer, Some(NEW_CUSTOMER)),
    ("customer.updated", Body::Customer, None),
    ("customer.deleted", Body::Deleted, None),
    ("satisfaction.ratings", Body::Rating, None),
    ("beacon.chat.created", Body::Chat, None),
    ("beacon.chat.customer.replied", Body::Chat, None),
    ("tag.created", Body::Tag, None),
    ("tag.updated", Body::Tag, None),
    ("tag.deleted", Body::Deleted, None),
    ("message.survey.response.received", Body::Survey, None),
    ("helpscout.test", Body::Test, None),
];

pub const NEW_CONVERSATION: &str = "new-conversation";
pub const STATUS_CHANGED: &str = "conversation-status-changed";
pub const NEW_CUSTOMER: &str = "new-customer";

/// The trigger names, in catalog order.
pub const TRIGGERS: [&str; 3] = [NEW_CONVERSATION, STATUS_CHANGED, NEW_CUSTOMER];

/// The body kind and trigger of an event name (case-insensitive).
pub fn lookup(name: &str) -> Option<(&'static str, Body, Option<&'static str>)> {
    EVENTS
        .iter()
        .find(|(n, _, _)| n.eq_ignore_ascii_case(name.trim()))
        .copied()
}

/// The Help Scout event a trigger subscribes to.
pub fn event_of_trigger(trigger: &str) -> Option<&'static str> {
    EVENTS
        .iter()
        .find(|(_, _, t)| *t == Some(trigger))
        .map(|(n, _, _)| *n)
}
