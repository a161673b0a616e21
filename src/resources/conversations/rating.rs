//! `get-rating`: one satisfaction rating (`GET /v2/ratings/{id}`: the customer, the rated reply
//! and its author, `rating` one of `great` `okay` `not_good` `unknown`, the comments: Get
//! Satisfaction Rating, <https://developer.helpscout.com/mailbox-api/endpoints/ratings/get/>).
//! A `satisfaction.ratings` delivery names the rating.

use crate::bindings::exports::helpscout::connector::conversations as wit;
use crate::catalog::declare::*;
use crate::client::{Client, Transport};
use crate::decode::Validate;
use crate::error::Result;
use crate::ids::RatingId;
use crate::resources::{Raw, wire};
use serde::Deserialize;

/// Input of `get-rating`.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct GetRating {
    pub id: RatingId,
}

impl Validate for GetRating {
    fn validate(&self) -> Result<()> {
        Ok(())
    }
}

pub fn get(client: &mut Client<impl Transport>, input: &GetRating) -> Result<Raw> {
    let id = input.id.segment();
    Ok(Raw(client.get_object(&["ratings", &id], &[], "rating")?))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireRating {
    #[serde(deserialize_with = "wire::id")]
    id: u64,
    #[serde(default, deserialize_with = "wire::text")]
    rating: String,
    #[serde(default, deserialize_with = "wire::opt_text")]
    comments: Option<String>,
    #[serde(default, deserialize_with = "wire::opt_id")]
    conversation_id: Option<u64>,
    #[serde(default, deserialize_with = "wire::opt_id")]
    thread_id: Option<u64>,
}

/// A rating's JSON text as the WIT record, the text kept in `raw-json`.
pub fn record(json: &str) -> Result<wit::Rating> {
    let r: WireRating = wire::parse_text(json, "rating")?;
    Ok(wit::Rating {
        id: r.id,
        rating: r.rating,
        comments: r.comments,
        conversation_id: r.conversation_id,
        thread_id: r.thread_id,
        raw_json: json.to_string(),
    })
}

/// `get-rating`, as the catalog declares it.
pub const ENTRY: Entry = Entry {
    name: "get-rating",
    title: "Get a rating",
    group: Group::Conversation,
    description: "Get one satisfaction rating (GET /v2/ratings/{id}): great, okay, not_good or \
                  unknown, the customer's comments, the rated reply and its author.",
    files: files!("get-rating"),
    option_fields: &[],
    effects: Effects::READ,
    paging: Paging::None,
    trigger: None,
    run: |client, input, _| json(&get(client, &decode(input)?)?),
    #[cfg(test)]
    input_type: schema_of::<GetRating>,
};
