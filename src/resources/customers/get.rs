//! `get-customer`: `GET /v2/customers/{id}` with its embedded emails, phones, chats, social
//! profiles, websites, address and properties, passed on as Help Scout's JSON text.

use super::Customer;
use crate::catalog::declare::*;
use crate::client::{Client, Transport};
use crate::decode::Validate;
use crate::error::Result;
use crate::ids::CustomerId;
use crate::resources::Raw;
use serde::Deserialize;

/// Input of `get-customer`.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct GetCustomer {
    pub id: CustomerId,
}

impl Validate for GetCustomer {
    fn validate(&self) -> Result<()> {
        Ok(())
    }
}

pub fn get(client: &mut Client<impl Transport>, input: &GetCustomer) -> Result<Customer> {
    let segments = ["customers", &input.id.segment()];
    Ok(Raw(client.get_object(&segments, &[], "customer")?))
}

/// `get-customer`, as the catalog declares it.
pub const ENTRY: Entry = Entry {
    name: "get-customer",
    title: "Get a customer",
    group: Group::Customer,
    description: "Get one customer (GET /v2/customers/{id}) with emails, phones, chats, social \
                  profiles, websites, address and properties.",
    files: files!("get-customer"),
    option_fields: &[],
    effects: Effects::READ,
    paging: Paging::None,
    trigger: None,
    run: |client, input, _| json(&get(client, &decode(input)?)?),
    #[cfg(test)]
    input_type: schema_of::<GetCustomer>,
};
