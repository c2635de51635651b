//! From database rows to search documents: what is visible, and what each document holds.

use std::collections::BTreeSet;

use sea_orm::{ConnectionTrait, DbErr};
use search_index::{EVERYWHERE, HostDoc, Op, ProductDoc, Restrictions, Severity};
use uuid::Uuid;

use crate::{
    db::{
        accounts::{self, AccountRow},
        products::{self, ProductRow},
        profiles::{self, HostRow},
    },
    domain::{
        AccountStatus,
        findings::{EVERY_MARKET, Finding, Level},
        product::ProductStatus,
        profile::HostLanguage,
        profile::LanguageLevel,
        profile::Platform,
    },
    reference::taxonomy,
};

fn lineage(ids: impl IntoIterator<Item = u32>) -> (Vec<u64>, Vec<u64>) {
    let mut all = BTreeSet::new();
    let mut tops = BTreeSet::new();
    for id in ids {
        for c in taxonomy().lineage(id) {
            all.insert(u64::from(c.id));
        }
        if let Some(t) = taxonomy().top_level(id) {
            tops.insert(u64::from(t));
        }
    }
    (all.into_iter().collect(), tops.into_iter().collect())
}

/// Search shows a host whose account is approved (and who has a profile).
pub fn host_visible(owner: Option<&AccountRow>) -> bool {
    owner.is_some_and(|a| a.status == AccountStatus::Approved)
}

/// Search shows an active product of an approved supplier.
pub fn product_visible(p: &ProductRow, supplier: Option<&AccountRow>) -> bool {
    p.status == ProductStatus::Active && host_visible(supplier)
}

pub fn host_doc(p: &HostRow) -> HostDoc {
    let languages: Vec<HostLanguage> = p.languages.0.clone();
    let platforms: Vec<Platform> = p.platforms.0.clone();
    let categories: Vec<u32> = p.categories.0.clone();
    let (category_lineage, top_categories) = lineage(categories);
    let platform_names: BTreeSet<String> = platforms.into_iter().map(|p| p.name).collect();
    HostDoc {
        id: p.id.to_string(),
        text: vec![p.display_name.clone(), p.headline.clone(), p.bio.clone()],
        conversational: languages
            .iter()
            .filter(|l| l.level == LanguageLevel::Conversational)
            .map(|l| l.code.clone())
            .collect(),
        languages: languages.into_iter().map(|l| l.code).collect(),
        markets: p.markets.0.clone(),
        category_lineage,
        top_categories,
        platforms: platform_names.into_iter().collect(),
        followers: p.followers_total.max(0) as u64,
        min_commission_pct: p.min_commission_pct,
        rating: p.rating,
        collaborations: p.completed_collaborations.max(0) as u64,
        created_ms: p.created_at.timestamp_millis(),
    }
}

pub fn product_doc(p: &ProductRow) -> ProductDoc {
    let (category_lineage, tops) = lineage([p.category as u32]);
    ProductDoc {
        id: p.id.to_string(),
        supplier_id: p.supplier_id.to_string(),
        text: vec![
            p.title.clone(),
            p.title_zh.clone(),
            p.description.clone(),
            p.description_zh.clone(),
        ],
        category_lineage,
        top_category: tops.first().copied().unwrap_or(0),
        markets: p.target_markets.0.clone(),
        price_cents: p.price_cents.max(0) as u64,
        commission_pct: p.commission_pct,
        free_samples: p.free_samples,
        created_ms: p.created_at.timestamp_millis(),
        restrictions: restrictions(&p.compliance.0.clone()),
    }
}

/// Where findings hold, country by country, as matching reads them.
pub fn restrictions(findings: &[Finding]) -> Restrictions {
    let mut out = Restrictions::new();
    for f in findings {
        let severity = match f.level {
            Level::Prohibited => Severity::Prohibited,
            Level::Restricted => Severity::Restricted,
            Level::Caution => Severity::Caution,
        };
        if f.market == EVERY_MARKET {
            out.push((EVERYWHERE.to_owned(), severity));
        } else {
            out.extend(f.countries.iter().map(|c| (c.clone(), severity)));
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Ids per query: far below the bound-parameter limits of SQLite (32,766) and PostgreSQL
/// (65,535), however many products a supplier has.
const CHUNK: usize = 500;

/// What the index must hold for these hosts now: their document if the host is approved
/// and has a profile, nothing otherwise.
pub async fn host_ops(db: &impl ConnectionTrait, ids: &[Uuid]) -> Result<Vec<Op>, DbErr> {
    let mut ops = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(CHUNK) {
        ops.extend(host_ops_chunk(db, chunk).await?);
    }
    Ok(ops)
}

async fn host_ops_chunk(db: &impl ConnectionTrait, ids: &[Uuid]) -> Result<Vec<Op>, DbErr> {
    let rows = profiles::hosts_by_ids(db, ids).await?;
    let owners = accounts::by_ids(db, ids).await?;
    Ok(ids
        .iter()
        .map(|id| {
            let owner = owners.iter().find(|a| a.id == *id);
            match rows.iter().find(|r| r.id == *id) {
                Some(row) if host_visible(owner) => Op::UpsertHost(host_doc(row)),
                _ => Op::Delete { id: id.to_string() },
            }
        })
        .collect())
}

/// What the index must hold for these products now: active products of approved suppliers.
pub async fn product_ops(db: &impl ConnectionTrait, ids: &[Uuid]) -> Result<Vec<Op>, DbErr> {
    let mut ops = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(CHUNK) {
        ops.extend(product_ops_chunk(db, chunk).await?);
    }
    Ok(ops)
}

async fn product_ops_chunk(db: &impl ConnectionTrait, ids: &[Uuid]) -> Result<Vec<Op>, DbErr> {
    let rows = products::by_ids(db, ids).await?;
    let supplier_ids: Vec<Uuid> = rows
        .iter()
        .map(|r| r.supplier_id)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let owners = accounts::by_ids(db, &supplier_ids).await?;
    Ok(ids
        .iter()
        .map(|id| match rows.iter().find(|r| r.id == *id) {
            Some(row) if product_visible(row, owners.iter().find(|a| a.id == row.supplier_id)) => {
                Op::UpsertProduct(product_doc(row))
            }
            _ => Op::Delete { id: id.to_string() },
        })
        .collect())
}
