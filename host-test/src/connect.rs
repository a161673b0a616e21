//! Choosing what the component talks to: the embedded simulator (default) or a real or
//! compatible API given by `--api`, with the credentials for it.

use crate::bindings::{ClientCredentials, Connection, Credentials, RetryPolicy};
use crate::outgoing::{Destination, Policy};
use crate::runtime::{EMBEDDED_COMPONENT, Runtime};
use helpscout_simulator::{Simulator, SimulatorOptions, credentials};
use std::path::Path;

/// Credentials as given on the command line.
#[derive(Debug, Clone, Default)]
pub struct GivenCredentials {
    pub token: Option<String>,
    pub client_id: Option<String>,
    pub client_secret: Option<String>,
    /// The retry bounds to give the component (its defaults when `None`).
    pub retry: Option<RetryPolicy>,
}

impl GivenCredentials {
    /// The connector's credentials; `None` when nothing usable was given.
    pub fn to_credentials(&self) -> Option<Credentials> {
        match (&self.token, &self.client_id, &self.client_secret) {
            (Some(token), _, _) => Some(Credentials::AccessToken(token.clone())),
            (None, Some(id), Some(secret)) => {
                Some(Credentials::ClientCredentials(ClientCredentials {
                    client_id: id.clone(),
                    client_secret: secret.clone(),
                    token: None,
                }))
            }
            _ => None,
        }
    }
}

/// A runtime and a connection, plus the simulator when one serves the call.
pub struct Target {
    pub runtime: Runtime,
    pub connection: Connection,
    pub simulator: Option<Simulator>,
}

/// Loads the component (embedded unless `component` names a file).
pub fn load_component(component: Option<&Path>) -> anyhow::Result<Vec<u8>> {
    match component {
        Some(path) => std::fs::read(path)
            .map_err(|e| anyhow::anyhow!("cannot read component {}: {e}", path.display())),
        None => Ok(EMBEDDED_COMPONENT.to_vec()),
    }
}

/// Connects to `api`, or starts the embedded simulator when `api` is `None`.
pub async fn connect(
    component: &[u8],
    api: Option<&str>,
    given: &GivenCredentials,
) -> anyhow::Result<Target> {
    let (base_url, simulator) = match api {
        Some(api) => (api.trim_end_matches('/').to_string(), None),
        None => {
            let simulator = Simulator::start(SimulatorOptions::default()).await?;
            (simulator.url().to_string(), Some(simulator))
        }
    };
    let credentials = match given.to_credentials() {
        Some(c) => c,
        None if simulator.is_some() => Credentials::AccessToken(credentials::ACCESS_TOKEN.into()),
        None => anyhow::bail!(
            "--api needs credentials: --token TOKEN, or --client-id ID --client-secret SECRET"
        ),
    };
    let destination = Destination::from_url(&base_url)?;
    let runtime = Runtime::new(component, Policy::new([destination]))?;
    let connection = Connection {
        base_url,
        credentials,
        retry: given.retry,
    };
    Ok(Target {
        runtime,
        connection,
        simulator,
    })
}
