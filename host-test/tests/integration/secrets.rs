//! Secrets never reach output: every CLI run below — successes and failures, with tokens, client
//! secrets and webhook secrets — is scanned, stdout and stderr, for each secret it was given.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{Env, block_on};
use std::process::{Command, Stdio};

/// Runs the CLI off the async runtime and returns stdout + stderr together.
async fn run(args: Vec<String>, stdin: &'static str) -> String {
    tokio::task::spawn_blocking(move || {
        let mut child = Command::new(env!("CARGO_BIN_EXE_host-test"))
            .args(&args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(stdin.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        format!(
            "{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
    .await
    .unwrap()
}

fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn assert_clean(output: &str, secrets: &[&str], what: &str) {
    for secret in secrets {
        assert!(
            !output.contains(secret),
            "{what}: output contains the secret {secret:?}:\n{output}"
        );
    }
}

#[test]
fn no_cli_output_carries_a_secret() {
    block_on(async {
        let env = Env::start().await;
        let api = env.url().to_string();
        let token = "demo-access-token";
        let cases: Vec<(&str, Vec<String>, &'static str, Vec<&str>)> = vec![
            (
                "success with a token",
                args(&["run", "list-mailboxes", "--api", &api, "--token", token]),
                "",
                vec![token],
            ),
            (
                "not found",
                args(&[
                    "run",
                    "get-conversation",
                    "--api",
                    &api,
                    "--token",
                    token,
                    "--input",
                    "-",
                ]),
                r#"{"id": 999999999}"#,
                vec![token],
            ),
            (
                "validation",
                args(&[
                    "run",
                    "find-conversations",
                    "--api",
                    &api,
                    "--token",
                    token,
                    "--input",
                    "-",
                ]),
                r#"{"status": 1}"#,
                vec![token],
            ),
            (
                "rejected token",
                args(&[
                    "run",
                    "list-mailboxes",
                    "--api",
                    &api,
                    "--token",
                    "sekret-token-0042",
                ]),
                "",
                vec!["sekret-token-0042"],
            ),
            (
                "wrong client secret",
                args(&[
                    "run",
                    "list-mailboxes",
                    "--api",
                    &api,
                    "--client-id",
                    "demo-client-id",
                    "--client-secret",
                    "wrong-secret-0042",
                ]),
                "",
                vec!["wrong-secret-0042"],
            ),
            (
                "client credentials",
                args(&[
                    "run",
                    "get-customer",
                    "--api",
                    &api,
                    "--client-id",
                    "demo-client-id",
                    "--client-secret",
                    "demo-client-secret",
                    "--input",
                    "-",
                ]),
                r#"{"id": 7000001}"#,
                vec!["demo-client-secret"],
            ),
            (
                "unreachable API",
                args(&[
                    "run",
                    "list-mailboxes",
                    "--api",
                    "http://127.0.0.1:9",
                    "--token",
                    "sekret-token-0043",
                    "--max-attempts",
                    "1",
                ]),
                "",
                vec!["sekret-token-0043"],
            ),
            (
                "bad usage",
                args(&[
                    "run",
                    "list-mailboxes",
                    "--token",
                    "sekret-token-0044",
                    "--client-id",
                    "x",
                    "--client-secret",
                    "sekret-0045",
                ]),
                "",
                vec!["sekret-token-0044", "sekret-0045"],
            ),
            (
                "demo",
                args(&["demo"]),
                "",
                vec![
                    token,
                    "demo-client-secret",
                    "demo-refresh-token",
                    "demo webhook secret",
                ],
            ),
        ];
        for (what, argv, stdin, secrets) in cases {
            let output = run(argv, stdin).await;
            assert_clean(&output, &secrets, what);
        }
        let file = format!(
            "{}/../tests/fixtures/webhooks/webhook_body_convo_123.raw.json",
            env!("CARGO_MANIFEST_DIR")
        );
        for signature in ["3aBAMXGAp6eoh5RG972G8I9J91E=", "wrong"] {
            let argv = args(&[
                "replay",
                &file,
                "--event",
                "convo.created",
                "--secret",
                "asdffdsa",
                "--signature",
                signature,
            ]);
            assert_clean(&run(argv, "").await, &["asdffdsa"], "replay");
        }
    });
}
