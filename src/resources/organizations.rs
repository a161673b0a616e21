//! Organizations: `list-organizations` (`GET /v2/organizations?sort=field,dir`, 50 per page,
//! every page: "Organizations can be sorted by name, customerCount, conversationCount, or
//! lastInteractionAt", default `lastInteractionAt,desc`: List Organizations,
//! <https://developer.helpscout.com/mailbox-api/endpoints/organizations/list/>) and
//! `get-organization` (`GET /v2/organizations/{id}`, `includeCounts`, `includeProperties`: Get
//! Organization).

use crate::bindings::exports::helpscout::connector::organizations as wit;
use crate::catalog::declare::*;
use crate::client::{Client, Transport};
use crate::decode::Validate;
use crate::error::Result;
use crate::ids::OrganizationId;
use crate::resources::conversations::SortOrder;
use crate::resources::{Listed, Raw, wire};
use serde::Deserialize;

/// What organizations can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum OrganizationSort {
    Name,
    CustomerCount,
    ConversationCount,
    LastInteractionAt,
}

impl OrganizationSort {
    fn as_str(self) -> &'static str {
        match self {
            OrganizationSort::Name => "name",
            OrganizationSort::CustomerCount => "customerCount",
            OrganizationSort::ConversationCount => "conversationCount",
            OrganizationSort::LastInteractionAt => "lastInteractionAt",
        }
    }
}

/// Input of `list-organizations`.
#[derive(Debug, Default, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ListOrganizations {
    /// Help Scout's default: `lastInteractionAt`.
    pub sort_field: Option<OrganizationSort>,
    /// Help Scout's default: `desc`.
    pub sort_order: Option<SortOrder>,
}

impl Validate for ListOrganizations {
    fn validate(&self) -> Result<()> {
        Ok(())
    }
}

/// Every organization, every page.
pub fn list(client: &mut Client<impl Transport>, input: &ListOrganizations) -> Result<Listed> {
    let mut query = Vec::new();
    if let Some(field) = input.sort_field {
        let sort = match input.sort_order {
            Some(order) => format!("{},{}", field.as_str(), order.as_str()),
            None => field.as_str().to_string(),
        };
        query.push(("sort", sort));
    } else if let Some(order) = input.sort_order {
        query.push(("sort", format!("lastInteractionAt,{}", order.as_str())));
    }
    Listed::read(client, &["organizations"], &query, "organizations")
}

/// Input of `get-organization`.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GetOrganization {
    pub id: OrganizationId,
    /// Add `customerCount` and `conversationCount`.
    #[serde(default)]
    pub include_counts: bool,
    /// Add the organization's property values.
    #[serde(default)]
    pub include_properties: bool,
}

impl Validate for GetOrganization {
    fn validate(&self) -> Result<()> {
        Ok(())
    }
}

/// One organization as Help Scout's JSON text.
pub fn get(client: &mut Client<impl Transport>, input: &GetOrganization) -> Result<Raw> {
    let mut query = Vec::new();
    if input.include_counts {
        query.push(("includeCounts", "true".to_string()));
    }
    if input.include_properties {
        query.push(("includeProperties", "true".to_string()));
    }
    let id = input.id.segment();
    let object = client.get_object(&["organizations", &id], &query, "organization")?;
    Ok(Raw(object))
}

#[derive(Deserialize)]
struct WireOrganization {
    #[serde(deserialize_with = "wire::id")]
    id: u64,
    #[serde(default, deserialize_with = "wire::text")]
    name: String,
    #[serde(default)]
    domains: Vec<String>,
}

/// An organization's JSON text as the WIT record, the text kept in `raw-json`.
pub fn record(json: &str) -> Result<wit::Organization> {
    let o: WireOrganization = wire::parse_text(json, "organization")?;
    Ok(wit::Organization {
        id: o.id,
        name: o.name,
        domains: o.domains,
        raw_json: json.to_string(),
    })
}

/// `list-organizations`, as the catalog declares it.
pub const ENTRY: Entry = Entry {
    name: "list-organizations",
    title: "List organizations",
    group: Group::Organization,
    description: "List the account's organizations (GET /v2/organizations), every page, sorted \
                  by name, customer count, conversation count or last interaction.",
    files: files!("list-organizations"),
    option_fields: &[],
    effects: Effects::READ,
    paging: Paging::All,
    trigger: None,
    run: |client, input, _| json(&list(client, &decode(input)?)?),
    #[cfg(test)]
    input_type: schema_of::<ListOrganizations>,
};

/// `get-organization`, as the catalog declares it.
pub const GET_ENTRY: Entry = Entry {
    name: "get-organization",
    title: "Get an organization",
    group: Group::Organization,
    description: "Get one organization (GET /v2/organizations/{id}): name, website, domains, \
                  phones, optionally its customer and conversation counts and property values.",
    files: files!("get-organization"),
    option_fields: &[field("id", Source::Organizations)],
    effects: Effects::READ,
    paging: Paging::None,
    trigger: None,
    run: |client, input, _| json(&get(client, &decode(input)?)?),
    #[cfg(test)]
    input_type: schema_of::<GetOrganization>,
};

/// The organization entries.
pub const ENTRIES: &[Entry] = &[ENTRY, GET_ENTRY];
