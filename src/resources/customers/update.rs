//! `update-customer`: only the given fields change (Update Customer's JSON Patch:
//! `replace` to set, `remove` to clear), a given entry list replaces that collection (entries
//! read first, then `add`/`remove` operations), then the properties. A write with `add` or
//! `remove` operations is never repeated after an unknown outcome; a failure after the first
//! step is `partial`.

use super::fields::{CustomerFields, entry_ops};
use super::properties::{self, Definitions};
use crate::client::{Client, Method, Replay, Transport};
use crate::decode::Validate;
use crate::error::{Error, Result};
use crate::ids::CustomerId;
use crate::resources::UpdateOutcome;
use serde_json::Value;

/// Input of `update-customer`: the customer and the fields to change.
#[derive(Debug)]
pub struct CustomerChanges {
    pub id: CustomerId,
    pub fields: CustomerFields,
}

impl Validate for CustomerChanges {
    fn validate(&self) -> Result<()> {
        self.fields.check(false)
    }
}

pub fn update(
    client: &mut Client<impl Transport>,
    input: &CustomerChanges,
) -> Result<UpdateOutcome> {
    input.validate()?;
    let (id, fields) = (input.id, &input.fields);
    let property_ops = match fields.properties.is_empty() {
        true => None,
        false => Some(Definitions::fetch(client)?.operations(&fields.properties)?),
    };
    let mut ops = fields.field_ops();
    if fields.has_entries() {
        let current = client.get(&["customers", &id.segment()], &[])?;
        ops.extend(entry_ops(fields, &current));
    }
    if ops.is_empty() && property_ops.is_none() && !fields.has_entries() {
        return Err(Error::invalid("input", "names nothing to update"));
    }
    let mut applied = Vec::new();
    if !ops.is_empty() {
        let ops = Value::Array(ops);
        let segments = ["customers", &id.segment()];
        client.write(
            Method::Patch,
            &segments,
            Some(&ops),
            Replay::of_json_patch(&ops),
        )?;
        applied.push("customer");
    }
    if let Some(ops) = property_ops {
        match properties::patch(client, id.get(), &ops) {
            Ok(()) => applied.push("properties"),
            Err(e) if applied.is_empty() => return Err(e),
            Err(e) => return Err(e.after_steps("properties", &applied, Some(id.get()))),
        }
    }
    Ok(UpdateOutcome {
        id: id.get(),
        applied,
    })
}
