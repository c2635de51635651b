//! Offers: an approved supplier proposes products to an approved host; the party whose
//! turn it is accepts, declines or counters the latest version (`counter`), the supplier
//! may withdraw, and time expires it. Every move is a conditional update (one winner), and
//! the email it causes (`mail`) is queued in the same transaction. `limits` and `blocks`
//! bound outreach; `closing` ends the open offers of an account that closes.

mod blocks;
mod closing;
mod counter;
mod decide;
mod described;
mod input;
mod limits;
mod mail;

pub use blocks::{Block, block, blocks, unblock};
pub(crate) use closing::end_for_closing;
pub use counter::{Version, counter, versions};
pub use decide::preview;
use decide::{Decision, decide};
pub use described::{Described, describe, names};
pub use input::{CounterRequest, DeclineRequest, MoveRequest, OfferRequest, Said};
use mail::{offer_mail, parties};

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ConnectionTrait, DatabaseTransaction, DbErr};
use uuid::Uuid;

use crate::{
    db::{
        self, Db, accounts, collaborations,
        offers::{self, OfferRow, Whose},
    },
    domain::{
        Actor, PageRequest, Refusal, Refuses, Role,
        fields::FieldError,
        findings::ProductFinding,
        offer::{OfferDraft, OfferMove, OfferStatus, Party},
    },
    policy::{self, Denied},
    services::notify::{self, Links, Notification, OfferMail},
};

#[derive(Debug, thiserror::Error)]
pub enum OfferError {
    #[error(transparent)]
    Denied(#[from] Denied),
    #[error("no such offer")]
    NotFound,
    /// Fields of the offer that cannot stand: a host who is not approved, products that
    /// are not the sender's, a product banned in all the host's markets.
    #[error("the offer cannot be sent as it is")]
    Invalid(Vec<FieldError>),
    /// Products prohibited in every market the host serves: `errors` as for `Invalid`,
    /// and the prohibitions behind them, for a page to explain.
    #[error("a product is prohibited in every market this host serves")]
    Banned {
        errors: Vec<FieldError>,
        bans: Vec<ProductFinding>,
    },
    #[error("This host already has an open offer from you for one of these products.")]
    Duplicate,
    #[error("The offer is {}; only a sent offer can change.", .0.as_str())]
    Closed(OfferStatus),
    #[error("The offer has a newer version ({0}); answer that one.")]
    Superseded(i32),
    #[error("It is the {0}'s turn: they answer the latest version of this offer.")]
    OthersTurn(Party),
    #[error("{reason}")]
    Waiting {
        retry_after_secs: u64,
        reason: &'static str,
    },
    #[error("the daily offer limit is reached")]
    DailyLimit { retry_after_secs: u64 },
    #[error("reading or writing offers")]
    Db(#[from] DbErr),
}

impl Refuses for OfferError {
    fn refusal(&self) -> Option<Refusal> {
        match self {
            Self::Denied(d) => Some((*d).into()),
            Self::NotFound => Some(Refusal::NotFound),
            Self::Invalid(errors) | Self::Banned { errors, .. } => {
                Some(Refusal::Invalid(errors.clone()))
            }
            Self::Duplicate | Self::Closed(_) | Self::Superseded(_) | Self::OthersTurn(_) => {
                Some(Refusal::Conflict(self.to_string()))
            }
            Self::DailyLimit { retry_after_secs } => Some(Refusal::Throttled {
                retry_after_secs: *retry_after_secs,
            }),
            Self::Waiting {
                retry_after_secs,
                reason,
            } => Some(Refusal::Waiting {
                retry_after_secs: *retry_after_secs,
                reason: (*reason).to_owned(),
            }),
            Self::Db(_) => None,
        }
    }
}

impl From<policy::NotNow> for OfferError {
    fn from(n: policy::NotNow) -> Self {
        match n {
            policy::NotNow::Denied(d) => Self::Denied(d),
            policy::NotNow::OthersTurn(p) => Self::OthersTurn(p),
        }
    }
}

impl OfferError {
    /// Why a change to `now_row` found it had moved on: closed, or still open at a newer
    /// version than the one answered.
    fn moved_on(now_row: &OfferRow, now: DateTime<Utc>) -> Self {
        match now_row.status.as_seen(now_row.expires_at, now) {
            OfferStatus::Sent => Self::Superseded(now_row.version),
            closed => Self::Closed(closed),
        }
    }
}

type Result<T, E = OfferError> = std::result::Result<T, E>;

/// An offer with the products it proposes, sorted.
#[derive(Debug, Clone)]
pub struct Offer {
    pub row: OfferRow,
    pub product_ids: Vec<Uuid>,
}

/// Each of `rows` with its products, in one query.
async fn with_products(db: &impl ConnectionTrait, rows: Vec<OfferRow>) -> Result<Vec<Offer>> {
    let ids: Vec<Uuid> = rows.iter().map(|o| o.id).collect();
    let pairs = offers::product_ids(db, &ids).await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let mut product_ids: Vec<Uuid> = pairs
                .iter()
                .filter(|(offer, _)| *offer == row.id)
                .map(|(_, p)| *p)
                .collect();
            product_ids.sort();
            Offer { row, product_ids }
        })
        .collect())
}

