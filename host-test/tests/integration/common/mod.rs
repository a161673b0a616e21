//! Shared harness for the integration tests: one tokio runtime and one compiled component for the
//! whole test binary (a debug host compiles slowly), a fresh simulator per test.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

pub mod replay;

use helpscout_simulator::{LoggedRequest, Simulator, SimulatorOptions, credentials};
use host_test::bindings::{Connection, ConnectorError, Credentials};
use host_test::outgoing::{Destination, Policy};
use host_test::runtime::Invoked as Invocation;
use host_test::runtime::{EMBEDDED_COMPONENT, Runtime};
use serde_json::Value;
use std::sync::OnceLock;

pub fn tokio() -> &'static tokio::runtime::Runtime {
    static RT: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RT.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap()
    })
}

pub fn runtime() -> &'static Runtime {
    static RUNTIME: OnceLock<Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| Runtime::new(EMBEDDED_COMPONENT, Policy::new([])).unwrap())
}

/// Runs a test body on the shared tokio runtime.
pub fn block_on<F: Future>(future: F) -> F::Output {
    tokio().block_on(future)
}

/// A fresh simulator, allowed by the shared runtime's policy.
pub struct Env {
    pub sim: Simulator,
}

impl Env {
    pub async fn start() -> Self {
        let sim = Simulator::start(SimulatorOptions::default()).await.unwrap();
        runtime()
            .policy()
            .allow(Destination::from_url(sim.url()).unwrap());
        Env { sim }
    }

    pub fn url(&self) -> &str {
        self.sim.url()
    }

    pub fn conn(&self) -> Connection {
        self.conn_with(Credentials::AccessToken(credentials::ACCESS_TOKEN.into()))
    }

    pub fn conn_with(&self, credentials: Credentials) -> Connection {
        Connection {
            base_url: self.url().into(),
            credentials,
            retry: None,
        }
    }

    /// Invokes by name with the demo token; the typed result.
    pub async fn invoke(&self, name: &str, input: &str) -> Result<Invocation, ConnectorError> {
        runtime().invoke(&self.conn(), name, input).await.unwrap()
    }

    /// Invokes by name and expects success; the parsed output.
    pub async fn ok(&self, name: &str, input: &str) -> Value {
        match self.invoke(name, input).await {
            Ok(inv) => serde_json::from_str(&inv.output_json).unwrap(),
            Err(e) => panic!("{name} {input}: {e:?}"),
        }
    }

    /// Invokes by name and expects an error.
    pub async fn err(&self, name: &str, input: &str) -> ConnectorError {
        match self.invoke(name, input).await {
            Ok(inv) => panic!("{name} {input}: unexpected success {}", inv.output_json),
            Err(e) => e,
        }
    }

    /// Requests the simulator received on `/v2/…` other than the token endpoint.
    pub fn api_requests(&self) -> Vec<LoggedRequest> {
        self.sim
            .requests()
            .into_iter()
            .filter(|r| !r.path_and_query.starts_with("/v2/oauth2"))
            .collect()
    }
}

/// The ids of a `{"items": [...]}` output.
pub fn ids(output: &Value) -> Vec<u64> {
    output["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_u64().unwrap())
        .collect()
}

/// The first field path of a validation error.
pub fn validation_path(error: &ConnectorError) -> String {
    match error {
        ConnectorError::Validation(fields) => fields[0].path.clone(),
        other => panic!("expected validation, got {other:?}"),
    }
}

/// Runs the `host-test` binary with `args` (and `stdin`): exit status, stdout, stderr.
pub fn host_test(args: &[&str], stdin: Option<&str>) -> (i32, String, String) {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_host-test"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(text) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
    }
    drop(child.stdin.take());
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}
