//! A progress line on stderr for long calls (a sync over hundreds of pages): the requests sent
//! so far and the time taken, redrawn in place. Only on a terminal, and only once a call has run
//! for a second, so pipes, logs and quick calls see nothing.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

const QUIET_FOR: Duration = Duration::from_secs(1);
const REDRAW_EVERY: Duration = Duration::from_millis(200);

/// Awaits `call`, showing `label: N requests, T s` while it runs.
pub async fn while_running<T>(
    label: &str,
    requests: impl Fn() -> u64,
    call: impl Future<Output = T>,
) -> T {
    if !std::io::stderr().is_terminal() {
        return call.await;
    }
    let started = Instant::now();
    let baseline = requests();
    let mut call = std::pin::pin!(call);
    let mut ticker = tokio::time::interval_at((started + QUIET_FOR).into(), REDRAW_EVERY);
    let mut drawn = false;
    loop {
        tokio::select! {
            output = &mut call => {
                if drawn {
                    eprint!("\r\x1b[2K");
                }
                return output;
            }
            _ = ticker.tick() => {
                let sent = requests().saturating_sub(baseline);
                eprint!("\r\x1b[2K{}", line(label, sent, started.elapsed()));
                let _ = std::io::stderr().flush();
                drawn = true;
            }
        }
    }
}

fn line(label: &str, sent: u64, elapsed: Duration) -> String {
    let plural = if sent == 1 { "" } else { "s" };
    format!(
        "{label}: {sent} request{plural}, {:.1} s",
        elapsed.as_secs_f64()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_counts_requests_and_seconds() {
        assert_eq!(
            line("find-conversations", 41, Duration::from_millis(2345)),
            "find-conversations: 41 requests, 2.3 s"
        );
        assert_eq!(line("x", 1, Duration::ZERO), "x: 1 request, 0.0 s");
    }
}
