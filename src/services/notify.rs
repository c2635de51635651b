//! Emails that follow from account changes, enqueued inside the caller's transaction.

use sea_orm::{ConnectionTrait, DbErr};
use serde_json::json;

use crate::db::{accounts::AccountRow, outbox};

/// Queues the email telling an account holder what an admin decided.
pub async fn account_status_changed(
    txn: &impl ConnectionTrait,
    account: &AccountRow,
    event: &str,
    reason: Option<&str>,
    audit_id: uuid::Uuid,
    app_url: &str,
) -> Result<(), DbErr> {
    outbox::enqueue(
        txn,
        outbox::NewEmail {
            dedupe_key: format!("{event}:{audit_id}"),
            template: event,
            locale: &account.locale,
            to_address: &account.email,
            to_name: &account.display_name,
            payload: json!({
                "display_name": account.display_name,
                "reason": reason.unwrap_or(""),
                "app_url": app_url,
            }),
        },
    )
    .await?;
    Ok(())
}
