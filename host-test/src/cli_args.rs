//! Command-line options shared by the commands that call Help Scout (`run`, `options`, `mcp`):
//! the API, the credentials (flags or environment, never echoed) and the retry bounds.

use crate::bindings::RetryPolicy;
use crate::connect::GivenCredentials;
use clap::Args;

#[derive(Args, Debug, Clone)]
pub struct ApiOptions {
    /// API base URL (default: the embedded simulator).
    #[arg(long, value_name = "URL")]
    pub api: Option<String>,
    /// Bearer access token.
    #[arg(
        long,
        env = "HELPSCOUT_ACCESS_TOKEN",
        hide_env_values = true,
        conflicts_with = "client_id"
    )]
    pub token: Option<String>,
    /// App ID for the client-credentials grant.
    #[arg(long, env = "HELPSCOUT_CLIENT_ID", requires = "client_secret")]
    pub client_id: Option<String>,
    /// App secret for the client-credentials grant.
    #[arg(
        long,
        env = "HELPSCOUT_CLIENT_SECRET",
        hide_env_values = true,
        requires = "client_id"
    )]
    pub client_secret: Option<String>,
    /// Longest wait for a rate limit (X-RateLimit-Retry-After) before failing with rate-limited.
    #[arg(long, value_name = "SECONDS", default_value_t = 60)]
    pub max_retry_wait: u32,
    /// Attempts per request, the first included.
    #[arg(long, value_name = "N", default_value_t = 4)]
    pub max_attempts: u32,
}

impl ApiOptions {
    /// The credentials and retry bounds to give the component.
    pub fn given(&self) -> GivenCredentials {
        GivenCredentials {
            token: self.token.clone(),
            client_id: self.client_id.clone(),
            client_secret: self.client_secret.clone(),
            retry: Some(RetryPolicy {
                max_wait_seconds: self.max_retry_wait,
                max_attempts: self.max_attempts,
                max_total_seconds: self.max_retry_wait.saturating_mul(self.max_attempts),
            }),
        }
    }
}
