//! Triggers: webhook deliveries verified then parsed (`webhook`), the events Help Scout sends
//! (`events`), webhook secrets (`secret`), and the polling fallback (`polling`). The webhook
//! subscriptions behind them are a resource (`resources::webhooks`). The host keeps the webhook
//! secret and the polling cursor.

mod entries;
pub mod events;
pub mod polling;
pub mod secret;
pub mod webhook;

pub use entries::ENTRIES;
