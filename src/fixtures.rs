//! Test-only access to the recorded fixtures in `tests/fixtures/`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::Value;

fn read(relative: &str) -> Value {
    let path = format!("{}/tests/fixtures/{relative}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap()
}

/// A PHP SDK payload.
pub fn php_sdk(name: &str) -> Value {
    read(&format!("php-sdk/{name}"))
}

/// The first recorded interaction with this method whose URI contains `uri_part`.
fn interaction(name: &str, method: &str, uri_part: &str) -> Value {
    let cassette = read(&format!("cassettes/{name}"));
    let interactions = cassette["interactions"].as_array().unwrap();
    let found = interactions.iter().find(|i| {
        i["request"]["method"] == method && i["request"]["uri"].as_str().unwrap().contains(uri_part)
    });
    found
        .unwrap_or_else(|| panic!("{name}: no {method} {uri_part}"))
        .clone()
}

/// The recorded response body of that interaction.
pub fn cassette_body(name: &str, method: &str, uri_part: &str) -> Value {
    interaction(name, method, uri_part)["response"]["body"].clone()
}

/// The recorded request body of that interaction.
pub fn cassette_request(name: &str, method: &str, uri_part: &str) -> Value {
    interaction(name, method, uri_part)["request"]["body"].clone()
}
