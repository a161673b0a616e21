//! `create-customer`: `POST /v2/customers` (Create Customer), then its properties
//! (`PATCH /v2/customers/{id}/properties`), checked against their definitions before anything is
//! written; a failure after the create is `partial` with the new id.

use super::fields::NewCustomer;
use super::properties::{self, Definitions};
use crate::catalog::declare::*;
use crate::client::{Client, Method, Replay, Transport, created_id};
use crate::decode::Validate;
use crate::error::Result;
use crate::resources::Created;

pub fn create(client: &mut Client<impl Transport>, input: &NewCustomer) -> Result<Created> {
    input.validate()?;
    let fields = &input.0;
    let property_ops = match fields.properties.is_empty() {
        true => None,
        false => Some(Definitions::fetch(client)?.operations(&fields.properties)?),
    };
    let body = fields.create_body();
    let response = client.write(Method::Post, &["customers"], Some(&body), Replay::Unsafe)?;
    let id = created_id(&response);
    if let (Some(id), Some(ops)) = (id, property_ops) {
        properties::patch(client, id, &ops)
            .map_err(|e| e.after_steps("properties", &["create"], Some(id)))?;
    }
    Ok(Created { id })
}

/// `create-customer`, as the catalog declares it: it only adds.
pub const ENTRY: Entry = Entry {
    name: "create-customer",
    title: "Create a customer",
    group: Group::Customer,
    description: "Create a customer (POST /v2/customers) with every documented field and entry, \
                  then its properties; returns the new id.",
    files: files!("create-customer"),
    option_fields: &[],
    effects: Effects::write(false, false),
    paging: Paging::None,
    trigger: None,
    run: |client, input, _| json(&create(client, &decode(input)?)?),
    #[cfg(test)]
    input_type: schema_of::<NewCustomer>,
};
