//! The loop every background job runs: a pass, then a sleep that a wake cuts short and a
//! stop ends, with a growing wait after failed passes instead of a spin.
//!
//! A job only says what one pass does and whether it left work behind; when to run it
//! again, how to stop and how to report a failure are the same for all of them.

use std::{error::Error, sync::Arc, time::Duration};

use tokio::sync::{Notify, watch};

/// The shortest wait after a failed pass: a job that polls every few milliseconds must
/// not hammer a database that is down.
const MIN_BACKOFF: Duration = Duration::from_secs(1);
/// The longest wait after failed passes in a row (or the interval, if that is longer), so
/// a job resumes soon after its database comes back.
const MAX_BACKOFF: Duration = Duration::from_secs(10);

/// What a pass left behind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// More may be waiting: the next pass starts at once.
    More,
    /// Nothing is left: the next pass waits for the interval or a wake.
    CaughtUp,
}

impl Progress {
    /// `More` when `more` holds, else `CaughtUp`.
    pub fn more_if(more: bool) -> Self {
        if more { Self::More } else { Self::CaughtUp }
    }
}

/// One pass of a background job. A closure returning a future is one; a job that keeps
/// state between passes (the indexer's cursor) implements it on its own type.
///
/// The error is logged by the loop with its causes, so it must not carry an email address
/// or a token.
pub trait Job: Send {
    type Error: Error;

    fn pass(&mut self) -> impl Future<Output = Result<Progress, Self::Error>> + Send;
}

impl<F, Fut, E> Job for F
where
    F: FnMut() -> Fut + Send,
    Fut: Future<Output = Result<Progress, E>> + Send,
    E: Error,
{
    type Error = E;

    fn pass(&mut self) -> impl Future<Output = Result<Progress, E>> + Send {
        self()
    }
}

/// How a job is run: its name in the logs, how often it polls, and what may wake it early.
#[derive(Debug, Clone)]
pub struct Worker {
    name: &'static str,
    interval: Duration,
    wake: Option<Arc<Notify>>,
    settle: Option<Duration>,
}

/// Why a sleep ended.
enum Woke {
    Elapsed,
    /// The wake signal rang.
    Rung,
    /// The stop value changed; the loop reads it.
    Stop,
    /// The stop sender is gone: nobody can stop the loop any more, so it ends now rather
    /// than spin on a channel that answers at once.
    Orphaned,
}

impl Worker {
    pub fn new(name: &'static str, interval: Duration) -> Self {
        Self {
            name,
            interval,
            wake: None,
            settle: None,
        }
    }

    /// A pass also starts as soon as `wake` is notified (`notify_one`, so a wake during a
    /// pass is kept for the next sleep).
    pub fn woken_by(mut self, wake: Arc<Notify>) -> Self {
        self.wake = Some(wake);
        self
    }

    /// After the passes a wake started, one more comes after `settle` instead of the
    /// interval: it catches writes that were racing the change the wake announced.
    pub fn settle_after_wake(mut self, settle: Duration) -> Self {
        self.settle = Some(settle);
        self
    }

