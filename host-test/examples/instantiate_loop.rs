//! Instantiates the embedded component in a loop (pooling allocator, a fresh store each time,
//! the catalog interface loaded), printing the mean: a target for `perf record`, which is how
//! BENCHMARKS.md's instantiation profile was taken.
//!
//! `cargo build --profile bench -p host-test --example instantiate_loop`, then
//! `perf record -g target/release/examples/instantiate_loop 50000`.

use host_test::outgoing::Policy;
use host_test::runtime::{EMBEDDED_COMPONENT, Runtime};
use std::io::Write as _;

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let rounds: usize = match std::env::args().nth(1) {
        Some(n) => n.parse()?,
        None => 100_000,
    };
    let runtime = Runtime::pooled(EMBEDDED_COMPONENT, Policy::new([]), 16)?;
    for _ in 0..1000 {
        runtime.instantiate_only().await?;
    }
    let start = std::time::Instant::now();
    for _ in 0..rounds {
        runtime.instantiate_only().await?;
    }
    let mean = start.elapsed().as_secs_f64() * 1e6 / rounds.max(1) as f64;
    writeln!(std::io::stdout(), "{mean:.1} µs per instantiation")?;
    Ok(())
}
