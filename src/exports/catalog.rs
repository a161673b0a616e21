//! The `catalog` exports: every entry with its schemas, and invocation by name.

use super::auth::token_set;
use super::{Component, Result, open};
use crate::bindings::exports::helpscout::connector::{catalog as wit, types};
use crate::catalog::{self, Kind};

impl wit::Guest for Component {
    fn describe() -> Result<Vec<wit::Descriptor>> {
        let entries = catalog::ENTRIES
            .iter()
            .map(|e| wit::Descriptor {
                name: e.name.into(),
                kind: match e.kind {
                    Kind::Action => wit::EntryKind::Action,
                    Kind::Trigger => wit::EntryKind::Trigger,
                },
                description: e.description.into(),
                input_schema: e.input_schema.to_string(),
                output_schema: e.output_schema.to_string(),
            })
            .collect();
        Ok(entries)
    }

    fn invoke(
        conn: types::Connection,
        name: String,
        input_json: String,
    ) -> Result<wit::Invocation> {
        catalog::lookup(&name)?;
        let mut client = open(conn)?;
        let mut secret = crate::triggers::secret::from_host;
        let output = catalog::invoke(&mut client, &name, &input_json, &mut secret)?;
        let meta = client.meta;
        Ok(wit::Invocation {
            output_json: output,
            meta: wit::CallMeta {
                requests: meta.requests,
                rate_limit_remaining: meta.rate_limit_remaining,
                rate_limit_limit: meta.rate_limit_limit,
                budget_used: meta.budget_used,
                waited_ms: meta.waited_ms,
                minted_token: meta.minted.map(token_set),
            },
        })
    }
}
