//! The wasmtime runtime: one `Engine`, `Component` and `InstancePre` per process, one `Store`
//! per call. The WASI context grants nothing (no files, env, sockets, args); the component's
//! only way out is `wasi:http` through the `outgoing` hook.

mod calls;
mod engine;

pub use calls::{Called, Grant, Invoked};
pub use engine::engine_config;
use engine::{base_config, start_epoch_ticker, ticks};

use crate::bindings::{Connector, ConnectorPre, auth, catalog, triggers};
use crate::outgoing::{Hooks, Policy};
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::time::Duration;
use wasmtime::component::{Component, Instance, Linker, ResourceTable};
use wasmtime::error::Context as _;
use wasmtime::{Config, Engine, Store, StoreLimits, StoreLimitsBuilder};
use wasmtime_wasi::p2::pipe::MemoryOutputPipe;
use wasmtime_wasi::{WasiCtx, WasiCtxView, WasiView};
use wasmtime_wasi_http::{WasiHttpCtx, WasiHttpCtxView, WasiHttpView};

/// The component this binary was built with.
pub const EMBEDDED_COMPONENT: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/helpscout_connector.wasm"));

/// Memory one call's instance may grow to.
const MEMORY_LIMIT_BYTES: usize = 512 * 1024 * 1024;
/// Default wall-clock budget of one call (a 50,000-conversation sync fits easily).
const DEFAULT_CALL_DEADLINE: Duration = Duration::from_secs(600);
/// Guest stdout/stderr kept per call (the connector prints nothing; this bounds a misbehaving one).
const GUEST_OUTPUT_BYTES: usize = 64 * 1024;

/// Per-call store state.
pub struct HostState {
    table: ResourceTable,
    wasi: WasiCtx,
    http: WasiHttpCtx,
    hooks: Hooks,
    limits: StoreLimits,
    output: MemoryOutputPipe,
}

impl WasiView for HostState {
    fn ctx(&mut self) -> WasiCtxView<'_> {
        WasiCtxView {
            ctx: &mut self.wasi,
            table: &mut self.table,
        }
    }
}

impl WasiHttpView for HostState {
    fn http(&mut self) -> WasiHttpCtxView<'_> {
        WasiHttpCtxView {
            ctx: &mut self.http,
            table: &mut self.table,
            hooks: &mut self.hooks,
        }
    }
}

/// Where the interfaces the host calls most sit among the component's exports, found once per
/// runtime. A call then type-checks only the interface it uses: loading the whole world per call,
/// as `ConnectorPre::instantiate` does, type-checked every export of nine interfaces and was half
/// of each instantiation (`perf`: `typecheck_record` and the name `memcmp`s it runs).
struct Interfaces {
    catalog: catalog::GuestIndices,
    auth: auth::GuestIndices,
    triggers: triggers::GuestIndices,
}

/// A loaded component, ready to instantiate per call.
pub struct Runtime {
    engine: Engine,
    pre: ConnectorPre<HostState>,
    interfaces: Interfaces,
    policy: Arc<Policy>,
    deadline_ticks: u64,
    sent: Arc<AtomicU64>,
    /// Seconds added to the wall clock the component sees (a host whose clock is off).
    clock_skew: Arc<AtomicI64>,
}

impl Runtime {
    /// Compiles the component and links WASI; `policy` governs every outgoing request.
    pub fn new(component: &[u8], policy: Arc<Policy>) -> anyhow::Result<Self> {
        Self::with_config(component, policy, base_config())
    }

    /// Like `new`, with instances from wasmtime's pooling allocator: slots for `instances`
    /// concurrent calls are reserved up front, so each call's instantiation only reuses memory.
    pub fn pooled(component: &[u8], policy: Arc<Policy>, instances: u32) -> anyhow::Result<Self> {
        let mut pool = wasmtime::PoolingAllocationConfig::default();
        pool.total_component_instances(instances)
            .total_core_instances(instances * 8)
            .total_memories(instances * 2)
            .total_tables(instances * 8)
            .total_stacks(instances)
            .max_memory_size(MEMORY_LIMIT_BYTES)
            .max_tables_per_module(8)
            .max_memories_per_module(2);
        // Keep a reused slot's touched pages resident and reset them in place (PAGEMAP_SCAN, Linux
        // 6.7+) instead of returning them to the kernel: a fresh instance then starts without page
        // faults. Measured: 4 KiB webhooks 7.9k -> 13.4k/s, pooled instantiation 25 -> 21 us;
        // keeping pages resident without the scan gained nothing.
        pool.linear_memory_keep_resident(1 << 20)
            .async_stack_keep_resident(128 << 10)
            .table_keep_resident(64 << 10)
            .pagemap_scan(wasmtime::Enabled::Auto);
        let mut config = base_config();
        config.allocation_strategy(wasmtime::InstanceAllocationStrategy::Pooling(pool));
        Self::with_config(component, policy, config)
    }