async fn one_with_products(db: &impl ConnectionTrait, row: OfferRow) -> Result<Offer> {
    let mut one = with_products(db, vec![row]).await?;
    Ok(one.remove(0))
}

fn invalid(field: &str, message: &str) -> OfferError {
    OfferError::Invalid(vec![FieldError::new(field, message)])
}

/// Creates an offer inside `txn` (which may also hold its idempotency key) and queues the
/// host's email. On an error the caller must not commit `txn`. `per_day` is how many offers one supplier may send in 24 hours.
#[tracing::instrument(name = "offers.create", skip_all, fields(host.id = %draft.host_id, offer.id))]
pub async fn create(
    txn: &DatabaseTransaction,
    links: &Links,
    per_day: u32,
    me: &Actor,
    draft: &OfferDraft,
) -> Result<Offer> {
    policy::may_send_offers(me)?;
    // The supplier's row, locked on PostgreSQL, serialises its offers so the daily count
    // cannot be raced past; the host's does the same for its offers from newcomers, and
    // for a block (which locks it too) against an offer it would miss.
    let supplier = accounts::find_for_update(txn, me.id)
        .await?
        .ok_or(OfferError::NotFound)?;
    accounts::find_for_update(txn, draft.host_id).await?;
    limits::not_blocked(txn, me.id, draft.host_id).await?;
    let Decision { host, warnings } = decide(txn, me, draft).await?;
    // Inserted before it is counted, so a duplicate is told 409 before a supplier at a
    // limit is told 429 (API.md's order); past a limit the caller's transaction, which
    // holds the insert, ends without a commit.
    let row = match offers::insert(txn, me.id, draft, &warnings).await {
        Ok(row) => row,
        Err(e) if db::is_unique_violation(&e) => return Err(OfferError::Duplicate),
        Err(e) => return Err(e.into()),
    };
    let now = Utc::now();
    let sent = offers::sent_since(txn, me.id, now - Duration::days(1)).await?;
    if sent > u64::from(per_day) {
        return Err(OfferError::DailyLimit {
            retry_after_secs: 3600,
        });
    }
    limits::within_outreach(txn, me.id, host.id, &draft.product_ids, now).await?;
    tracing::Span::current().record("offer.id", tracing::field::display(row.id));
    let mail = OfferMail {
        reason: None,
        ..offer_mail(txn, &row, &supplier, &host).await?
    };
    let key = format!("{}:{}", row.id, host.id);
    notify::queue(txn, links, &host, &key, Notification::OfferReceived(mail)).await?;
    let product_ids = draft.product_ids.clone();
    Ok(Offer { row, product_ids })
}

/// The offer if `viewer` is one of its parties or an admin; 404 otherwise.
#[tracing::instrument(name = "offers.get", skip_all, fields(offer.id = %id))]
pub async fn get(db: &Db, viewer: &Actor, id: Uuid) -> Result<Offer> {
    match offers::find(db.conn(), id).await? {
        Some(o) if policy::can_see_offer(viewer, o.supplier_id, o.host_id) => {
            one_with_products(db.conn(), o).await
        }
        _ => Err(OfferError::NotFound),
    }
}

/// The offers `viewer` is a party to (every offer, for admins), newest first.
#[tracing::instrument(name = "offers.list", skip_all)]
pub async fn list(
    db: &Db,
    viewer: &Actor,
    status: Option<OfferStatus>,
    page: PageRequest,
) -> Result<(Vec<Offer>, u64)> {
    let party = party_of(viewer);
    let now = Utc::now();
    let (rows, total) =
        offers::list(db.conn(), party, status, now, page.page, page.per_page).await?;
    Ok((with_products(db.conn(), rows).await?, total))
}

/// How many offers `viewer` would see under each status, in `OfferStatus::ALL`'s order.
#[tracing::instrument(name = "offers.counts", skip_all)]
pub async fn counts(db: &Db, viewer: &Actor) -> Result<Vec<(OfferStatus, u64)>> {
    let party = party_of(viewer);
    let now = Utc::now();
    let mut out = Vec::new();
    for s in OfferStatus::ALL {
        out.push((*s, offers::count(db.conn(), party, *s, now).await?));
    }
    Ok(out)
}

fn party_of(viewer: &Actor) -> Whose {
    match viewer.role {
        Role::Supplier => Whose::Supplier(viewer.id),
        Role::Host => Whose::Host(viewer.id),
        Role::Admin => Whose::Anyone,
    }
}

