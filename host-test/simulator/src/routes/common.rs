//! The handler skeletons, written once: path ids (and [`IdJson`] for writes), the empty 201/204
//! answers of the write endpoints (as recorded: `text/plain`, `Resource-ID`, `Location`), "find
//! one or 404", "301 for a merged conversation", "delete one or 404", "render a list, then page
//! it" (Help Scout's HAL paging,
//! <https://developer.helpscout.com/mailbox-api/overview/pagination/>), and "change one
//! conversation or customer, stamp it, emit its webhook event".

use axum::extract::{FromRequest, FromRequestParts, Path, Request};
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use crate::input::JsonBody;
use crate::model::{Conversation, Customer, PropertyDef, Shared, State as Model};
use crate::render::errors::ApiError;
use crate::render::hal::{self, ListRequest, PAGE_SIZE};
use crate::search::params::Params;
use crate::time;

const TEXT_PLAIN: &str = "text/plain; charset=UTF-8";

/// A numeric path id; anything else is a 404 like an unknown id.
pub fn parse_id(raw: &str) -> Result<u64, ApiError> {
    raw.parse().map_err(|_| ApiError::not_found())
}

/// The request of a write to `…/{id}`, checked in the order the `Path` + `JsonBody` extractors
/// and a [`parse_id`] in the handler had: the path, the JSON body (400/415), then the numeric id
/// (404 otherwise).
pub struct IdJson(pub u64, pub Value);

impl FromRequest<Shared> for IdJson {
    type Rejection = Response;

    async fn from_request(req: Request, shared: &Shared) -> Result<Self, Response> {
        let (mut parts, body) = req.into_parts();
        let Path(raw) = Path::<String>::from_request_parts(&mut parts, shared)
            .await
            .map_err(IntoResponse::into_response)?;
        let JsonBody(v) = JsonBody::from_request(Request::from_parts(parts, body), shared)
            .await
            .map_err(IntoResponse::into_response)?;
        let id = parse_id(&raw).map_err(IntoResponse::into_response)?;
        Ok(IdJson(id, v))
    }
}

/// `201 Created`, empty body, `Resource-ID: id` and `Location: <base><path>`.
pub fn created(shared: &Shared, path: &str, id: u64) -> Response {
    let mut resp = StatusCode::CREATED.into_response();
    let h = resp.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(TEXT_PLAIN));
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(0));
    h.insert("resource-id", HeaderValue::from(id));
    if let Ok(location) = HeaderValue::try_from(format!("{}{path}", shared.base)) {
        h.insert(header::LOCATION, location);
    }
    resp
}

/// `201 Created`, empty body, no `Resource-ID` (Upload Attachment, as recorded).
pub fn created_without_id() -> Response {
    let mut resp = StatusCode::CREATED.into_response();
    let h = resp.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(TEXT_PLAIN));
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(0));
    resp
}

/// `204 No Content` with the recorded `text/plain` content type.
pub fn no_content() -> Response {
    let mut resp = StatusCode::NO_CONTENT.into_response();
    resp.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(TEXT_PLAIN));
    resp
}

/// A read of merged conversation `id` (Get Conversation: "The request will return a HTTP 301
/// Moved Permanently status code and the response will contain a Location header with the URI
/// of the new conversation"): `301`, no body, `Location` on the conversation it lives in now.
/// `None` when `id` was not merged.
pub fn moved(shared: &Shared, id: u64) -> Option<Response> {
    let into = shared.lock().merged_into(id)?;
    let mut resp = StatusCode::MOVED_PERMANENTLY.into_response();
    let location = format!("{}/v2/conversations/{into}", shared.base);
    if let Ok(location) = HeaderValue::try_from(location) {
        resp.headers_mut().insert(header::LOCATION, location);
    }
    Some(resp)
}

/// `GET …/{id}`: 200 with what `render` makes of record `raw_id`, 404 when it finds nothing.
pub fn found(
    shared: &Shared,
    raw_id: &str,
    render: impl FnOnce(&Model, &str, u64) -> Option<Value>,
) -> Result<Response, ApiError> {
    let id = parse_id(raw_id)?;
    let st = shared.lock();
    let doc = render(&st, &shared.base, id).ok_or_else(ApiError::not_found)?;
    Ok(hal::ok(doc))
}

