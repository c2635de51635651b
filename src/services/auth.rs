//! Registration, login, token refresh with rotation and reuse detection, logout, and the
//! first admin.

use chrono::Utc;
use sea_orm::DbErr;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::{
    auth::{PasswordHasher, refresh},
    db::{
        self, Db,
        accounts::{self, AccountRow, NewAccount},
        audit::{self, AuditEntry},
        login_throttle::{self, Bucket},
        refresh_tokens,
    },
    domain::{AccountStatus, DisplayName, EmailAddress, Locale, Password, Role},
    error::{AppError, AppResult},
    state::AppState,
};

/// A valid registration.
pub struct Registration {
    pub email: EmailAddress,
    pub password: Password,
    pub role: Role,
    pub display_name: DisplayName,
    pub locale: Locale,
}

/// What login and refresh hand back.
pub struct Session {
    pub access_token: String,
    pub refresh_token: String,
    pub expires_in: u64,
    pub account: AccountRow,
}

fn hash_failed(e: crate::auth::password::HashError) -> AppError {
    AppError::Internal(e.to_string())
}

pub async fn register(state: &AppState, reg: Registration) -> AppResult<AccountRow> {
    let hash = state
        .hasher
        .hash(&reg.password)
        .await
        .map_err(hash_failed)?;
    let result = accounts::insert(
        state.db.conn(),
        NewAccount {
            email: reg.email.as_str(),
            password_hash: &hash,
            role: reg.role,
            status: AccountStatus::Pending,
            display_name: reg.display_name.as_str(),
            locale: reg.locale.as_str(),
        },
    )
    .await;
    match result {
        Ok(row) => {
            tracing::info!(account.id = %row.id, account.role = row.role, "account registered");
            Ok(row)
        }
        Err(e) if db::is_unique_violation(&e) => Err(AppError::Conflict(
            "An account with this email already exists.".into(),
        )),
        Err(e) => Err(e.into()),
    }
}

pub async fn login(state: &AppState, email: &str, password: Password) -> AppResult<Session> {
    // Every address has a bucket, known or not, so throttling says nothing about which
    // addresses have accounts. The attempt is taken before the password is checked.
    let normalised = email.trim().to_lowercase();
    let key = hex::encode(Sha256::digest(format!("login:{normalised}").as_bytes()));
    let bucket = Bucket::at_most_per_hour(state.settings.login_attempts_per_hour);
    let now_ms = Utc::now().timestamp_millis();
    if let Some(wait) = login_throttle::take(state.db.conn(), &key, bucket, now_ms).await? {
        tracing::warn!("login throttled");
        return Err(AppError::TooManyRequests {
            retry_after_secs: wait,
        });
    }
    let account = match EmailAddress::parse(email) {
        Ok(e) => accounts::find_by_email(state.db.conn(), e.as_str()).await?,
        Err(_) => None,
    };
    let ok = state
        .hasher
        .verify(
            &password,
            account.as_ref().map(|a| a.password_hash.as_str()),
        )
        .await
        .map_err(hash_failed)?;
    let Some(account) = account.filter(|_| ok) else {
        return Err(AppError::InvalidCredentials);
    };
    if !status_of(&account).can_authenticate() {
        return Err(AppError::Forbidden("This account is suspended.".into()));
    }
    let txn = state.db.begin_write().await?;
    let session = start_session(&txn, state, account, Uuid::new_v4()).await?;
    txn.commit().await?;
    tracing::info!(account.id = %session.account.id, "logged in");
    Ok(session)
}

pub async fn refresh(state: &AppState, presented: &str) -> AppResult<Session> {
    let now = Utc::now();
    let digest = refresh::digest(presented);
    let Some(token) = refresh_tokens::find_by_hash(state.db.conn(), &digest).await? else {
        return Err(AppError::Unauthorized);
    };
    let txn = state.db.begin_write().await?;
    if token.used_at.is_some() || token.revoked_at.is_some() {
        // A spent token came back: someone holds a copy. End the whole family.
        refresh_tokens::revoke_family(&txn, token.family_id, now).await?;
        txn.commit().await?;
        tracing::warn!(account.id = %token.account_id, "refresh token reuse; family revoked");
        return Err(AppError::Unauthorized);
    }
    if token.expires_at <= now {
        return Err(AppError::Unauthorized);
    }
    let account = accounts::find(&txn, token.account_id).await?;
    let Some(account) = account.filter(|a| status_of(a).can_authenticate()) else {
        refresh_tokens::revoke_family(&txn, token.family_id, now).await?;
        txn.commit().await?;
        return Err(AppError::Unauthorized);
    };
    if !refresh_tokens::spend(&txn, token.id, now).await? {
        // A concurrent refresh with the same token won: treat it as reuse.
        refresh_tokens::revoke_family(&txn, token.family_id, now).await?;
        txn.commit().await?;
        return Err(AppError::Unauthorized);
    }
    let session = start_session(&txn, state, account, token.family_id).await?;
    txn.commit().await?;
    Ok(session)
}

/// Ends the refresh family of the presented token. Unknown tokens are fine: logging out
/// twice is not an error.
pub async fn logout(state: &AppState, presented: &str) -> AppResult<()> {
    let digest = refresh::digest(presented);
    if let Some(token) = refresh_tokens::find_by_hash(state.db.conn(), &digest).await? {
        refresh_tokens::revoke_family(state.db.conn(), token.family_id, Utc::now()).await?;
        tracing::info!(account.id = %token.account_id, "logged out");
    }
    Ok(())
}

async fn start_session(
    txn: &impl sea_orm::ConnectionTrait,
    state: &AppState,
    account: AccountRow,
    family: Uuid,
) -> AppResult<Session> {
    let refresh_token = refresh::generate();
    let expires_at = Utc::now()
        + chrono::Duration::from_std(state.settings.refresh_token_ttl)
            .map_err(|e| AppError::Internal(e.to_string()))?;
    refresh_tokens::insert(
        txn,
        account.id,
        family,
        &refresh::digest(&refresh_token),
        expires_at,
    )
    .await?;
    let (access_token, expires_in) = state
        .tokens
        .issue(account.id)
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(Session {
        access_token,
        refresh_token,
        expires_in,
        account,
    })
}

/// The stored status; an unreadable value counts as suspended, the safe reading.
pub fn status_of(row: &AccountRow) -> AccountStatus {
    AccountStatus::parse(&row.status).unwrap_or(AccountStatus::Suspended)
}

#[derive(Debug, thiserror::Error)]
pub enum CreateAdminError {
    #[error("an account with this email already exists")]
    Exists,
    #[error(transparent)]
    Db(#[from] DbErr),
    #[error("hashing: {0}")]
    Hash(String),
}

/// `hostmatch create-admin`: an approved admin, audited with no actor.
pub async fn create_admin(
    db: &Db,
    hasher: &PasswordHasher,
    email: &EmailAddress,
    password: &Password,
) -> Result<AccountRow, CreateAdminError> {
    let hash = hasher
        .hash(password)
        .await
        .map_err(|e| CreateAdminError::Hash(e.to_string()))?;
    let txn = db.begin_write().await?;
    let row = accounts::insert(
        &txn,
        NewAccount {
            email: email.as_str(),
            password_hash: &hash,
            role: Role::Admin,
            status: AccountStatus::Approved,
            display_name: "Administrator",
            locale: Locale::En.as_str(),
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
