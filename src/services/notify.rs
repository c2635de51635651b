//! The emails that follow from changes, as one enum whose variants name their template and
//! carry what it shows; queued in the outbox inside the caller's transaction.
//!
//! Every operation that emails someone is handed a [`Links`], which also says whether its
//! emails are queued at all ([`Delivery`]). The service always queues; `hostmatch seed`
//! makes up people at `.test` addresses and skips, so the same operations build its data
//! and nothing is left in the outbox for the mail worker to send.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DbErr};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::{
    db::{accounts::AccountRow, outbox},
    domain::{
        AccountStatus, Locale, VettingAction,
        findings::{Level, ProductFinding},
    },
    email::templates::TemplateName,
};

/// Whether the emails a change causes are queued in the outbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    /// Queued, and sent by the mail worker: every change made by a person.
    Queue,
    /// Not queued: the change happens (with its audit row) and nobody is told. Only for
    /// demo data about made-up people (`hostmatch seed`), whose addresses can follow no
    /// link: `services::account::verify_made_up` marks them verified instead.
    Skip,
}

/// Where links in emails point (the service's public base URL, without a trailing slash),
/// and whether the emails are queued at all.
#[derive(Debug, Clone)]
pub struct Links {
    base: Arc<str>,
    delivery: Delivery,
}

impl Links {
    /// Links for emails that are queued.
    pub fn new(base: &str) -> Self {
        Self {
            base: base.trim_end_matches('/').into(),
            delivery: Delivery::Queue,
        }
    }

    /// The same links, with emails queued or skipped.
    pub fn with_delivery(self, delivery: Delivery) -> Self {
        Self { delivery, ..self }
    }

    pub fn delivery(&self) -> Delivery {
        self.delivery
    }

    /// The service itself.
    pub fn app(&self) -> &str {
        &self.base
    }

    /// A web page: `path` starts with `/` and may carry a query (`/verify-email?token=…`).
    /// Links in emails open pages, never `/api/` addresses (WEB.md).
    pub fn page(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// One offer's page, in the reader's language.
    pub fn offer(&self, id: Uuid, locale: Locale) -> String {
        self.page(&format!("/offers/{id}?lang={}", locale.as_str()))
    }

    /// One collaboration's page, in the reader's language.
    pub fn collaboration(&self, id: Uuid, locale: Locale) -> String {
        self.page(&format!("/collaborations/{id}?lang={}", locale.as_str()))
    }
}

/// What an email about an account decision shows.
#[derive(Debug, Clone)]
pub struct AccountMail {
    pub reason: Option<String>,
}

/// What an email carrying a single-use link shows.
#[derive(Debug, Clone)]
pub struct LinkMail {
    /// The page the link opens, with its token.
    pub link: String,
}

/// What an email about an offer shows: its latest version's terms.
#[derive(Debug, Clone)]
pub struct OfferMail {
    pub offer_id: Uuid,
    pub version: i32,
    /// Who made the change the email tells of.
    pub by_name: String,
    pub live_at: Option<DateTime<Utc>>,
    pub supplier_name: String,
    pub host_name: String,
    pub products: Vec<String>,
    pub commission_pct: f64,
    pub fee_cents: i64,
    pub free_samples: bool,
    pub expires_at: DateTime<Utc>,
    pub message: String,
    pub reason: Option<String>,
    /// The products' findings in the host's markets when it was sent.
    pub warnings: Vec<ProductFinding>,
}

/// What an email about new messages in a thread shows.
#[derive(Debug, Clone)]
pub struct ThreadMail {
    pub offer_id: Uuid,
    /// Who wrote the latest of them.
    pub by_name: String,
    pub count: usize,
    pub excerpt: String,
}

/// What an email about a step of a collaboration shows; each template uses its part.
#[derive(Debug, Clone)]
pub struct CollabMail {
    pub collaboration_id: Uuid,
    /// Who took the step (empty when the clock did).
    pub by_name: String,
    /// The recipient's counterpart.
    pub other_name: String,
    pub products: Vec<String>,
    pub live_at: Option<DateTime<Utc>>,
    pub duration_minutes: Option<i32>,
    pub carrier: Option<String>,
    pub tracking_number: Option<String>,
    pub replay_url: Option<String>,
    pub units_sold: Option<i64>,
    /// When a completion stands unless confirmed sooner.
    pub confirm_by: Option<DateTime<Utc>>,
    /// Whether the clock confirmed it (else the supplier).
    pub by_clock: bool,
    /// The last day a review may be written.
    pub review_until: Option<DateTime<Utc>>,
    pub reason: Option<String>,
}

/// One email to one account holder.
#[derive(Debug, Clone)]
pub enum Notification {
    AccountApproved(AccountMail),
    AccountRejected(AccountMail),
    AccountSuspended(AccountMail),
    AccountReinstated(AccountMail),
    /// The link that proves an address, sent at registration and on request.
    VerifyEmail(LinkMail),
    /// The link that sets a new password.
    ResetPassword(LinkMail),
    OfferReceived(OfferMail),
    OfferAccepted(OfferMail),
    OfferDeclined(OfferMail),
    OfferWithdrawn(OfferMail),
    OfferExpired(OfferMail),
    /// The other party answered with a new version.
    OfferCountered(OfferMail),
    /// The supplier accepted or declined the host's counter.
    CounterAccepted(OfferMail),
    CounterDeclined(OfferMail),
    /// Messages the reader has not read, batched.
    NewMessages(ThreadMail),
    CollabScheduled(CollabMail),
    CollabShipped(CollabMail),
    CollabReceived(CollabMail),
    CollabCompleted(CollabMail),
    CollabConfirmed(CollabMail),
    CollabCancelled(CollabMail),
    ReviewsPublished(CollabMail),
}

impl Notification {
    /// The email telling an account holder what an admin decided.
    pub fn vetted(action: VettingAction, reason: Option<String>) -> Self {
        let mail = AccountMail { reason };
        match action {
            VettingAction::Approve => Self::AccountApproved(mail),
            VettingAction::Reject => Self::AccountRejected(mail),
            VettingAction::Suspend => Self::AccountSuspended(mail),
            VettingAction::Reinstate => Self::AccountReinstated(mail),
        }
    }