/// `DELETE …/{id}`: under the lock, `remove` takes record `raw_id` out of the state (emitting
/// its `*.deleted` event, if it has one); 204, or 404 when it finds nothing to remove.
pub fn deleted(
    shared: &Shared,
    raw_id: &str,
    remove: impl FnOnce(&mut Model, &str, u64) -> Option<()>,
) -> Result<Response, ApiError> {
    let id = parse_id(raw_id)?;
    remove(&mut shared.lock(), &shared.base, id).ok_or_else(ApiError::not_found)?;
    Ok(no_content())
}

/// A paged list answer for `uri` over `all` items, already rendered (50 per page; links with
/// the recorded trailing slash).
pub fn paged(shared: &Shared, uri: &Uri, rel: &str, all: Vec<Value>) -> Result<Response, ApiError> {
    let page = Params::parse(uri.query()).page()?;
    let req = ListRequest {
        base: &shared.base,
        path: uri.path(),
        trailing_slash: true,
        query: uri.query(),
        page,
        size: PAGE_SIZE,
    };
    let items = req.slice(&all).to_vec();
    Ok(hal::ok(req.collection(rel, items, all.len())))
}

/// A list endpoint: `render` collects, sorts and renders every item under the lock (it may
/// answer 404 for an unknown parent), then the answer is [`paged`] under `_embedded.<rel>`.
pub fn listed(
    shared: &Shared,
    uri: &Uri,
    rel: &str,
    render: impl FnOnce(&Model, &str) -> Result<Vec<Value>, ApiError>,
) -> Result<Response, ApiError> {
    let all = render(&shared.lock(), &shared.base)?;
    paged(shared, uri, rel, all)
}

/// Conversation `id` of a state already checked to hold it (404 otherwise).
pub fn conversation_mut(st: &mut Model, id: u64) -> Result<&mut Conversation, ApiError> {
    st.conversations
        .get_mut(&id)
        .ok_or_else(ApiError::not_found)
}

/// A change to conversation `id`: under the lock, 404 when it is unknown; `change` validates and
/// alters the state and names the webhook event to emit, if any; then the conversation's
/// `modifiedAt` is stamped, the event emitted, and the answer is 204.
pub fn with_conversation(
    shared: &Shared,
    id: u64,
    change: impl FnOnce(&mut Model, u64) -> Result<Option<&'static str>, ApiError>,
) -> Result<Response, ApiError> {
    let mut st = shared.lock();
    if !st.conversations.contains_key(&id) {
        return Err(ApiError::not_found());
    }
    let event = change(&mut st, id)?;
    conversation_mut(&mut st, id)?.modified_at = time::now();
    if let Some(event) = event {
        st.emit_conversation(&shared.base, event, id);
    }
    Ok(no_content())
}

/// What a customer change may use besides the customer: the next entry id and the
/// customer-property definitions.
pub struct CustomerScope<'a> {
    pub next_entry: &'a mut u64,
    pub property_defs: &'a [PropertyDef],
}

/// A change to customer `id`: under the lock, 404 when it is unknown; `change` validates and
/// alters it (an error stamps and emits nothing; changes that must be all-or-nothing work on a
/// copy); then, when the customer really changed, `updatedAt` is stamped and `customer.updated`
/// emitted (Invented: no page says whether a write that changes nothing, such as a repeated
/// `replace`, fires the event; here it does not).
pub fn with_customer<T>(
    shared: &Shared,
    id: u64,
    change: impl FnOnce(&mut Customer, CustomerScope<'_>) -> Result<T, ApiError>,
) -> Result<T, ApiError> {
    let mut st = shared.lock();
    let Model {
        customers,
        ids,
        property_defs,
        ..
    } = &mut *st;
    let c = customers.get_mut(&id).ok_or_else(ApiError::not_found)?;
    let scope = CustomerScope {
        next_entry: &mut ids.entry,
        property_defs,
    };
    let before = crate::render::customer(&shared.base, c);
    let out = change(c, scope)?;
    if crate::render::customer(&shared.base, c) != before {
        c.updated_at = time::now();
        st.emit_customer(&shared.base, "customer.updated", id);
    }
    Ok(out)
}
