//! What a platform needs without glue (issue "Plug in without glue"), through the real
//! component: dynamic options (every page followed, dependent fields), sample outputs that pass
//! their output schemas, the auth description, finds that continue, errors carrying the HTTP
//! status and Help Scout's correlation id, call meta on failures, and the CLI's `actions NAME`,
//! `options`, `--pretty`, `--meta` and usage exits.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{Env, block_on, host_test, ids, runtime, validation_path};
use helpscout_simulator::credentials;
use host_test::bindings::{ClientCredentials, ConnectorError, Credentials};
use host_test::runtime::Called;
use serde_json::{Value, json};
use std::collections::BTreeSet;

/// The choices for `field` of `action`, given the form `input`.
async fn options(
    env: &Env,
    action: &str,
    field: &str,
    input: Value,
) -> Result<Value, ConnectorError> {
    let (result, _) = runtime()
        .options(&env.conn(), action, field, &input.to_string())
        .await
        .unwrap();
    result.map(|invoked| serde_json::from_str(&invoked.output_json).unwrap())
}

fn values(choices: &Value) -> Vec<Value> {
    choices["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["value"].clone())
        .collect()
}

#[test]
fn options_fill_the_dropdowns_of_contract_section_3() {
    block_on(async {
        let env = Env::start().await;
        let mailboxes = options(&env, "create-conversation", "mailboxId", json!({}))
            .await
            .unwrap();
        assert_eq!(values(&mailboxes), [json!(1001), json!(1002), json!(1003)]);
        assert_eq!(mailboxes["items"][0]["label"], "Support");

        let users = options(&env, "update-conversation", "assignTo", json!({}))
            .await
            .unwrap();
        assert_eq!(
            values(&users)[..4],
            [json!(301), json!(302), json!(303), json!(304)]
        );
        assert_eq!(values(&users).len(), 60, "both pages of users");
        let label = users["items"][0]["label"].as_str().unwrap();
        assert!(label.contains('@'), "{label}");
        let assignees = options(&env, "find-conversations", "assignedTo", json!({}))
            .await
            .unwrap();
        assert_eq!(values(&assignees), values(&users));

        let statuses = options(&env, "create-conversation", "status", json!({}))
            .await
            .unwrap();
        assert_eq!(
            values(&statuses),
            [json!("active"), json!("closed"), json!("pending")]
        );
        let find_statuses = options(&env, "find-conversations", "status", json!({}))
            .await
            .unwrap();
        assert!(values(&find_statuses).contains(&json!("all")));

        let tags = options(&env, "find-conversations", "tag", json!({}))
            .await
            .unwrap();
        let names: Vec<String> = values(&tags)
            .iter()
            .map(|v| v.as_str().unwrap().into())
            .collect();
        let mut sorted = names.clone();
        sorted.sort_by_key(|n| n.to_lowercase());
        assert_eq!(names, sorted, "List Tags is alphabetical");
        assert!(names.iter().any(|n| n == "vip"), "{names:?}");
    });
}

#[test]
fn dependent_options_need_their_mailbox_and_carry_dropdown_choices() {
    block_on(async {
        let env = Env::start().await;
        let error = options(&env, "find-conversations", "folder", json!({}))
            .await
            .unwrap_err();
        assert_eq!(validation_path(&error), "mailbox");
        let folders = options(
            &env,
            "find-conversations",
            "folder",
            json!({"mailbox": "1002"}),
        )
        .await
        .unwrap();
        assert!(
            values(&folders)
                .iter()
                .all(|v| v.as_u64().unwrap() / 100 == 1002)
        );

        // Updating: the mailbox given, or the conversation's own.
        let given = options(
            &env,
            "update-conversation",
            "customFields",
            json!({"mailboxId": 1002}),
        )
        .await
        .unwrap();
        let plan = &given["items"][0];
        assert_eq!(
            (plan["label"].as_str(), plan["type"].as_str()),
            (Some("Plan"), Some("dropdown"))
        );
        let labels: Vec<&str> = plan["options"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["label"].as_str().unwrap())
            .collect();
        assert_eq!(labels, ["Free", "Pro", "Enterprise"]);
        let conversation = env
            .ok(
                "get-conversation",
                r#"{"id": 5000001, "embedThreads": false}"#,
            )
            .await;
        let own = options(
            &env,
            "update-conversation",
            "customFields",
            json!({"id": 5000001}),
        )
        .await
        .unwrap();
        let own_mailbox = conversation["mailboxId"].as_u64().unwrap();
        let expected = options(
            &env,
            "update-conversation",
            "customFields",
            json!({"mailboxId": own_mailbox}),
        )
        .await
        .unwrap();
        assert_eq!(own, expected);

        // `customFields` of create-conversation is its `fields`; unknown fields are refused.
        let created = options(
            &env,
            "create-conversation",
            "customFields",
            json!({"mailboxId": 1002}),
        )
        .await
        .unwrap();
        assert_eq!(created, given);
        let error = options(&env, "create-conversation", "subject", json!({}))
            .await
            .unwrap_err();
        assert_eq!(validation_path(&error), "field");
        let error = options(&env, "create-conversation", "mailboxId", json!([1]))
            .await
            .unwrap_err();
        assert_eq!(validation_path(&error), "input");
    });
}

#[test]
fn options_follow_every_page() {
    block_on(async {
        let env = Env::start().await;
        let many: Vec<String> = (0..60).map(|i| format!("bulk-{i:02}")).collect();
        let input = json!({
            "subject": "many tags", "mailboxId": 1001, "type": "email", "status": "active",
            "customer": {"email": "tags@example.com"},
            "threads": [{"type": "customer", "customer": {"email": "tags@example.com"}, "text": "t"}],
            "tags": many,
        });
        env.ok("create-conversation", &input.to_string()).await;
        let tags = options(&env, "create-conversation", "tags", json!({}))
            .await
            .unwrap();
        let names: BTreeSet<String> = values(&tags)
            .iter()
            .map(|v| v.as_str().unwrap().into())
            .collect();
        assert!(names.len() > 60, "{}", names.len());
        assert!(many.iter().all(|t| names.contains(t)));
        let pages = env
            .api_requests()
            .iter()
            .filter(|r| r.method == "GET" && r.path_and_query.starts_with("/v2/tags"))
            .count();
        assert_eq!(pages, 2);
    });
}

#[test]
fn every_descriptor_has_a_sample_passing_its_output_schema_and_real_option_fields() {
    let descriptors = block_on(runtime().describe()).unwrap();
    let names: std::collections::BTreeSet<&str> =
        descriptors.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(names.len(), descriptors.len(), "no name twice");
    for d in &descriptors {
        let schema: Value = serde_json::from_str(&d.output_schema).unwrap();
        let sample: Value = serde_json::from_str(&d.sample_output)
            .unwrap_or_else(|e| panic!("{}: sample is not JSON: {e}", d.name));
        let validator = jsonschema::draft202012::new(&schema).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&sample)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", d.name);
        assert_ne!(sample, json!({}), "{}", d.name);
        let input: Value = serde_json::from_str(&d.input_schema).unwrap();
        for f in &d.option_fields {
            for field in std::iter::once(&f.field).chain(&f.depends_on) {
                assert!(
                    input["properties"].get(field).is_some(),
                    "{}: {field}",
                    d.name
                );
            }
        }
    }
    let find = descriptors
        .iter()
        .find(|d| d.name == "find-conversations")
        .unwrap();
    let folder = find
        .option_fields
        .iter()
        .find(|f| f.field == "folder")
        .unwrap();
    assert_eq!(folder.depends_on, ["mailbox"]);
}

