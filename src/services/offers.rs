//! Offers: an approved supplier proposes products to an approved host; the host accepts or
//! declines, the supplier may withdraw, and time expires it. Every move is a conditional
//! update (one winner), and the email it causes is queued in the same transaction.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ConnectionTrait, DatabaseTransaction};
use serde_json::json;
use uuid::Uuid;

use crate::{
    db::{
        self, Db,
        accounts::{self, AccountRow},
        offers::{self, OfferRow, Party},
        outbox,
        products::{self, ProductRow},
        profiles,
        search_changes::{self, Entity},
    },
    domain::{
        AccountStatus, Locale, Role,
        compliance::{Level, ProductFinding, Screened, banned_in_all},
        offer::{OfferDraft, OfferMove, OfferStatus},
        product::ACTIVE,
    },
    error::{AppError, AppResult, FieldError},
    extract::{CurrentAccount, Pagination},
    services::auth::status_of,
    state::AppState,
};

/// Only approved suppliers send offers.
pub fn may_send(me: &CurrentAccount) -> AppResult<()> {
    if me.role == Role::Supplier && me.status == AccountStatus::Approved {
        Ok(())
    } else {
        Err(AppError::Forbidden(
            "Only approved suppliers send offers.".into(),
        ))
    }
}

/// Creates an offer inside `txn` (which may also hold its idempotency key) and queues the
/// host's email.
pub async fn create(
    txn: &DatabaseTransaction,
    state: &AppState,
    me: &CurrentAccount,
    draft: &OfferDraft,
) -> AppResult<OfferRow> {
    may_send(me)?;
    let host = accounts::find(txn, draft.host_id).await?;
    let host = host
        .filter(|h| h.role == Role::Host.as_str() && status_of(h) == AccountStatus::Approved)
        .ok_or_else(|| AppError::field("host_id", "is not an approved host"))?;
    let items = products::by_ids(txn, &draft.product_ids).await?;
    let all_mine = draft.product_ids.iter().all(|id| {
        items
            .iter()
            .any(|p| p.id == *id && p.supplier_id == me.id() && p.status == ACTIVE)
    });
    if !all_mine {
        return Err(AppError::field(
            "product_ids",
            "must all be your own active products",
        ));
    }
    let warnings = screen(txn, &host, &items, me.reads).await?;
    // The supplier's row, locked on PostgreSQL, serialises its offers so the daily count
    // cannot be raced past.
    accounts::find_for_update(txn, me.id()).await?;
    let now = Utc::now();
    let sent = offers::sent_since(txn, me.id(), now - Duration::days(1)).await?;
    if sent >= u64::from(state.settings.offers_per_day) {
        return Err(AppError::TooManyRequests {
            retry_after_secs: 3600,
        });
    }
    let stored = serde_json::to_string(&warnings).expect("findings serialize");
    let row = match offers::insert(txn, me.id(), draft, &stored).await {
        Ok(row) => row,
        Err(e) if db::is_unique_violation(&e) => {
            return Err(AppError::Conflict(
                "This host already has an open offer from you for one of these products.".into(),
            ));
        }
        Err(e) => return Err(e.into()),
    };
    let titles: Vec<String> = items.iter().map(|p| p.title.clone()).collect();
    let supplier_name = supplier_name(txn, &me.row).await?;
    notify(
        txn,
        &state.public_url,
        &row,
        "offer.received",
        &host,
        &supplier_name,
        &host.display_name,
        &titles,
        None,
    )
    .await?;
    Ok(row)
}

/// The offer's products against the host's markets: refused (422, with the reasons in
/// the sender's language) when one is prohibited in every market the host serves;
/// otherwise the findings that hold in those markets, for the offer to carry.
async fn screen(
    txn: &impl ConnectionTrait,
    host: &AccountRow,
    items: &[ProductRow],
    reader: Locale,
) -> AppResult<Vec<ProductFinding>> {
    let markets: Vec<String> = profiles::find_host(txn, host.id)
        .await?
        .map(|p| db::from_json_column(&p.markets))
        .unwrap_or_default();
    let mut refused = Vec::new();
    let mut warnings = Vec::new();
    for p in items {
        let findings = Screened::findings(&p.compliance);
        if banned_in_all(&findings, &markets) {
            let why: Vec<String> = findings
                .iter()
                .filter(|f| f.level == Level::Prohibited && f.reaches(&markets))
                .map(|f| {
                    let reason = f.reason_in(reader);
                    format!("{} ({}): {reason}", f.market, f.level.as_str())
                })
                .collect();
            refused.push(FieldError::new(
                "product_ids",
                format!(
                    "{} ({:?}) is prohibited in every market this host serves: {}",
                    p.id,
                    p.title,
                    why.join("; ")
                ),
            ));
        }
        warnings.extend(
            findings
                .iter()
                .filter(|f| f.reaches(&markets))
                .map(|f| ProductFinding {
                    product_id: p.id,
                    title: p.title.clone(),
                    finding: f.within(&markets),
                }),
        );
    }
    if refused.is_empty() {
        Ok(warnings)
    } else {
        Err(AppError::Validation(refused))
    }
}

