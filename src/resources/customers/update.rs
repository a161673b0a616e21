//! `update-customer`: only the given fields change (Update Customer's JSON Patch:
//! `replace` to set, `remove` to clear), a given entry list replaces that collection (entries
//! read first, then `add`/`remove` operations), then the properties. A write with `add` or
//! `remove` operations is never repeated after an unknown outcome; a failure after the first
//! step is `partial`.

use super::fields::{CustomerFields, entry_ops};
use super::properties::{self, Definitions};
use crate::catalog::declare::*;
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
    let mut address = None;
    if fields.has_entries() || fields.address.is_some() {
        let current = client.get(&["customers", &id.segment()], &[])?;
        ops.extend(entry_ops(fields, &current));
        address = fields.address_write(has_address(&current));
    }
    let nothing = ops.is_empty() && address.is_none() && property_ops.is_none();
    if nothing && !fields.has_entries() && fields.address.is_none() {
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
    if let Some((method, body)) = address {
        let segments = ["customers", &id.segment(), "address"];
        // A repeated POST would fail on the address the first one made; PUT and DELETE leave
        // the same state.
        let replay = if method == Method::Post {
            Replay::Unsafe
        } else {
            Replay::Safe
        };
        match client.write(method, &segments, body.as_ref(), replay) {
            Ok(_) => applied.push("address"),
            Err(e) if applied.is_empty() => return Err(e),
            Err(e) => return Err(e.after_steps("address", &applied, Some(id.get()))),
        }
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

/// Whether the customer (as Get Customer returns it) has an address.
fn has_address(customer: &Value) -> bool {
    customer["_embedded"]["address"]
        .as_object()
        .is_some_and(|a| !a.is_empty())
}

/// `update-customer`, as the catalog declares it: it overwrites fields, and a given entry list
/// replaces its collection.
pub const ENTRY: Entry = Entry {
    name: "update-customer",
    title: "Update a customer",
    group: Group::Customer,
    description: "Change only the given customer fields, entries, address and properties (PATCH \
                  /v2/customers/{id}, the address endpoints, PATCH …/properties); the rest stays.",
    files: files!("update-customer"),
    option_fields: &[],
    effects: Effects::write(true, false),
    paging: Paging::None,
    trigger: None,
    run: |client, input, _| {
        let (id, fields) = decode_with_id(input, "id")?;
        json(&update(client, &CustomerChanges { id, fields })?)
    },
    #[cfg(test)]
    input_type: || with_id::<CustomerFields, CustomerId>("id"),
};
