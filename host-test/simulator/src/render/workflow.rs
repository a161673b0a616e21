//! Workflows as List Workflows shows them
//! (<https://developer.helpscout.com/mailbox-api/endpoints/workflows/list/>): `{id, mailboxId,
//! type, status, order, name, createdAt, modifiedAt, _links.self}`.

use serde_json::{Value, json};

use super::hal::link;
use crate::model::workflow::Workflow;
use crate::time::format;

pub fn workflow(base: &str, w: &Workflow) -> Value {
    json!({
        "id": w.id,
        "mailboxId": w.mailbox_id,
        "type": w.kind,
        "status": w.status,
        "order": w.order,
        "name": w.name,
        "createdAt": format(w.created_at),
        "modifiedAt": format(w.modified_at),
        "_links": {"self": link(format!("{base}/v2/workflows/{}", w.id))},
    })
}
