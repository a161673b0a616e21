//! A field asked for by another common name: platforms and templates say `customFields` where
//! `create-conversation` says `fields`, `mailboxId` where a find says `mailbox`.

use crate::catalog::{Entry, OptionField, Source};

/// The entry's own field with choices of the same kind as the `field` asked for.
pub fn aliased(entry: &Entry, field: &str) -> Option<&'static OptionField> {
    use Source::*;
    let wanted = match field {
        "mailbox" | "mailboxId" | "mailboxIds" => Mailboxes,
        "assignTo" | "assignedTo" | "user" => Users,
        "tag" | "tags" | "addTags" | "removeTags" => Tags,
        "folder" => Folders,
        "fields" | "customFields" | "customFieldsByIds" => CustomFields,
        "team" | "teamId" => Teams,
        "workflow" | "workflowId" => Workflows,
        "organization" | "organizationId" => Organizations,
        _ => return None,
    };
    entry.option_fields.iter().find(|f| f.source == wanted)
}
