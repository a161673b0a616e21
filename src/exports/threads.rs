//! The `threads` export: the flat WIT record into the resource's input.

use super::conversations::{assignee, thread_kind};
use super::types::{attachments, customer_ref};
use super::{Component, Result, open};
use crate::bindings::exports::helpscout::connector::{conversations as wc, threads as wt, types};
use crate::ids::checked;
use crate::resources::threads::{self as resource, NewThread, ThreadFields, ThreadStatus};

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
