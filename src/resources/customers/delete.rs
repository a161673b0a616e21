//! `delete-customer`: `DELETE /v2/customers/{id}` (204), or with `async: true` `?async=true`
//! (202), which "Deletes a customer, their survey responses and their conversations in
//! compliance with GDPR's right of erasure"; 403 when the user cannot see every one of the
//! customer's conversations, or (synchronously) the customer has more than 100 (Delete Customer,
//! <https://developer.helpscout.com/mailbox-api/endpoints/customers/delete/>). Never repeated
//! after an unknown outcome.

use crate::catalog::declare::*;
use crate::client::{Client, Method, Replay, Transport};
use crate::decode::Validate;
use crate::error::Result;
use crate::ids::CustomerId;
use crate::resources::Deleted;
use serde::Deserialize;

/// Input of `delete-customer`.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DeleteCustomer {
    pub id: CustomerId,
    /// Delete in the background (Help Scout answers at once; `customer.deleted` tells when it
    /// is done): needed for customers with more than 100 conversations.
    #[serde(default, rename = "async")]
    pub in_background: bool,
}

impl Validate for DeleteCustomer {
    fn validate(&self) -> Result<()> {
        Ok(())
    }
}

pub fn delete(client: &mut Client<impl Transport>, input: &DeleteCustomer) -> Result<Deleted> {
    let id = input.id.segment();
    let query = match input.in_background {
        true => vec![("async", "true".to_string())],
        false => Vec::new(),
    };
    let url = client.base().endpoint(&["customers", &id], &query);
    client.write_to(Method::Delete, url, None, Replay::Unsafe)?;
    Ok(Deleted {
        id: input.id.get(),
        deleted: true,
    })
}

/// `delete-customer`, as the catalog declares it: the customer and their conversations go.
pub const ENTRY: crate::catalog::Entry = crate::catalog::Entry {
    name: "delete-customer",
    title: "Delete a customer",
    group: Group::Customer,
    description: "Delete a customer with their conversations and survey responses, for good \
                  (DELETE /v2/customers/{id}; `async` for customers with more than 100 \
                  conversations).",
    files: files!("delete-customer"),
    option_fields: &[],
    effects: Effects::write(true, false),
    paging: Paging::None,
    trigger: None,
    run: |client, input, _| json(&delete(client, &decode(input)?)?),
    #[cfg(test)]
    input_type: schema_of::<DeleteCustomer>,
};
