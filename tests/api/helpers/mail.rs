//! What the tests read of email: the outbox rows, the links in them, the files written.

use std::path::PathBuf;

use chrono::{DateTime, Duration, Utc};
use hostmatch::{db::outbox::OutboxRow, entities::account_token, jobs::mail::Pass};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
use serde_json::json;
use uuid::Uuid;

use super::{Answer, TestApp};

impl TestApp {
    pub async fn deliver_emails_at(&self, now: DateTime<Utc>) -> Pass {
        self.jobs.deliver_emails_at(now).await.expect("mail pass")
    }

    pub async fn outbox_for(&self, address: &str) -> Vec<OutboxRow> {
        hostmatch::db::outbox::for_recipient(self.db.conn(), address)
            .await
            .unwrap()
    }

    /// The outbox rows of `address` after the verification link signing up sent (which
    /// the helpers have followed), oldest first.
    pub async fn outbox_since_signup(&self, address: &str) -> Vec<OutboxRow> {
        let mut rows = self.outbox_for(address).await;
        rows.retain(|r| r.template.as_str() != "account.verify-email");
        rows
    }

    /// The `.eml` files the file mailer wrote, oldest first (they are named by row id).
    pub fn eml_files(&self) -> Vec<PathBuf> {
        let dir = self.data_dir.path().join("outbox");
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .map(|d| {
                d.filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|x| x == "eml"))
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        files
    }

    /// The token in the link of the newest email of `template` queued for `address`, read
    /// from the outbox as the mail worker would send it.
    pub async fn emailed_token(&self, address: &str, template: &str) -> Option<String> {
        let rows = self.outbox_for(address).await;
        let row = rows
            .iter()
            .rev()
            .find(|r| r.template.as_str() == template)?;
        let link = row.payload.0["link"].as_str()?;
        Some(link.split_once("token=")?.1.split('&').next()?.to_owned())
    }

    pub async fn verify_email(&self, token: &str) -> Answer {
        self.post("/api/v1/auth/verify-email", None, json!({ "token": token }))
            .await
    }

    pub async fn forgot_password(&self, email: &str) -> Answer {
        self.post(
            "/api/v1/auth/forgot-password",
            None,
            json!({ "email": email }),
        )
        .await
    }

    /// Moves the end of every emailed link of the account a minute into the past, as if
    /// it had been sent long ago: the one write a test makes behind the service's back,
    /// since nothing in it moves time.
    pub async fn expire_links(&self, account_id: Uuid) {
        account_token::Entity::update_many()
            .col_expr(
                account_token::Column::ExpiresAt,
                Expr::value(Utc::now() - Duration::minutes(1)),
            )
            .filter(account_token::Column::AccountId.eq(account_id))
            .exec(self.db.conn())
            .await
            .unwrap();
    }
}
