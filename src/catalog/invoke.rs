//! `catalog.invoke`: the entry named runs with the JSON input (decoded with every bad field
//! reported at once) and its typed output is serialized. Triggers invoked by name poll.

use super::{Secrets, lookup};
use crate::client::{AnyTransport, Client};
use crate::error::{Error, Result};
use serde::Serialize;

/// Runs the action `name` with a JSON input, or polls the trigger `name`; the output as JSON
/// text. `secret` makes a webhook secret (from `wasi:random` in the component).
pub fn invoke(
    client: &mut Client<AnyTransport>,
    name: &str,
    input: &str,
    secret: &mut Secrets<'_>,
) -> Result<String> {
    (lookup(name)?.run)(client, input, secret)
}

/// An output as JSON text.
pub fn json(output: &impl Serialize) -> Result<String> {
    serde_json::to_string(output)
        .map_err(|e| Error::Other(format!("cannot print the output: {e}").into()))
}