/// The offer's warnings as an email lists them, in the recipient's language.
fn warning_lines(offer: &OfferRow, reader: Locale) -> String {
    let zh = reader == Locale::ZhCn;
    let stored: Vec<ProductFinding> = serde_json::from_str(&offer.warnings).unwrap_or_default();
    if stored.is_empty() {
        return if zh { "无".into() } else { "none".into() };
    }
    stored
        .iter()
        .map(|w| {
            let f = &w.finding;
            let title = &w.title;
            let level = if zh {
                zh_level(f.level)
            } else {
                f.level.as_str()
            };
            let reason = f.reason_in(reader);
            let place = if f.countries.is_empty() {
                f.market.clone()
            } else {
                f.countries.join(", ")
            };
            format!("• {title} [{level}] {place}: {reason}")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn zh_level(l: Level) -> &'static str {
    match l {
        Level::Prohibited => "禁止",
        Level::Restricted => "限制",
        Level::Caution => "注意",
    }
}

async fn supplier_name(db: &impl ConnectionTrait, account: &AccountRow) -> AppResult<String> {
    Ok(profiles::find_supplier(db, account.id)
        .await?
        .map_or_else(|| account.display_name.clone(), |p| p.company_name))
}

#[allow(clippy::too_many_arguments)]
async fn notify(
    txn: &impl ConnectionTrait,
    public_url: &str,
    offer: &OfferRow,
    event: &str,
    to: &AccountRow,
    supplier_name: &str,
    host_name: &str,
    titles: &[String],
    reason: Option<&str>,
) -> AppResult<()> {
    let yes_no = |b: bool| match (b, to.locale.starts_with("zh")) {
        (true, true) => "有",
        (false, true) => "无",
        (true, false) => "yes",
        (false, false) => "no",
    };
    outbox::enqueue(
        txn,
        outbox::NewEmail {
            dedupe_key: format!("{event}:{}:{}", offer.id, to.id),
            template: event,
            locale: &to.locale,
            to_address: &to.email,
            to_name: &to.display_name,
            payload: json!({
                "recipient_name": to.display_name,
                "supplier_name": supplier_name,
                "host_name": host_name,
                "products": titles.iter().map(|t| format!("• {t}")).collect::<Vec<_>>().join("\n"),
                "commission_pct": offer.commission_pct.to_string(),
                "fee": format!("US${}.{:02}", offer.fee_cents / 100, offer.fee_cents % 100),
                "free_samples": yes_no(offer.free_samples),
                "expires_at": offer.expires_at.format("%Y-%m-%d %H:%M UTC").to_string(),
                "message": offer.message,
                "reason": reason.unwrap_or("—"),
                "warnings": warning_lines(offer, Locale::from_stored(&to.locale)),
                "link": format!("{public_url}/api/v1/offers/{}", offer.id),
            }),
        },
    )
    .await?;
    Ok(())
}

/// The offer if `viewer` is one of its parties or an admin; 404 otherwise.
pub async fn get(state: &AppState, viewer: &CurrentAccount, id: Uuid) -> AppResult<OfferRow> {
    match offers::find(state.db.conn(), id).await? {
        Some(o) if is_party(viewer, &o) || viewer.role == Role::Admin => Ok(o),
        _ => Err(AppError::NotFound),
    }
}

fn is_party(viewer: &CurrentAccount, o: &OfferRow) -> bool {
    viewer.id() == o.supplier_id || viewer.id() == o.host_id
}

pub async fn list(
    state: &AppState,
    viewer: &CurrentAccount,
    status: Option<OfferStatus>,
    paging: Pagination,
) -> AppResult<(Vec<OfferRow>, u64)> {
    let party = match viewer.role {
        Role::Supplier => Party::Supplier(viewer.id()),
        Role::Host => Party::Host(viewer.id()),
        Role::Admin => Party::Anyone,
    };
    let now = Utc::now();
    Ok(offers::list(
        state.db.conn(),
        party,
        status,
        now,
        paging.page,
        paging.per_page,
    )
    .await?)
}

/// The host accepts or declines, the supplier withdraws. Exactly one of two racing moves
/// wins; the other gets 409.
pub async fn make_move(
    state: &AppState,
    me: &CurrentAccount,
    id: Uuid,
    mv: OfferMove,
    reason: Option<String>,
) -> AppResult<OfferRow> {
    let txn = state.db.begin_write().await?;
    let offer = offers::find(&txn, id).await?;
    let Some(offer) = offer.filter(|o| is_party(me, o) || me.role == Role::Admin) else {
        return Err(AppError::NotFound);
    };
    let actor = if mv.by_supplier() {
        offer.supplier_id
    } else {
        offer.host_id
    };
    if me.id() != actor {
        return Err(AppError::Forbidden(if mv.by_supplier() {
            "Only the supplier who sent an offer withdraws it.".into()
        } else {
            "Only the host an offer was sent to answers it.".into()
        }));
    }
    let now = Utc::now();
    if !offers::transition(&txn, id, mv.to(), reason.as_deref(), now).await? {
        let current = view_status(&offers::find(&txn, id).await?.unwrap_or(offer), now);
        return Err(AppError::Conflict(format!(
            "The offer is {}; only a sent offer can change.",
            current.as_str()
        )));
    }
    if mv == OfferMove::Accept {
        // An accepted offer is a collaboration: it counts in the host's track record.
        profiles::count_collaboration(&txn, offer.host_id).await?;
        search_changes::record(&txn, Entity::Host, offer.host_id).await?;
    }
    let moved = offers::find(&txn, id).await?.ok_or(AppError::NotFound)?;
    let (supplier, host) = parties(&txn, &moved).await?;
    let to = if mv.by_supplier() { &host } else { &supplier };
    let titles = titles(&txn, &moved).await?;
    let supplier_name = supplier_name(&txn, &supplier).await?;
    notify(
        &txn,
        &state.public_url,
        &moved,
        mv.template(),
        to,
        &supplier_name,
        &host.display_name,
        &titles,
        reason.as_deref(),
    )
    .await?;
    txn.commit().await?;
    Ok(moved)
}

async fn parties(db: &impl ConnectionTrait, o: &OfferRow) -> AppResult<(AccountRow, AccountRow)> {
    let supplier = accounts::find(db, o.supplier_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let host = accounts::find(db, o.host_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((supplier, host))
}

async fn titles(db: &impl ConnectionTrait, o: &OfferRow) -> AppResult<Vec<String>> {
    let ids: Vec<Uuid> = offers::product_ids(db, &[o.id])
        .await?
        .into_iter()
        .map(|(_, p)| p)
        .collect();
    Ok(products::by_ids(db, &ids)
        .await?
        .into_iter()
        .map(|p| p.title)
        .collect())
}

/// What a reader sees: a sent offer past its time is expired, job or no job.
pub fn view_status(o: &OfferRow, now: DateTime<Utc>) -> OfferStatus {
    match OfferStatus::parse(&o.status) {
        Some(OfferStatus::Sent) if o.expires_at <= now => OfferStatus::Expired,
        Some(s) => s,
        None => OfferStatus::Expired,
    }
}

/// Expires every sent offer whose time is up at `now`, emailing both parties. Returns how
/// many it expired.
pub async fn expire_due(db: &Db, public_url: &str, now: DateTime<Utc>) -> AppResult<usize> {
    let due = offers::due_to_expire(db.conn(), now, 100).await?;
    let mut n = 0;
    for o in due {
        let txn = db.begin_write().await?;
        if offers::transition(&txn, o.id, OfferStatus::Expired, None, now).await? {
            let moved = offers::find(&txn, o.id).await?.ok_or(AppError::NotFound)?;
            let (supplier, host) = parties(&txn, &moved).await?;
            let titles = titles(&txn, &moved).await?;
            let supplier_name = supplier_name(&txn, &supplier).await?;
            for to in [&supplier, &host] {
                let host_name = host.display_name.clone();
                notify(
                    &txn,
                    public_url,
                    &moved,
                    "offer.expired",
                    to,
                    &supplier_name,
                    &host_name,
                    &titles,
                    None,
                )
                .await?;
            }
            n += 1;
        }
        txn.commit().await?;
    }
    Ok(n)
}
