//! `create-thread`: `POST /v2/conversations/{id}/reply|notes|customer|chats|phones` by type
//! (Create Reply, Note, Customer, Chat, Phone); a reply or customer thread given no customer
//! goes to the conversation's primary customer. Never repeated after an unknown outcome.

use super::ThreadFields;
use crate::catalog::declare::*;
use crate::client::{Client, Method, Replay, Transport, created_id};
use crate::decode::Validate;
use crate::error::{Error, Result};
use crate::ids::{ConversationId, CustomerId};
use crate::resources::conversations::following_merge;
use crate::resources::customers::CustomerRef;
use crate::resources::{Created, wire};
use serde::Deserialize;

/// Input of `create-thread`: the conversation and the thread.
#[derive(Debug)]
pub struct NewThread {
    pub conversation_id: ConversationId,
    pub thread: ThreadFields,
}

impl Validate for NewThread {
    fn validate(&self) -> Result<()> {
        self.thread.check("")
    }
}

/// `{"id": <new thread id>}` (none when Help Scout sends neither `Resource-ID` nor `Location`).
pub fn create(client: &mut Client<impl Transport>, input: &NewThread) -> Result<Created> {
    input.validate()?;
    let conversation = input.conversation_id.segment();
    let mut fields = input.thread.clone();
    if fields.kind.needs_customer() && fields.customer.is_none() {
        fields.customer = Some(primary_customer(client, &conversation)?);
    }
    let body = fields.body(false);
    let post = |client: &mut Client<_>, conversation: &str| {
        let segments = ["conversations", conversation, fields.kind.endpoint()];
        client.write(Method::Post, &segments, Some(&body), Replay::Unsafe)
    };
    let (_, response) = following_merge(client, input.conversation_id.get(), post)?;
    Ok(Created {
        id: created_id(&response),
    })
}

/// The conversation's primary customer, for replies and customer threads given no customer.
fn primary_customer(
    client: &mut Client<impl Transport>,
    conversation: &str,
) -> Result<CustomerRef> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Primary {
        #[serde(default)]
        primary_customer: Option<Person>,
    }
    #[derive(Deserialize)]
    struct Person {
        #[serde(deserialize_with = "wire::id")]
        id: u64,
    }
    let found = client.get(&["conversations", conversation], &[])?;
    let primary: Primary = wire::parse(&found, "conversation")?;
    let id = primary.primary_customer.and_then(|p| CustomerId::new(p.id));
    id.map(CustomerRef::by_id).ok_or_else(|| {
        Error::invalid(
            "customer",
            "is required: the conversation has no primary customer",
        )
    })
}

/// `create-thread`, as the catalog declares it: a reply e-mails the customer (a note alone
/// would not; the entry covers both, so it carries the stronger effect).
pub const ENTRY: Entry = Entry {
    name: "create-thread",
    title: "Add a thread",
    group: Group::Thread,
    description: "Add a reply, note, customer, chat or phone thread to a conversation (POST \
                  /v2/conversations/{id}/reply|notes|customer|chats|phones), with cc/bcc, draft, \
                  status, author and base64 attachments.",
    files: files!("create-thread"),
    option_fields: &[
        field("status", Source::Enum),
        field("assignTo", Source::Users),
        field("user", Source::Users),
    ],
    effects: Effects::write(true, false),
    paging: Paging::None,
    trigger: None,
    run: |client, input, _| {
        let (conversation_id, thread) = decode_with_id(input, "conversationId")?;
        json(&create(
            client,
            &NewThread {
                conversation_id,
                thread,
            },
        )?)
    },
    #[cfg(test)]
    input_type: || with_id::<ThreadFields, ConversationId>("conversationId"),
};
