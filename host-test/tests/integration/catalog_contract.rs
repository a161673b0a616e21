//! What is kept by hand is checked against the component's own catalog: every action has its
//! typed WIT function (same name, one to one) and every trigger polls through `triggers.poll`
//! or comes by webhook; the README's and the integrator guide's tables name exactly the catalog's
//! entries; the MCP server and `host-test actions` agree with `describe`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::{block_on, runtime};
use std::collections::BTreeSet;

/// Typed exports that are no catalog entry: the catalog itself, the OAuth2 steps, webhook
/// verification, and the poll every pollable trigger shares.
const INFRASTRUCTURE: [&str; 8] = [
    "catalog#describe",
    "catalog#invoke",
    "catalog#options",
    "auth#describe",
    "auth#authorization-url",
    "auth#token",
    "triggers#verify-webhook",
    "triggers#poll",
];

/// `helpscout:connector/conversations@0.3.0` → `conversations`.
fn interface(name: &str) -> &str {
    let tail = name.rsplit('/').next().unwrap_or(name);
    tail.split('@').next().unwrap_or(tail)
}

#[test]
fn every_action_has_its_typed_function_and_every_typed_function_an_entry() {
    let descriptors = block_on(runtime().describe()).unwrap();
    let actions: BTreeSet<String> = descriptors
        .iter()
        .filter(|d| d.trigger.is_none())
        .map(|d| d.name.clone())
        .collect();
    let mut typed = BTreeSet::new();
    for (iface, function) in runtime().export_functions() {
        let key = format!("{}#{function}", interface(&iface));
        if !INFRASTRUCTURE.contains(&key.as_str()) {
            assert!(
                typed.insert(function.clone()),
                "{function} is exported twice"
            );
        }
    }
    let untyped: Vec<&String> = actions.difference(&typed).collect();
    let unlisted: Vec<&String> = typed.difference(&actions).collect();
    assert!(
        untyped.is_empty(),
        "actions without a typed WIT function: {untyped:?}"
    );
    assert!(
        unlisted.is_empty(),
        "typed functions without a catalog entry: {unlisted:?}"
    );
}

/// The entry names in the first column of every Markdown table row (`| `name` | …`) of a
/// section of `file`, from its heading to the next heading of the same level.
fn table_names(file: &str, heading: &str) -> BTreeSet<String> {
    section(file, heading)
        .lines()
        .filter_map(|line| line.strip_prefix("| `"))
        .filter_map(|line| line.split('`').next())
        .map(str::to_string)
        .collect()
}

/// The text of `file` from `heading` to the next heading of the same level or above.
fn section(file: &str, heading: &str) -> String {
    let path = format!("{}/../{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    let start = text
        .find(heading)
        .unwrap_or_else(|| panic!("{file} has no {heading:?}"));
    let level = heading.chars().take_while(|c| *c == '#').count();
    let rest = &text[start + heading.len()..];
    let end = rest
        .lines()
        .scan(0usize, |at, line| {
            let here = *at;
            *at += line.len() + 1;
            Some((here, line))
        })
        .find(|(_, line)| {
            let hashes = line.chars().take_while(|c| *c == '#').count();
            hashes > 0 && hashes <= level && line.chars().nth(hashes) == Some(' ')
        })
        .map_or(rest.len(), |(at, _)| at);
    rest[..end].to_string()
}

#[test]
fn the_peer_comparison_has_every_row_done_by_catalog_entries() {
    let names: BTreeSet<String> = block_on(runtime().describe())
        .unwrap()
        .into_iter()
        .map(|d| d.name)
        .collect();
    let table = section(
        "README.md",
        "## Compared with the connectors people use today",
    );
    let rows: Vec<Vec<&str>> = table
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| capability"))
        .map(|l| l.split('|').map(str::trim).collect())
        .collect();
    assert!(rows.len() >= 30, "{} rows", rows.len());
    let mut named = BTreeSet::new();
    for row in &rows {
        let ours = row[2];
        assert!(!ours.is_empty() && ours != "–", "no way to do {:?}", row[1]);
        for token in ours.split('`').skip(1).step_by(2) {
            let action_like =
                token.contains('-') && token.chars().all(|c| c.is_ascii_lowercase() || c == '-');
            if action_like {
                assert!(names.contains(token), "{token} is not in the catalog");
                named.insert(token.to_string());
            }
        }
    }
    assert!(named.len() >= 30, "{named:?}");
}

#[test]
fn the_readme_and_the_guide_list_exactly_the_catalogs_entries() {
    let descriptors = block_on(runtime().describe()).unwrap();
    let actions: BTreeSet<String> = descriptors
        .iter()
        .filter(|d| d.trigger.is_none())
        .map(|d| d.name.clone())
        .collect();
    let triggers: BTreeSet<String> = descriptors
        .iter()
        .filter(|d| d.trigger.is_some())
        .map(|d| d.name.clone())
        .collect();
    assert_eq!(
        table_names("README.md", "## Actions"),
        actions,
        "README actions"
    );
    assert_eq!(
        table_names("README.md", "## Triggers"),
        triggers,
        "README triggers"
    );
    let guide = "docs/integrator-guide.md";
    assert_eq!(
        table_names(guide, "### 3.2 Actions"),
        actions,
        "guide actions"
    );
    assert_eq!(
        table_names(guide, "### 3.3 Triggers"),
        triggers,
        "guide triggers"
    );
}
