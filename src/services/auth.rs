//! Registration (with the link that proves the address), login, token refresh with rotation
//! and reuse detection, logout, and the first admin.

use std::{sync::Arc, time::Duration};

use chrono::Utc;
use sea_orm::{ConnectionTrait, DbErr};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::{
    auth::{
        PasswordHasher, TokenKeys,
        opaque::{self, Kind},
        password::HashError,
    },
    db::{
        self, Db,
        accounts::{self, AccountRow, NewAccount},
        audit::{self, AuditEntry},
        login_throttle::{self, Bucket},
        refresh_tokens,
    },
    domain::{
        AccountStatus, DisplayName, EmailAddress, Locale, Password, Refusal, Refuses, Role,
        TokenPurpose, fields::FieldError,
    },
    policy,
    services::{account, notify::Links},
};

#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    #[error("An account with this email already exists.")]
    EmailTaken,
    #[error("too many login attempts")]
    Throttled { retry_after_secs: u64 },
    #[error("the email and password do not match an account")]
    InvalidCredentials,
    #[error("This account is suspended.")]
    Suspended,
    /// A refresh token that is unknown, spent, expired, or whose account cannot sign in.
    #[error("the refresh token is not valid")]
    BadRefreshToken,
    #[error("hashing a password")]
    Hash(#[from] HashError),
    #[error("signing an access token")]
    Token(#[from] jsonwebtoken::errors::Error),
    #[error("the refresh token lifetime is out of range")]
    Lifetime(#[from] chrono::OutOfRangeError),
    #[error("reading or writing accounts")]
    Db(#[from] DbErr),
}

impl Refuses for AuthError {
    fn refusal(&self) -> Option<Refusal> {
        match self {
            Self::EmailTaken => Some(Refusal::Conflict(self.to_string())),
            Self::Throttled { retry_after_secs } => Some(Refusal::Throttled {
                retry_after_secs: *retry_after_secs,
            }),
            Self::InvalidCredentials => Some(Refusal::InvalidCredentials),
            Self::Suspended => Some(Refusal::Forbidden(self.to_string())),
            Self::BadRefreshToken => Some(Refusal::Unauthenticated),
            Self::Hash(_) | Self::Token(_) | Self::Lifetime(_) | Self::Db(_) => None,
        }
    }
}

type Result<T, E = AuthError> = std::result::Result<T, E>;

/// What issuing a session needs: the access-token keys and the refresh token's lifetime.
#[derive(Clone)]
pub struct Sessions {
    pub tokens: Arc<TokenKeys>,
    pub refresh_ttl: Duration,
}

/// A valid registration.
pub struct Registration {
    pub email: EmailAddress,
    pub password: Password,
    pub role: Role,
    pub display_name: DisplayName,
    pub locale: Locale,
}

impl Registration {
    /// A registration from what a person typed, every invalid field named. `role` must
    /// be `supplier` or `host` (admins are made on the command line); no locale means
    /// English.
    pub fn parse(
        email: &str,
        password: String,
        role: &str,
        display_name: &str,
        locale: Option<&str>,
    ) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut field = |name: &str, e: String| errors.push(FieldError::new(name, e));
        let email = EmailAddress::parse(email)
            .map_err(|e| field("email", e))
            .ok();
        let password = Password::parse(password)
            .map_err(|e| field("password", e))
            .ok();
        let role = match role {
            "supplier" => Some(Role::Supplier),
            "host" => Some(Role::Host),
            _ => {
                field("role", "must be supplier or host".into());
                None
            }
        };
        let display_name = DisplayName::parse(display_name)
            .map_err(|e| field("display_name", e))
            .ok();
        let locale = locale
            .map_or(Ok(Locale::En), Locale::from_tag)
            .map_err(|e| field("locale", e))
            .ok();
        match (email, password, role, display_name, locale) {
            (Some(email), Some(password), Some(role), Some(display_name), Some(locale)) => {
                Ok(Self {
                    email,
                    password,
                    role,
                    display_name,
                    locale,
                })
            }
            _ => Err(errors),
        }
    }
}

/// What login and refresh hand back.
pub struct Session {
    pub access_token: String,
    pub refresh_token: String,
    pub expires_in: u64,
    pub account: AccountRow,
}

/// Creates a pending account whose address is not verified yet, and queues the email with
/// the link that verifies it, in one transaction.
#[tracing::instrument(name = "auth.register", skip_all)]
pub async fn register(
    db: &Db,
    hasher: &PasswordHasher,
    links: &Links,
    reg: Registration,
) -> Result<AccountRow> {
    let hash = hasher.hash(&reg.password).await?;
    let txn = db.begin_write().await?;
    let result = accounts::insert(
        &txn,
        NewAccount {
            email: reg.email.as_str(),
            password_hash: &hash,
            role: reg.role,
            status: AccountStatus::Pending,
            display_name: reg.display_name.as_str(),
            locale: reg.locale,
            email_verified: false,
        },
    )
    .await;
    let row = match result {
        Ok(row) => row,
        Err(e) if db::is_unique_violation(&e) => return Err(AuthError::EmailTaken),
        Err(e) => return Err(e.into()),
    };
    account::send_link(&txn, links, &row, TokenPurpose::VerifyEmail, Utc::now()).await?;
    txn.commit().await?;
    tracing::info!(account.id = %row.id, account.role = %row.role, "account registered");
    Ok(row)
}

/// Signs in with an email and password, `attempts_per_hour` at most per address, and
/// starts an API session (an access and a refresh token).
#[tracing::instrument(name = "auth.login", skip_all)]
pub async fn login(
    db: &Db,
    hasher: &PasswordHasher,
    sessions: &Sessions,
    attempts_per_hour: u32,
    email: &str,
    password: Password,
) -> Result<Session> {
    let account = authenticate(db, hasher, attempts_per_hour, email, password).await?;
    let txn = db.begin_write().await?;
    let session = start_session(&txn, sessions, account, Uuid::new_v4()).await?;
    txn.commit().await?;
    tracing::info!(account.id = %session.account.id, "logged in");
    Ok(session)
}

/// Checks an email and password, `attempts_per_hour` at most per address: the account
/// they belong to, if it may sign in. Both edges start their own kind of session with it.
pub async fn authenticate(
    db: &Db,
    hasher: &PasswordHasher,
    attempts_per_hour: u32,
    email: &str,
    password: Password,
) -> Result<AccountRow> {
    // Every address has a bucket, known or not, so throttling says nothing about which
    // addresses have accounts. The attempt is taken before the password is checked.
    if let Some(wait) = take_attempt(db.conn(), attempts_per_hour, email).await? {
        return Err(AuthError::Throttled {
            retry_after_secs: wait,
        });
    }
    let account = match EmailAddress::parse(email) {
        Ok(e) => accounts::find_by_email(db.conn(), e.as_str()).await?,
        Err(_) => None,
    };
    let ok = hasher
        .verify(
            &password,
            account.as_ref().map(|a| a.password_hash.as_str()),
        )
        .await?;
    let Some(account) = account.filter(|_| ok) else {
        return Err(AuthError::InvalidCredentials);
    };
    if !policy::may_authenticate(account.status) {
        return Err(AuthError::Suspended);
    }
    Ok(account)
}

/// The login throttle's key for an address as typed: every spelling of one mailbox shares
/// a bucket, and the table holds no address.
pub(crate) fn throttle_key(email: &str) -> String {
    let normalised = email.trim().to_lowercase();
    hex::encode(Sha256::digest(format!("login:{normalised}").as_bytes()))
}

/// Takes one password attempt for the address from its bucket: `None` when it may go
/// ahead, otherwise the seconds until one may. Login, a password change and closing an
/// account share the bucket, so none of them is a way around the others' limit.
pub(crate) async fn take_attempt(
    db: &impl ConnectionTrait,
    attempts_per_hour: u32,
    email: &str,
) -> Result<Option<u64>, DbErr> {
    let bucket = Bucket::at_most_per_hour(attempts_per_hour);
    let now_ms = Utc::now().timestamp_millis();
    let wait = login_throttle::take(db, &throttle_key(email), bucket, now_ms).await?;
    if wait.is_some() {
        tracing::warn!("password attempts throttled");
    }
    Ok(wait)
}

#[tracing::instrument(name = "auth.refresh", skip_all)]
pub async fn refresh(db: &Db, sessions: &Sessions, presented: &str) -> Result<Session> {
    let now = Utc::now();
    let digest = opaque::digest(presented);
    let Some(token) = refresh_tokens::find_by_hash(db.conn(), &digest).await? else {
        return Err(AuthError::BadRefreshToken);
    };
    let txn = db.begin_write().await?;
    if token.used_at.is_some() || token.revoked_at.is_some() {
        // A spent token came back: someone holds a copy. End the whole family.
        refresh_tokens::revoke_family(&txn, token.family_id, now).await?;
        txn.commit().await?;
        tracing::warn!(account.id = %token.account_id, "refresh token reuse; family revoked");
        return Err(AuthError::BadRefreshToken);
    }
    if token.expires_at <= now {
        return Err(AuthError::BadRefreshToken);
    }
    let account = accounts::find(&txn, token.account_id).await?;
    let Some(account) = account.filter(|a| policy::may_authenticate(a.status)) else {
        refresh_tokens::revoke_family(&txn, token.family_id, now).await?;
        txn.commit().await?;
        return Err(AuthError::BadRefreshToken);
    };
    if !refresh_tokens::spend(&txn, token.id, now).await? {
        // A concurrent refresh with the same token won: treat it as reuse.
        refresh_tokens::revoke_family(&txn, token.family_id, now).await?;
        txn.commit().await?;
        return Err(AuthError::BadRefreshToken);
    }
    let session = start_session(&txn, sessions, account, token.family_id).await?;
    txn.commit().await?;
    Ok(session)
}

/// Ends the refresh family of the presented token. Unknown tokens are fine: logging out
/// twice is not an error.
#[tracing::instrument(name = "auth.logout", skip_all)]
pub async fn logout(db: &Db, presented: &str) -> Result<()> {
    let digest = opaque::digest(presented);
    if let Some(token) = refresh_tokens::find_by_hash(db.conn(), &digest).await? {
        refresh_tokens::revoke_family(db.conn(), token.family_id, Utc::now()).await?;
        tracing::info!(account.id = %token.account_id, "logged out");
    }
    Ok(())
}

async fn start_session(
    txn: &impl ConnectionTrait,
    sessions: &Sessions,
    account: AccountRow,
    family: Uuid,
) -> Result<Session> {
    let refresh_token = opaque::generate(Kind::Refresh);
    let expires_at = Utc::now() + chrono::Duration::from_std(sessions.refresh_ttl)?;
    refresh_tokens::insert(
        txn,
        account.id,
        family,
        &opaque::digest(&refresh_token),
        expires_at,
    )
    .await?;
    let (access_token, expires_in) = sessions.tokens.issue(account.id)?;
    Ok(Session {
        access_token,
        refresh_token,
        expires_in,
        account,
    })
}

#[derive(Debug, thiserror::Error)]
pub enum CreateAdminError {
    #[error("an account with this email already exists")]
    Exists,
    #[error(transparent)]
    Db(#[from] DbErr),
    #[error("hashing the password")]
    Hash(#[from] HashError),
}

/// `hostmatch create-admin`: an approved admin, audited with no actor.
#[tracing::instrument(name = "auth.create_admin", skip_all)]
pub async fn create_admin(
    db: &Db,
    hasher: &PasswordHasher,
    email: &EmailAddress,
    password: &Password,
) -> Result<AccountRow, CreateAdminError> {
    let hash = hasher.hash(password).await?;
    let txn = db.begin_write().await?;
    let row = accounts::insert(
        &txn,
        NewAccount {
            email: email.as_str(),
            password_hash: &hash,
            role: Role::Admin,
            status: AccountStatus::Approved,
            display_name: "Administrator",
            locale: Locale::En,
            email_verified: true,
        },
    )
    .await
    .map_err(|e| {
        if db::is_unique_violation(&e) {
            CreateAdminError::Exists
        } else {
            e.into()
        }
    })?;
    audit::record(
        &txn,
        AuditEntry {
            actor_id: None,
            action: "admin.created",
            target_type: "account",
            target_id: Some(row.id),
            reason: None,
            details: serde_json::json!({"via": "command line"}),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(row)
}