/// The party whose turn it is accepts or declines the latest version, the supplier
/// withdraws. Exactly one of two racing moves wins; the other gets 409. What the move
/// `said` is read once the caller is known to be the party whose move it is, so its
/// refusals come after 403 and 404.
#[tracing::instrument(name = "offers.make_move", skip_all, fields(offer.id = %id, offer.to = mv.to().as_str()))]
pub async fn make_move<E: From<OfferError> + From<DbErr>>(
    db: &Db,
    links: &Links,
    me: &Actor,
    id: Uuid,
    mv: OfferMove,
    said: impl FnOnce() -> Result<Said, E>,
) -> Result<Offer, E> {
    let txn = db.begin_write().await?;
    let offer = offers::find(&txn, id).await?;
    let Some(offer) = offer.filter(|o| policy::can_see_offer(me, o.supplier_id, o.host_id)) else {
        return Err(OfferError::NotFound.into());
    };
    // 403 now; a party waiting for its turn hears so (409) after what is wrong with what
    // it said (422), as API.md orders refusals.
    let waiting = match policy::may_answer_offer(
        me,
        Some(mv),
        offer.latest_by,
        offer.supplier_id,
        offer.host_id,
    ) {
        Ok(()) => None,
        Err(policy::NotNow::Denied(d)) => return Err(OfferError::Denied(d).into()),
        Err(policy::NotNow::OthersTurn(p)) => Some(p),
    };
    let Said { reason, version } = said()?;
    let now = Utc::now();
    if let Some(p) = waiting {
        let current = offer.status.as_seen(offer.expires_at, now);
        return Err(if current == OfferStatus::Sent {
            OfferError::OthersTurn(p)
        } else {
            OfferError::Closed(current)
        }
        .into());
    }
    // An answer is to the version the caller names, or else the one just read; a
    // withdrawal that names none ends any version.
    if version.is_some_and(|v| v != offer.version) {
        return Err(OfferError::moved_on(&offer, now).into());
    }
    let at_version = version.or((mv != OfferMove::Withdraw).then_some(offer.version));
    if !offers::transition(&txn, id, mv.to(), reason.as_deref(), at_version, now).await? {
        let now_row = offers::find(&txn, id).await?.unwrap_or(offer);
        return Err(OfferError::moved_on(&now_row, now).into());
    }
    let moved = offers::find(&txn, id).await?.ok_or(OfferError::NotFound)?;
    if mv == OfferMove::Accept {
        // The accepted version's terms are frozen in the collaboration; it counts in the
        // track record once it is confirmed.
        collaborations::insert_agreed(&txn, &moved).await?;
    }
    let (supplier, host) = parties(&txn, &moved).await?;
    let to = match mv.by(moved.latest_by) {
        Party::Supplier => &host,
        Party::Host => &supplier,
    };
    let base = offer_mail(&txn, &moved, &supplier, &host).await?;
    let by_name = match mv.by(moved.latest_by) {
        Party::Supplier => base.supplier_name.clone(),
        Party::Host => base.host_name.clone(),
    };
    let mail = OfferMail {
        reason,
        by_name,
        ..base
    };
    // The supplier answering the host's counter tells the host in the counter's words.
    let mail = match (mv, moved.latest_by) {
        (OfferMove::Accept, Party::Supplier) => Notification::OfferAccepted(mail),
        (OfferMove::Accept, Party::Host) => Notification::CounterAccepted(mail),
        (OfferMove::Decline, Party::Supplier) => Notification::OfferDeclined(mail),
        (OfferMove::Decline, Party::Host) => Notification::CounterDeclined(mail),
        (OfferMove::Withdraw, _) => Notification::OfferWithdrawn(mail),
    };
    let key = format!("{}:{}", moved.id, to.id);
    notify::queue(&txn, links, to, &key, mail).await?;
    let moved = one_with_products(&txn, moved).await?;
    txn.commit().await?;
    Ok(moved)
}

/// Expires every sent offer whose time is up at `now`, emailing both parties. Returns how
/// many it expired.
#[tracing::instrument(name = "offers.expire_due", skip_all)]
pub async fn expire_due(db: &Db, links: &Links, now: DateTime<Utc>) -> Result<usize> {
    let due = offers::due_to_expire(db.conn(), now, 100).await?;
    let mut n = 0;
    for o in due {
        let txn = db.begin_write().await?;
        if offers::transition(&txn, o.id, OfferStatus::Expired, None, None, now).await? {
            let moved = offers::find(&txn, o.id)
                .await?
                .ok_or(OfferError::NotFound)?;
            let (supplier, host) = parties(&txn, &moved).await?;
            let mail = offer_mail(&txn, &moved, &supplier, &host).await?;
            for to in [&supplier, &host] {
                let key = format!("{}:{}", moved.id, to.id);
                let n = Notification::OfferExpired(mail.clone());
                notify::queue(&txn, links, to, &key, n).await?;
            }
            n += 1;
        }
        txn.commit().await?;
    }
    Ok(n)
}
