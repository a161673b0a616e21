//! Printing: stdout carries exactly one JSON document (pretty on a terminal, compact when piped)
//! or the demo report; everything else goes to stderr.

use crate::bindings::ConnectorError;
use crate::error_json;
use serde_json::Value;
use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};

/// `--pretty`: indent the JSON on stdout also when it is piped.
static PRETTY: AtomicBool = AtomicBool::new(false);

pub fn set_pretty(pretty: bool) {
    PRETTY.store(pretty, Ordering::Relaxed);
}

/// Exit status: success.
pub const EXIT_OK: i32 = 0;
/// Exit status: the component returned its typed error, or the host failed.
pub const EXIT_FAILED: i32 = 1;
/// Exit status: bad usage.
pub const EXIT_USAGE: i32 = 2;

/// Writes one JSON document to stdout.
#[allow(clippy::print_stdout)]
pub fn emit_json(value: &Value) {
    let text = if PRETTY.load(Ordering::Relaxed) || std::io::stdout().is_terminal() {
        serde_json::to_string_pretty(value)
    } else {
        serde_json::to_string(value)
    };
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "{}", text.unwrap_or_default());
}

/// Writes a line of the human-readable report to stdout.
#[allow(clippy::print_stdout)]
pub fn emit_line(line: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "{line}");
}

/// Writes the typed error as JSON to stderr; returns the exit status.
pub fn report_error(error: &ConnectorError) -> i32 {
    eprintln!("{}", error_json::to_json(error));
    EXIT_FAILED
}

/// Writes a host failure (not the component's typed error) to stderr; returns the exit status.
pub fn report_host_failure(error: &anyhow::Error) -> i32 {
    let doc = serde_json::json!({"error": "host", "message": format!("{error:#}")});
    eprintln!("{doc}");
    EXIT_FAILED
}
