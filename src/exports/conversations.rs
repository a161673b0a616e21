//! The `conversations` exports: each converts its WIT record into the resource's input, runs the
//! operation on a fresh client, and reads the typed output into the WIT record.

use super::types::{customer_ref, field_inputs, update_outcome};
use super::{Component, Result, open};
use crate::bindings::exports::helpscout::connector::{conversations as wc, types};
use crate::error::Error;
use crate::ids::{checked, checked_all};
use crate::resources::conversations::{
    self as resource, ConversationChanges, ConversationType, CreateConversation, FieldFilter,
    FindConversations, GetConversation, NewStatus, Snooze, SortField, SortOrder, Status,
    StatusFilter, UpdateConversation, record,
};
use crate::resources::threads::{ThreadFields, ThreadKind};

impl wc::Guest for Component {
    fn find_conversations(
        conn: types::Connection,
        input: wc::FindConversationsInput,
    ) -> Result<wc::ConversationPage> {
        let found = resource::find(&mut open(conn)?, &find_input(input)?)?;
        let records = found.items.iter().map(|i| record::record(i.get()));
        Ok(wc::ConversationPage {
            items: records.collect::<std::result::Result<_, Error>>()?,
            has_more: found.has_more,
            next: found.next,
        })
    }

    fn get_conversation(
        conn: types::Connection,
        input: wc::GetConversationInput,
    ) -> Result<wc::Conversation> {
        let input = GetConversation {
            id: checked("id", input.id)?,
            embed_threads: input.embed_threads,
        };
        let conversation = resource::get(&mut open(conn)?, &input)?;
        Ok(record::record(conversation.text())?)
    }

    fn create_conversation(
        conn: types::Connection,
        input: wc::CreateConversationInput,
    ) -> Result<wc::CreatedConversation> {
        let created = resource::create(&mut open(conn)?, &create_input(input)?)?;
        let conversation = match created.conversation {
            Some(c) => Some(record::record(c.text())?),
            None => None,
        };
        Ok(wc::CreatedConversation {
            id: created.id,
            conversation,
        })
    }

    fn find_or_create_conversation(
        conn: types::Connection,
        input: wc::CreateConversationInput,
    ) -> Result<types::FoundOrCreated> {
        let mut input = create_input(input)?;
        input.return_conversation = false;
        let out = resource::find_or_create(&mut open(conn)?, &input)?;
        Ok(types::FoundOrCreated {
            id: out.id,
            created: out.created,
        })
    }

    fn update_conversation(
        conn: types::Connection,
        input: wc::UpdateConversationInput,
    ) -> Result<types::UpdateOutcome> {
        let outcome = resource::update(&mut open(conn)?, &update_input(input)?)?;
        Ok(update_outcome(outcome))
    }

    fn delete_conversation(conn: types::Connection, id: u64) -> Result<()> {
        let input = resource::DeleteConversation {
            id: checked("id", id)?,
        };
        resource::delete(&mut open(conn)?, &input)?;
        Ok(())
    }

    fn get_rating(conn: types::Connection, id: u64) -> Result<wc::Rating> {
        let input = resource::GetRating {
            id: checked("id", id)?,
        };
        let rating = resource::get_rating(&mut open(conn)?, &input)?;
        Ok(resource::rating_record(rating.text())?)
    }
}

fn find_input(i: wc::FindConversationsInput) -> crate::error::Result<FindConversations> {
    let custom_fields = i
        .custom_fields
        .into_iter()
        .enumerate()
        .map(|(n, f)| {
            Ok(FieldFilter {
                id: checked(&format!("customFieldsByIds[{n}].id"), f.id)?,
                value: f.value,
            })
        })
        .collect::<crate::error::Result<_>>()?;
    Ok(FindConversations {
        mailbox: checked_all("mailbox", &i.mailbox)?,
        folder: i.folder.map(|f| checked("folder", f)).transpose()?,
        status: i.status.map(status_filter),
        tag: i.tag,
        assigned_to: i
            .assigned_to
            .map(|u| checked("assignedTo", u))
            .transpose()?,
        modified_since: i.modified_since,
        number: i.number.map(|n| checked("number", n)).transpose()?,
        query: i.query,
        custom_fields,
        sort_field: i.sort_field.map(sort_field),
        sort_order: i.sort_order.map(sort_order),
        embed_threads: i.embed_threads,
        limit: i.limit,
        next: i.next,
    })
}