    pub fn template(&self) -> TemplateName {
        use TemplateName as T;
        match self {
            Self::AccountApproved(_) => T::AccountApproved,
            Self::AccountRejected(_) => T::AccountRejected,
            Self::AccountSuspended(_) => T::AccountSuspended,
            Self::AccountReinstated(_) => T::AccountReinstated,
            Self::VerifyEmail(_) => T::AccountVerifyEmail,
            Self::ResetPassword(_) => T::AccountResetPassword,
            Self::OfferReceived(_) => T::OfferReceived,
            Self::OfferAccepted(_) => T::OfferAccepted,
            Self::OfferDeclined(_) => T::OfferDeclined,
            Self::OfferWithdrawn(_) => T::OfferWithdrawn,
            Self::OfferExpired(_) => T::OfferExpired,
            Self::OfferCountered(_) => T::OfferCountered,
            Self::CounterAccepted(_) => T::OfferCounterAccepted,
            Self::CounterDeclined(_) => T::OfferCounterDeclined,
            Self::NewMessages(_) => T::ThreadNewMessages,
            Self::CollabScheduled(_) => T::CollaborationScheduled,
            Self::CollabShipped(_) => T::CollaborationShipped,
            Self::CollabReceived(_) => T::CollaborationReceived,
            Self::CollabCompleted(_) => T::CollaborationCompleted,
            Self::CollabConfirmed(_) => T::CollaborationConfirmed,
            Self::CollabCancelled(_) => T::CollaborationCancelled,
            Self::ReviewsPublished(_) => T::ReviewsPublished,
        }
    }

