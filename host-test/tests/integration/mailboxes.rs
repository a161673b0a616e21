//! list-mailboxes through the real component against the simulator.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{Env, block_on, runtime};
use host_test::bindings::mailboxes::ListMailboxesInput;

#[test]
fn lists_mailboxes_with_folders_and_fields_on_request() {
    block_on(async {
        let env = Env::start().await;
        let plain = env.ok("list-mailboxes", "{}").await;
        let items = plain["items"].as_array().unwrap();
        assert!(items.len() >= 3);
        assert!(
            items
                .iter()
                .all(|m| m.get("folders").is_none() && m.get("fields").is_none())
        );
        assert!(
            items
                .iter()
                .all(|m| m["id"].is_u64() && m["name"].is_string() && m["email"].is_string())
        );
        assert_eq!(env.api_requests().len(), 1);

        let full = env
            .ok(
                "list-mailboxes",
                r#"{"includeFolders": true, "includeFields": true}"#,
            )
            .await;
        for m in full["items"].as_array().unwrap() {
            let folders = m["folders"].as_array().unwrap();
            assert!(folders.iter().any(|f| f["type"] == "mytickets"), "{m}");
            let fields = m["fields"].as_array().unwrap();
            assert!(!fields.is_empty());
            assert!(
                fields
                    .iter()
                    .filter(|f| f["type"] == "dropdown")
                    .all(|f| !f["options"].as_array().unwrap().is_empty())
            );
        }
    });
}

async fn list(
    env: &Env,
    input: ListMailboxesInput,
) -> Vec<host_test::bindings::mailboxes::Mailbox> {
    let conn = env.conn();
    runtime()
        .call(async |c, s| {
            let mailboxes = c.helpscout_connector_mailboxes();
            mailboxes.call_list_mailboxes(s, &conn, input).await
        })
        .await
        .unwrap()
        .unwrap()
}

#[test]
fn typed_list_carries_folders_and_field_definitions() {
    block_on(async {
        let env = Env::start().await;
        let input = ListMailboxesInput {
            include_folders: true,
            include_fields: true,
        };
        let mailboxes = list(&env, input).await;
        assert!(mailboxes.len() >= 3);
        for m in &mailboxes {
            assert!(m.id > 0 && !m.name.is_empty() && !m.slug.is_empty());
            assert!(!m.folders.as_ref().unwrap().is_empty());
            let fields = m.fields.as_ref().unwrap();
            let kinds: Vec<&str> = fields.iter().map(|f| f.kind.as_str()).collect();
            assert!(kinds.contains(&"dropdown"), "{kinds:?}");
        }
        let input = ListMailboxesInput {
            include_folders: false,
            include_fields: false,
        };
        let bare = list(&env, input).await;
        assert!(
            bare.iter()
                .all(|m| m.folders.is_none() && m.fields.is_none())
        );
    });
}