fn create_input(i: wc::CreateConversationInput) -> crate::error::Result<CreateConversation> {
    let threads = i
        .threads
        .into_iter()
        .enumerate()
        .map(|(n, t)| new_thread(&format!("threads[{n}]"), t))
        .collect::<crate::error::Result<_>>()?;
    Ok(CreateConversation {
        subject: i.subject,
        mailbox_id: checked("mailboxId", i.mailbox_id)?,
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
        customer: customer_ref("customer", i.customer)?,
        threads,
        tags: i.tags,
        assign_to: i.assign_to.map(|a| assignee("assignTo", a)).transpose()?,
        created_at: i.created_at,
        closed_at: i.closed_at,
        imported: i.imported,
        auto_reply: i.auto_reply,
        user: i.user.map(|u| checked("user", u)).transpose()?,
        fields: field_inputs("fields", i.fields)?,
        return_conversation: i.return_conversation,
    })
}

fn new_thread(path: &str, t: wc::NewThread) -> crate::error::Result<ThreadFields> {
    Ok(ThreadFields {
        kind: thread_kind(t.kind),
        text: t.text,
        customer: t
            .customer
            .map(|c| customer_ref(&format!("{path}.customer"), c))
            .transpose()?,
        user: t
            .user
            .map(|u| checked(&format!("{path}.user"), u))
            .transpose()?,
        status: None,
        cc: t.cc,
        bcc: t.bcc,
        draft: t.draft,
        imported: t.imported,
        created_at: t.created_at,
        assign_to: None,
        attachments: super::types::attachments(t.attachments),
    })
}

fn update_input(i: wc::UpdateConversationInput) -> crate::error::Result<ConversationChanges> {
    let (assign_to, unassign) = match i.assign {
        Some(wc::Assignment::User(user)) => (Some(Some(checked("assignTo", user)?)), false),
        Some(wc::Assignment::Unassign) => (None, true),
        None => (None, false),
    };
    let changes = UpdateConversation {
        subject: i.subject,
        status: i.status.map(status),
        assign_to,
        unassign,
        mailbox_id: i.mailbox_id.map(|m| checked("mailboxId", m)).transpose()?,
        primary_customer_id: i
            .primary_customer_id
            .map(|c| checked("primaryCustomerId", c))
            .transpose()?,
        draft: i.publish_draft.then_some(false),
        tags: i.tags,
        add_tags: i.add_tags,
        remove_tags: i.remove_tags,
        custom_fields: field_inputs("customFields", i.custom_fields)?,
        snooze: i.snooze.map(|change| match change {
            wc::SnoozeChange::Snooze(s) => Some(Snooze {
                snoozed_until: s.snoozed_until,
                unsnooze_on_customer_reply: s.unsnooze_on_customer_reply,
            }),
            wc::SnoozeChange::Unsnooze => None,
        }),
    };
    Ok(ConversationChanges {
        id: checked("id", i.id)?,
        changes,
    })
}

/// `user(id)` → `Some(id)`, `unassign` → `None` (sent as `null`).
pub(super) fn assignee(
    path: &str,
    a: wc::Assignment,
) -> crate::error::Result<Option<crate::ids::UserId>> {
    match a {
        wc::Assignment::User(user) => Ok(Some(checked(path, user)?)),
        wc::Assignment::Unassign => Ok(None),
    }
}

pub(super) fn thread_kind(k: wc::ThreadKind) -> ThreadKind {
    match k {
        wc::ThreadKind::Reply => ThreadKind::Reply,
        wc::ThreadKind::Note => ThreadKind::Note,
        wc::ThreadKind::Customer => ThreadKind::Customer,
        wc::ThreadKind::Chat => ThreadKind::Chat,
        wc::ThreadKind::Phone => ThreadKind::Phone,
    }
}

fn status(s: wc::Status) -> Status {
    match s {
        wc::Status::Active => Status::Active,
        wc::Status::Closed => Status::Closed,
        wc::Status::Pending => Status::Pending,
        wc::Status::Spam => Status::Spam,
    }
}

fn status_filter(s: wc::StatusFilter) -> StatusFilter {
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

pub(super) fn sort_order(o: wc::SortOrder) -> SortOrder {
    match o {
        wc::SortOrder::Asc => SortOrder::Asc,
        wc::SortOrder::Desc => SortOrder::Desc,
    }
}
