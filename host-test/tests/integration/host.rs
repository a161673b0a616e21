//! The host itself: the allow-list, the WASI sandbox, and the CLI binary per contract §3.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{Env, block_on, host_test, runtime};
use host_test::bindings::{Connection, ConnectorError, Credentials};
use serde_json::Value;
use std::process::{Command, Stdio};

#[test]
fn requests_outside_the_allow_list_are_denied_and_typed() {
    block_on(async {
        let env = Env::start().await;
        for base in [
            "http://127.0.0.1:9",
            "http://example.com",
            "https://evil.example",
        ] {
            let conn = Connection {
                base_url: base.into(),
                credentials: Credentials::AccessToken("t".into()),
                retry: None,
            };
            let result = runtime()
                .invoke(&conn, "list-mailboxes", "{}")
                .await
                .unwrap();
            assert!(
                matches!(result, Err(ConnectorError::Denied(_))),
                "{base}: {result:?}"
            );
        }
        drop(env);
    });
}

#[test]
fn the_component_imports_only_wasi_base_interfaces_and_http() {
    let imports = runtime().import_names();
    assert!(
        imports
            .iter()
            .any(|i| i.starts_with("wasi:http/outgoing-handler@"))
    );
    for name in &imports {
        let allowed = [
            "wasi:http/",
            "wasi:io/",
            "wasi:clocks/",
            "wasi:random/",
            "wasi:cli/",
        ];
        assert!(
            allowed.iter().any(|p| name.starts_with(p)),
            "unexpected import {name}"
        );
    }
}

/// The benchmarks' floor is a component of the connector's own world (its imports, its exports),
/// instantiated through the same typed path: otherwise the ratio against it would flatter or
/// wrong the connector.
#[test]
fn the_bench_floor_is_a_minimal_component_of_the_same_world() {
    use host_test::outgoing::Policy;
    use host_test::runtime::{EMBEDDED_COMPONENT, Runtime};
    let floor = host_test::bench::floor::same_world(EMBEDDED_COMPONENT).unwrap();
    assert!(
        floor.len() < EMBEDDED_COMPONENT.len() / 4,
        "{} bytes",
        floor.len()
    );
    let minimal = Runtime::new(&floor, Policy::new([])).unwrap();
    fn sorted<T: Ord>(mut items: Vec<T>) -> Vec<T> {
        items.sort();
        items
    }
    assert_eq!(
        sorted(minimal.import_names()),
        sorted(runtime().import_names())
    );
    assert_eq!(
        sorted(minimal.export_functions()),
        sorted(runtime().export_functions())
    );
    block_on(minimal.instantiate_only()).unwrap();
}

#[test]
fn describe_lists_every_action_with_schemas() {
    block_on(async {
        let entries = runtime().describe().await.unwrap();
        let names: Vec<&str> = entries.iter().map(|e| e.name.as_str()).collect();
        for name in ["list-mailboxes", "find-conversations", "get-conversation"] {
            assert!(names.contains(&name), "{name}");
        }
        for e in &entries {
            let input: Value = serde_json::from_str(&e.input_schema).unwrap();
            assert_eq!(input["type"], "object");
            let _: Value = serde_json::from_str(&e.output_schema).unwrap();
        }
    });
}

#[test]
fn cli_actions_prints_one_json_array() {
    let (code, stdout, _) = host_test(&["actions"], None);
    assert_eq!(code, 0);
    let list: Vec<Value> = serde_json::from_str(&stdout).unwrap();
    let named = |kind: &str| -> Vec<&str> {
        let of_kind = list.iter().filter(|a| a["kind"] == kind);
        of_kind.map(|a| a["name"].as_str().unwrap()).collect()
    };
    let actions = named("action");
    for action in [
        "list-mailboxes",
        "find-conversations",
        "get-conversation",
        "create-conversation",
        "update-conversation",
        "find-customers",
        "get-customer",
        "create-customer",
        "update-customer",
        "create-thread",
    ] {
        assert!(actions.contains(&action), "{action}");
    }
    let triggers = named("trigger");
    let described: Vec<String> = block_on(runtime().describe())
        .unwrap()
        .into_iter()
        .filter(|d| d.trigger.is_some())
        .map(|d| d.name)
        .collect();
    assert_eq!(triggers, described);
    assert!(
        list.iter()
            .filter(|a| a["kind"] == "trigger")
            .all(|t| t["event"].is_string())
    );
    assert_eq!(
        actions.len() + triggers.len(),
        list.len(),
        "every entry is an action or a trigger"
    );
    for entry in &list {
        assert!(entry["description"].as_str().is_some_and(|d| !d.is_empty()));
        assert_eq!(entry["inputSchema"]["type"], "object", "{}", entry["name"]);
        assert!(entry["outputSchema"].is_object());
    }
}

