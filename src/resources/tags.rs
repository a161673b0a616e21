//! Tags: `list-tags` (`GET /v2/tags`: "Returns a list of tags used across all mailboxes. Tags
//! are returned in alphabetical order", List Tags,
//! <https://developer.helpscout.com/mailbox-api/endpoints/tags/list/>), every page, and `get-tag`
//! (`GET /v2/tags/{id}`, Get Tag, <https://developer.helpscout.com/mailbox-api/endpoints/tags/get/>).

use crate::bindings::exports::helpscout::connector::tags as wit;
use crate::catalog::declare::*;
use crate::client::{Client, Transport};
use crate::decode::Validate;
use crate::error::Result;
use crate::ids::TagId;
use crate::resources::{Listed, Raw, wire};
use serde::Deserialize;

/// Every tag, every page.
pub fn list(client: &mut Client<impl Transport>) -> Result<Listed> {
    Listed::read(client, &["tags"], &[], "tags")
}

/// Input of `get-tag`.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct GetTag {
    pub id: TagId,
}

impl Validate for GetTag {
    fn validate(&self) -> Result<()> {
        Ok(())
    }
}

/// One tag as Help Scout's JSON text.
pub fn get(client: &mut Client<impl Transport>, input: &GetTag) -> Result<Raw> {
    Ok(Raw(client.get_object(
        &["tags", &input.id.segment()],
        &[],
        "tag",
    )?))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireTag {
    #[serde(deserialize_with = "wire::id")]
    id: u64,
    #[serde(default, deserialize_with = "wire::text")]
    name: String,
    #[serde(default, deserialize_with = "wire::opt_text")]
    slug: Option<String>,
    #[serde(default, deserialize_with = "wire::opt_text")]
    color: Option<String>,
    #[serde(default, deserialize_with = "wire::opt_id")]
    ticket_count: Option<u64>,
}

/// A tag's JSON text as the WIT record, the text kept in `raw-json`.
pub fn record(json: &str) -> Result<wit::Tag> {
    let tag: WireTag = wire::parse_text(json, "tag")?;
    Ok(wit::Tag {
        id: tag.id,
        name: tag.name,
        slug: tag.slug,
        color: tag.color,
        ticket_count: tag.ticket_count,
        raw_json: json.to_string(),
    })
}

/// `list-tags`, as the catalog declares it.
pub const ENTRY: Entry = Entry {
    name: "list-tags",
    title: "List tags",
    group: Group::Tag,
    description: "List every tag of the account (GET /v2/tags), alphabetically, every page, \
                  with how many conversations carry each.",
    files: files!("list-tags"),
    option_fields: &[],
    effects: Effects::READ,
    paging: Paging::All,
    trigger: None,
    run: |client, input, _| {
        let _: Empty = decode(input)?;
        json(&list(client)?)
    },
    #[cfg(test)]
    input_type: schema_of::<Empty>,
};

/// `get-tag`, as the catalog declares it.
pub const GET_ENTRY: Entry = Entry {
    name: "get-tag",
    title: "Get a tag",
    group: Group::Tag,
    description: "Get one tag (GET /v2/tags/{id}): its name, slug and colour.",
    files: files!("get-tag"),
    option_fields: &[field("id", Source::TagIds)],
    effects: Effects::READ,
    paging: Paging::None,
    trigger: None,
    run: |client, input, _| json(&get(client, &decode(input)?)?),
    #[cfg(test)]
    input_type: schema_of::<GetTag>,
};

/// The tag entries.
pub const ENTRIES: &[Entry] = &[ENTRY, GET_ENTRY];
