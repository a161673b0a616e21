//! What one catalog entry declares: everything a platform reads about an action or trigger
//! (name, title, group, description, schemas, sample, fields with choices, effects, page shape,
//! the event a trigger stands for) and how to run it. Each entry is declared once, beside the
//! code it runs (`pub const ENTRY: Entry` in the operation's file); `describe`, `invoke`, the
//! options and the schema test all read these declarations, and nothing else names an entry.

use super::files::Files;
use crate::client::{AnyTransport, Client};
use crate::error::Result;

/// Makes a webhook secret (from `wasi:random` in the component).
pub type Secrets<'a> = dyn FnMut() -> Result<String> + 'a;

/// Runs the entry: the JSON input in, the JSON output out.
pub type Run = fn(&mut Client<AnyTransport>, &str, &mut Secrets<'_>) -> Result<String>;

/// The resource an entry belongs to (a platform's "resource" next to its "operation").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    Conversation,
    Thread,
    Customer,
    Mailbox,
    User,
    Tag,
    Organization,
    Workflow,
    Webhook,
    Account,
}

impl Group {
    pub fn name(self) -> &'static str {
        match self {
            Group::Conversation => "Conversation",
            Group::Thread => "Thread",
            Group::Customer => "Customer",
            Group::Mailbox => "Mailbox",
            Group::User => "User",
            Group::Tag => "Tag",
            Group::Organization => "Organization",
            Group::Workflow => "Workflow",
            Group::Webhook => "Webhook",
            Group::Account => "Account",
        }
    }
}

/// What running an entry does to Help Scout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Effects {
    /// Sends no write.
    pub read_only: bool,
    /// May change or remove what exists, or reach people outside (an e-mailed reply).
    pub destructive: bool,
    /// The same input twice changes nothing more than once.
    pub idempotent: bool,
    /// A write that only reads when this input field has this value (`api-request` with
    /// `method` `GET`).
    pub read_only_when: Option<(&'static str, &'static str)>,
}

impl Effects {
    pub const READ: Effects = Effects {
        read_only: true,
        destructive: false,
        idempotent: true,
        read_only_when: None,
    };

    /// A write: whether it is destructive and whether it is idempotent.
    pub const fn write(destructive: bool, idempotent: bool) -> Effects {
        Effects {
            read_only: false,
            destructive,
            idempotent,
            read_only_when: None,
        }
    }
}

/// How an entry's output pages: not at all, every page in `items`, or `items` with `hasMore`
/// and a `next` token the same input continues from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paging {
    None,
    All,
    Continued,
}

/// Where a field's choices come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Mailboxes,
    Users,
    /// Tag names (what conversations are tagged with).
    Tags,
    /// Tag ids, labelled by name.
    TagIds,
    /// Needs a mailbox.
    Folders,
    /// Needs a mailbox (or, updating, the conversation whose mailbox it is).
    CustomFields,
    Webhooks,
    Events,
    /// The `enum` of the field in the entry's input schema (statuses, methods).
    Enum,
    Teams,
    Workflows,
    Organizations,
}

impl Source {
    /// Whether the choices are read from the account (else they are fixed in the component).
    pub fn fetched(self) -> bool {
        !matches!(self, Source::Events | Source::Enum)
    }
}

/// An input field that has choices, and the fields they depend on (any one is enough).
#[derive(Debug, Clone, Copy)]
pub struct OptionField {
    pub field: &'static str,
    pub depends_on: &'static [&'static str],
    pub source: Source,
}

/// A field with choices of its own.
pub const fn field(field: &'static str, source: Source) -> OptionField {
    OptionField {
        field,
        depends_on: &[],
        source,
    }
}

/// A field whose choices depend on other fields.
pub const fn dependent(
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

/// What a trigger stands for: the Help Scout webhook event it fires on, and, where Help Scout's
/// API lets it be polled, what its poll reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Trigger {
    pub event: &'static str,
    pub poll: Option<crate::triggers::polling::Watch>,
}

/// One action or trigger.
pub struct Entry {
    pub name: &'static str,
    pub title: &'static str,
    pub group: Group,
    pub description: &'static str,
    pub files: Files,
    pub option_fields: &'static [OptionField],
    pub effects: Effects,
    pub paging: Paging,
    /// `Some` for a trigger.
    pub trigger: Option<Trigger>,
    pub run: Run,
    /// The input schema generated from the type that decodes the input (the schema test).
    #[cfg(test)]
    pub input_type: fn() -> serde_json::Value,
}

impl Entry {
    pub fn is_trigger(&self) -> bool {
        self.trigger.is_some()
    }
}
