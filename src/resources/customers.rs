//! Customers: `find-customers` (`GET /v2/customers`, all pages up to `limit`; an e-mail is
//! searched with the query syntax, whose `email:` matches by "contains", so only customers
//! having exactly that address are kept), `get-customer` (`GET /v2/customers/{id}`),
//! `create-customer` (`POST /v2/customers`, then properties) and `update-customer` (JSON Patch
//! of only the given fields, entry collections set to the given list, properties by slug).

use super::customer_input::{CustomerInput, entry_ops};
use super::customer_properties::Definitions as PropertyDefinitions;
use crate::client::{Client, Method, Replay, Transport, created_id};
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

/// The customers, as Help Scout's JSON text: pages followed until `limit` or the end. With an
/// `email`, only customers having exactly that address (case-insensitive) count: Help Scout's
/// `(email:"…")` also finds `emma@example.com` for `a@example.com` (List Customers: "an email
/// containing"), and a "find, then update" workflow must never edit a near miss.
pub fn find(
    client: &mut Client<impl Transport>,
    input: &FindCustomers,
) -> Result<Vec<Box<RawValue>>> {
    let limit = check_limit(input.limit, 100)?;
    let params = input.query_params()?;
    let first = client.base().endpoint(&["customers"], &params);
    let Some(email) = &input.email else {
        return client.collect_raw(first, "customers", limit);
    };
    let mut rest = Vec::new();
    let mut exact = client.collect_raw_where(first, "customers", limit, |item| {
        let keep = has_email(item, email)?;
        if keep.is_none() {
            rest.push(item.get().to_string());
        }
        Ok(keep.unwrap_or(false))
    })?;
    // Items listed without their e-mails are read one by one (rare; Help Scout embeds them).
    for text in rest {
        if exact.len() >= limit {
            break;
        }
        let id = serde_json::from_str::<IdOnly>(&text)
            .map(|i| i.id)
            .unwrap_or(0);
        if id == 0 {
            continue;
        }
        let full = client.get_body(client.base().endpoint(&["customers", &id.to_string()], &[]))?;
        let raw: Box<RawValue> = serde_json::from_slice(&full)
            .map_err(|e| Error::Other(format!("the API answered with invalid JSON: {e}")))?;
        if has_email(&raw, email)? == Some(true) {
            exact.push(raw);
        }
    }
    Ok(exact)
}

#[derive(Deserialize)]
struct IdOnly {
    #[serde(default, deserialize_with = "super::wire::id")]
    id: u64,
}

/// Whether the customer has exactly this address; `None` when the item lists no e-mails.
fn has_email(item: &RawValue, email: &str) -> Result<Option<bool>> {
    #[derive(Deserialize)]
    struct Listed {
        #[serde(rename = "_embedded", default)]
        embedded: Option<Embedded>,
    }
    #[derive(Deserialize)]
    struct Embedded {
        emails: Option<Vec<EmailEntry>>,
    }
    #[derive(Deserialize)]
    struct EmailEntry {
        #[serde(default)]
        value: String,
    }
    let listed: Listed = serde_json::from_str(item.get())
        .map_err(|e| Error::Other(format!("Help Scout answered an unexpected customer: {e}")))?;
    let emails = listed.embedded.and_then(|e| e.emails);
    Ok(emails.map(|list| {
        list.iter()
            .any(|e| e.value.trim().eq_ignore_ascii_case(email.trim()))
    }))
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

/// The properties' `PATCH …/properties` body, checked against the definitions before
/// anything is written; none when the input sets no property.
fn property_ops(
    client: &mut Client<impl Transport>,
    input: &CustomerInput,
) -> Result<Option<Value>> {
    if input.properties.is_empty() {
        return Ok(None);
    }
    PropertyDefinitions::fetch(client)?
        .operations(&input.properties)
        .map(Some)
}

/// `{"id": <new id>}`; properties are set right after the create.
pub fn create(client: &mut Client<impl Transport>, input: &CustomerInput) -> Result<Value> {
    input.validate(true)?;
    let property_ops = property_ops(client, input)?;
    let body = input.create_body();
    let response = client.write(Method::Post, &["customers"], Some(&body), Replay::Unsafe)?;
    let id = created_id(&response);
    if let (Some(id), Some(ops)) = (id, property_ops) {
        patch(client, &[&id.to_string(), "properties"], &ops)
            .map_err(|e| e.after_steps("properties", vec!["create".into()], Some(id)))?;
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
    if id == 0 {
        return Err(Error::invalid("id", "must be a positive customer id"));
    }
    let customer = id.to_string();
    let property_ops = property_ops(client, input)?;
    let mut ops = input.field_ops();
    if input.has_entries() {
        let current = client.get(&["customers", &customer], &[])?;
        ops.extend(entry_ops(input, &current));
    }
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
            Err(e) => return Err(e.after_steps("properties", applied, Some(id))),
        }
    }
    Ok(json!({ "id": id, "applied": applied }))
}

/// `PATCH /v2/customers/{path}` with JSON Patch operations. Repeated after an unknown outcome
/// only when every operation is a `replace`: an `add` would add an e-mail twice, a `remove` of
/// an entry would answer 404 for a customer that exists.
fn patch(client: &mut Client<impl Transport>, path: &[&str], ops: &Value) -> Result<()> {
    let segments: Vec<&str> = ["customers"].iter().chain(path).copied().collect();
    let replay = Replay::of_json_patch(ops);
    client.write(Method::Patch, &segments, Some(ops), replay)?;
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
