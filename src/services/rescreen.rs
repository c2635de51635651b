//! Re-screening: after the rules or terms change, every product's and host profile's
//! stored findings are brought up to the rulebook in force, in batches, without ever
//! overwriting a save the pass did not read or findings from a newer rulebook.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use sea_orm::{DbErr, EntityTrait};
use uuid::Uuid;

use crate::{
    db::{
        Db,
        products::ProductRow,
        profiles::HostRow,
        rules::{self, Screenable},
        search_changes::{self, Entity},
    },
    domain::findings::{Finding, Screened},
    services::{
        rulebook::{LiveRulebook, Rulebook},
        screening::{host_findings, load, product_findings},
    },
};

#[derive(Debug, thiserror::Error)]
pub enum RescreenError {
    #[error("the screening task ended without an answer")]
    Task(#[from] tokio::task::JoinError),
    #[error("reading or writing findings")]
    Db(#[from] DbErr),
}

type Result<T, E = RescreenError> = std::result::Result<T, E>;

/// Rows re-screened per transaction.
const BATCH: u64 = 200;

/// What one re-screening pass did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Rescreened {
    pub products: usize,
    pub hosts: usize,
    /// Of those, the ones whose findings changed.
    pub changed: usize,
}

/// Whether findings stored under `row` came from a newer rulebook than `ours`: a later
/// generation of the admins' changes, or at the same generation a newer shipped file
/// (another build, mid-deploy). Those are left alone, so two builds never re-screen each
/// other's rows back and forth; a row of an older generation is always re-screened, even
/// when a newer build (since rolled back) wrote it.
fn newer(row: &str, ours: &str) -> bool {
    fn parts(v: &str) -> Option<[(String, u64); 3]> {
        let mut it = v.split('/');
        let mut next = || -> Option<(String, u64)> {
            let p = it.next()?;
            // `2026-11-29.3`: the date, then the release of that day; or a bare number.
            Some(match p.rsplit_once('.') {
                Some((date, n)) => (date.to_owned(), n.parse().ok()?),
                None => (String::new(), p.parse().ok()?),
            })
        };
        Some([next()?, next()?, next()?])
    }
    match (parts(row), parts(ours)) {
        (Some([rr, rt, rg]), Some([or, ot, og])) => {
            rg.1 > og.1 || (rg.1 == og.1 && (rr > or || rt > ot))
        }
        _ => false,
    }
}

/// Brings every product's and host profile's findings up to the rulebook in force,
/// reloading it first if another process changed the rules, and starting over whenever
/// they change during the pass. Products whose findings changed are re-indexed (matching
/// reads their restrictions). Screening runs off the async threads and before the write
/// transaction, which then only stores.
#[tracing::instrument(name = "rescreen.rescreen", skip_all)]
pub async fn rescreen(db: &Db, c: &LiveRulebook) -> Result<Rescreened> {
    let mut done = Rescreened::default();
    'pass: loop {
        if rules::generation(db.conn()).await? != c.book().generation {
            c.replace(load(db.conn()).await?);
        }
        let book = c.book();
        for products in [true, false] {
            let mut after = None;
            loop {
                if c.book().version != book.version
                    || rules::generation(db.conn()).await? != book.generation
                {
                    continue 'pass;
                }
                let batch = if products {
                    // Matching reads a product's restrictions from the index.
                    let reindex = Some(Entity::Product);
                    batch(db, &book, &rules::PRODUCTS, reindex, after).await?
                } else {
                    batch(db, &book, &rules::HOSTS, None, after).await?
                };
                let Some((last, n, changed)) = batch else {
                    break;
                };
                after = Some(last);
                if products {
                    done.products += n;
                } else {
                    done.hosts += n;
                }
                done.changed += changed;
            }
        }
        return Ok(done);
    }
}

