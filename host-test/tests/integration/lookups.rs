//! The lookups through the real component: users (every page, exact e-mail, a mailbox's),
//! teams and their members, tags, a conversation's threads, organizations, workflows, a rating,
//! an attachment's data, one mailbox, one tag, the customer property definitions; typed exports
//! agree with the catalog.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{Env, block_on, ids, runtime, validation_path};
use host_test::bindings::ConnectorError;
use host_test::bindings::exports::helpscout::connector::mailboxes::GetMailboxInput as MailboxInput;
use serde_json::json;

fn requests(env: &Env, prefix: &str) -> usize {
    env.api_requests()
        .iter()
        .filter(|r| r.path_and_query.starts_with(prefix))
        .count()
}

#[test]
fn users_every_page_by_exact_email_and_by_mailbox() {
    block_on(async {
        let env = Env::start().await;
        let all = env.ok("list-users", "{}").await;
        assert_eq!(ids(&all).len(), 60, "both pages");
        assert_eq!(requests(&env, "/v2/users"), 2);
        let one = env
            .ok("list-users", r#"{"email": "BEN@example.com"}"#)
            .await;
        let found: Vec<u64> = ids(&one);
        let user = env
            .ok("get-user", &json!({"id": found[0]}).to_string())
            .await;
        assert_eq!(found.len(), 1);
        assert_eq!(
            (found[0], user["email"].as_str()),
            (302, Some("ben@example.com"))
        );
        let in_mailbox = env.ok("list-users", r#"{"mailbox": 1002}"#).await;
        assert!(!ids(&in_mailbox).is_empty() && ids(&in_mailbox).len() < 60);
        let error = env
            .err("list-users", r#"{"email": "not-an-address"}"#)
            .await;
        assert_eq!(validation_path(&error), "email");
        let missing = env.err("get-user", r#"{"id": 999999}"#).await;
        assert!(
            matches!(missing, ConnectorError::NotFound(_)),
            "{missing:?}"
        );
    });
}

#[test]
fn teams_and_their_members() {
    block_on(async {
        let env = Env::start().await;
        let teams = env.ok("list-teams", "{}").await;
        let team_ids = ids(&teams);
        assert!(team_ids.contains(&9001), "{teams}");
        let members = env
            .ok(
                "list-team-members",
                &json!({"teamId": team_ids[0]}).to_string(),
            )
            .await;
        assert!(!ids(&members).is_empty());
        assert!(members["items"][0]["email"].is_string());
        let error = env.err("list-team-members", r#"{"teamId": 1}"#).await;
        assert!(matches!(error, ConnectorError::NotFound(_)), "{error:?}");
    });
}

#[test]
fn tags_threads_organizations_workflows_and_a_rating() {
    block_on(async {
        let env = Env::start().await;
        let tags = env.ok("list-tags", "{}").await;
        let names: Vec<&str> = tags["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["name"].as_str().unwrap())
            .collect();
        let mut sorted = names.clone();
        sorted.sort_by_key(|n| n.to_lowercase());
        assert_eq!(names, sorted, "alphabetical");
        let threads = env
            .ok("list-threads", r#"{"conversationId": 5000001}"#)
            .await;
        let conversation = env.ok("get-conversation", r#"{"id": 5000001}"#).await;
        assert_eq!(
            ids(&threads).len(),
            conversation["_embedded"]["threads"]
                .as_array()
                .unwrap()
                .len()
        );
        let orgs = env
            .ok(
                "list-organizations",
                r#"{"sortField": "name", "sortOrder": "asc"}"#,
            )
            .await;
        assert!(ids(&orgs).len() >= 3);
        let sent = env.api_requests();
        assert!(
            sent.iter()
                .any(|r| r.path_and_query.contains("sort=name%2Casc")),
            "{sent:?}"
        );
        let org = env
            .ok("get-organization", r#"{"id": 8001, "includeCounts": true}"#)
            .await;
        assert!(org["customerCount"].is_u64(), "{org}");
        let workflows = env
            .ok("list-workflows", r#"{"mailboxId": 1001, "type": "manual"}"#)
            .await;
        assert!(
            workflows["items"]
                .as_array()
                .unwrap()
                .iter()
                .all(|w| w["type"] == "manual" && w["mailboxId"] == 1001)
        );
        let rating = env.ok("get-rating", r#"{"id": 1}"#).await;
        assert!(
            ["great", "okay", "not_good", "unknown"].contains(&rating["rating"].as_str().unwrap())
        );
    });
}

#[test]
fn an_attachments_data_comes_as_base64_with_its_size() {
    block_on(async {
        let env = Env::start().await;
        let got = env
            .ok(
                "get-attachment",
                r#"{"conversationId": 5000001, "attachmentId": 8000001}"#,
            )
            .await;
        use base64::Engine as _;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(got["data"].as_str().unwrap())
            .unwrap();
        assert_eq!(got["size"], bytes.len());
        assert!(!bytes.is_empty());
        let typed = runtime()
            .call(async |c, s| {
                c.helpscout_connector_threads()
                    .call_get_attachment(s, &env.conn(), 5000001, 8000001)
                    .await
            })
            .await
            .unwrap()
            .unwrap();
        assert_eq!(typed.data, bytes, "the typed export gives the bytes");
        let error = env
            .err(
                "get-attachment",
                r#"{"conversationId": 5000002, "attachmentId": 8000001}"#,
            )
            .await;
        assert!(matches!(error, ConnectorError::NotFound(_)), "{error:?}");
    });
}

#[test]
fn one_mailbox_one_tag_and_the_customer_property_definitions() {
    block_on(async {
        let env = Env::start().await;
        let all = env
            .ok(
                "list-mailboxes",
                r#"{"includeFolders": true, "includeFields": true}"#,
            )
            .await;
        let listed = &all["items"][1];
        let one = env
            .ok(
                "get-mailbox",
                &json!({"id": listed["id"].to_string(), "includeFolders": true,
                        "includeFields": true})
                .to_string(),
            )
            .await;
        assert_eq!(&one, listed, "the same mailbox, folders and fields");
        assert!(!one["folders"].as_array().unwrap().is_empty());
        let bare = env
            .ok("get-mailbox", &json!({"id": listed["id"]}).to_string())
            .await;
        assert!(bare.get("folders").is_none() && bare.get("fields").is_none());
        assert_eq!(requests(&env, "/v2/mailboxes/9999"), 0);
        let missing = env.err("get-mailbox", r#"{"id": 9999}"#).await;
        assert!(
            matches!(missing, ConnectorError::NotFound(_)),
            "{missing:?}"
        );

        let tags = env.ok("list-tags", "{}").await;
        let tag = &tags["items"][0];
        let got = env
            .ok("get-tag", &json!({"id": tag["id"]}).to_string())
            .await;
        assert_eq!((&got["id"], &got["name"]), (&tag["id"], &tag["name"]));

        let properties = env.ok("list-customer-properties", "{}").await;
        let slugs: Vec<&str> = properties["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["slug"].as_str().unwrap())
            .collect();
        assert!(!slugs.is_empty());
        // Every listed slug is one a customer's `properties` accept, and only those are.
        let update = json!({"id": 7000002, "properties": [{"slug": slugs[0], "value": null}]});
        env.ok("update-customer", &update.to_string()).await;
        let unknown = json!({"id": 7000002, "properties": [{"slug": "no-such-slug", "value": 1}]});
        let error = env.err("update-customer", &unknown.to_string()).await;
        assert_eq!(validation_path(&error), "properties[0].slug");
    });
}

#[test]
fn typed_lookups_agree_with_the_catalog() {
    block_on(async {
        let env = Env::start().await;
        let conn = env.conn();
        let tags = runtime()
            .call(async |c, s| c.helpscout_connector_tags().call_list_tags(s, &conn).await)
            .await
            .unwrap()
            .unwrap();
        let listed = env.ok("list-tags", "{}").await;
        assert_eq!(tags.len(), listed["items"].as_array().unwrap().len());
        let teams = runtime()
            .call(async |c, s| {
                c.helpscout_connector_users()
                    .call_list_teams(s, &conn)
                    .await
            })
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            teams.iter().map(|t| t.id).collect::<Vec<_>>(),
            ids(&env.ok("list-teams", "{}").await)
        );
        let threads = runtime()
            .call(async |c, s| {
                c.helpscout_connector_threads()
                    .call_list_threads(s, &conn, 5000001)
                    .await
            })
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            threads.iter().map(|t| t.id).collect::<Vec<_>>(),
            ids(&env
                .ok("list-threads", r#"{"conversationId": 5000001}"#)
                .await)
        );
        let tag = runtime()
            .call(async |c, s| {
                c.helpscout_connector_tags()
                    .call_get_tag(s, &conn, tags[0].id)
                    .await
            })
            .await
            .unwrap()
            .unwrap();
        assert_eq!(tag.name, tags[0].name);
        let input = MailboxInput {
            id: 1002,
            include_folders: true,
            include_fields: false,
        };
        let mailbox = runtime()
            .call(async |c, s| {
                c.helpscout_connector_mailboxes()
                    .call_get_mailbox(s, &conn, input)
                    .await
            })
            .await
            .unwrap()
            .unwrap();
        assert_eq!((mailbox.id, mailbox.fields.is_none()), (1002, true));
        assert!(!mailbox.folders.unwrap().is_empty());
        let definitions = runtime()
            .call(async |c, s| {
                c.helpscout_connector_customers()
                    .call_list_customer_properties(s, &conn)
                    .await
            })
            .await
            .unwrap()
            .unwrap();
        let listed = env.ok("list-customer-properties", "{}").await;
        assert_eq!(
            definitions
                .iter()
                .map(|d| d.slug.as_str())
                .collect::<Vec<_>>(),
            listed["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| d["slug"].as_str().unwrap())
                .collect::<Vec<_>>()
        );
    });
}