    /// The template's values, in the recipient's language where the service words them.
    fn payload(&self, to: &AccountRow, links: &Links) -> Value {
        match self {
            Self::AccountApproved(m)
            | Self::AccountRejected(m)
            | Self::AccountSuspended(m)
            | Self::AccountReinstated(m) => json!({
                "display_name": to.display_name,
                "reason": m.reason.as_deref().unwrap_or(""),
                "login_url": links.page(&format!("/login?lang={}", to.locale.as_str())),
            }),
            Self::VerifyEmail(m) | Self::ResetPassword(m) => json!({
                "display_name": to.display_name,
                "link": m.link,
            }),
            Self::OfferReceived(m)
            | Self::OfferAccepted(m)
            | Self::OfferDeclined(m)
            | Self::OfferWithdrawn(m)
            | Self::OfferExpired(m)
            | Self::OfferCountered(m)
            | Self::CounterAccepted(m)
            | Self::CounterDeclined(m) => offer_payload(m, to, links),
            Self::NewMessages(m) => json!({
                "recipient_name": to.display_name,
                "by_name": m.by_name,
                "count": m.count.to_string(),
                "excerpt": m.excerpt,
                "link": links.offer(m.offer_id, to.locale),
            }),
            Self::CollabScheduled(m)
            | Self::CollabShipped(m)
            | Self::CollabReceived(m)
            | Self::CollabCompleted(m)
            | Self::CollabConfirmed(m)
            | Self::CollabCancelled(m)
            | Self::ReviewsPublished(m) => collab_payload(m, to, links),
        }
    }
}

fn offer_payload(m: &OfferMail, to: &AccountRow, links: &Links) -> Value {
    let reader = to.locale;
    let yes_no = |b: bool| match (b, reader) {
        (true, Locale::ZhCn) => "有",
        (false, Locale::ZhCn) => "无",
        (true, Locale::En) => "yes",
        (false, Locale::En) => "no",
    };
    json!({
        "recipient_name": to.display_name,
        "supplier_name": m.supplier_name,
        "host_name": m.host_name,
        "products": m.products.iter().map(|t| format!("• {t}")).collect::<Vec<_>>().join("\n"),
        "commission_pct": m.commission_pct.to_string(),
        "fee": format!("US${}.{:02}", m.fee_cents / 100, m.fee_cents % 100),
        "free_samples": yes_no(m.free_samples),
        "expires_at": m.expires_at.format("%Y-%m-%d %H:%M UTC").to_string(),
        "version": m.version.to_string(),
        "by_name": m.by_name,
        "live_at": m.live_at.map_or_else(|| "—".to_owned(), |at| in_zone_of(to, at)),
        "message": m.message,
        "reason": m.reason.as_deref().unwrap_or("—"),
        "warnings": warning_lines(&m.warnings, reader),
        "link": links.offer(m.offer_id, reader),
    })
}

fn collab_payload(m: &CollabMail, to: &AccountRow, links: &Links) -> Value {
    let zh = to.locale == Locale::ZhCn;
    let dash = || "—".to_owned();
    let date = |at: Option<DateTime<Utc>>| at.map_or_else(dash, |at| in_zone_of(to, at));
    let confirmed_by = match (m.by_clock, zh) {
        (true, false) => "automatically, 7 days after completion",
        (true, true) => "完成 7 天后自动确认",
        (false, false) => "the supplier",
        (false, true) => "由供应商确认",
    };
    json!({
        "recipient_name": to.display_name,
        "by_name": m.by_name,
        "other_name": m.other_name,
        "products": m.products.iter().map(|t| format!("• {t}")).collect::<Vec<_>>().join("\n"),
        "live_at": date(m.live_at),
        "duration_minutes": m.duration_minutes.map_or_else(dash, |d| d.to_string()),
        "carrier": m.carrier.clone().unwrap_or_else(dash),
        "tracking_number": m.tracking_number.clone().unwrap_or_else(dash),
        "replay_url": m.replay_url.clone().unwrap_or_else(dash),
        "units_sold": m.units_sold.map_or_else(dash, |n| n.to_string()),
        "confirm_by": date(m.confirm_by),
        "confirmed_by": confirmed_by,
        "review_until": date(m.review_until),
        "reason": m.reason.clone().unwrap_or_else(dash),
        "link": links.collaboration(m.collaboration_id, to.locale),
    })
}

/// A moment as the recipient reads it: in the time zone of their settings, named.
pub fn in_zone_of(to: &AccountRow, at: DateTime<Utc>) -> String {
    let zone = to
        .time_zone
        .parse::<chrono_tz::Tz>()
        .unwrap_or(chrono_tz::UTC);
    format!(
        "{} ({zone})",
        at.with_timezone(&zone).format("%Y-%m-%d %H:%M")
    )
}

/// The offer's warnings as an email lists them, in the recipient's language.
fn warning_lines(warnings: &[ProductFinding], reader: Locale) -> String {
    let zh = reader == Locale::ZhCn;
    if warnings.is_empty() {
        return if zh { "无".into() } else { "none".into() };
    }
    warnings
        .iter()
        .map(|w| {
            let f = &w.finding;
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
            format!("• {} [{level}] {place}: {reason}", w.title)
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

/// Queues `n` for `to` in the outbox, inside `txn`, unless `links` says emails are skipped
/// or `to` is closed (its address is gone: the offer clock, say, may still name it).
/// `event_key` makes the email's dedupe key unique to the change behind it, so a retried
/// change queues it once.
pub async fn queue(
    txn: &impl ConnectionTrait,
    links: &Links,
    to: &AccountRow,
    event_key: &str,
    n: Notification,
) -> Result<(), DbErr> {
    if links.delivery() == Delivery::Skip || to.status == AccountStatus::Closed {
        return Ok(());
    }
    let template = n.template();
    outbox::enqueue(
        txn,
        outbox::NewEmail {
            dedupe_key: format!("{}:{event_key}", template.as_str()),
            template,
            locale: to.locale,
            to_address: &to.email,
            to_name: &to.display_name,
            payload: n.payload(to, links),
        },
    )
    .await?;
    Ok(())
}
