//! The engine every runtime shares: component model, epoch interruption (a thread advances the
//! epoch every tick, so a call's deadline is counted in ticks), and wasmtime's compile cache.

use std::time::Duration;
use wasmtime::{Config, Engine};

/// How often the epoch advances; a call's deadline is counted in these ticks.
const EPOCH_TICK: Duration = Duration::from_millis(100);

/// wasmtime's on-disk cache of compiled components (the platform's cache directory), so a
/// process compiles a given component once per machine; `HELPSCOUT_NO_CACHE=1` turns it off, and
/// a machine without a usable cache directory simply compiles every time.
fn compilation_cache() -> Option<wasmtime::Cache> {
    if std::env::var_os("HELPSCOUT_NO_CACHE").is_some() {
        return None;
    }
    wasmtime::Cache::new(wasmtime::CacheConfig::new()).ok()
}

/// The engine settings every runtime shares.
pub(super) fn base_config() -> Config {
    let mut config = engine_config();
    config.cache(compilation_cache());
    config
}

/// The engine settings every runtime shares, without the compile cache (what a cold start pays).
pub fn engine_config() -> Config {
    let mut config = Config::new();
    config.wasm_component_model(true);
    config.epoch_interruption(true);
    config
}

pub(super) fn ticks(deadline: Duration) -> u64 {
    (deadline.as_millis() / EPOCH_TICK.as_millis()).max(1) as u64
}

/// Advances the engine's epoch every tick until the engine is dropped.
pub(super) fn start_epoch_ticker(engine: &Engine) {
    let weak = engine.weak();
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(EPOCH_TICK);
            match weak.upgrade() {
                Some(engine) => engine.increment_epoch(),
                None => return,
            }
        }
    });
}
