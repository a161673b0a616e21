//! The `threads` export: the flat WIT record into the resource's input.

use super::conversations::{assignee, thread_kind};
use super::types::{attachments, customer_ref};
use super::{Component, Result, open};
use crate::bindings::exports::helpscout::connector::{conversations as wc, threads as wt, types};
use crate::error::Error;
use crate::ids::checked;
use crate::resources::UpdateOutcome;
use crate::resources::conversations::record::thread_record;
use crate::resources::threads::{
    self as resource, GetAttachment, NewThread, ThreadFields, ThreadStatus, UpdateThread,
};

impl wt::Guest for Component {
    fn create_thread(conn: types::Connection, input: wt::CreateThreadInput) -> Result<Option<u64>> {
        let thread = ThreadFields {
            kind: thread_kind(input.kind),
            text: input.text,
            customer: input
                .customer
                .map(|c| customer_ref("customer", c))
                .transpose()?,
            user: input.user.map(|u| checked("user", u)).transpose()?,
            status: input.status.map(thread_status),
            cc: input.cc,
            bcc: input.bcc,
            draft: input.draft,
            imported: input.imported,
            created_at: input.created_at,
            assign_to: input
                .assign_to
                .map(|a| assignee("assignTo", a))
                .transpose()?,
            attachments: attachments(input.attachments),
        };
        let input = NewThread {
            conversation_id: checked("conversationId", input.conversation_id)?,
            thread,
        };
        Ok(resource::create(&mut open(conn)?, &input)?.id)
    }

    fn list_threads(conn: types::Connection, conversation_id: u64) -> Result<Vec<wc::Thread>> {
        let input = resource::ListThreads {
            conversation_id: checked("conversationId", conversation_id)?,
        };
        let listed = resource::list(&mut open(conn)?, &input)?;
        Ok(listed
            .texts()
            .map(thread_record)
            .collect::<std::result::Result<_, Error>>()?)
    }

    fn update_thread(
        conn: types::Connection,
        input: wt::UpdateThreadInput,
    ) -> Result<types::UpdateOutcome> {
        let input = UpdateThread {
            conversation_id: checked("conversationId", input.conversation_id)?,
            thread_id: checked("threadId", input.thread_id)?,
            text: input.text,
            hidden: input.hidden,
        };
        let updated = resource::update(&mut open(conn)?, &input)?;
        Ok(super::types::update_outcome(UpdateOutcome {
            id: updated.id,
            applied: updated.applied,
        }))
    }

    fn get_attachment(
        conn: types::Connection,
        conversation_id: u64,
        attachment_id: u64,
    ) -> Result<wt::AttachmentData> {
        let input = GetAttachment {
            conversation_id: checked("conversationId", conversation_id)?,
            attachment_id: checked("attachmentId", attachment_id)?,
        };
        let found = resource::get_attachment(&mut open(conn)?, &input)?;
        Ok(wt::AttachmentData {
            id: found.id,
            conversation_id: found.conversation_id,
            data: found.bytes(),
        })
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
        wc::ThreadStatus::InboxPredefined => ThreadStatus::InboxPredefined,
    }
}
