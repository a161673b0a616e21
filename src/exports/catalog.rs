//! The `catalog` exports: every entry with its schemas, sample output and fields with choices;
//! invocation by name; and a field's choices (`options`). A call that started returns its
//! outcome with its meta (a minted token must reach the host also when the call then failed).

use super::auth::token_set;
use super::{Component, Result, open};
use crate::bindings::exports::helpscout::connector::{catalog as wit, types};
use crate::catalog::{self, Entry, Paging, Source};
use crate::client::{AnyTransport, CallMeta, Client};
use crate::error::Error;

impl wit::Guest for Component {
    fn describe() -> Result<Vec<wit::Descriptor>> {
        let archive = catalog::Archive::open()?;
        Ok(catalog::entries()
            .map(|e| descriptor(e, &archive))
            .collect())
    }

    fn invoke(
        conn: types::Connection,
        name: String,
        input_json: String,
    ) -> Result<wit::Invocation> {
        catalog::lookup(&name)?;
        let mut client = open(conn)?;
        let mut secret = crate::triggers::secret::from_host;
        let outcome = catalog::invoke(&mut client, &name, &input_json, &mut secret);
        Ok(invocation(outcome, client))
    }

    fn options(
        conn: types::Connection,
        name: String,
        field: String,
        input_json: String,
    ) -> Result<wit::Invocation> {
        let entry = catalog::lookup(&name)?;
        let mut client = open(conn)?;
        let outcome = catalog::options(&mut client, entry, &field, &input_json)
            .and_then(|choices| catalog::json(&choices));
        Ok(invocation(outcome, client))
    }
}

fn invocation(
    outcome: std::result::Result<String, Error>,
    client: Client<AnyTransport>,
) -> wit::Invocation {
    wit::Invocation {
        outcome: outcome.map_err(types::Error::from),
        meta: call_meta(client.meta),
    }
}

fn call_meta(meta: CallMeta) -> wit::CallMeta {
    wit::CallMeta {
        requests: meta.requests,
        rate_limit_remaining: meta.rate_limit_remaining,
        rate_limit_limit: meta.rate_limit_limit,
        budget_used: meta.budget_used,
        waited_ms: meta.waited_ms,
        minted_token: meta.minted.map(token_set),
    }
}

fn descriptor(e: &Entry, archive: &catalog::Archive) -> wit::Descriptor {
    wit::Descriptor {
        name: e.name.into(),
        kind: match e.is_trigger() {
            true => wit::EntryKind::Trigger,
            false => wit::EntryKind::Action,
        },
        title: e.title.into(),
        group: e.group.name().into(),
        description: e.description.into(),
        input_schema: archive.text(e.files.input).into(),
        output_schema: archive.text(e.files.output).into(),
        sample_output: archive.text(e.files.sample).into(),
        option_fields: e
            .option_fields
            .iter()
            .map(|f| wit::OptionField {
                field: f.field.into(),
                depends_on: f.depends_on.iter().map(|d| d.to_string()).collect(),
                fetched: f.source.fetched(),
                definitions: f.source == Source::CustomFields,
            })
            .collect(),
        effects: wit::Effects {
            read_only: e.effects.read_only,
            destructive: e.effects.destructive,
            idempotent: e.effects.idempotent,
            read_only_when: e
                .effects
                .read_only_when
                .map(|(field, equals)| wit::Condition {
                    field: field.into(),
                    equals: equals.into(),
                }),
        },
        paging: match e.paging {
            Paging::None => wit::Paging::None,
            Paging::All => wit::Paging::All,
            Paging::Continued => wit::Paging::Continued,
        },
        trigger: e.trigger.map(|t| wit::TriggerInfo {
            event: t.event.into(),
            pollable: t.poll.is_some(),
        }),
    }
}