#[test]
fn the_auth_description_renders_a_credential_form() {
    use host_test::bindings::auth::{ClientAuthentication, CredentialKind};
    let description = block_on(runtime().auth_description()).unwrap();
    assert_eq!(
        description.kinds,
        [
            CredentialKind::AuthorizationCode,
            CredentialKind::ClientCredentials,
            CredentialKind::AccessToken
        ]
    );
    assert_eq!(
        description.authorize_url,
        "https://secure.helpscout.net/authentication/authorizeClientApplication"
    );
    assert_eq!(description.default_base_url, "https://api.helpscout.net");
    assert_eq!(description.token_path, "/v2/oauth2/token");
    assert_eq!(description.token_lifetime_seconds, 172_800);
    assert!(description.refresh_token_rotates);
    // As the component itself sends the client (the simulator reads only the form fields).
    assert_eq!(
        description.client_authentication,
        ClientAuthentication::RequestBody
    );
    let secret: Vec<(&str, bool)> = description
        .fields
        .iter()
        .map(|f| (f.name.as_str(), f.secret))
        .collect();
    assert_eq!(
        secret,
        [
            ("client-id", false),
            ("client-secret", true),
            ("access-token", true)
        ]
    );
}

/// Pages `action` with `input` and `limit` until `hasMore` is false: every item id, in order.
async fn page_through(env: &Env, action: &str, input: Value, limit: u64) -> (Vec<u64>, usize) {
    let mut all = Vec::new();
    let mut calls = 0;
    let mut next: Option<String> = None;
    loop {
        let mut page_input = input.clone();
        page_input["limit"] = json!(limit);
        if let Some(token) = &next {
            page_input["next"] = json!(token);
        }
        let page = env.ok(action, &page_input.to_string()).await;
        calls += 1;
        let page_ids = ids(&page);
        assert!(page_ids.len() as u64 <= limit);
        all.extend(page_ids);
        match page["hasMore"].as_bool().unwrap() {
            true => next = Some(page["next"].as_str().unwrap().to_string()),
            false => {
                assert!(page.get("next").is_none());
                return (all, calls);
            }
        }
    }
}

