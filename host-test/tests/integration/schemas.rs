//! The JSON Schemas the component exports (`catalog.describe`), checked with the `jsonschema`
//! crate as draft 2020-12: each schema is itself valid, the contract's example inputs (§2) pass
//! the input schemas, inputs the component rejects fail them, and the outputs of real runs
//! against the simulator pass the output schemas.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{Env, block_on, runtime};
use jsonschema::Validator;
use serde_json::{Value, json};
use std::collections::BTreeMap;

struct Schemas {
    input: Validator,
    output: Validator,
}

/// Every catalog entry's compiled schemas, by name.
fn schemas() -> BTreeMap<String, Schemas> {
    let descriptors = block_on(runtime().describe()).unwrap();
    descriptors
        .iter()
        .map(|d| {
            let compile = |text: &str, which: &str| {
                let schema: Value = serde_json::from_str(text).unwrap();
                assert_eq!(
                    schema["$schema"], "https://json-schema.org/draft/2020-12/schema",
                    "{} {which}",
                    d.name
                );
                jsonschema::meta::validate(&schema)
                    .unwrap_or_else(|e| panic!("{} {which} schema is not valid: {e}", d.name));
                jsonschema::draft202012::new(&schema)
                    .unwrap_or_else(|e| panic!("{} {which} schema: {e}", d.name))
            };
            let schemas = Schemas {
                input: compile(&d.input_schema, "input"),
                output: compile(&d.output_schema, "output"),
            };
            (d.name.clone(), schemas)
        })
        .collect()
}

fn check(validator: &Validator, instance: &Value, what: &str) {
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what}: {errors:#?}\n{instance:#}");
}

/// The minimal inputs of contract §2, literally.
fn contract_examples() -> Vec<(&'static str, Value)> {
    vec![
        ("list-mailboxes", json!({})),
        (
            "list-mailboxes",
            json!({"includeFolders": true, "includeFields": true}),
        ),
        (
            "find-conversations",
            json!({"mailbox": 1, "status": "all", "tag": "vip", "assignedTo": 3,
                   "modifiedSince": "2019-06-01T00:00:00Z", "query": "(subject:\"refund\")",
                   "limit": 100}),
        ),
        ("find-conversations", json!({})),
        ("get-conversation", json!({"id": 123})),
        (
            "get-conversation",
            json!({"id": 123, "embedThreads": false}),
        ),
        (
            "create-conversation",
            json!({"subject": "s", "mailboxId": 1, "type": "email", "status": "active",
                   "customer": {"email": "a@example.com"},
                   "threads": [{"type": "customer", "customer": {"email": "a@example.com"}, "text": "t"}],
                   "tags": ["x"]}),
        ),
        (
            "update-conversation",
            json!({"id": 123, "status": "closed"}),
        ),
        (
            "update-conversation",
            json!({"id": 123, "assignTo": 3, "subject": "s", "mailboxId": 2, "tags": ["a"],
                   "customFields": [{"id": 8, "value": "v"}]}),
        ),
        ("find-customers", json!({"email": "a@example.com"})),
        (
            "find-customers",
            json!({"firstName": "A", "lastName": "B", "mailbox": 1,
                   "modifiedSince": "2019-06-01T00:00:00Z", "query": "(lastName:\"B\")", "limit": 10}),
        ),
        ("get-customer", json!({"id": 5})),
        (
            "create-customer",
            json!({"firstName": "A", "lastName": "B", "emails": [{"type": "work", "value": "a@example.com"}]}),
        ),
        ("update-customer", json!({"id": 5, "firstName": "C"})),
        (
            "create-thread",
            json!({"conversationId": 123, "type": "note", "text": "t"}),
        ),
        (
            "create-thread",
            json!({"conversationId": 123, "type": "reply", "text": "t", "customer": {"email": "a@example.com"},
                   "user": 3, "status": "pending", "cc": ["c@example.com"], "bcc": ["d@example.com"],
                   "draft": true,
                   "attachments": [{"fileName": "a.txt", "mimeType": "text/plain", "data": "aGk="}]}),
        ),
    ]
}

#[test]
fn every_exported_schema_is_valid_draft_2020_12() {
    let descriptors = block_on(runtime().describe()).unwrap();
    assert_eq!(schemas().len(), descriptors.len(), "one pair per entry");
}

#[test]
fn the_contract_examples_pass_the_input_schemas() {
    let schemas = schemas();
    for (name, input) in contract_examples() {
        check(&schemas[name].input, &input, name);
    }
}

#[test]
fn inputs_the_component_rejects_fail_the_input_schemas() {
    let schemas = schemas();
    let bad = [
        ("get-conversation", json!({})),
        ("get-conversation", json!({"id": "12a"})),
        ("get-conversation", json!({"id": 0})),
        ("find-conversations", json!({"mailbox": 0})),
        ("find-conversations", json!({"assigned_to": 3})),
        ("find-conversations", json!({"limit": 0})),
        ("get-customer", json!({"id": -5})),
        ("find-conversations", json!({"status": "done"})),
        ("find-conversations", json!({"modifiedSince": 20190601})),
        ("list-mailboxes", json!({"includeFolder": true})),
        (
            "create-thread",
            json!({"conversationId": 1, "type": "memo", "text": "t"}),
        ),
        ("update-customer", json!({"firstName": "C"})),
        ("new-conversation", json!({"limit": 0})),
    ];
    let env = block_on(Env::start());
    // Ids from workflow templates are strings of digits: accepted by both.
    let good = [("get-conversation", json!({"id": "5000001"}))];
    for (name, input) in good {
        assert!(schemas[name].input.is_valid(&input), "{name} {input}");
        assert!(block_on(env.invoke(name, &input.to_string())).is_ok());
    }
    for (name, input) in bad {
        assert!(
            !schemas[name].input.is_valid(&input),
            "{name} schema accepts {input}"
        );
        let error = block_on(env.invoke(name, &input.to_string()));
        assert!(error.is_err(), "{name} component accepts {input}");
    }
}

/// Every action and pollable trigger runs its example (`host_test::examples`) on one simulator,
/// in order; input and output pass the entry's schemas. An entry without an example fails here.
#[test]
fn outputs_of_simulator_runs_pass_the_output_schemas() {
    let schemas = schemas();
    let descriptors = block_on(runtime().describe()).unwrap();
    let env = block_on(Env::start());
    let mut covered = std::collections::BTreeSet::new();
    for (name, input) in host_test::examples::inputs() {
        check(&schemas[name].input, &input, &format!("{name} input"));
        let output = block_on(env.ok(name, &input.to_string()));
        check(&schemas[name].output, &output, &format!("{name} output"));
        covered.insert(name.to_string());
    }
    let runnable: std::collections::BTreeSet<String> = descriptors
        .iter()
        .filter(|d| d.trigger.as_ref().is_none_or(|t| t.pollable))
        .map(|d| d.name.clone())
        .collect();
    assert_eq!(
        covered, runnable,
        "every action and pollable trigger has an example"
    );
    for d in descriptors
        .iter()
        .filter(|d| d.trigger.as_ref().is_some_and(|t| !t.pollable))
    {
        let event = &d.trigger.as_ref().unwrap().event;
        assert!(
            host_test::examples::delivery(event).is_some(),
            "{} has no delivery",
            d.name
        );
        let error = block_on(env.invoke(&d.name, "{}")).unwrap_err();
        assert_eq!(common::validation_path(&error), "name", "{}", d.name);
    }
}
