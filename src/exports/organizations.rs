//! The `organizations` exports.

use super::{Component, Result, open};
use crate::bindings::exports::helpscout::connector::{
    conversations as wc, organizations as wo, types,
};
use crate::error::Error;
use crate::ids::checked;
use crate::resources::conversations::SortOrder;
use crate::resources::organizations::{
    self as resource, GetOrganization, ListOrganizations, OrganizationSort,
};

impl wo::Guest for Component {
    fn list_organizations(
        conn: types::Connection,
        input: wo::ListOrganizationsInput,
    ) -> Result<Vec<wo::Organization>> {
        let input = ListOrganizations {
            sort_field: input.sort_field.map(|f| match f {
                wo::OrganizationSort::Name => OrganizationSort::Name,
                wo::OrganizationSort::CustomerCount => OrganizationSort::CustomerCount,
                wo::OrganizationSort::ConversationCount => OrganizationSort::ConversationCount,
                wo::OrganizationSort::LastInteractionAt => OrganizationSort::LastInteractionAt,
            }),
            sort_order: input.sort_order.map(|o| match o {
                wc::SortOrder::Asc => SortOrder::Asc,
                wc::SortOrder::Desc => SortOrder::Desc,
            }),
        };
        let listed = resource::list(&mut open(conn)?, &input)?;
        Ok(listed
            .texts()
            .map(resource::record)
            .collect::<std::result::Result<_, Error>>()?)
    }

    fn get_organization(
        conn: types::Connection,
        input: wo::GetOrganizationInput,
    ) -> Result<wo::Organization> {
        let input = GetOrganization {
            id: checked("id", input.id)?,
            include_counts: input.include_counts,
            include_properties: input.include_properties,
        };
        let found = resource::get(&mut open(conn)?, &input)?;
        Ok(resource::record(found.text())?)
    }
}
