//! find/get/create/update-customer through the real component against the simulator.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{Env, block_on, ids, runtime, validation_path};
use host_test::bindings::ConnectorError;
use serde_json::{Value, json};

async fn get(env: &Env, id: u64) -> Value {
    env.ok("get-customer", &json!({"id": id}).to_string()).await
}

#[test]
fn contract_find_by_email_sends_a_query_and_finds_one() {
    block_on(async {
        let env = Env::start().await;
        let out = env
            .ok("find-customers", r#"{"email": "olivia.smith@example.com"}"#)
            .await;
        assert_eq!(ids(&out), [7000001]);
        let sent = &env.api_requests()[0].path_and_query;
        assert!(
            sent.contains("query=%28email%3A%22olivia.smith%40example.com%22%29"),
            "{sent}"
        );
    });
}

#[test]
fn names_raw_queries_and_pagination() {
    block_on(async {
        let env = Env::start().await;
        let c = get(&env, 7000003).await;
        let (first, last) = (
            c["firstName"].as_str().unwrap(),
            c["lastName"].as_str().unwrap(),
        );
        let out = env
            .ok(
                "find-customers",
                &json!({"firstName": first, "lastName": last}).to_string(),
            )
            .await;
        assert!(ids(&out).contains(&7000003));
        let raw = format!("(firstName:\"{first}\" OR lastName:\"{last}\")");
        let out = env
            .ok("find-customers", &json!({"query": raw}).to_string())
            .await;
        assert!(ids(&out).contains(&7000003));
        // email and query are joined by AND: the result is exactly the intersection.
        let by_query = ids(&env
            .ok(
                "find-customers",
                &json!({"query": raw, "limit": 1000}).to_string(),
            )
            .await);
        let by_email = json!({"email": "olivia.smith@example.com", "limit": 1000});
        let by_email = ids(&env.ok("find-customers", &by_email.to_string()).await);
        let both = json!({"email": "olivia.smith@example.com", "query": raw, "limit": 1000});
        let both = ids(&env.ok("find-customers", &both.to_string()).await);
        let expected: Vec<u64> = by_email
            .iter()
            .copied()
            .filter(|id| by_query.contains(id))
            .collect();
        let mut sorted = both.clone();
        sorted.sort_unstable();
        let mut expected_sorted = expected;
        expected_sorted.sort_unstable();
        assert_eq!(sorted, expected_sorted);
        assert!(
            !by_email.is_empty() && !by_query.is_empty(),
            "both filters match someone"
        );
        let all = env.ok("find-customers", r#"{"limit": 55}"#).await;
        let unique: std::collections::HashSet<u64> = ids(&all).into_iter().collect();
        assert_eq!(unique.len(), 55, "two pages of 50, cut at the limit");
    });
}

#[test]
fn get_returns_the_full_profile() {
    block_on(async {
        let env = Env::start().await;
        let c = get(&env, 7000001).await;
        assert_eq!(c["id"], 7000001);
        let embedded = &c["_embedded"];
        for key in [
            "emails",
            "phones",
            "chats",
            "social_profiles",
            "websites",
            "properties",
        ] {
            assert!(embedded[key].is_array(), "{key} missing");
        }
        let e = env.err("get-customer", r#"{"id": 999999999}"#).await;
        assert!(matches!(e, ConnectorError::NotFound(_)), "{e:?}");
    });
}

#[test]
fn contract_create_then_full_create() {
    block_on(async {
        let env = Env::start().await;
        let out = env
            .ok("create-customer", r#"{"firstName": "A", "lastName": "B", "emails": [{"type": "work", "value": "ab@example.com"}]}"#)
            .await;
        let c = get(&env, out["id"].as_u64().unwrap()).await;
        assert_eq!(
            (c["firstName"].as_str(), c["lastName"].as_str()),
            (Some("A"), Some("B"))
        );
        assert_eq!(c["_embedded"]["emails"][0]["value"], "ab@example.com");

        let full = json!({"firstName": "Vernon", "lastName": "Bear", "jobTitle": "CEO", "location": "Dallas",
            "organization": "Acme", "background": "Met at a conference", "gender": "male", "age": "30-35",
            "photoUrl": "https://example.com/v.png", "photoType": "gravatar",
            "emails": [{"type": "work", "value": "vernon@example.com"}], "phones": [{"type": "work", "value": "+1 555 0101"}],
            "chats": [{"type": "aim", "value": "vbear"}], "socialProfiles": [{"type": "twitter", "value": "@vbear"}],
            "websites": [{"value": "https://acme.example"}],
            "address": {"city": "Dallas", "state": "TX", "postalCode": "75201", "country": "US", "lines": ["1 Main St"]}});
        let id = env.ok("create-customer", &full.to_string()).await["id"]
            .as_u64()
            .unwrap();
        let c = get(&env, id).await;
        assert_eq!(c["jobTitle"], "CEO");
        assert_eq!(c["_embedded"]["address"]["city"], "Dallas");
        for key in ["emails", "phones", "chats", "social_profiles", "websites"] {
            assert_eq!(c["_embedded"][key].as_array().unwrap().len(), 1, "{key}");
        }
    });
}

#[test]
fn update_changes_only_what_is_given() {
    block_on(async {
        let env = Env::start().await;
        let before = get(&env, 7000001).await;
        let out = env
            .ok("update-customer", r#"{"id": 7000001, "firstName": "C"}"#)
            .await;
        assert_eq!(out["id"], 7000001);
        let after = get(&env, 7000001).await;
        assert_eq!(after["firstName"], "C");
        for key in ["lastName", "jobTitle", "location", "organization"] {
            assert_eq!(after[key], before[key], "{key} changed");
        }
        assert_eq!(after["_embedded"]["emails"], before["_embedded"]["emails"]);
        let patches: Vec<String> = env
            .api_requests()
            .into_iter()
            .filter(|r| r.method != "GET")
            .map(|r| r.method)
            .collect();
        assert_eq!(
            patches,
            ["PATCH"],
            "a PATCH, never a PUT that would null the rest"
        );
    });
}

#[test]
fn update_sets_entry_lists_address_and_properties() {
    block_on(async {
        let env = Env::start().await;
        let input = json!({"id": 7000002, "jobTitle": null,
            "emails": [{"type": "work", "value": "fresh@example.com"}],
            "address": {"city": "Prague", "lines": []},
            "properties": [{"slug": "car", "value": "Tesla"}]});
        let out = env.ok("update-customer", &input.to_string()).await;
        assert_eq!(out["applied"], json!(["customer", "address", "properties"]));
        let c = get(&env, 7000002).await;
        let emails: Vec<&str> = c["_embedded"]["emails"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["value"].as_str().unwrap())
            .collect();
        assert_eq!(emails, ["fresh@example.com"]);
        assert!(
            c["jobTitle"].as_str().unwrap_or("").is_empty(),
            "jobTitle cleared"
        );
        assert_eq!(c["_embedded"]["address"]["city"], "Prague");
        let car = c["_embedded"]["properties"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["slug"] == "car")
            .cloned();
        assert_eq!(car.unwrap()["value"], "Tesla");
    });
}

#[test]
fn customer_errors() {
    block_on(async {
        let env = Env::start().await;
        for (action, input, path) in [
            ("create-customer", r#"{}"#, "firstName"),
            (
                "create-customer",
                r#"{"firstName": "A", "gender": "robot"}"#,
                "gender",
            ),
            (
                "create-customer",
                r#"{"firstName": "A", "emails": [{"value": "x"}]}"#,
                "emails[0].value",
            ),
            ("update-customer", r#"{"firstName": "A"}"#, "id"),
            ("update-customer", r#"{"id": 7000001}"#, "input"),
            ("find-customers", r#"{"email": "nope"}"#, "email"),
            ("get-customer", r#"{"id": -1}"#, "id"),
        ] {
            assert_eq!(
                validation_path(&env.err(action, input).await),
                path,
                "{action} {input}"
            );
        }
        assert!(env.api_requests().is_empty());
        let e = env
            .err("update-customer", r#"{"id": 999999999, "firstName": "A"}"#)
            .await;
        assert!(matches!(e, ConnectorError::NotFound(_)), "{e:?}");
        let e = env
            .err(
                "update-customer",
                r#"{"id": 7000001, "properties": [{"slug": "no-such-property", "value": "1"}]}"#,
            )
            .await;
        assert!(matches!(e, ConnectorError::Validation(_)), "{e:?}");
    });
}

#[test]
fn typed_customers_interface() {
    use host_test::bindings::customers::{
        CustomerInput, Entry, FindCustomersInput, GetCustomerInput,
    };
    block_on(async {
        let env = Env::start().await;
        let conn = env.conn();
        let input = CustomerInput {
            first_name: Some("Typed".into()),
            last_name: Some("Person".into()),
            phone: None,
            photo_url: None,
            photo_type: None,
            job_title: Some("Tester".into()),
            location: None,
            organization: None,
            organization_id: None,
            background: None,
            gender: None,
            age: None,
            clear: vec![],
            emails: Some(vec![Entry {
                id: None,
                kind: Some("work".into()),
                value: "typed@example.com".into(),
            }]),
            phones: None,
            chats: None,
            social_profiles: None,
            websites: None,
            address: None,
            properties: vec![],
        };
        let id = runtime()
            .call(async |c, s| {
                c.helpscout_connector_customers()
                    .call_create_customer(s, &conn, &input)
                    .await
            })
            .await
            .unwrap()
            .unwrap()
            .unwrap();
        let find = FindCustomersInput {
            email: Some("typed@example.com".into()),
            first_name: None,
            last_name: None,
            mailbox: None,
            modified_since: None,
            query: None,
            sort_field: None,
            sort_order: None,
            limit: None,
            next: None,
        };
        let found = runtime()
            .call(async |c, s| {
                c.helpscout_connector_customers()
                    .call_find_customers(s, &conn, &find)
                    .await
            })
            .await
            .unwrap()
            .unwrap();
        assert_eq!(found.items.iter().map(|c| c.id).collect::<Vec<_>>(), [id]);
        let customer = runtime()
            .call(async |c, s| {
                c.helpscout_connector_customers()
                    .call_get_customer(s, &conn, GetCustomerInput { id })
                    .await
            })
            .await
            .unwrap()
            .unwrap();
        assert_eq!(customer.job_title.as_deref(), Some("Tester"));
        assert_eq!(customer.emails[0].value, "typed@example.com");
    });
}