#[test]
fn finds_continue_with_next_and_nothing_repeats_or_goes_missing() {
    block_on(async {
        let env = Env::start().await;
        let query = json!({"status": "all", "sortField": "number", "sortOrder": "asc"});
        let mut whole_input = query.clone();
        whole_input["limit"] = json!(1000);
        let whole = env.ok("find-conversations", &whole_input.to_string()).await;
        assert_eq!(whole["hasMore"], false);
        // 7 does not divide Help Scout's 50 a page: some calls stop mid-page.
        let (paged, calls) = page_through(&env, "find-conversations", query, 7).await;
        assert_eq!(paged, ids(&whole));
        assert_eq!(calls, ids(&whole).len().div_ceil(7));

        let customers = env.ok("find-customers", r#"{"limit": 1000}"#).await;
        let (paged, _) = page_through(&env, "find-customers", json!({}), 11).await;
        assert_eq!(paged, ids(&customers));
        let unique: BTreeSet<u64> = paged.iter().copied().collect();
        assert_eq!(unique.len(), paged.len());

        let error = env
            .err("find-customers", r#"{"next": "bm90IGEgdG9rZW4"}"#)
            .await;
        assert_eq!(validation_path(&error), "next");
        let conversations_token =
            env.ok("find-conversations", r#"{"limit": 1}"#).await["next"].clone();
        let input = json!({"next": conversations_token});
        let error = env.err("find-customers", &input.to_string()).await;
        assert_eq!(validation_path(&error), "next");
    });
}

#[test]
fn api_errors_carry_the_status_the_correlation_id_and_the_resource() {
    block_on(async {
        let env = Env::start().await;
        match env.err("get-conversation", r#"{"id": 999}"#).await {
            ConnectorError::NotFound(problem) => {
                assert!(
                    problem.message.contains("conversation 999"),
                    "{}",
                    problem.message
                );
                assert_eq!(problem.status, Some(404));
                assert!(problem.correlation_id.is_some_and(|c| !c.is_empty()));
            }
            other => panic!("{other:?}"),
        }
        match env.err("get-customer", r#"{"id": "999"}"#).await {
            ConnectorError::NotFound(problem) => assert!(problem.message.contains("customer 999")),
            other => panic!("{other:?}"),
        }
    });
}

#[test]
fn a_failed_call_still_returns_its_meta_and_minted_token() {
    block_on(async {
        let env = Env::start().await;
        let conn = env.conn_with(Credentials::ClientCredentials(ClientCredentials {
            client_id: credentials::CLIENT_ID.into(),
            client_secret: credentials::CLIENT_SECRET.into(),
            token: None,
        }));
        let (result, meta): Called = runtime()
            .invoke_with_meta(&conn, "get-conversation", r#"{"id": 999}"#)
            .await
            .unwrap();
        assert!(matches!(result, Err(ConnectorError::NotFound(_))));
        let meta = meta.unwrap();
        assert_eq!(meta.requests, 2, "token request, then the GET");
        assert!(meta.minted_token.is_some());
        // A call that cannot start (unknown name) sends nothing and has no meta.
        let (result, meta) = runtime()
            .invoke_with_meta(&conn, "get-conversations", "{}")
            .await
            .unwrap();
        assert_eq!(validation_path(&result.unwrap_err()), "name");
        assert!(meta.is_none());
    });
}

#[test]
fn every_bad_field_is_reported_at_once_in_plain_words() {
    block_on(async {
        let env = Env::start().await;
        let input = json!({"subject": 5, "mailboxId": "x1", "type": "fax", "status": "active",
                           "customer": {"email": "a@example.com"}, "threads": []});
        let ConnectorError::Validation(fields) =
            env.err("create-conversation", &input.to_string()).await
        else {
            panic!("not a validation error")
        };
        let paths: BTreeSet<&str> = fields.iter().map(|f| f.path.as_str()).collect();
        for path in ["subject", "mailboxId", "type"] {
            assert!(paths.contains(path), "{paths:?}");
        }
        for f in &fields {
            for serde_words in ["invalid type", "expected u64", "variant"] {
                assert!(
                    !f.message.contains(serde_words),
                    "{}: {}",
                    f.path,
                    f.message
                );
            }
        }
        let mailbox = fields.iter().find(|f| f.path == "mailboxId").unwrap();
        assert_eq!(mailbox.rejected_value.as_deref(), Some("x1"));
    });
}

#[test]
fn cli_actions_name_options_pretty_meta_and_usage_exits() {
    let (code, stdout, _) = host_test(&["actions", "create-thread"], None);
    assert_eq!(code, 0);
    let entry: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(entry["name"], "create-thread");
    assert!(entry["sampleOutput"].is_object());
    assert!(
        entry["optionFields"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["field"] == "status")
    );

    let (code, _, stderr) = host_test(&["actions", "create-threads"], None);
    assert_eq!(code, 2, "{stderr}");
    let (code, _, stderr) = host_test(&["run", "list-mailbox"], None);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("list-mailboxes"), "{stderr}");

    let (code, stdout, stderr) = host_test(
        &[
            "options",
            "create-conversation",
            "customFields",
            "--input",
            "-",
            "--pretty",
            "--meta",
        ],
        Some(r#"{"mailboxId": 1003}"#),
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("\n  \"items\""), "{stdout}");
    let choices: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(choices["items"][0]["label"], "Deal Stage");
    let meta: Value =
        serde_json::from_str(stderr.lines().find(|l| l.starts_with("{\"meta\"")).unwrap()).unwrap();
    assert_eq!(meta["meta"]["requests"], 1);
    assert_eq!(meta["meta"]["budgetUsed"], 1);

    let (code, _, stderr) = host_test(
        &["run", "get-conversation", "--input", "-"],
        Some(r#"{"id": 1}"#),
    );
    assert_eq!(code, 1);
    let error: Value = serde_json::from_str(stderr.trim()).unwrap();
    assert_eq!(
        (error["error"].as_str(), error["status"].as_u64()),
        (Some("not-found"), Some(404))
    );
    assert!(error["correlationId"].is_string());
}
