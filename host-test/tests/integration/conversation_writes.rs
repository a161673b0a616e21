//! create-conversation and update-conversation through the real component against the simulator.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{Env, block_on, ids, runtime, validation_path};
use host_test::bindings::ConnectorError;
use serde_json::{Value, json};

const CONTRACT_CREATE: &str = r#"{"subject": "s", "mailboxId": 1001, "type": "email", "status": "active",
    "customer": {"email": "a@example.com"},
    "threads": [{"type": "customer", "customer": {"email": "a@example.com"}, "text": "t"}], "tags": ["x"]}"#;

async fn get(env: &Env, id: u64) -> Value {
    env.ok("get-conversation", &json!({"id": id}).to_string())
        .await
}

fn field_value(conversation: &Value, id: u64) -> Option<String> {
    let fields = conversation["customFields"].as_array()?;
    let field = fields.iter().find(|f| f["id"] == id)?;
    field["value"].as_str().map(str::to_string)
}

#[test]
fn contract_create_returns_the_id_and_the_conversation_reads_back() {
    block_on(async {
        let env = Env::start().await;
        let out = env.ok("create-conversation", CONTRACT_CREATE).await;
        let id = out["id"].as_u64().unwrap();
        let got = get(&env, id).await;
        assert_eq!(
            (got["subject"].as_str(), got["mailboxId"].as_u64()),
            (Some("s"), Some(1001))
        );
        assert_eq!(got["tags"][0]["tag"], "x");
        assert_eq!(got["_embedded"]["threads"].as_array().unwrap().len(), 1);
        assert_eq!(got["primaryCustomer"]["email"], "a@example.com");
        let customer = got["primaryCustomer"]["id"].as_u64().unwrap();
        let found = env
            .ok(
                "find-customers",
                r#"{"email": "a@example.com", "limit": 1000}"#,
            )
            .await;
        assert!(
            ids(&found).contains(&customer),
            "the unknown e-mail became a customer"
        );
        let profile = env
            .ok("get-customer", &json!({"id": customer}).to_string())
            .await;
        assert_eq!(profile["_embedded"]["emails"][0]["value"], "a@example.com");
    });
}

#[test]
fn create_sets_custom_fields_by_label_and_can_return_the_conversation() {
    block_on(async {
        let env = Env::start().await;
        let mut input: Value = serde_json::from_str(CONTRACT_CREATE).unwrap();
        let plan = dropdown_1001(&env).await;
        input["fields"] = json!([{"id": plan.0, "value": plan.1}]);
        input["returnConversation"] = json!(true);
        input["assignTo"] = json!(302);
        input["status"] = json!("pending");
        let out = env.ok("create-conversation", &input.to_string()).await;
        let conversation = &out["conversation"];
        assert_eq!(conversation["id"], out["id"]);
        assert_eq!(field_value(conversation, plan.0), Some(plan.2.to_string()));
        assert_eq!(
            (
                conversation["status"].as_str(),
                conversation["assignee"]["id"].as_u64()
            ),
            (Some("pending"), Some(302))
        );
    });
}

