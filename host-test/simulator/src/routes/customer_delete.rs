//! Delete Customer (`DELETE /v2/customers/{id}`,
//! <https://developer.helpscout.com/mailbox-api/endpoints/customers/delete/>: "Deletes a customer,
//! their survey responses and their conversations"; 204) and its asynchronous form
//! (`?async=true`, <https://developer.helpscout.com/mailbox-api/endpoints/customers/delete-async/>:
//! 202, done at once here). The conversations taken along are those the customer participated
//! in (primary customer or the customer of a thread); more than 100 of them → 403 ("The customer
//! has more than 100 conversations"; the async page does not list that limit, so it answers 202).
//! Emits `customer.deleted` (`{"id": N}`); the conversations go without `convo.deleted`
//! (Invented: no page says whether they emit one).

use axum::extract::{Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};

use super::common::{no_content, parse_id};
use crate::model::{Conversation, Shared};
use crate::render::errors::ApiError;
use crate::search::params::Params;

/// The most conversations a synchronous delete takes along.
const MAX_CONVERSATIONS: usize = 100;

fn participated(c: &Conversation, customer: u64) -> bool {
    c.primary_customer == customer || c.threads.iter().any(|t| t.customer_id == customer)
}

pub async fn delete(
    State(shared): State<Shared>,
    Path(id): Path<String>,
    uri: Uri,
) -> Result<Response, ApiError> {
    let asynchronous = Params::parse(uri.query()).choice("async", &["true", "false"], "false")?;
    let asynchronous = asynchronous == "true";
    let id = parse_id(&id)?;
    let mut st = shared.lock();
    if !st.customers.contains_key(&id) {
        return Err(ApiError::not_found());
    }
    let theirs: Vec<u64> = st
        .conversations
        .values()
        .filter(|c| participated(c, id))
        .map(|c| c.id)
        .collect();
    if theirs.len() > MAX_CONVERSATIONS && !asynchronous {
        return Err(ApiError::new(StatusCode::FORBIDDEN, "Forbidden"));
    }
    for c in theirs {
        st.conversations.remove(&c);
    }
    // "their survey responses": their satisfaction ratings.
    st.ratings.retain(|r| r.customer_id != id);
    st.customers.remove(&id);
    let resource = format!("{}/v2/customers/{id}", shared.base);
    st.emit_deleted("customer.deleted", id, None, &resource);
    Ok(if asynchronous {
        StatusCode::ACCEPTED.into_response()
    } else {
        no_content()
    })
}
