//! Organizations (<https://developer.helpscout.com/mailbox-api/endpoints/organizations/get/>):
//! companies customers belong to through their `organizationId`.

use super::{Conversation, State};

pub struct Organization {
    pub id: u64,
    pub name: String,
    pub website: Option<String>,
    pub description: Option<String>,
    /// "Organization's two letter country code".
    pub location: Option<String>,
    pub logo_url: Option<String>,
    pub note: Option<String>,
    /// "Used to match customers to this organization by their emails".
    pub domains: Vec<String>,
    pub phones: Vec<String>,
    /// "in a valid hex format".
    pub brand_color: Option<String>,
}

impl State {
    pub fn organization(&self, id: u64) -> Option<&Organization> {
        self.organizations.iter().find(|o| o.id == id)
    }

    /// The conversations whose primary customer belongs to organization `id`.
    pub fn organization_conversations(&self, id: u64) -> impl Iterator<Item = &Conversation> {
        self.conversations.values().filter(move |c| {
            self.customers
                .get(&c.primary_customer)
                .is_some_and(|cu| cu.organization_id == Some(id))
        })
    }

    /// `customerCount` of organization `id`.
    pub fn organization_customer_count(&self, id: u64) -> usize {
        self.customers
            .values()
            .filter(|c| c.organization_id == Some(id))
            .count()
    }

    /// When organization `id` last had an interaction: its latest conversation change (Invented:
    /// the pages sort by `lastInteractionAt` without defining it); `0` when it has none.
    pub fn organization_last_interaction(&self, id: u64) -> i64 {
        self.organization_conversations(id)
            .map(|c| c.modified_at)
            .max()
            .unwrap_or(0)
    }
}