    fn with_config(component: &[u8], policy: Arc<Policy>, config: Config) -> anyhow::Result<Self> {
        let engine = Engine::new(&config)?;
        let component =
            Component::new(&engine, component).context("loading the connector component")?;
        Self::link(engine, &component, policy)
    }

    /// A runtime for a component already compiled (or deserialized) on `engine`: links WASI and
    /// prepares instantiation.
    pub fn link(
        engine: Engine,
        component: &Component,
        policy: Arc<Policy>,
    ) -> anyhow::Result<Self> {
        start_epoch_ticker(&engine);
        let mut linker = Linker::new(&engine);
        wasmtime_wasi::p2::add_to_linker_async(&mut linker)?;
        wasmtime_wasi_http::p2::add_only_http_to_linker_async(&mut linker)?;
        let pre = ConnectorPre::new(linker.instantiate_pre(component)?)
            .context("the component does not match the connector world")?;
        let interfaces = Interfaces {
            catalog: catalog::GuestIndices::new(pre.instance_pre())?,
            auth: auth::GuestIndices::new(pre.instance_pre())?,
            triggers: triggers::GuestIndices::new(pre.instance_pre())?,
        };
        Ok(Self {
            engine,
            pre,
            interfaces,
            policy,
            deadline_ticks: ticks(DEFAULT_CALL_DEADLINE),
            sent: Arc::new(AtomicU64::new(0)),
            clock_skew: Arc::new(AtomicI64::new(0)),
        })
    }

    /// Sets the wall clock later calls see to the host's plus `seconds` (negative: behind), as
    /// on a host whose clock drifted; tests use it to show nothing depends on the host's clock.
    pub fn set_clock_skew(&self, seconds: i64) {
        self.clock_skew.store(seconds, Ordering::Relaxed);
    }

    /// Stops any call that runs longer than `deadline` (wall clock, waiting included).
    pub fn set_call_deadline(&mut self, deadline: Duration) {
        self.deadline_ticks = ticks(deadline);
    }

    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// Outgoing requests sent so far by all calls of this runtime.
    pub fn requests_sent(&self) -> u64 {
        self.sent.load(Ordering::Relaxed)
    }

    /// The allow-list every call of this runtime obeys.
    pub fn policy(&self) -> &Arc<Policy> {
        &self.policy
    }

    /// Creates a store, instantiates the component in it and loads the catalog interface, then
    /// drops them: the fixed cost of every call by name, measured by the benchmarks.
    pub async fn instantiate_only(&self) -> anyhow::Result<()> {
        self.call_catalog(async |_, _| Ok(())).await
    }

