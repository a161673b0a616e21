//! The `customers` exports: WIT records into the resource's inputs, the typed outputs into WIT
//! records.

use super::conversations::sort_order;
use super::types::update_outcome;
use super::{Component, Result, open};
use crate::bindings::exports::helpscout::connector::{customers as wcu, types};
use crate::error::Error;
use crate::ids::checked;
use crate::resources::customers::{
    self as resource, Address, CustomerChanges, CustomerFields, CustomerSortField, Entry,
    FindCustomers, GetCustomer, NewCustomer, PropertyValue, record,
};

impl wcu::Guest for Component {
    fn find_customers(
        conn: types::Connection,
        input: wcu::FindCustomersInput,
    ) -> Result<wcu::CustomerPage> {
        let input = FindCustomers {
            email: input.email,
            first_name: input.first_name,
            last_name: input.last_name,
            mailbox: input.mailbox.map(|m| checked("mailbox", m)).transpose()?,
            modified_since: input.modified_since,
            query: input.query,
            sort_field: input.sort_field.map(|f| match f {
                wcu::CustomerSortField::FirstName => CustomerSortField::FirstName,
                wcu::CustomerSortField::LastName => CustomerSortField::LastName,
                wcu::CustomerSortField::ModifiedAt => CustomerSortField::ModifiedAt,
                wcu::CustomerSortField::CreatedAt => CustomerSortField::CreatedAt,
            }),
            sort_order: input.sort_order.map(sort_order),
            limit: input.limit,
            next: input.next,
        };
        let found = resource::find(&mut open(conn)?, &input)?;
        let records = found.items.iter().map(|i| record::record(i.get()));
        Ok(wcu::CustomerPage {
            items: records.collect::<std::result::Result<_, Error>>()?,
            has_more: found.has_more,
            next: found.next,
        })
    }

    fn get_customer(
        conn: types::Connection,
        input: wcu::GetCustomerInput,
    ) -> Result<wcu::Customer> {
        let input = GetCustomer {
            id: checked("id", input.id)?,
        };
        let customer = resource::get(&mut open(conn)?, &input)?;
        Ok(record::record(customer.text())?)
    }

    fn create_customer(conn: types::Connection, input: wcu::CustomerInput) -> Result<Option<u64>> {
        let input = NewCustomer(fields(input)?);
        Ok(resource::create(&mut open(conn)?, &input)?.id)
    }

    fn update_customer(
        conn: types::Connection,
        input: wcu::UpdateCustomerInput,
    ) -> Result<types::UpdateOutcome> {
        let input = CustomerChanges {
            id: checked("id", input.id)?,
            fields: fields(input.changes)?,
        };
        let outcome = resource::update(&mut open(conn)?, &input)?;
        Ok(update_outcome(outcome))
    }

    fn delete_customer(conn: types::Connection, input: wcu::DeleteCustomerInput) -> Result<()> {
        let input = resource::DeleteCustomer {
            id: checked("id", input.id)?,
            in_background: input.in_background,
        };
        resource::delete(&mut open(conn)?, &input)?;
        Ok(())
    }

    fn find_or_create_customer(
        conn: types::Connection,
        input: wcu::FindOrCreateCustomerInput,
    ) -> Result<wcu::FoundOrCreated> {
        let input = resource::FindOrCreate {
            email: input.email,
            fields: fields(input.customer)?,
        };
        let out = resource::find_or_create(&mut open(conn)?, &input)?;
        Ok(wcu::FoundOrCreated {
            id: out.id,
            created: out.created,
        })
    }

    fn list_customer_properties(conn: types::Connection) -> Result<Vec<wcu::PropertyDefinition>> {
        let listed = resource::list_properties(&mut open(conn)?)?;
        Ok(listed
            .texts()
            .map(resource::definition_record)
            .collect::<std::result::Result<_, Error>>()?)
    }
}

/// The customer fields of a WIT record; a field named in `clear` is `null` (cleared on update).
fn fields(i: wcu::CustomerInput) -> crate::error::Result<CustomerFields> {
    let known = [
        "firstName",
        "lastName",
        "phone",
        "photoUrl",
        "photoType",
        "jobTitle",
        "location",
        "organization",
        "organizationId",
        "background",
        "gender",
        "age",
        "address",
    ];
    if let Some((n, bad)) = i
        .clear
        .iter()
        .enumerate()
        .find(|(_, c)| !known.contains(&c.as_str()))
    {
        let message = format!("{bad:?} is not a field that can be cleared");
        return Err(Error::invalid(format!("clear[{n}]"), message));
    }
    let cleared = |name: &str| i.clear.iter().any(|c| c == name);
    let text = |value: Option<String>, name: &str| match value {
        Some(v) => Some(Some(v)),
        None => cleared(name).then_some(None),
    };
    let organization_id = match i.organization_id {
        Some(id) => Some(Some(checked("organizationId", id)?)),
        None => cleared("organizationId").then_some(None),
    };
    let entries = |list: Option<Vec<wcu::Entry>>| {
        list.map(|l| {
            l.into_iter()
                .map(|e| Entry {
                    kind: e.kind,
                    value: e.value,
                })
                .collect()
        })
    };
    let address = match i.address {
        Some(a) => Some(Some(Address {
            city: a.city,
            state: a.state,
            postal_code: a.postal_code,
            country: a.country,
            lines: a.lines,
        })),
        None => cleared("address").then_some(None),
    };
    Ok(CustomerFields {
        first_name: text(i.first_name, "firstName"),
        last_name: text(i.last_name, "lastName"),
        phone: text(i.phone, "phone"),
        photo_url: text(i.photo_url, "photoUrl"),
        photo_type: text(i.photo_type, "photoType"),
        job_title: text(i.job_title, "jobTitle"),
        location: text(i.location, "location"),
        organization: text(i.organization, "organization"),
        organization_id,
        background: text(i.background, "background"),
        gender: text(i.gender, "gender"),
        age: text(i.age, "age"),
        emails: entries(i.emails),
        phones: entries(i.phones),
        chats: entries(i.chats),
        social_profiles: entries(i.social_profiles),
        websites: entries(i.websites),
        address,
        properties: i
            .properties
            .into_iter()
            .map(|p| PropertyValue {
                slug: p.slug,
                value: p.value.map(serde_json::Value::String),
            })
            .collect(),
    })
}
