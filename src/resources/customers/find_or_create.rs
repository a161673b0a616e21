//! `find-or-create-customer`: the customer having exactly the e-mail address (as
//! `find-customers` finds it: Help Scout's `email:` search, then exact matches only), else a new
//! one with that address and the given fields. Two calls with a new address make one customer;
//! after an unknown outcome, calling again is how to look before retrying.

use super::fields::{CustomerFields, Entry as ContactEntry, NewCustomer};
use super::find::{FindCustomers, find};
use crate::catalog::declare::*;
use crate::client::{Client, Transport};
use crate::decode::{Validate, all, check_email};
use crate::error::{Error, Result};
use crate::resources::{FoundOrCreated, wire};
use serde::Deserialize;

/// Input of `find-or-create-customer`: the address, and the fields of a new customer.
#[derive(Debug)]
pub struct FindOrCreate {
    pub email: String,
    pub fields: CustomerFields,
}

impl Validate for FindOrCreate {
    fn validate(&self) -> Result<()> {
        let mut checks = vec![check_email("email", &self.email)];
        if self.fields.emails.is_some() {
            let message = "is the address to find; the new customer gets it (give it as `email`)";
            checks.push(Err(Error::invalid("emails", message)));
        }
        checks.push(self.fields.check(false));
        all(checks)
    }
}

pub fn find_or_create(
    client: &mut Client<impl Transport>,
    input: &FindOrCreate,
) -> Result<FoundOrCreated> {
    input.validate()?;
    let email = input.email.trim().to_string();
    let query = FindCustomers {
        email: Some(email.clone()),
        limit: Some(1),
        ..FindCustomers::default()
    };
    let found = find(client, &query)?;
    if let Some(first) = found.items.first() {
        #[derive(Deserialize)]
        struct Id {
            #[serde(deserialize_with = "wire::id")]
            id: u64,
        }
        let Id { id } = wire::parse_text(first.get(), "customer")?;
        return Ok(FoundOrCreated { id, created: false });
    }
    let mut fields = input.fields.clone();
    fields.emails = Some(vec![ContactEntry {
        kind: Some("work".into()),
        value: email,
    }]);
    let created = super::create(client, &NewCustomer(fields))?;
    let id = created
        .id
        .ok_or_else(|| Error::Other("Help Scout created the customer without naming it".into()))?;
    Ok(FoundOrCreated { id, created: true })
}

/// `find-or-create-customer`, as the catalog declares it: the same input twice makes one
/// customer.
pub const ENTRY: crate::catalog::Entry = crate::catalog::Entry {
    name: "find-or-create-customer",
    title: "Find or create a customer",
    group: Group::Customer,
    description: "The customer having exactly this e-mail address (GET /v2/customers, exact \
                  matches only), else a new one with it and the given fields (POST \
                  /v2/customers); returns its id and whether it was created. Calling it again \
                  after an unknown outcome finds the customer the first call made.",
    files: files!("find-or-create-customer"),
    option_fields: &[],
    effects: Effects::write(false, true),
    paging: Paging::None,
    trigger: None,
    run: |client, input, _| {
        let (email, fields) = decode_with_id(input, "email")?;
        json(&find_or_create(client, &FindOrCreate { email, fields })?)
    },
    #[cfg(test)]
    input_type: || with_id::<CustomerFields, String>("email"),
};
