//! Which input fields have choices, where the choices come from, and which fields they depend
//! on: the table `describe` publishes as `option-fields` and `options` computes from.

/// Where a field's choices come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Mailboxes,
    Users,
    Tags,
    /// Needs a mailbox.
    Folders,
    /// Needs a mailbox (or, updating, the conversation whose mailbox it is).
    CustomFields,
    Webhooks,
    Events,
    /// The `enum` of the field in the action's input schema.
    Statuses,
}

/// An input field that has choices, and the fields they depend on.
#[derive(Debug, Clone, Copy)]
pub struct OptionField {
    pub field: &'static str,
    pub depends_on: &'static [&'static str],
    pub source: Source,
}

const fn field(field: &'static str, source: Source) -> OptionField {
    OptionField {
        field,
        depends_on: &[],
        source,
    }
}

const fn dependent(
    field: &'static str,
    on: &'static [&'static str],
    source: Source,
) -> OptionField {
    OptionField {
        field,
        depends_on: on,
        source,
    }
}

/// The fields of `action` that have choices.
pub fn option_fields(action: &str) -> &'static [OptionField] {
    use Source::*;
    match action {
        "find-conversations" => {
            const FIELDS: &[OptionField] = &[
                field("mailbox", Mailboxes),
                dependent("folder", &["mailbox"], Folders),
                field("status", Statuses),
                field("tag", Tags),
                field("assignedTo", Users),
                dependent("customFieldsByIds", &["mailbox"], CustomFields),
            ];
            FIELDS
        }
        "create-conversation" => {
            const FIELDS: &[OptionField] = &[
                field("mailboxId", Mailboxes),
                field("status", Statuses),
                field("assignTo", Users),
                field("user", Users),
                field("tags", Tags),
                dependent("fields", &["mailboxId"], CustomFields),
            ];
            FIELDS
        }
        "update-conversation" => {
            const FIELDS: &[OptionField] = &[
                field("mailboxId", Mailboxes),
                field("status", Statuses),
                field("assignTo", Users),
                field("tags", Tags),
                dependent("customFields", &["mailboxId", "id"], CustomFields),
            ];
            FIELDS
        }
        "create-thread" => {
            const FIELDS: &[OptionField] = &[
                field("status", Statuses),
                field("assignTo", Users),
                field("user", Users),
            ];
            FIELDS
        }
        "find-customers" => {
            const FIELDS: &[OptionField] = &[field("mailbox", Mailboxes)];
            FIELDS
        }
        "subscribe-webhook" => {
            const FIELDS: &[OptionField] =
                &[field("mailboxIds", Mailboxes), field("events", Events)];
            FIELDS
        }
        "unsubscribe-webhook" => {
            const FIELDS: &[OptionField] = &[field("id", Webhooks), field("events", Events)];
            FIELDS
        }
        _ => &[],
    }
}

/// A field asked for by another common name (`customFields` of `create-conversation`, whose
/// input calls it `fields`; `mailboxId` of a find, which calls it `mailbox`): the entry's own
/// field of the same kind.
pub fn aliased(action: &str, field: &str) -> Option<&'static OptionField> {
    use Source::*;
    let wanted = match field {
        "mailbox" | "mailboxId" | "mailboxIds" => Mailboxes,
        "assignTo" | "assignedTo" | "user" => Users,
        "tag" | "tags" => Tags,
        "folder" => Folders,
        "fields" | "customFields" | "customFieldsByIds" => CustomFields,
        _ => return None,
    };
    option_fields(action).iter().find(|f| f.source == wanted)
}
