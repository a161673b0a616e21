//! The model-based soak, short: seeded runs of account activity with faults, every trigger
//! consumed by polls and signed webhooks, checked against the model (the long run is
//! `host-test soak --minutes 10`). A failure names its seed; `SOAK_SEEDS=7,8` replays seeds.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::block_on;
use host_test::soak::{Length, Options, run};

#[test]
fn every_change_is_reported_exactly_once_both_ways() {
    let seeds: Vec<u64> = std::env::var("SOAK_SEEDS")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1, 2]);
    for seed in seeds {
        let options = Options {
            seed,
            length: Length::Steps(150),
            progress: false,
            component: None,
        };
        let report = block_on(run(&options)).unwrap();
        let json = serde_json::to_string_pretty(&report).unwrap();
        assert!(report.passed(), "soak seed {seed} failed:\n{json}");
        let changes: usize = report.changes.values().sum();
        assert!(changes > 30, "seed {seed} made too few changes:\n{json}");
        assert!(
            report.faults_injected > 5,
            "seed {seed} injected too few faults:\n{json}"
        );
        assert!(
            report.redeliveries > 0,
            "seed {seed} redelivered nothing:\n{json}"
        );
    }
}
