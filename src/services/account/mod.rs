//! The account lifecycle its holder drives: proving the address (`verification`), a
//! forgotten password (`recovery`), settings and a new password (`settings`), everything
//! held about them (`export`) and closing the account (`closing`). Each operation owns
//! its transaction; the links it emails open web pages, never `/api/` addresses.

mod closing;
mod export;
mod recovery;
mod settings;
mod verification;

pub use closing::{CLOSED_NAME, close};
pub use export::{EXPORT_FORMAT, export};
pub use recovery::{FORGOT_FLOOR, forgot_password, reset_link_is_live, reset_password};
pub use settings::{change_password, update_me};
pub use verification::{
    Resent, resend_verification, verification_link_is_live, verify_email, verify_made_up,
};

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ConnectionTrait, DbErr};
use uuid::Uuid;

use crate::{
    auth::{
        PasswordHasher,
        opaque::{self, Kind},
        password::HashError,
    },
    db::{
        Db,
        account_tokens::{self, AccountTokenRow},
        accounts::{self, AccountRow},
        refresh_tokens, web_sessions,
    },
    domain::{AccountStatus, Password, Refusal, Refuses, TokenPurpose, refusal::invalid_field},
    services::{
        auth,
        notify::{self, LinkMail, Links, Notification},
        offers,
    },
};

/// A verification link works this long.
pub const VERIFY_TTL: Duration = Duration::hours(48);
/// A reset link works this long.
pub const RESET_TTL: Duration = Duration::hours(1);
/// Emails of one kind (verification, reset) one address is sent in any hour at most.
pub const LINKS_PER_HOUR: usize = 5;

