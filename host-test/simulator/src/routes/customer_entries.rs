//! Customer entry endpoints (§4.6): `GET`/`POST /v2/customers/{id}/{emails|phones|chats|
//! social-profiles|websites}`, `PUT`/`DELETE …/{entryId}`, and `GET`/`POST`/`PUT`/`DELETE
//! /v2/customers/{id}/address`. Lists follow the recorded shape (`_embedded.<rel>` + `_links`,
//! no paging); every write bumps the customer's `updatedAt` and emits `customer.updated`.

use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::get;
use serde_json::{Value, json};

use super::common::{IdJson, created, no_content, parse_id, with_customer};
use crate::input::customer::{address, entry_value};
use crate::input::{Check, JsonBody};
use crate::model::{Customer, Entry, EntryKind, Shared, take};
use crate::render;
use crate::render::errors::ApiError;
use crate::render::hal::{self, link};

fn entry_json(base: &str, customer: u64, kind: EntryKind, e: &Entry) -> Value {
    let href = format!("{base}/v2/customers/{customer}/{}/{}", kind.rel(), e.id);
    let mut v = json!({"id": e.id, "value": e.value, "_links": {"self": link(href)}});
    if let (true, Some(obj)) = (kind.types().is_some(), v.as_object_mut()) {
        obj.insert("type".into(), json!(e.kind));
    }
    v
}

fn read_entry(kind: EntryKind, v: &Value) -> Result<(String, String), ApiError> {
    let ck = Check::default();
    let parsed = entry_value(&ck, "", kind, v);
    ck.finish()?;
    parsed.ok_or_else(|| ApiError::validation(Vec::new()))
}

async fn list(shared: Shared, id: String, kind: EntryKind) -> Result<Response, ApiError> {
    let id = parse_id(&id)?;
    let st = shared.lock();
    let c = st.customers.get(&id).ok_or_else(ApiError::not_found)?;
    let items: Vec<Value> = c
        .entries(kind)
        .iter()
        .map(|e| entry_json(&shared.base, id, kind, e))
        .collect();
    let me = format!("{}/v2/customers/{id}/{}", shared.base, kind.rel());
    Ok(hal::ok(json!({
        "_embedded": { kind.rel(): items },
        "_links": {"self": link(me)},
    })))
}

async fn create(shared: Shared, id: u64, v: Value, kind: EntryKind) -> Result<Response, ApiError> {
    let (t, value) = read_entry(kind, &v)?;
    let entry_id = with_customer(&shared, id, |c, scope| {
        let entry_id = take(scope.next_entry);
        c.entries_mut(kind).push(Entry {
            id: entry_id,
            value,
            kind: t,
        });
        Ok(entry_id)
    })?;
    let path = format!("/v2/customers/{id}/{}/{entry_id}", kind.rel());
    Ok(created(&shared, &path, entry_id))
}

fn position(c: &Customer, kind: EntryKind, entry: &str) -> Result<usize, ApiError> {
    let entry: u64 = parse_id(entry)?;
    c.entries(kind)
        .iter()
        .position(|e| e.id == entry)
        .ok_or_else(ApiError::not_found)
}

async fn replace(
    shared: Shared,
    (id, entry): (String, String),
    v: Value,
    kind: EntryKind,
) -> Result<Response, ApiError> {
    let id = parse_id(&id)?;
    let (t, value) = read_entry(kind, &v)?;
    with_customer(&shared, id, |c, _| {
        let i = position(c, kind, &entry)?;
        let e = &mut c.entries_mut(kind)[i];
        (e.kind, e.value) = (t, value);
        Ok(())
    })?;
    Ok(no_content())
}

async fn remove(
    shared: Shared,
    (id, entry): (String, String),
    kind: EntryKind,
) -> Result<Response, ApiError> {
    let id = parse_id(&id)?;
    with_customer(&shared, id, |c, _| {
        let i = position(c, kind, &entry)?;
        c.entries_mut(kind).remove(i);
        Ok(())
    })?;
    Ok(no_content())
}

async fn address_get(
    State(shared): State<Shared>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let id = parse_id(&id)?;
    let st = shared.lock();
    let c = st.customers.get(&id).ok_or_else(ApiError::not_found)?;
    let a = c.address.as_ref().ok_or_else(ApiError::not_found)?;
    let mut doc = render::address(a);
    if let Some(obj) = doc.as_object_mut() {
        let me = format!("{}/v2/customers/{id}/address", shared.base);
        obj.insert("_links".into(), json!({"self": link(me)}));
    }
    Ok(hal::ok(doc))
}

fn set_address(shared: &Shared, id: u64, v: &Value) -> Result<u64, ApiError> {
    let ck = Check::default();
    let parsed = address(&ck, "", v);
    ck.finish()?;
    let a = parsed.ok_or_else(|| ApiError::validation(Vec::new()))?;
    with_customer(shared, id, |c, _| {
        c.address = Some(a);
        Ok(id)
    })
}

async fn address_post(
    State(shared): State<Shared>,
    IdJson(id, v): IdJson,
) -> Result<Response, ApiError> {
    let id = set_address(&shared, id, &v)?;
    Ok(created(&shared, &format!("/v2/customers/{id}/address"), id))
}

async fn address_put(
    State(shared): State<Shared>,
    IdJson(id, v): IdJson,
) -> Result<Response, ApiError> {
    set_address(&shared, id, &v)?;
    Ok(no_content())
}

async fn address_delete(
    State(shared): State<Shared>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let id = parse_id(&id)?;
    with_customer(&shared, id, |c, _| {
        c.address.take().map(|_| ()).ok_or_else(ApiError::not_found)
    })?;
    Ok(no_content())
}

/// Adds every entry route to `router`.
pub fn routes(mut router: Router<Shared>) -> Router<Shared> {
    for kind in EntryKind::ALL {
        let rel = kind.rel();
        let collection =
            get(move |State(s): State<Shared>, Path(id): Path<String>| list(s, id, kind))
                .post(move |State(s): State<Shared>, IdJson(id, v): IdJson| create(s, id, v, kind));
        let item = axum::routing::put(
            move |State(s): State<Shared>,
                  Path(ids): Path<(String, String)>,
                  JsonBody(v): JsonBody| { replace(s, ids, v, kind) },
        )
        .delete(
            move |State(s): State<Shared>, Path(ids): Path<(String, String)>| remove(s, ids, kind),
        );
        router = router
            .route(&format!("/v2/customers/{{id}}/{rel}"), collection)
            .route(&format!("/v2/customers/{{id}}/{rel}/{{entry}}"), item);
    }
    router.route(
        "/v2/customers/{id}/address",
        get(address_get)
            .post(address_post)
            .put(address_put)
            .delete(address_delete),
    )
}
