//! Triggers: webhook deliveries verified then parsed, the subscriptions behind them, and the
//! polling fallback. The host keeps the webhook secret and the polling cursor.

pub mod clock;
pub mod events;
pub mod polling;
pub mod secret;
pub mod subscriptions;
pub mod webhook;
