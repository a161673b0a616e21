//! The component's exports: one-screen adapters that convert arguments, call the resource
//! function through a fresh session, and convert the result. No HTTP or JSON handling here.

mod convert;
mod inputs;
mod triggers;

use crate::auth::{self, Grant};
use crate::bindings::exports::helpscout::connector::{
    auth as wit_auth, catalog as wit_catalog, conversations as wc, customers as wcu,
    mailboxes as wm, threads as wt, types, users as wu,
};
use crate::catalog::{self, Kind};
use crate::client::ApiBase;
use crate::client::transport::WasiTransport;
use crate::error::Error;
use crate::resources::{
    conversation_create, conversation_update, conversations, customers, mailboxes, threads, users,
};
use crate::session::Session;
use serde_json::Value;

pub struct Component;

pub(crate) type Result<T> = std::result::Result<T, types::Error>;

pub(crate) fn open(conn: types::Connection) -> std::result::Result<Session<WasiTransport>, Error> {
    Session::open(WasiTransport, &conn.into())
}

impl wm::Guest for Component {
    fn list_mailboxes(
        conn: types::Connection,
        input: wm::ListMailboxesInput,
    ) -> Result<Vec<wm::Mailbox>> {
        let input = mailboxes::ListMailboxes {
            include_folders: input.include_folders,
            include_fields: input.include_fields,
        };
        let output = mailboxes::list(&mut open(conn)?.client, &input)?;
        Ok(mailboxes::to_records(&output))
    }
}

impl wc::Guest for Component {
    fn find_conversations(
        conn: types::Connection,
        input: wc::FindConversationsInput,
    ) -> Result<Vec<wc::Conversation>> {
        let items = conversations::find(&mut open(conn)?.client, &input.into())?;
        Ok(conversations::records_from_raw(&items))
    }

    fn get_conversation(
        conn: types::Connection,
        input: wc::GetConversationInput,
    ) -> Result<wc::Conversation> {
        let input = conversations::GetConversation {
            id: input.id,
            embed_threads: input.embed_threads,
        };
        let output = conversations::get(&mut open(conn)?.client, &input)?;
        Ok(conversations::to_record(&output))
    }

    fn create_conversation(
        conn: types::Connection,
        input: wc::CreateConversationInput,
    ) -> Result<wc::CreatedConversation> {
        let output = conversation_create::create(&mut open(conn)?.client, &input.into())?;
        Ok(wc::CreatedConversation {
            id: output["id"].as_u64(),
            conversation: output.get("conversation").map(conversations::to_record),
        })
    }

    fn update_conversation(
        conn: types::Connection,
        input: wc::UpdateConversationInput,
    ) -> Result<types::UpdateOutcome> {
        let (id, changes) = input.into();
        let output = conversation_update::update(&mut open(conn)?.client, id, &changes)?;
        Ok(outcome(&output))
    }
}

impl wt::Guest for Component {
    fn create_thread(conn: types::Connection, input: wt::CreateThreadInput) -> Result<Option<u64>> {
        let (id, thread) = input.into();
        let output = threads::create(&mut open(conn)?.client, id, &thread)?;
        Ok(output["id"].as_u64())
    }
}

impl wcu::Guest for Component {
    fn find_customers(
        conn: types::Connection,
        input: wcu::FindCustomersInput,
    ) -> Result<Vec<wcu::Customer>> {
        let items = customers::find(&mut open(conn)?.client, &input.into())?;
        Ok(customers::records_from_raw(&items))
    }

    fn get_customer(conn: types::Connection, id: u64) -> Result<wcu::Customer> {
        let output = customers::get(&mut open(conn)?.client, &customers::GetCustomer { id })?;
        Ok(customers::to_record(&output))
    }

    fn create_customer(conn: types::Connection, input: wcu::CustomerInput) -> Result<Option<u64>> {
        let output = customers::create(&mut open(conn)?.client, &input.into())?;
        Ok(output["id"].as_u64())
    }

    fn update_customer(
        conn: types::Connection,
        id: u64,
        input: wcu::CustomerInput,
    ) -> Result<types::UpdateOutcome> {
        let output = customers::update(&mut open(conn)?.client, id, &input.into())?;
        Ok(outcome(&output))
    }
}

impl wu::Guest for Component {
    fn test_connection(conn: types::Connection) -> Result<wu::User> {
        let raw = users::me(&mut open(conn)?.client)?;
        Ok(users::to_record(&raw))
    }
}

/// `{"id", "applied"}` as the WIT record.
fn outcome(output: &Value) -> types::UpdateOutcome {
    let applied = output["applied"].as_array().into_iter().flatten();
    types::UpdateOutcome {
        id: output["id"].as_u64().unwrap_or(0),
        applied: applied
            .filter_map(|s| s.as_str().map(str::to_string))
            .collect(),
    }
}

impl wit_auth::Guest for Component {
    fn authorization_url(client_id: String, state: Option<String>) -> Result<String> {
        Ok(auth::authorization_url(&client_id, state.as_deref())?)
    }

    fn exchange_code(
        base_url: String,
        client_id: String,
        client_secret: String,
        code: String,
    ) -> Result<wit_auth::TokenSet> {
        token(
            &base_url,
            &client_id,
            &client_secret,
            Grant::AuthorizationCode(&code),
        )
    }

    fn refresh(
        base_url: String,
        client_id: String,
        client_secret: String,
        refresh_token: String,
    ) -> Result<wit_auth::TokenSet> {
        token(
            &base_url,
            &client_id,
            &client_secret,
            Grant::RefreshToken(&refresh_token),
        )
    }

    fn client_credentials_token(
        base_url: String,
        client_id: String,
        client_secret: String,
    ) -> Result<wit_auth::TokenSet> {
        token(
            &base_url,
            &client_id,
            &client_secret,
            Grant::ClientCredentials,
        )
    }
}

fn token(base_url: &str, id: &str, secret: &str, grant: Grant<'_>) -> Result<wit_auth::TokenSet> {
    let base = ApiBase::parse(base_url)?;
    Ok(auth::request_token(&mut WasiTransport, &base, id, secret, grant)?.into())
}

impl wit_catalog::Guest for Component {
    fn describe() -> Result<Vec<wit_catalog::Descriptor>> {
        let entries = catalog::ENTRIES
            .iter()
            .map(|e| wit_catalog::Descriptor {
                name: e.name.into(),
                kind: match e.kind {
                    Kind::Action => wit_catalog::EntryKind::Action,
                    Kind::Trigger => wit_catalog::EntryKind::Trigger,
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
    ) -> Result<wit_catalog::Invocation> {
        catalog::lookup(&name)?;
        let mut session = open(conn)?;
        let mut secret = crate::triggers::secret::from_host;
        let output = catalog::invoke(&mut session.client, &name, &input_json, &mut secret)?;
        let meta = &session.client.meta;
        Ok(wit_catalog::Invocation {
            output_json: output.into_json_text(),
            meta: wit_catalog::CallMeta {
                requests: meta.requests,
                rate_limit_remaining: meta.rate_limit_remaining,
                rate_limit_limit: meta.rate_limit_limit,
                budget_used: meta.budget_used,
                waited_ms: meta.waited_ms,
                minted_token: meta.minted.clone().map(Into::into),
            },
        })
    }
}
