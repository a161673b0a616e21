//! Conversions from the WIT input records of the actions to the resources' own input types.

use crate::bindings::exports::helpscout::connector::{
    conversations as wc, customers as wcu, threads as wt, types,
};
use crate::resources::conversation_create::{ConversationType, CreateConversation, NewStatus};
use crate::resources::conversation_update::{Snooze, Status, UpdateConversation};
use crate::resources::conversations::{
    FieldFilter, FindConversations, SortField, SortOrder, StatusFilter,
};
use crate::resources::custom_fields::FieldInput;
use crate::resources::customers::{CustomerSortField, FindCustomers};
use crate::resources::refs::{Attachment, CustomerRef};
use crate::resources::threads::{ThreadFields, ThreadKind, ThreadStatus};
use crate::resources::{Address, CustomerInput, Entry, PropertyValue};

impl From<wc::FindConversationsInput> for FindConversations {
    fn from(i: wc::FindConversationsInput) -> Self {
        FindConversations {
            mailbox: i.mailbox,
            folder: i.folder,
            status: i.status.map(status),
            tag: i.tag,
            assigned_to: i.assigned_to,
            modified_since: i.modified_since,
            number: i.number,
            query: i.query,
            custom_fields: i
                .custom_fields
                .into_iter()
                .map(|f| FieldFilter {
                    id: f.id,
                    value: f.value,
                })
                .collect(),
            sort_field: i.sort_field.map(sort_field),
            sort_order: i.sort_order.map(sort_order),
            embed_threads: i.embed_threads,
            limit: i.limit,
        }
    }
}

fn status(s: wc::StatusFilter) -> StatusFilter {
    match s {
        wc::StatusFilter::Active => StatusFilter::Active,
        wc::StatusFilter::All => StatusFilter::All,
        wc::StatusFilter::Closed => StatusFilter::Closed,
        wc::StatusFilter::Open => StatusFilter::Open,
        wc::StatusFilter::Pending => StatusFilter::Pending,
        wc::StatusFilter::Spam => StatusFilter::Spam,
    }
}

fn sort_field(f: wc::SortField) -> SortField {
    match f {
        wc::SortField::CreatedAt => SortField::CreatedAt,
        wc::SortField::CustomerEmail => SortField::CustomerEmail,
        wc::SortField::CustomerName => SortField::CustomerName,
        wc::SortField::MailboxId => SortField::MailboxId,
        wc::SortField::ModifiedAt => SortField::ModifiedAt,
        wc::SortField::Number => SortField::Number,
        wc::SortField::Score => SortField::Score,
        wc::SortField::Status => SortField::Status,
        wc::SortField::Subject => SortField::Subject,
        wc::SortField::WaitingSince => SortField::WaitingSince,
    }
}

fn sort_order(o: wc::SortOrder) -> SortOrder {
    match o {
        wc::SortOrder::Asc => SortOrder::Asc,
        wc::SortOrder::Desc => SortOrder::Desc,
    }
}

impl From<types::CustomerRef> for CustomerRef {
    fn from(c: types::CustomerRef) -> Self {
        CustomerRef {
            id: c.id,
            email: c.email,
            first_name: c.first_name,
            last_name: c.last_name,
        }
    }
}

impl From<types::FieldInput> for FieldInput {
    fn from(f: types::FieldInput) -> Self {
        FieldInput {
            id: f.id,
            value: f.value,
        }
    }
}

impl From<wc::NewThread> for ThreadFields {
    fn from(t: wc::NewThread) -> Self {
        ThreadFields {
            kind: match t.kind {
                wc::ThreadKind::Reply => ThreadKind::Reply,
                wc::ThreadKind::Note => ThreadKind::Note,
                wc::ThreadKind::Customer => ThreadKind::Customer,
                wc::ThreadKind::Chat => ThreadKind::Chat,
                wc::ThreadKind::Phone => ThreadKind::Phone,
            },
            text: t.text,
            customer: t.customer.map(Into::into),
            user: t.user,
            status: None,
            cc: t.cc,
            bcc: t.bcc,
            draft: t.draft,
            imported: t.imported,
            created_at: t.created_at,
            assign_to: None,
            attachments: t
                .attachments
                .into_iter()
                .map(|a| Attachment {
                    file_name: a.file_name,
                    mime_type: a.mime_type,
                    data: a.data,
                })
                .collect(),
        }
    }
}

fn thread_status(s: wc::ThreadStatus) -> ThreadStatus {
    match s {
        wc::ThreadStatus::Active => ThreadStatus::Active,
        wc::ThreadStatus::All => ThreadStatus::All,
        wc::ThreadStatus::Closed => ThreadStatus::Closed,
        wc::ThreadStatus::Open => ThreadStatus::Open,
        wc::ThreadStatus::Pending => ThreadStatus::Pending,
        wc::ThreadStatus::Spam => ThreadStatus::Spam,
    }
}

/// `user(id)` → `Some(id)`, `unassign` → `None` (sent as `null`).
fn assignee(a: wc::Assignment) -> Option<u64> {
    match a {
        wc::Assignment::User(user) => Some(user),
        wc::Assignment::Unassign => None,
    }
}

fn status_update(s: wc::Status) -> Status {
    match s {
        wc::Status::Active => Status::Active,
        wc::Status::Closed => Status::Closed,
        wc::Status::Pending => Status::Pending,
        wc::Status::Spam => Status::Spam,
    }
}