    /// Runs `job` until `stop` is true: a pass at once, then again at once while it reports
    /// `More`, else after the interval or a wake. A pass in progress is not interrupted;
    /// a stop during a sleep ends the loop at once. A failed pass is logged once, with its
    /// causes, and the next one waits longer the more fail in a row.
    pub async fn run(self, mut stop: watch::Receiver<bool>, mut job: impl Job) {
        let mut failures = 0u32;
        let mut woken = false;
        loop {
            if *stop.borrow() {
                break;
            }
            let wait = match job.pass().await {
                Ok(Progress::More) => {
                    failures = 0;
                    continue;
                }
                Ok(Progress::CaughtUp) => {
                    failures = 0;
                    match self.settle {
                        Some(settle) if std::mem::take(&mut woken) => settle,
                        _ => self.interval,
                    }
                }
                Err(e) => {
                    failures = failures.saturating_add(1);
                    let wait = self.backoff(failures);
                    tracing::error!(
                        job = self.name,
                        error = %with_causes(&e),
                        worker.failures = failures,
                        worker.retry_in_ms = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX),
                        "background pass failed; backing off"
                    );
                    wait
                }
            };
            match self.sleep(wait, &mut stop).await {
                Woke::Rung => woken = true,
                Woke::Elapsed | Woke::Stop => {}
                Woke::Orphaned => break,
            }
        }
        tracing::info!(job = self.name, "worker stopped");
    }

    /// The wait after `failures` failed passes in a row: the interval (at least
    /// `MIN_BACKOFF`), doubling, up to `MAX_BACKOFF` or the interval if that is longer.
    fn backoff(&self, failures: u32) -> Duration {
        let cap = MAX_BACKOFF.max(self.interval);
        let doublings = failures.clamp(1, 16) - 1;
        self.interval
            .max(MIN_BACKOFF)
            .checked_mul(1 << doublings)
            .map_or(cap, |d| d.min(cap))
    }

    async fn sleep(&self, wait: Duration, stop: &mut watch::Receiver<bool>) -> Woke {
        let rung = async {
            match &self.wake {
                Some(wake) => wake.notified().await,
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            _ = tokio::time::sleep(wait) => Woke::Elapsed,
            _ = rung => Woke::Rung,
            changed = stop.changed() => match changed {
                Ok(()) => Woke::Stop,
                Err(_) => Woke::Orphaned,
            },
        }
    }
}

/// The error and its causes on one line; a cause its parent's message already quotes
/// (thiserror's `#[error("database: {0}")]`) is not repeated.
fn with_causes(e: &dyn Error) -> String {
    let mut out = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        let text = c.to_string();
        if !out.contains(&text) {
            out.push_str(": ");
            out.push_str(&text);
        }
        cause = c.source();
    }
    out
}

#[cfg(test)]
mod tests {
    use tokio::{
        sync::mpsc,
        time::{Instant, timeout},
    };

    use super::*;

    #[derive(Debug, thiserror::Error)]
    #[error("pass failed")]
    struct Failed;

    /// A job whose passes answer `script` in turn (then `CaughtUp`), telling `tx` when each
    /// pass ran.
    fn scripted(
        script: Vec<Result<Progress, Failed>>,
        tx: mpsc::UnboundedSender<Instant>,
    ) -> impl Job<Error = Failed> {
        let mut script = script.into_iter();
        move || {
            let _ = tx.send(Instant::now());
            let answer = script.next().unwrap_or(Ok(Progress::CaughtUp));
            async move { answer }
        }
    }

    const HOUR: Duration = Duration::from_secs(3600);
    /// Paused time jumps to the next timer, so a wait this long means "at once or never".
    const SOON: Duration = Duration::from_secs(1);

    #[tokio::test(start_paused = true)]
    async fn a_stop_ends_the_loop_while_it_sleeps() {
        let (stop_tx, stop) = watch::channel(false);
        let (tx, mut ran) = mpsc::unbounded_channel();
        let task = tokio::spawn(Worker::new("test", HOUR).run(stop, scripted(vec![], tx)));
        ran.recv().await.expect("the first pass runs at once");
        stop_tx.send(true).unwrap();
        timeout(SOON, task)
            .await
            .expect("the loop ended before its hour-long sleep")
            .unwrap();
        assert!(ran.recv().await.is_none(), "no pass after the stop");
    }

    #[tokio::test(start_paused = true)]
    async fn a_wake_runs_a_pass_before_the_interval() {
        let (_stop_tx, stop) = watch::channel(false);
        let (tx, mut ran) = mpsc::unbounded_channel();
        let wake = Arc::new(Notify::new());
        let worker = Worker::new("test", HOUR).woken_by(wake.clone());
        tokio::spawn(worker.run(stop, scripted(vec![], tx)));
        let first = ran.recv().await.unwrap();
        wake.notify_one();
        let second = timeout(SOON, ran.recv()).await.expect("woken").unwrap();
        assert!(second - first < HOUR);
    }

