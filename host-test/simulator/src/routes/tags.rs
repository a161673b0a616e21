//! `GET /v2/tags`: every tag of the account, in alphabetical order, 50 a page, as List Tags
//! documents it (<https://developer.helpscout.com/mailbox-api/endpoints/tags/list/>): items
//! `{id, slug, name, color, ticketCount}`, the key `name` (conversations embed `tag`).

use axum::extract::State;
use axum::http::Uri;
use axum::response::Response;

use super::common::listed;
use crate::model::Shared;
use crate::render::{self, errors::ApiError};

pub async fn list(State(shared): State<Shared>, uri: Uri) -> Result<Response, ApiError> {
    listed(&shared, &uri, "tags", |st, _| {
        let mut tags: Vec<_> = st.tags.iter().collect();
        tags.sort_by_key(|t| t.name.to_lowercase());
        let count = |name: &str| {
            st.conversations
                .values()
                .filter(|c| c.tags.iter().any(|t| t.eq_ignore_ascii_case(name)))
                .count()
        };
        Ok(tags
            .iter()
            .map(|t| render::tag(t, count(&t.name)))
            .collect())
    })
}