/// A stored row the job re-screens: what guards its write, and its findings afresh.
trait Rescreenable: Send + 'static {
    fn id(&self) -> Uuid;
    fn updated_at(&self) -> DateTime<Utc>;
    fn screened_with(&self) -> &str;
    fn compliance(&self) -> &[Finding];
    fn findings(&self, book: &Rulebook) -> Vec<Finding>;
}

impl Rescreenable for ProductRow {
    fn id(&self) -> Uuid {
        self.id
    }
    fn updated_at(&self) -> DateTime<Utc> {
        self.updated_at
    }
    fn screened_with(&self) -> &str {
        &self.screened_with
    }
    fn compliance(&self) -> &[Finding] {
        &self.compliance
    }
    fn findings(&self, book: &Rulebook) -> Vec<Finding> {
        let text = [
            &self.title,
            &self.title_zh,
            &self.description,
            &self.description_zh,
        ];
        product_findings(book, u32::try_from(self.category).unwrap_or(0), text)
    }
}

impl Rescreenable for HostRow {
    fn id(&self) -> Uuid {
        self.id
    }
    fn updated_at(&self) -> DateTime<Utc> {
        self.updated_at
    }
    fn screened_with(&self) -> &str {
        &self.screened_with
    }
    fn compliance(&self) -> &[Finding] {
        &self.compliance
    }
    fn findings(&self, book: &Rulebook) -> Vec<Finding> {
        host_findings(book, &self.headline, &self.bio)
    }
}

/// One batch of stale rows of `table` after `after`: the last id read, how many were
/// stored, and how many of those changed (each recorded as a search change of `reindex`,
/// when given). None when there are no more.
async fn batch<E>(
    db: &Db,
    book: &Arc<Rulebook>,
    table: &Screenable<E>,
    reindex: Option<Entity>,
    after: Option<Uuid>,
) -> Result<Option<(Uuid, usize, usize)>>
where
    E: EntityTrait,
    E::Model: Rescreenable,
{
    let rows = table.stale(db.conn(), &book.version, after, BATCH).await?;
    let Some(last) = rows.last().map(Rescreenable::id) else {
        return Ok(None);
    };
    let b = book.clone();
    let screened = tokio::task::spawn_blocking(move || {
        rows.into_iter()
            .filter(|r| !newer(r.screened_with(), &b.version))
            .map(|r| {
                let s = Screened::new(&r.findings(&b), &b.version);
                (r, s)
            })
            .collect::<Vec<_>>()
    })
    .await?;
    let (mut stored, mut changed) = (0, 0);
    let txn = db.begin_write().await?;
    for (r, s) in &screened {
        if table
            .set(&txn, r.id(), r.updated_at(), r.screened_with(), s)
            .await?
        {
            stored += 1;
            if s.compliance != r.compliance() {
                changed += 1;
                if let Some(entity) = reindex {
                    search_changes::record(&txn, entity, r.id()).await?;
                }
            }
        }
    }
    txn.commit().await?;
    Ok(Some((last, stored, changed)))
}

#[cfg(test)]
mod tests {
    use super::newer;

    #[test]
    fn findings_from_a_newer_rulebook_are_left_alone() {
        let ours = "2026-11-29.3/2026-11-29.1/4";
        assert!(
            newer("2026-11-29.10/2026-11-29.1/4", ours),
            "release 10 after 3"
        );
        assert!(newer("2026-11-29.3/2026-11-29.1/5", ours));
        assert!(newer("2026-12-01.1/2026-11-29.1/4", ours), "a newer build");
        assert!(
            !newer("2026-12-01.1/2026-11-29.1/3", ours),
            "an older generation, whatever build wrote it"
        );
        assert!(
            newer("2026-11-29.2/2026-11-29.1/9", ours),
            "a later generation"
        );
        assert!(!newer("", ours), "never screened");
        assert!(!newer(ours, ours));
        assert!(!newer("2026-11-28.9/2026-11-29.1/4", ours));
    }
}