    /// Below wasmtime's floor for the same work: a store prepared as every call's, and an
    /// instance of an empty component (no imports, no code) from an `InstancePre` on the same
    /// engine and linker. The benchmarks report `instantiate_only` against it and against a
    /// minimal component of the same world (`bench::floor`), the floor proper.
    pub fn floor(&self) -> anyhow::Result<Floor<'_>> {
        // The component binary preamble alone: magic, version 0x0d, layer 1.
        const EMPTY_COMPONENT: &[u8] = b"\0asm\x0d\0\x01\0";
        self.floor_of(EMPTY_COMPONENT)
    }

    /// Another component (any world whose imports the host provides), ready to instantiate
    /// in a store like every call's, on the same engine and linker, loading no interface.
    pub fn floor_of(&self, component: &[u8]) -> anyhow::Result<Floor<'_>> {
        let component = Component::new(&self.engine, component)?;
        let mut linker = Linker::new(&self.engine);
        wasmtime_wasi::p2::add_to_linker_async(&mut linker)?;
        wasmtime_wasi_http::p2::add_only_http_to_linker_async(&mut linker)?;
        Ok(Floor {
            runtime: self,
            pre: linker.instantiate_pre(&component)?,
        })
    }

    /// The names of the interfaces the component imports.
    pub fn import_names(&self) -> Vec<String> {
        let component = self.pre.instance_pre().component();
        component
            .component_type()
            .imports(&self.engine)
            .map(|(name, _)| name.to_string())
            .collect()
    }

    /// Every function the component exports, as `(interface, function)`
    /// (`helpscout:connector/conversations@0.3.0`, `find-conversations`).
    pub fn export_functions(&self) -> Vec<(String, String)> {
        use wasmtime::component::types::ComponentItem;
        let component = self.pre.instance_pre().component();
        let mut functions = Vec::new();
        for (interface, export) in component.component_type().exports(&self.engine) {
            if let ComponentItem::ComponentInstance(instance) = export.ty {
                for (name, item) in instance.exports(&self.engine) {
                    if matches!(item.ty, ComponentItem::ComponentFunc(_)) {
                        functions.push((interface.to_string(), name.to_string()));
                    }
                }
            }
        }
        functions
    }

    /// A fresh store for one call.
    fn store(&self) -> Store<HostState> {
        let output = MemoryOutputPipe::new(GUEST_OUTPUT_BYTES);
        let mut wasi = WasiCtx::builder();
        wasi.stdout(output.clone()).stderr(output.clone());
        let skew = self.clock_skew.load(Ordering::Relaxed);
        if skew != 0 {
            wasi.wall_clock(SkewedClock(skew));
        }
        let state = HostState {
            table: ResourceTable::new(),
            wasi: wasi.build(),
            http: WasiHttpCtx::new(),
            hooks: Hooks {
                policy: self.policy.clone(),
                sent: self.sent.clone(),
            },
            limits: StoreLimitsBuilder::new()
                .memory_size(MEMORY_LIMIT_BYTES)
                .build(),
            output,
        };
        let mut store = Store::new(&self.engine, state);
        store.limiter(|s| &mut s.limits);
        store.set_epoch_deadline(self.deadline_ticks);
        store.epoch_deadline_trap();
        store
    }

    /// Calls a no-argument export of another component in a store set up exactly like a
    /// connector call's (limits, deadline, no capabilities): how the limits themselves are tested.
    pub async fn call_foreign(&self, component: &Component, export: &str) -> wasmtime::Result<()> {
        let mut store = self.store();
        let linker = Linker::<HostState>::new(&self.engine);
        let instance = linker.instantiate_async(&mut store, component).await?;
        let func = instance.get_typed_func::<(), ()>(&mut store, export)?;
        func.call_async(&mut store, ()).await?;
        Ok(())
    }

    /// Instantiates the component in a fresh store, runs `f` against the instance (any typed
    /// export of any interface), and forwards any guest output to stderr.
    pub async fn call<T>(
        &self,
        f: impl AsyncFnOnce(&Connector, &mut Store<HostState>) -> wasmtime::Result<T>,
    ) -> anyhow::Result<T> {
        let mut store = self.store();
        let connector = self.pre.instantiate_async(&mut store).await?;
        let result = f(&connector, &mut store).await;
        forward_output(&store);
        result.map_err(anyhow::Error::from)
    }

    /// As `call`, loading only the `catalog` interface (the by-name entry).
    pub async fn call_catalog<T>(
        &self,
        f: impl AsyncFnOnce(&catalog::Guest, &mut Store<HostState>) -> wasmtime::Result<T>,
    ) -> anyhow::Result<T> {
        let indices = &self.interfaces.catalog;
        self.call_in(|store, instance| indices.load(store, instance), f)
            .await
    }

    /// As `call`, loading only the `auth` interface.
    pub async fn call_auth<T>(
        &self,
        f: impl AsyncFnOnce(&auth::Guest, &mut Store<HostState>) -> wasmtime::Result<T>,
    ) -> anyhow::Result<T> {
        let indices = &self.interfaces.auth;
        self.call_in(|store, instance| indices.load(store, instance), f)
            .await
    }

    /// As `call`, loading only the `triggers` interface (webhook verification, polls).
    pub async fn call_triggers<T>(
        &self,
        f: impl AsyncFnOnce(&triggers::Guest, &mut Store<HostState>) -> wasmtime::Result<T>,
    ) -> anyhow::Result<T> {
        let indices = &self.interfaces.triggers;
        self.call_in(|store, instance| indices.load(store, instance), f)
            .await
    }

    /// A fresh store and instance, the exports `load` type-checks, then `f`.
    async fn call_in<G, T>(
        &self,
        load: impl FnOnce(&mut Store<HostState>, &Instance) -> wasmtime::Result<G>,
        f: impl AsyncFnOnce(&G, &mut Store<HostState>) -> wasmtime::Result<T>,
    ) -> anyhow::Result<T> {
        let mut store = self.store();
        let instance = self
            .pre
            .instance_pre()
            .instantiate_async(&mut store)
            .await?;
        let guest = load(&mut store, &instance)?;
        let result = f(&guest, &mut store).await;
        forward_output(&store);
        result.map_err(anyhow::Error::from)
    }
}

/// The host's wall clock moved by some seconds.
struct SkewedClock(i64);

impl wasmtime_wasi::HostWallClock for SkewedClock {
    fn resolution(&self) -> Duration {
        Duration::from_nanos(1)
    }

    fn now(&self) -> Duration {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        let shift = Duration::from_secs(self.0.unsigned_abs());
        if self.0 >= 0 {
            now + shift
        } else {
            now.saturating_sub(shift)
        }
    }
}

/// Whatever the guest printed during a call, to stderr (the connector prints nothing).
fn forward_output(store: &Store<HostState>) {
    let output = store.data().output.contents();
    if !output.is_empty() {
        eprintln!("[guest] {}", String::from_utf8_lossy(&output));
    }
}

/// A component ready to instantiate the way every call instantiates the connector.
pub struct Floor<'a> {
    runtime: &'a Runtime,
    pre: wasmtime::component::InstancePre<HostState>,
}

impl Floor<'_> {
    /// Creates a store as a call does and instantiates the component in it.
    pub async fn instantiate(&self) -> anyhow::Result<()> {
        let mut store = self.runtime.store();
        self.pre.instantiate_async(&mut store).await?;
        Ok(())
    }
}
