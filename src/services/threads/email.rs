//! New-message emails, batched: a message notes that its reader has mail waiting; the
//! offer clock sends one email per thread and reader once the first waiting message is a
//! minute old (so a burst goes in one email), at most once per 10 minutes, and none when
//! the reader read the thread first.

use chrono::{DateTime, Duration, Utc};

use super::Result;
use crate::{
    db::{Db, accounts, messages, offers, profiles},
    services::notify::{self, Links, Notification, ThreadMail},
};

/// How long the first unread message waits, so that the ones after it join its email.
pub const EMAIL_DELAY: Duration = Duration::minutes(1);
/// The least time between two emails about one thread to one reader.
pub const EMAIL_GAP: Duration = Duration::minutes(10);

/// Sends the new-message emails due at `now`; how many it queued.
#[tracing::instrument(name = "threads.notify_due", skip_all)]
pub async fn notify_due(db: &Db, links: &Links, now: DateTime<Utc>) -> Result<usize> {
    let due = messages::due_for_email(db.conn(), now, EMAIL_DELAY, EMAIL_GAP, 100).await?;
    let mut sent = 0;
    for mark in due {
        let txn = db.begin_write().await?;
        if !messages::claim_email(&txn, &mark, now).await? {
            continue; // another instance took it
        }
        let unread =
            messages::unread_in(&txn, mark.offer_id, mark.account_id, mark.read_at).await?;
        let (Some(latest), Some(offer), Some(reader)) = (
            unread.last(),
            offers::find(&txn, mark.offer_id).await?,
            accounts::find(&txn, mark.account_id).await?,
        ) else {
            txn.commit().await?;
            continue;
        };
        let by_name = match accounts::find(&txn, latest.author_id).await? {
            Some(author) => profiles::name_of(&txn, &author).await?,
            None => String::new(),
        };
        let mail = ThreadMail {
            offer_id: offer.id,
            by_name,
            count: unread.len(),
            excerpt: excerpt(&latest.body),
        };
        let key = format!("{}:{}:{}", offer.id, reader.id, now.timestamp_millis());
        notify::queue(&txn, links, &reader, &key, Notification::NewMessages(mail)).await?;
        txn.commit().await?;
        sent += 1;
    }
    Ok(sent)
}

/// The start of a message, as an email quotes it.
fn excerpt(body: &str) -> String {
    const MAX: usize = 280;
    let mut out: String = body.chars().take(MAX).collect();
    if body.chars().count() > MAX {
        out.push('…');
    }
    out
}
