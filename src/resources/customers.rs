//! Customers: `find-customers` (`GET /v2/customers`, all pages up to `limit`; e-mail through the
//! query syntax), `get-customer` (`GET /v2/customers/{id}`), `create-customer`
//! (`POST /v2/customers`, then properties) and `update-customer` (JSON Patch of only the given
//! fields, entry collections set to the given list, properties by slug).

use super::customer_input::{CustomerInput, entry_ops};
use crate::client::{Client, Method, Transport, created_id};
use crate::error::{Error, Result};
use crate::input::{check_email, check_limit, check_timestamp};
use crate::query::Query;
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Value, json};

pub use super::customer_records::{records_from_raw, to_record, with_json};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum CustomerSortField {
    #[serde(rename = "score")]
    Score,
    #[serde(rename = "firstName")]
    FirstName,
    #[serde(rename = "lastName")]
    LastName,
    #[serde(rename = "modifiedAt")]
    ModifiedAt,
    #[serde(rename = "createdAt")]
    CreatedAt,
}

/// Input of `find-customers`; every field optional.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FindCustomers {
    pub email: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub mailbox: Option<u64>,
    pub modified_since: Option<String>,
    pub query: Option<String>,
    pub sort_field: Option<CustomerSortField>,
    pub sort_order: Option<super::conversations::SortOrder>,
    pub limit: Option<u32>,
}

impl FindCustomers {
    pub fn query_params(&self) -> Result<Vec<(&'static str, String)>> {
        let mut q = Vec::new();
        if let Some(mailbox) = self.mailbox {
            q.push(("mailbox", mailbox.to_string()));
        }
        for (key, value) in [
            ("firstName", &self.first_name),
            ("lastName", &self.last_name),
        ] {
            if let Some(v) = value {
                q.push((key, v.clone()));
            }
        }
        if let Some(since) = &self.modified_since {
            check_timestamp("modifiedSince", since)?;
            q.push(("modifiedSince", since.clone()));
        }
        if let Some(field) = self.sort_field {
            q.push(("sortField", sort_field_name(field).into()));
        }
        if let Some(order) = self.sort_order {
            q.push(("sortOrder", order.as_str().into()));
        }
        let mut parts = Vec::new();
        if let Some(email) = &self.email {
            check_email("email", email)?;
            parts.push(Query::term("email", email));
        }
        if let Some(raw) = &self.query {
            parts.push(Query::raw(raw));
        }
        if let Some(query) = Query::all(parts) {
            q.push(("query", query.into_string()));
        }
        Ok(q)
    }
}

fn sort_field_name(field: CustomerSortField) -> &'static str {
    match field {
        CustomerSortField::Score => "score",
        CustomerSortField::FirstName => "firstName",
        CustomerSortField::LastName => "lastName",
        CustomerSortField::ModifiedAt => "modifiedAt",
        CustomerSortField::CreatedAt => "createdAt",
    }
}

/// The customers, as Help Scout's JSON text: pages followed until `limit` or the end.
pub fn find(
    client: &mut Client<impl Transport>,
    input: &FindCustomers,
) -> Result<Vec<Box<RawValue>>> {
    let limit = check_limit(input.limit, 100)?;
    let params = input.query_params()?;
    let first = client.base().endpoint(&["customers"], &params);
    client.collect_raw(first, "customers", limit)
}

/// Input of `get-customer`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GetCustomer {
    pub id: u64,
}

/// The customer with its embedded emails, phones, chats, social profiles, websites, address
/// and properties, as Help Scout returns it.
pub fn get(client: &mut Client<impl Transport>, input: &GetCustomer) -> Result<Value> {
    if input.id == 0 {
        return Err(Error::invalid("id", "must be a positive customer id"));
    }
    client.get(&["customers", &input.id.to_string()], &[])
}

/// `{"id": <new id>}`; properties are set right after the create.
pub fn create(client: &mut Client<impl Transport>, input: &CustomerInput) -> Result<Value> {
    input.validate(true)?;
    let body = input.create_body();
    let id = created_id(&client.write(Method::Post, &["customers"], Some(&body))?);
    if let (Some(id), Some(ops)) = (id, input.property_ops()) {
        patch(client, &[&id.to_string(), "properties"], &ops).map_err(|e| Error::Partial {
            failed_step: "properties".into(),
            applied: vec!["create".into()],
            message: format!("customer {id} created, but its properties failed: {e}"),
            id: Some(id),
        })?;
    }
    Ok(json!({ "id": id }))
}

/// `{"id": …, "applied": [steps]}`: changes only what the input names.
pub fn update(
    client: &mut Client<impl Transport>,
    id: u64,
    input: &CustomerInput,
) -> Result<Value> {
    input.validate(false)?;
    let customer = id.to_string();
    let mut ops = input.field_ops();
    if input.has_entries() {
        let current = client.get(&["customers", &customer], &[])?;
        ops.extend(entry_ops(input, &current));
    }
    let property_ops = input.property_ops();
    if ops.is_empty() && property_ops.is_none() && !input.has_entries() {
        return Err(Error::invalid("input", "names nothing to update"));
    }
    let mut applied = Vec::new();
    if !ops.is_empty() {
        patch(client, &[&customer], &Value::Array(ops))?;
        applied.push("customer".to_string());
    }
    if let Some(ops) = property_ops {
        match patch(client, &[&customer, "properties"], &ops) {
            Ok(()) => applied.push("properties".into()),
            Err(e) if applied.is_empty() => return Err(e),
            Err(e) => {
                let message = e.to_string();
                return Err(Error::Partial {
                    failed_step: "properties".into(),
                    applied,
                    message,
                    id: Some(id),
                });
            }
        }
    }
    Ok(json!({ "id": id, "applied": applied }))
}

fn patch(client: &mut Client<impl Transport>, path: &[&str], body: &Value) -> Result<()> {
    let segments: Vec<&str> = ["customers"].iter().chain(path).copied().collect();
    client.write(Method::Patch, &segments, Some(body))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::decode;

    #[test]
    fn email_goes_through_the_query_joined_by_and() {
        let input: FindCustomers =
            decode(r#"{"email": "a@example.com", "query": "(firstName:\"A\")", "mailbox": 3}"#)
                .unwrap();
        let q = input.query_params().unwrap();
        assert_eq!(q[0], ("mailbox", "3".to_string()));
        assert_eq!(
            q[1],
            (
                "query",
                r#"((email:"a@example.com") AND (firstName:"A"))"#.to_string()
            )
        );
        let only: FindCustomers = decode(r#"{"email": "a@example.com"}"#).unwrap();
        assert_eq!(
            only.query_params().unwrap(),
            [("query", r#"(email:"a@example.com")"#.to_string())]
        );
        let raw: FindCustomers =
            decode(r#"{"query": "lastName:\"B\" OR firstName:\"A\""}"#).unwrap();
        assert_eq!(
            raw.query_params().unwrap()[0].1,
            r#"lastName:"B" OR firstName:"A""#
        );
        assert!(
            decode::<FindCustomers>("{}")
                .unwrap()
                .query_params()
                .unwrap()
                .is_empty()
        );
    }
}
