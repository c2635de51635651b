//! Timing: each case run once, by `concurrency` workers sharing the list, every latency
//! kept; p50, p99 and queries per second over the whole run.

use std::{
    future::Future,
    sync::{
        Arc, Mutex,
        atomic::{AtomicUsize, Ordering},
    },
    time::{Duration, Instant},
};

#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct Stats {
    pub queries: usize,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub qps: f64,
}

impl Stats {
    pub fn of(mut latencies: Vec<Duration>, wall: Duration) -> Self {
        if latencies.is_empty() {
            return Self {
                queries: 0,
                p50_ms: 0.0,
                p99_ms: 0.0,
                qps: 0.0,
            };
        }
        latencies.sort();
        let at = |q: f64| {
            let i = ((latencies.len() as f64 * q).ceil() as usize).clamp(1, latencies.len()) - 1;
            latencies[i].as_secs_f64() * 1e3
        };
        Self {
            queries: latencies.len(),
            p50_ms: at(0.50),
            p99_ms: at(0.99),
            qps: latencies.len() as f64 / wall.as_secs_f64(),
        }
    }
}

/// Runs `f` once per case on `concurrency` threads.
pub fn threads<C: Sync>(cases: &[C], concurrency: usize, f: impl Fn(&C) + Sync) -> Stats {
    let next = AtomicUsize::new(0);
    let all = Mutex::new(Vec::with_capacity(cases.len()));
    let start = Instant::now();
    std::thread::scope(|s| {
        for _ in 0..concurrency {
            s.spawn(|| {
                let mut mine = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(case) = cases.get(i) else { break };
                    let t = Instant::now();
                    f(case);
                    mine.push(t.elapsed());
                }
                all.lock().expect("latencies").extend(mine);
            });
        }
    });
    let wall = start.elapsed();
    Stats::of(all.into_inner().expect("latencies"), wall)
}

/// Runs `f` once per case on `concurrency` tasks.
pub async fn tasks<C, F, Fut>(cases: Arc<Vec<C>>, concurrency: usize, f: F) -> Stats
where
    C: Send + Sync + 'static,
    F: Fn(Arc<Vec<C>>, usize) -> Fut + Send + Sync + Clone + 'static,
    Fut: Future<Output = ()> + Send,
{
    let next = Arc::new(AtomicUsize::new(0));
    let start = Instant::now();
    let mut handles = Vec::new();
    for _ in 0..concurrency {
        let (cases, next, f) = (cases.clone(), next.clone(), f.clone());
        handles.push(tokio::spawn(async move {
            let mut mine = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= cases.len() {
                    break;
                }
                let t = Instant::now();
                f(cases.clone(), i).await;
                mine.push(t.elapsed());
            }
            mine
        }));
    }
    let mut all = Vec::new();
    for h in handles {
        all.extend(h.await.expect("a timing task"));
    }
    Stats::of(all, start.elapsed())
}

/// The process's peak resident memory, from `/proc` (0 where there is none).
pub fn peak_rss_bytes() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
        })
        .map_or(0, |kb| kb * 1024)
}
