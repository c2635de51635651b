//! Browser sessions: started at login with a fresh token (no fixation), found by the
//! token's hash on every request, idle after 7 days, over after 30, and ended by logout,
//! suspension, closing the account, a password change or a reset (WEB.md). Only the hash
//! is stored, and the row is read on every request, so an end holds on every instance at
//! once.

use chrono::{DateTime, Duration, Utc};
use sea_orm::DbErr;
use uuid::Uuid;

use crate::{
    auth::opaque::{self, Kind},
    db::{
        Db,
        accounts::{self, AccountRow},
        web_sessions::{self, WebSessionRow},
    },
    policy,
};

/// A session unused this long has ended.
pub const IDLE: Duration = Duration::days(7);
/// A session this old has ended, however busy.
pub const ABSOLUTE: Duration = Duration::days(30);
/// The idle clock is moved at most this often, so a page view is rarely a write.
const TOUCH_EVERY: Duration = Duration::minutes(5);

/// A new session: the token for the cookie, and the row.
pub struct Started {
    pub token: String,
    pub session: WebSessionRow,
}

/// A live session and the account behind it, read now.
pub struct Live {
    pub session: WebSessionRow,
    pub account: AccountRow,
}

/// Starts a session for an account that has just proved who it is.
#[tracing::instrument(name = "web_sessions.start", skip_all, fields(account.id = %account_id))]
pub async fn start(db: &Db, account_id: Uuid) -> Result<Started, DbErr> {
    let token = opaque::generate(Kind::WebSession);
    let now = Utc::now();
    let session = web_sessions::insert(
        db.conn(),
        account_id,
        &opaque::digest(&token),
        now,
        now + ABSOLUTE,
    )
    .await?;
    Ok(Started { token, session })
}

/// The live session the token names, with its account; `None` when the token is unknown,
/// idle, expired, or its account may no longer sign in (then the session is ended).
pub async fn resolve(db: &Db, token: &str) -> Result<Option<Live>, DbErr> {
    resolve_at(db, token, Utc::now()).await
}

pub async fn resolve_at(db: &Db, token: &str, now: DateTime<Utc>) -> Result<Option<Live>, DbErr> {
    let Some(session) = web_sessions::find_by_hash(db.conn(), &opaque::digest(token)).await? else {
        return Ok(None);
    };
    if session.expires_at <= now || session.last_seen_at + IDLE <= now {
        web_sessions::delete(db.conn(), session.id).await?;
        return Ok(None);
    }
    let account = accounts::find(db.conn(), session.account_id).await?;
    let Some(account) = account.filter(|a| policy::may_authenticate(a.status)) else {
        web_sessions::delete(db.conn(), session.id).await?;
        return Ok(None);
    };
    if now - session.last_seen_at >= TOUCH_EVERY {
        web_sessions::touch(db.conn(), session.id, now).await?;
    }
    Ok(Some(Live { session, account }))
}

/// Ends the session the token names; an unknown token is fine (logging out twice).
#[tracing::instrument(name = "web_sessions.end", skip_all)]
pub async fn end(db: &Db, token: &str) -> Result<(), DbErr> {
    if let Some(s) = web_sessions::find_by_hash(db.conn(), &opaque::digest(token)).await? {
        web_sessions::delete(db.conn(), s.id).await?;
        tracing::info!(account.id = %s.account_id, "web session ended");
    }
    Ok(())
}

/// Removes sessions nothing can use any more (the session sweep, `jobs::sessions`).
pub async fn sweep(db: &Db, now: DateTime<Utc>) -> Result<u64, DbErr> {
    web_sessions::delete_expired(db.conn(), now, now - IDLE).await
}