/// Mailbox 1001's dropdown field: (id, an option label, that option's id).
async fn dropdown_1001(env: &Env) -> (u64, String, u64) {
    let out = env.ok("list-mailboxes", r#"{"includeFields": true}"#).await;
    let mailbox = out["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == 1001)
        .unwrap()
        .clone();
    let field = mailbox["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["type"] == "dropdown")
        .unwrap()
        .clone();
    let option = &field["options"][1];
    (
        field["id"].as_u64().unwrap(),
        option["label"].as_str().unwrap().to_string(),
        option["id"].as_u64().unwrap(),
    )
}

/// Mailbox 1001's field of this type.
async fn field_1001(env: &Env, kind: &str) -> u64 {
    let out = env.ok("list-mailboxes", r#"{"includeFields": true}"#).await;
    let mailbox = out["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == 1001)
        .unwrap()
        .clone();
    let fields = mailbox["fields"].as_array().unwrap().clone();
    fields.iter().find(|f| f["type"] == kind).unwrap()["id"]
        .as_u64()
        .unwrap()
}

#[test]
fn invalid_creates_are_rejected_before_sending() {
    block_on(async {
        let env = Env::start().await;
        let base: Value = serde_json::from_str(CONTRACT_CREATE).unwrap();
        let mut cases = Vec::new();
        let mut c = base.clone();
        c["threads"] = json!([]);
        cases.push((c, "threads"));
        let mut c = base.clone();
        c["customer"] = json!({"email": "not-an-email"});
        cases.push((c, "customer.email"));
        let mut c = base.clone();
        c["type"] = json!("fax");
        cases.push((c, "type"));
        let mut c = base.clone();
        c["threads"] = json!(vec![json!({"type": "note", "text": "n"}); 101]);
        cases.push((c, "threads"));
        let mut c = base.clone();
        c["threads"][0]["attachments"] =
            json!([{"fileName": "f.txt", "mimeType": "text/plain", "data": "@@@"}]);
        cases.push((c, "threads[0].attachments[0].data"));
        let mut c = base.clone();
        c.as_object_mut().unwrap().remove("subject");
        cases.push((c, "subject"));
        for (input, path) in cases {
            let e = env.err("create-conversation", &input.to_string()).await;
            assert_eq!(validation_path(&e), path, "{input}");
        }
        let writes = env
            .api_requests()
            .into_iter()
            .filter(|r| r.method != "GET")
            .count();
        assert_eq!(writes, 0);
    });
}

#[test]
fn a_bad_custom_field_on_create_names_the_field_and_creates_nothing() {
    block_on(async {
        let env = Env::start().await;
        let mut input: Value = serde_json::from_str(CONTRACT_CREATE).unwrap();
        let date = field_1001(&env, "date").await;
        input["fields"] = json!([{"id": date, "value": "2024-13-01"}]);
        let e = env.err("create-conversation", &input.to_string()).await;
        assert_eq!(validation_path(&e), "fields[0].value");
        assert!(env.api_requests().iter().all(|r| r.method == "GET"));
    });
}

#[test]
fn contract_update_closes_the_conversation() {
    block_on(async {
        let env = Env::start().await;
        let out = env
            .ok(
                "update-conversation",
                r#"{"id": 5000001, "status": "closed"}"#,
            )
            .await;
        assert_eq!(out["id"], 5000001);
        assert_eq!(out["applied"], json!(["status"]));
        assert_eq!(get(&env, 5000001).await["status"], "closed");
    });
}

#[test]
fn every_change_in_one_call_lands_in_order_and_other_fields_keep_their_values() {
    block_on(async {
        let env = Env::start().await;
        let before = get(&env, 5000001).await;
        let kept: Vec<(u64, String)> = before["customFields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["id"].as_u64().unwrap(),
                    f["value"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        assert!(
            kept.len() >= 3,
            "seed conversation has its custom fields set"
        );
        let plan = dropdown_1001(&env).await;
        let input = json!({"id": 5000001, "subject": "New subject", "status": "pending", "assignTo": 303,
            "primaryCustomerId": 7000002, "tags": ["refund", "vip"], "customFields": [{"id": plan.0, "value": plan.1}]});
        let out = env.ok("update-conversation", &input.to_string()).await;
        assert_eq!(
            out["applied"],
            json!([
                "subject",
                "primaryCustomer",
                "status",
                "assignTo",
                "tags",
                "customFields"
            ])
        );
        let after = get(&env, 5000001).await;
        assert_eq!(after["subject"], "New subject");
        assert_eq!(after["status"], "pending");
        assert_eq!(after["assignee"]["id"], 303);
        assert_eq!(after["primaryCustomer"]["id"], 7000002);
        let tags: Vec<&str> = after["tags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["tag"].as_str().unwrap())
            .collect();
        assert_eq!(tags, ["refund", "vip"]);
        assert_eq!(field_value(&after, plan.0), Some(plan.2.to_string()));
        for (id, value) in kept.iter().filter(|(id, _)| *id != plan.0) {
            assert_eq!(
                field_value(&after, *id).as_ref(),
                Some(value),
                "field {id} lost its value"
            );
        }
        let writes: Vec<String> = env
            .api_requests()
            .into_iter()
            .filter(|r| r.method != "GET")
            .map(|r| r.method)
            .collect();
        assert_eq!(
            writes,
            ["PATCH", "PATCH", "PATCH", "PATCH", "PUT", "PUT"],
            "one PATCH per change, then PUTs"
        );
    });
}

#[test]
fn moving_mailbox_and_unassigning() {
    block_on(async {
        let env = Env::start().await;
        env.ok(
            "update-conversation",
            r#"{"id": 5000001, "mailboxId": 1002, "assignTo": null}"#,
        )
        .await;
        let after = get(&env, 5000001).await;
        assert_eq!(after["mailboxId"], 1002);
        assert!(after.get("assignee").is_none(), "{}", after["assignee"]);
        env.ok("update-conversation", r#"{"id": 5000001, "assignTo": 301}"#)
            .await;
        env.ok(
            "update-conversation",
            r#"{"id": 5000001, "unassign": true}"#,
        )
        .await;
        assert!(get(&env, 5000001).await.get("assignee").is_none());
    });
}

#[test]
fn a_failure_part_way_reports_what_took_effect() {
    block_on(async {
        let env = Env::start().await;
        let input = r#"{"id": 5000001, "subject": "Changed", "status": "pending", "assignTo": 999999, "tags": ["never"]}"#;
        match env.err("update-conversation", input).await {
            ConnectorError::Partial(p) => {
                assert_eq!(p.failed_step, "assignTo");
                assert_eq!(p.applied, ["subject", "status"]);
                assert!(!p.message.is_empty());
            }
            other => panic!("{other:?}"),
        }
        let after = get(&env, 5000001).await;
        assert_eq!(
            (after["subject"].as_str(), after["status"].as_str()),
            (Some("Changed"), Some("pending"))
        );
        assert!(
            after["tags"]
                .as_array()
                .unwrap()
                .iter()
                .all(|t| t["tag"] != "never"),
            "stopped before the tags"
        );
    });
}

#[test]
fn a_first_step_failure_is_the_plain_error() {
    block_on(async {
        let env = Env::start().await;
        let e = env
            .err(
                "update-conversation",
                r#"{"id": 999999999, "status": "closed"}"#,
            )
            .await;
        assert!(matches!(e, ConnectorError::NotFound(_)), "{e:?}");
    });
}

#[test]
fn bad_custom_field_values_name_the_field_and_write_nothing() {
    block_on(async {
        let env = Env::start().await;
        let date = field_1001(&env, "date").await;
        let number = field_1001(&env, "number").await;
        let plan = dropdown_1001(&env).await;
        for (field, value) in [
            (date, "31/12/2024"),
            (number, "many"),
            (plan.0, "No such plan"),
            (1, "x"),
        ] {
            let input = json!({"id": 5000001, "status": "spam", "customFields": [{"id": field, "value": value}]});
            let e = env.err("update-conversation", &input.to_string()).await;
            let path = validation_path(&e);
            assert!(path.starts_with("customFields[0]."), "{path}");
        }
        assert!(
            env.api_requests().iter().all(|r| r.method == "GET"),
            "nothing was written"
        );
        assert_ne!(get(&env, 5000001).await["status"], "spam");
    });
}

#[test]
fn update_input_errors() {
    block_on(async {
        let env = Env::start().await;
        for (input, path) in [
            (r#"{"id": 5000001}"#, "input"),
            (r#"{"status": "closed"}"#, "id"),
            (r#"{"id": 5000001, "status": "gone"}"#, "status"),
            (r#"{"id": 5000001, "subject": ""}"#, "subject"),
            (r#"{"id": 5000001, "tags": [""]}"#, "tags[0]"),
        ] {
            assert_eq!(
                validation_path(&env.err("update-conversation", input).await),
                path,
                "{input}"
            );
        }
        assert!(env.api_requests().is_empty());
    });
}

#[test]
fn typed_create_and_update() {
    use host_test::bindings::conversations::{
        Assignment, ConversationType, CreateConversationInput, NewStatus, NewThread, Status,
        ThreadKind, UpdateConversationInput,
    };
    use host_test::bindings::exports::helpscout::connector::types::CustomerRef;
    block_on(async {
        let env = Env::start().await;
        let conn = env.conn();
        let customer = CustomerRef {
            id: Some(7000001),
            email: None,
            first_name: None,
            last_name: None,
        };
        let thread = NewThread {
            kind: ThreadKind::Note,
            text: "typed".into(),
            customer: None,
            user: None,
            cc: vec![],
            bcc: vec![],
            draft: None,
            imported: None,
            created_at: None,
            attachments: vec![],
        };
        let input = CreateConversationInput {
            subject: "typed".into(),
            mailbox_id: 1002,
            kind: ConversationType::Phone,
            status: NewStatus::Active,
            customer,
            threads: vec![thread],
            tags: vec![],
            assign_to: None,
            created_at: None,
            closed_at: None,
            imported: None,
            auto_reply: None,
            user: None,
            fields: vec![],
            return_conversation: true,
        };
        let created = runtime()
            .call(async |c, s| {
                c.helpscout_connector_conversations()
                    .call_create_conversation(s, &conn, &input)
                    .await
            })
            .await
            .unwrap()
            .unwrap();
        let conversation = created.conversation.unwrap();
        assert_eq!(
            (conversation.kind.as_str(), conversation.mailbox_id),
            ("phone", 1002)
        );
        let update = UpdateConversationInput {
            id: created.id.unwrap(),
            subject: None,
            primary_customer_id: None,
            mailbox_id: None,
            status: Some(Status::Closed),
            assign: Some(Assignment::User(304)),
            publish_draft: false,
            tags: Some(vec!["typed".into()]),
            add_tags: vec![],
            remove_tags: vec![],
            custom_fields: vec![],
            snooze: None,
        };
        let outcome = runtime()
            .call(async |c, s| {
                c.helpscout_connector_conversations()
                    .call_update_conversation(s, &conn, &update)
                    .await
            })
            .await
            .unwrap()
            .unwrap();
        assert_eq!(outcome.applied, ["status", "assignTo", "tags"]);
    });
}