#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    /// The token of an emailed link is unknown, spent, expired or for something else.
    #[error("is invalid or has expired")]
    BadToken,
    /// The password typed to confirm a change is not the account's (`field` names it).
    #[error("does not match your password")]
    WrongPassword { field: &'static str },
    /// Too many emails of a kind to the address, or too many password attempts.
    #[error("too many attempts")]
    Throttled { retry_after_secs: u64 },
    #[error(
        "You are the only approved admin: another admin must exist before you close this account."
    )]
    LastAdmin,
    /// The acting account was closed (or removed) while the request ran.
    #[error("the account is closed")]
    Gone,
    /// `verify_made_up` was asked to verify an address whose emails are sent.
    #[error("only made-up accounts, whose emails are skipped, are verified without a link")]
    NotMadeUp,
    #[error("ending the account's open offers")]
    Offers(#[from] offers::OfferError),
    #[error("hashing a password")]
    Hash(#[from] HashError),
    #[error("reading or writing the account")]
    Db(#[from] DbErr),
}

impl Refuses for AccountError {
    fn refusal(&self) -> Option<Refusal> {
        match self {
            Self::BadToken => Some(invalid_field("token", self.to_string())),
            Self::WrongPassword { field } => Some(invalid_field(field, self.to_string())),
            Self::Throttled { retry_after_secs } => Some(Refusal::Throttled {
                retry_after_secs: *retry_after_secs,
            }),
            Self::LastAdmin => Some(Refusal::Conflict(self.to_string())),
            Self::Gone => Some(Refusal::Unauthenticated),
            Self::NotMadeUp | Self::Offers(_) | Self::Hash(_) | Self::Db(_) => None,
        }
    }
}

type Result<T, E = AccountError> = std::result::Result<T, E>;

/// Makes a single-use token of `purpose` for `account`, keeps only its hash, and queues
/// the email carrying its link, inside the caller's transaction.
pub(crate) async fn send_link(
    txn: &impl ConnectionTrait,
    links: &Links,
    account: &AccountRow,
    purpose: TokenPurpose,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let (ttl, page, mail): (_, _, fn(LinkMail) -> Notification) = match purpose {
        TokenPurpose::VerifyEmail => (VERIFY_TTL, "/verify-email", Notification::VerifyEmail),
        TokenPurpose::ResetPassword => (RESET_TTL, "/reset-password", Notification::ResetPassword),
    };
    let token = opaque::generate(Kind::Emailed);
    let digest = opaque::digest(&token);
    let row = account_tokens::insert(txn, account.id, purpose, &digest, now, now + ttl).await?;
    // The token is URL-safe base64 behind a prefix: it needs no escaping in a query. The
    // page opens in the recipient's language, whatever browser the link is opened in.
    let link = links.page(&format!(
        "{page}?token={token}&lang={}",
        account.locale.as_str()
    ));
    notify::queue(
        txn,
        links,
        account,
        &row.id.to_string(),
        mail(LinkMail { link }),
    )
    .await
}

/// Spends the live token of `purpose` that `presented` is, inside `txn`: one use wins.
async fn spend(
    txn: &impl ConnectionTrait,
    purpose: TokenPurpose,
    presented: &str,
    now: DateTime<Utc>,
) -> Result<AccountTokenRow> {
    let digest = opaque::digest(presented);
    let token = account_tokens::find_live(txn, purpose, &digest, now)
        .await?
        .ok_or(AccountError::BadToken)?;
    if !account_tokens::spend(txn, token.id, now).await? {
        return Err(AccountError::BadToken);
    }
    Ok(token)
}

/// Whether `presented` is a live token of `purpose` (the page a link opens asks, and
/// spends nothing).
async fn is_live(db: &Db, purpose: TokenPurpose, presented: &str) -> Result<bool, DbErr> {
    let digest = opaque::digest(presented);
    let found = account_tokens::find_live(db.conn(), purpose, &digest, Utc::now()).await?;
    Ok(found.is_some())
}

/// The account `id`, locked on PostgreSQL, unless it is closed.
async fn open_for_update(txn: &impl ConnectionTrait, id: Uuid) -> Result<Option<AccountRow>> {
    Ok(accounts::find_for_update(txn, id)
        .await?
        .filter(|a| a.status != AccountStatus::Closed))
}

/// The seconds until the address may be sent another link, when `sent` (the times of the
/// last hour's, oldest first) already holds [`LINKS_PER_HOUR`].
fn wait_for_room(sent: &[DateTime<Utc>], now: DateTime<Utc>) -> Option<u64> {
    let n = sent.len();
    if n < LINKS_PER_HOUR {
        return None;
    }
    let frees_up = sent[n - LINKS_PER_HOUR] + Duration::hours(1);
    Some((frees_up - now).num_seconds().max(1) as u64)
}

/// Checks a password the holder typed to confirm a change, counted against the same
/// per-address limit as login (the attempt is taken first, so a throttled caller learns
/// nothing about the password).
async fn confirm_password(
    db: &Db,
    hasher: &PasswordHasher,
    attempts_per_hour: u32,
    account: &AccountRow,
    typed: &Password,
    field: &'static str,
) -> Result<()> {
    if let Some(wait) = auth::take_attempt(db.conn(), attempts_per_hour, &account.email).await? {
        return Err(AccountError::Throttled {
            retry_after_secs: wait,
        });
    }
    if !hasher.verify(typed, Some(&account.password_hash)).await? {
        return Err(AccountError::WrongPassword { field });
    }
    Ok(())
}

/// Ends every API session of the account and every browser session but `keep`.
async fn end_sessions(
    txn: &impl ConnectionTrait,
    account_id: Uuid,
    keep: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    refresh_tokens::revoke_account(txn, account_id, now).await?;
    web_sessions::delete_for_account(txn, account_id, keep).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sixth_link_in_an_hour_waits_for_the_oldest_of_the_five() {
        let now = Utc::now();
        let sent: Vec<_> = (0..5).map(|i| now - Duration::minutes(50 - i)).collect();
        assert_eq!(wait_for_room(&sent[..4], now), None);
        let wait = wait_for_room(&sent, now).unwrap();
        assert!((599..=600).contains(&wait), "{wait}");
    }
}
