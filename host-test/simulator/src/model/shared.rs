//! [`Shared`]: the cheap-to-clone handle on one simulator's state (base URL + `Arc<Mutex<State>>`),
//! and its weak form for background tasks such as webhook workers.

use std::sync::{Arc, Mutex, MutexGuard, Weak};

use super::State;

/// Cheap-to-clone handle given to every handler.
#[derive(Clone)]
pub struct Shared {
    /// `http://127.0.0.1:PORT`, no trailing slash; prefix of every link the simulator emits.
    pub base: Arc<str>,
    state: Arc<Mutex<State>>,
}

impl Shared {
    pub fn new(base: &str, state: State) -> Self {
        Shared {
            base: Arc::from(base),
            state: Arc::new(Mutex::new(state)),
        }
    }

    /// Locks the state; a poisoned lock is recovered (the data stays usable).
    pub fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A handle that does not keep the state alive (for background tasks).
    pub fn downgrade(&self) -> WeakShared {
        WeakShared {
            base: Arc::clone(&self.base),
            state: Arc::downgrade(&self.state),
        }
    }
}

/// See [`Shared::downgrade`].
pub struct WeakShared {
    base: Arc<str>,
    state: Weak<Mutex<State>>,
}

impl WeakShared {
    pub fn upgrade(&self) -> Option<Shared> {
        Some(Shared {
            base: Arc::clone(&self.base),
            state: self.state.upgrade()?,
        })
    }
}
