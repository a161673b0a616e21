//! `catalog.invoke`: decodes the JSON input of the action or trigger `name` (every bad field at
//! once), runs it, and serializes its typed output. Triggers invoked by name poll.

use crate::client::{Client, Transport};
use crate::decode::{Validate, decode, decode_with_id};
use crate::error::{Error, Result};
use crate::resources::conversations::{self, ConversationChanges};
use crate::resources::customers::{self, CustomerChanges};
use crate::resources::threads::{self, NewThread};
use crate::resources::{mailboxes, users, webhooks};
use crate::triggers::{events, polling};
use serde::{Deserialize, Serialize};

/// Runs the action `name` with a JSON input, or polls the trigger `name`; the output as JSON
/// text. `secret` makes a webhook secret (from `wasi:random` in the component).
pub fn invoke(
    client: &mut Client<impl Transport>,
    name: &str,
    input: &str,
    secret: &mut dyn FnMut() -> Result<String>,
) -> Result<String> {
    match name {
        "list-mailboxes" => json(&mailboxes::list(client, &decode(input)?)?),
        "find-conversations" => json(&conversations::find(client, &decode(input)?)?),
        "get-conversation" => json(&conversations::get(client, &decode(input)?)?),
        "create-conversation" => json(&conversations::create(client, &decode(input)?)?),
        "update-conversation" => {
            let (id, changes) = decode_with_id(input, "id")?;
            let input = ConversationChanges { id, changes };
            json(&conversations::update(client, &input)?)
        }
        "create-thread" => {
            let (conversation_id, thread) = decode_with_id(input, "conversationId")?;
            let input = NewThread {
                conversation_id,
                thread,
            };
            json(&threads::create(client, &input)?)
        }
        "find-customers" => json(&customers::find(client, &decode(input)?)?),
        "get-customer" => json(&customers::get(client, &decode(input)?)?),
        "create-customer" => json(&customers::create(client, &decode(input)?)?),
        "update-customer" => {
            let (id, fields) = decode_with_id(input, "id")?;
            json(&customers::update(client, &CustomerChanges { id, fields })?)
        }
        "test-connection" => {
            let _: users::TestConnection = decode(input)?;
            json(&users::me(client)?)
        }
        "subscribe-webhook" => json(&webhooks::subscribe(client, &decode(input)?, secret)?),
        "unsubscribe-webhook" => json(&webhooks::unsubscribe(client, &decode(input)?)?),
        "list-webhooks" => {
            let _: Empty = decode(input)?;
            json(&webhooks::list(client)?)
        }
        trigger if events::TRIGGERS.contains(&trigger) => {
            json(&polling::poll(client, trigger, &decode(input)?)?)
        }
        other => Err(super::lookup(other).err().unwrap_or_else(|| {
            Error::Other(format!("{other} is listed but cannot be invoked").into())
        })),
    }
}

/// An input with no fields (`list-webhooks`).
#[derive(Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Empty {}

impl Validate for Empty {
    fn validate(&self) -> Result<()> {
        Ok(())
    }
}

/// An output as JSON text.
pub fn json(output: &impl Serialize) -> Result<String> {
    serde_json::to_string(output)
        .map_err(|e| Error::Other(format!("cannot print the output: {e}").into()))
}
