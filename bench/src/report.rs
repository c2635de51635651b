//! The results: one JSON document and a markdown table, written under `bench/results/`.

use std::path::{Path, PathBuf};

use crate::{
    data::Tier, families::Family, load::LoadReport, measure::Stats, pages::PageResult, pg::PgLoad,
};

#[derive(Debug, Clone, serde::Serialize)]
pub struct FamilyResult {
    pub family: Family,
    pub label: &'static str,
    pub in_process: [Stats; 2],
    /// The same cases as `in_process[0]`, the tantivy work alone (no ids loaded, no
    /// answer shaped).
    pub floor: Stats,
    pub http: [Stats; 2],
    /// PostgreSQL at concurrency 1 and 8, when it ran.
    pub postgres: Option<[Stats; 2]>,
    /// Cases whose totals differ between the two sides (filter-only and match families).
    pub total_mismatches: Option<usize>,
    /// The mean total, to show how much each query matched.
    pub mean_total: f64,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Report {
    pub tier: Tier,
    pub seed: u64,
    pub machine: String,
    pub started_at: String,
    pub load: LoadReport,
    pub postgres_load: Option<PgLoad>,
    /// Milliseconds from a product's 201 until search finds it.
    pub freshness: Stats,
    pub families: Vec<FamilyResult>,
    /// The pages against their JSON calls, interleaved, over HTTP at concurrency 1.
    pub pages: Vec<PageResult>,
    pub peak_rss_bytes: u64,
}

/// The machine, as `/proc` tells it.
pub fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    format!("{cores} cores, {cpu}")
}

fn ms(v: f64) -> String {
    if v < 10.0 {
        format!("{v:.2}")
    } else {
        format!("{v:.1}")
    }
}

impl Report {
    pub fn markdown(&self) -> String {
        let mut out = format!(
            "### Tier {} ({} hosts, {} products), seed {}\n\n{}; {}.\n\n",
            self.tier.name,
            self.tier.hosts,
            self.tier.products,
            self.seed,
            self.machine,
            self.started_at
        );
        out.push_str(
            "| family | in-process p50 / p99 (c1) | floor p99 | in-process qps (c8) | \
             HTTP p50 / p99 (c1) | HTTP qps (c8) | PostgreSQL p50 / p99 (c1) | PG qps (c8) | \
             p99 vs PG | totals |\n\
             | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n",
        );
        for f in &self.families {
            let (pg, pg_qps, ratio) = match &f.postgres {
                Some(p) => (
                    format!("{} / {}", ms(p[0].p50_ms), ms(p[0].p99_ms)),
                    format!("{:.0}", p[1].qps),
                    format!("1/{:.0}", p[0].p99_ms / f.in_process[0].p99_ms),
                ),
                None => ("–".into(), "–".into(), "–".into()),
            };
            let totals = match f.total_mismatches {
                Some(0) => "identical".to_owned(),
                Some(n) => format!("{n} differ"),
                None => "–".to_owned(),
            };
            out.push_str(&format!(
                "| {} (mean total {:.0}) | {} / {} ms | {} ms | {:.0} | {} / {} ms | {:.0} | {} ms | {} | {} | {} |\n",
                f.label,
                f.mean_total,
                ms(f.in_process[0].p50_ms),
                ms(f.in_process[0].p99_ms),
                ms(f.floor.p99_ms),
                f.in_process[1].qps,
                ms(f.http[0].p50_ms),
                ms(f.http[0].p99_ms),
                f.http[1].qps,
                pg,
                pg_qps,
                ratio,
                totals,
            ));
        }
        if !self.pages.is_empty() {
            out.push_str(
                "\n| page (same query string as its API call) | API p50 / p99 (c1) | \
                 page p50 / p99 (c1) | page − API at p99 |\n| --- | --- | --- | --- |\n",
            );
            for p in &self.pages {
                out.push_str(&format!(
                    "| {} | {} / {} ms | {} / {} ms | {:+.2} ms |\n",
                    p.page,
                    ms(p.api.p50_ms),
                    ms(p.api.p99_ms),
                    ms(p.html.p50_ms),
                    ms(p.html.p99_ms),
                    p.html.p99_ms - p.api.p99_ms,
                ));
            }
        }
        let l = &self.load;
        out.push_str(&format!(
            "\nLoad through the write path: {} documents in {:.1} s ({:.0}/s), all searchable \
             {:.1} s after the last write ({:.0}/s end to end). A fresh index from the database: \
             {:.1} s ({:.0} documents/s), {:.0} MB on disk. A new write is searchable after \
             p50 {} ms, p99 {} ms. Peak memory {:.0} MB.\n",
            l.documents,
            l.write_secs,
            l.writes_per_sec,
            l.searchable_after_secs,
            l.end_to_end_docs_per_sec,
            l.index_build_secs,
            l.index_build_docs_per_sec,
            l.index_bytes as f64 / 1e6,
            ms(self.freshness.p50_ms),
            ms(self.freshness.p99_ms),
            self.peak_rss_bytes as f64 / 1e6,
        ));
        if let Some(p) = &self.postgres_load {
            out.push_str(&format!(
                "PostgreSQL: COPY {:.1} s + index builds {:.1} s = {:.0} documents/s, {:.0} MB; \
                 the index builds {:.1}× as many documents a second.\n",
                p.copy_secs,
                p.index_secs,
                p.docs_per_sec,
                p.bytes as f64 / 1e6,
                l.index_build_docs_per_sec / p.docs_per_sec,
            ));
        }
        out
    }

    /// Writes `<tier>-<time>.json` and `.md` into `dir`; returns the markdown path.
    pub fn write(&self, dir: &Path) -> std::io::Result<PathBuf> {
        std::fs::create_dir_all(dir)?;
        let stem = format!(
            "{}-{}",
            self.tier.name,
            self.started_at.replace([':', ' '], "")
        );
        let json = serde_json::to_string_pretty(self).map_err(std::io::Error::other)?;
        std::fs::write(dir.join(format!("{stem}.json")), json)?;
        let md = dir.join(format!("{stem}.md"));
        std::fs::write(&md, self.markdown())?;
        Ok(md)
    }
}