#[test]
fn cli_run_prints_output_or_typed_error_with_exit_codes() {
    let (code, stdout, _) = host_test(&["run", "list-mailboxes"], None);
    assert_eq!(code, 0);
    let out: Value = serde_json::from_str(&stdout).unwrap();
    assert!(!out["items"].as_array().unwrap().is_empty());

    let (code, stdout, stderr) = host_test(
        &["run", "get-conversation", "--input", "-"],
        Some(r#"{"id": 999999999}"#),
    );
    assert_eq!(code, 1, "{stderr}");
    assert!(stdout.is_empty());
    let err: Value = serde_json::from_str(stderr.trim()).unwrap();
    assert_eq!(err["error"], "not-found");

    let (code, _, stderr) = host_test(
        &["run", "find-conversations", "--input", "-"],
        Some(r#"{"status": 3}"#),
    );
    assert_eq!(code, 1);
    let err: Value = serde_json::from_str(stderr.trim()).unwrap();
    assert_eq!(
        (err["error"].as_str(), err["fields"][0]["path"].as_str()),
        (Some("validation"), Some("status"))
    );

    let (code, _, _) = host_test(&["run"], None);
    assert_eq!(code, 2);
    let (code, _, _) = host_test(
        &["run", "list-mailboxes", "--api", "http://127.0.0.1:9"],
        None,
    );
    assert_eq!(code, 2, "--api without credentials is bad usage");
}

/// Runs the CLI off the async runtime (the simulator serves it from the runtime's workers).
async fn host_test_async(args: Vec<String>, stdin: Option<&'static str>) -> (i32, String, String) {
    tokio::task::spawn_blocking(move || {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        host_test(&args, stdin)
    })
    .await
    .unwrap()
}

fn strings(args: &[&str]) -> Vec<String> {
    args.iter().map(|a| a.to_string()).collect()
}

#[test]
fn cli_run_against_an_api_url_with_token_or_client_credentials() {
    block_on(async {
        let env = Env::start().await;
        let url = env.url();
        let args = strings(&[
            "run",
            "get-conversation",
            "--api",
            url,
            "--token",
            "demo-access-token",
            "--input",
            "-",
        ]);
        let (code, stdout, stderr) = host_test_async(args, Some(r#"{"id": 5000001}"#)).await;
        assert_eq!(code, 0, "{stderr}");
        let out: Value = serde_json::from_str(&stdout).unwrap();
        assert_eq!(out["id"], 5000001);

        let args = strings(&[
            "run",
            "list-mailboxes",
            "--api",
            url,
            "--client-id",
            "demo-client-id",
            "--client-secret",
            "demo-client-secret",
        ]);
        let (code, stdout, stderr) = host_test_async(args, None).await;
        assert_eq!(code, 0, "{stderr}");
        assert!(!stderr.contains("demo-client-secret"));
        let out: Value = serde_json::from_str(&stdout).unwrap();
        assert!(!out["items"].as_array().unwrap().is_empty());
        let minted = env
            .sim
            .requests()
            .iter()
            .any(|r| r.path_and_query == "/v2/oauth2/token");
        assert!(
            minted,
            "client credentials were exchanged at the token endpoint"
        );
    });
}

#[test]
fn cli_simulator_prints_its_url_and_serves_until_stopped() {
    use std::io::BufRead;
    let mut child = Command::new(env!("CARGO_BIN_EXE_host-test"))
        .args(["simulator", "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line.trim().to_string();
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    let (code, stdout, stderr) = host_test(
        &[
            "run",
            "list-mailboxes",
            "--api",
            &url,
            "--token",
            "demo-access-token",
        ],
        None,
    );
    child.kill().unwrap();
    let _ = child.wait();
    assert_eq!(code, 0, "{stderr}");
    let out: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(out["items"].as_array().unwrap().len(), 3);
}

#[test]
fn cli_help_shows_an_example_for_every_command() {
    let (code, top, _) = host_test(&["--help"], None);
    assert_eq!(code, 0);
    let commands = [
        "actions",
        "run",
        "options",
        "replay",
        "listen",
        "load",
        "bench",
        "demo",
        "component",
        "simulator",
    ];
    for command in commands {
        assert!(top.contains(command), "top-level help lists {command}");
        let (code, help, _) = host_test(&[command, "--help"], None);
        assert_eq!(code, 0, "{command} --help");
        assert!(
            help.contains("Example"),
            "{command} --help has no example:\n{help}"
        );
        assert!(help.contains(&format!("host-test {command}")) || command == "demo");
    }
}

#[test]
fn cli_common_mistakes_get_helpful_messages() {
    // An unknown action is bad usage (exit 2), with the component's suggestion.
    let (code, _, stderr) = host_test(&["run", "list-mailbox"], None);
    assert_eq!(code, 2);
    let error: Value = serde_json::from_str(&stderr).unwrap();
    assert_eq!(error["error"], "validation");
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains(r#"did you mean "list-mailboxes"?"#),
        "{stderr}"
    );

    let (code, _, stderr) = host_test(
        &[
            "run",
            "list-mailboxes",
            "--api",
            "https://api.helpscout.net/v2",
            "--token",
            "t",
        ],
        None,
    );
    assert_eq!(code, 1);
    assert!(stderr.contains("must not end in /v2"), "{stderr}");

    let (code, _, stderr) = host_test(
        &[
            "run",
            "list-mailboxes",
            "--api",
            "https://api.helpscout.net",
        ],
        None,
    );
    assert_eq!(code, 2);
    assert!(stderr.contains("--api needs --token"), "{stderr}");
}

#[test]
fn cli_component_writes_the_embedded_component_with_its_metadata() {
    let dir = std::env::temp_dir().join(format!("host-test-component-{}", std::process::id()));
    let file = dir.join("c.wasm");
    let (code, stdout, stderr) = host_test(&["component", "--out", file.to_str().unwrap()], None);
    assert_eq!(code, 0, "{stderr}");
    let report: Value = serde_json::from_str(&stdout).unwrap();
    let bytes = std::fs::read(&file).unwrap();
    assert_eq!(report["bytes"], bytes.len());
    assert_eq!(report["sha256"].as_str().unwrap().len(), 64);
    assert_eq!(bytes, host_test::runtime::EMBEDDED_COMPONENT);
    for field in [
        &b"helpscout-connector"[..],
        b"Help Scout Mailbox API 2.0 connector",
        b"MIT",
    ] {
        assert!(
            bytes.windows(field.len()).any(|w| w == field),
            "metadata {:?}",
            String::from_utf8_lossy(field)
        );
    }
    std::fs::remove_dir_all(dir).unwrap();
}
