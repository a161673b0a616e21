//! `POST /v2/customers` (§4.3, 201), `PUT /v2/customers/{id}` (§4.4: entity fields overwritten,
//! omitted ones cleared, entries untouched; 204) and `DELETE /v2/customers/{id}` (204).

use axum::extract::{Path, State};
use axum::response::Response;

use super::{created, no_content, parse_id};
use crate::simulator::body::{Check, JsonBody};
use crate::simulator::customer_input::{ENTITY_FIELDS, insert, read_entity, read_new, set_entity};
use crate::simulator::errors::ApiError;
use crate::simulator::state::{EntryKind, Shared};
use crate::simulator::time;

pub async fn create(
    State(shared): State<Shared>,
    JsonBody(v): JsonBody,
) -> Result<Response, ApiError> {
    let ck = Check::default();
    let new = read_new(&ck.root(&v)?);
    ck.finish()?;
    let id = {
        let mut st = shared.lock();
        let id = insert(&mut st, new);
        st.emit_customer(&shared.base, "customer.created", id);
        id
    };
    Ok(created(&shared, &format!("/v2/customers/{id}"), id))
}

pub async fn overwrite(
    State(shared): State<Shared>,
    Path(id): Path<String>,
    JsonBody(v): JsonBody,
) -> Result<Response, ApiError> {
    let id = parse_id(&id)?;
    let ck = Check::default();
    let o = ck.root(&v)?;
    let mut allowed: Vec<&str> = ENTITY_FIELDS.to_vec();
    allowed.extend(EntryKind::ALL.iter().map(|k| k.json_name()));
    allowed.extend(["address", "properties"]);
    o.only(&allowed);
    let entity = read_entity(&o);
    ck.finish()?;
    let mut st = shared.lock();
    let c = st.customers.get_mut(&id).ok_or_else(ApiError::not_found)?;
    for (key, value) in entity {
        set_entity(c, key, value);
    }
    c.updated_at = time::now();
    st.emit_customer(&shared.base, "customer.updated", id);
    Ok(no_content())
}

pub async fn delete(
    State(shared): State<Shared>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let id = parse_id(&id)?;
    let mut st = shared.lock();
    st.customers.remove(&id).ok_or_else(ApiError::not_found)?;
    let resource = format!("{}/v2/customers/{id}", shared.base);
    st.emit_deleted("customer.deleted", id, None, &resource);
    Ok(no_content())
}