    #[tokio::test(start_paused = true)]
    async fn a_pass_that_leaves_work_is_followed_by_another_at_once() {
        let (_stop_tx, stop) = watch::channel(false);
        let (tx, mut ran) = mpsc::unbounded_channel();
        let job = scripted(vec![Ok(Progress::More)], tx);
        tokio::spawn(Worker::new("test", HOUR).run(stop, job));
        let first = ran.recv().await.unwrap();
        let second = timeout(SOON, ran.recv()).await.expect("again").unwrap();
        assert_eq!(second, first, "no sleep in between");
        assert!(timeout(SOON, ran.recv()).await.is_err(), "then it sleeps");
    }

    #[tokio::test(start_paused = true)]
    async fn an_error_does_not_end_the_loop_and_the_next_pass_waits_longer() {
        let (stop_tx, stop) = watch::channel(false);
        let (tx, mut ran) = mpsc::unbounded_channel();
        let job = scripted(vec![Err(Failed), Err(Failed), Ok(Progress::CaughtUp)], tx);
        let interval = Duration::from_millis(10);
        let task = tokio::spawn(Worker::new("test", interval).run(stop, job));
        let mut at = Vec::new();
        for _ in 0..4 {
            at.push(ran.recv().await.expect("the loop goes on"));
        }
        assert_eq!(at[1] - at[0], MIN_BACKOFF, "not a spin");
        assert_eq!(at[2] - at[1], 2 * MIN_BACKOFF, "doubling");
        assert_eq!(at[3] - at[2], interval, "a success resets the wait");
        stop_tx.send(true).unwrap();
        task.await.unwrap();
    }

    #[tokio::test(start_paused = true)]
    async fn after_a_wake_one_more_pass_comes_once_the_settle_time_is_up() {
        let (_stop_tx, stop) = watch::channel(false);
        let (tx, mut ran) = mpsc::unbounded_channel();
        let wake = Arc::new(Notify::new());
        let settle = Duration::from_secs(2);
        let worker = Worker::new("test", HOUR)
            .woken_by(wake.clone())
            .settle_after_wake(settle);
        tokio::spawn(worker.run(stop, scripted(vec![], tx)));
        ran.recv().await.unwrap();
        wake.notify_one();
        let woken = ran.recv().await.unwrap();
        let settled = ran.recv().await.unwrap();
        assert_eq!(settled - woken, settle);
        let next = ran.recv().await.unwrap();
        assert_eq!(next - settled, HOUR, "then the interval again");
    }

    #[test]
    fn backoff_doubles_up_to_its_cap() {
        let fast = Worker::new("test", Duration::from_millis(200));
        assert_eq!(fast.backoff(1), MIN_BACKOFF);
        assert_eq!(fast.backoff(3), 4 * MIN_BACKOFF);
        assert_eq!(fast.backoff(u32::MAX), MAX_BACKOFF);
        let slow = Worker::new("test", 2 * MAX_BACKOFF);
        assert_eq!(
            slow.backoff(5),
            2 * MAX_BACKOFF,
            "never past a long interval"
        );
    }

    #[test]
    fn a_cause_the_message_already_quotes_is_not_repeated() {
        #[derive(Debug, thiserror::Error)]
        enum Outer {
            #[error("database: {0}")]
            Quoting(#[from] std::io::Error),
            #[error("index task")]
            Hiding(#[source] std::io::Error),
        }
        let io = || std::io::Error::other("disk full");
        assert_eq!(with_causes(&Outer::Quoting(io())), "database: disk full");
        assert_eq!(with_causes(&Outer::Hiding(io())), "index task: disk full");
    }
}