impl From<wt::CreateThreadInput> for (u64, ThreadFields) {
    fn from(i: wt::CreateThreadInput) -> Self {
        let mut fields = ThreadFields::from(i.thread);
        fields.status = i.status.map(thread_status);
        fields.assign_to = i.assign_to.map(assignee);
        (i.conversation_id, fields)
    }
}

impl From<wc::CreateConversationInput> for CreateConversation {
    fn from(i: wc::CreateConversationInput) -> Self {
        CreateConversation {
            subject: i.subject,
            mailbox_id: i.mailbox_id,
            kind: match i.kind {
                wc::ConversationType::Email => ConversationType::Email,
                wc::ConversationType::Chat => ConversationType::Chat,
                wc::ConversationType::Phone => ConversationType::Phone,
            },
            status: match i.status {
                wc::NewStatus::Active => NewStatus::Active,
                wc::NewStatus::Closed => NewStatus::Closed,
                wc::NewStatus::Pending => NewStatus::Pending,
            },
            customer: i.customer.into(),
            threads: i.threads.into_iter().map(Into::into).collect(),
            tags: i.tags,
            assign_to: i.assign_to.map(assignee),
            created_at: i.created_at,
            closed_at: i.closed_at,
            imported: i.imported,
            auto_reply: i.auto_reply,
            user: i.user,
            fields: i.fields.into_iter().map(Into::into).collect(),
            return_conversation: i.return_conversation,
        }
    }
}

impl From<wc::UpdateConversationInput> for (u64, UpdateConversation) {
    fn from(i: wc::UpdateConversationInput) -> Self {
        let (assign_to, unassign) = match i.assign {
            Some(wc::Assignment::User(user)) => (Some(Some(user)), false),
            Some(wc::Assignment::Unassign) => (None, true),
            None => (None, false),
        };
        let update = UpdateConversation {
            subject: i.subject,
            status: i.status.map(status_update),
            assign_to,
            unassign,
            mailbox_id: i.mailbox_id,
            primary_customer_id: i.primary_customer_id,
            draft: i.publish_draft.then_some(false),
            tags: i.tags,
            custom_fields: i.custom_fields.into_iter().map(Into::into).collect(),
            snooze: i.snooze.map(|change| match change {
                wc::SnoozeChange::Snooze(s) => Some(Snooze {
                    snoozed_until: s.snoozed_until,
                    unsnooze_on_customer_reply: s.unsnooze_on_customer_reply,
                }),
                wc::SnoozeChange::Unsnooze => None,
            }),
        };
        (i.id, update)
    }
}

impl From<wcu::FindCustomersInput> for FindCustomers {
    fn from(i: wcu::FindCustomersInput) -> Self {
        FindCustomers {
            email: i.email,
            first_name: i.first_name,
            last_name: i.last_name,
            mailbox: i.mailbox,
            modified_since: i.modified_since,
            query: i.query,
            sort_field: i.sort_field.map(|f| match f {
                wcu::CustomerSortField::Score => CustomerSortField::Score,
                wcu::CustomerSortField::FirstName => CustomerSortField::FirstName,
                wcu::CustomerSortField::LastName => CustomerSortField::LastName,
                wcu::CustomerSortField::ModifiedAt => CustomerSortField::ModifiedAt,
                wcu::CustomerSortField::CreatedAt => CustomerSortField::CreatedAt,
            }),
            sort_order: i.sort_order.map(sort_order),
            limit: i.limit,
        }
    }
}

fn entries(list: Option<Vec<wcu::Entry>>) -> Option<Vec<Entry>> {
    list.map(|l| {
        l.into_iter()
            .map(|e| Entry {
                kind: e.kind,
                value: e.value,
            })
            .collect()
    })
}

impl From<wcu::CustomerInput> for CustomerInput {
    fn from(i: wcu::CustomerInput) -> Self {
        // A field named in `clear` is `Some(None)`: removed on update.
        let cleared = |name: &str| i.clear.iter().any(|c| c == name);
        let text = |value: Option<String>, name: &str| match value {
            Some(v) => Some(Some(v)),
            None => cleared(name).then_some(None),
        };
        CustomerInput {
            first_name: text(i.first_name, "firstName"),
            last_name: text(i.last_name, "lastName"),
            phone: text(i.phone, "phone"),
            photo_url: text(i.photo_url, "photoUrl"),
            photo_type: text(i.photo_type, "photoType"),
            job_title: text(i.job_title, "jobTitle"),
            location: text(i.location, "location"),
            organization: text(i.organization, "organization"),
            organization_id: match i.organization_id {
                Some(id) => Some(Some(id)),
                None => cleared("organizationId").then_some(None),
            },
            background: text(i.background, "background"),
            gender: text(i.gender, "gender"),
            age: text(i.age, "age"),
            emails: entries(i.emails),
            phones: entries(i.phones),
            chats: entries(i.chats),
            social_profiles: entries(i.social_profiles),
            websites: entries(i.websites),
            address: i
                .address
                .map(|a| {
                    Some(Address {
                        city: a.city,
                        state: a.state,
                        postal_code: a.postal_code,
                        country: a.country,
                        lines: a.lines,
                    })
                })
                .or_else(|| cleared("address").then_some(None)),
            properties: i
                .properties
                .into_iter()
                .map(|p| PropertyValue {
                    slug: p.slug,
                    value: p.value.map(serde_json::Value::String),
                })
                .collect(),
        }
    }
}
