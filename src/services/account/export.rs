//! Everything the service holds about the signed-in account, table by table, as one JSON
//! document: the holder's own copy. No password or token hash, no other person's address.
//!
//! `tables` has a key for every table that can hold rows about an account (the API tests
//! check it against `src/entities/`); `compliance_state`, one counter, holds none.

use chrono::Utc;
use serde_json::{Value, json};
use uuid::Uuid;

use super::{AccountError, Result};
use crate::{
    db::{
        Db, account_tokens, accounts, audit, collaborations, idempotency, login_throttle, messages,
        offer_versions, offers, outbox, outreach, products, profiles, refresh_tokens, reviews,
        rules, search_changes, web_sessions,
    },
    domain::Actor,
    email::templates,
    services::auth,
};

/// Names the shape of the document, so a reader can tell versions apart.
pub const EXPORT_FORMAT: &str = "hostmatch-export/1";

/// The export of the signed-in account, read in one snapshot.
#[tracing::instrument(name = "account.export", skip_all, fields(account.id = %me.id))]
pub async fn export(db: &Db, me: &Actor) -> Result<Value> {
    let txn = db.begin_snapshot().await?;
    let a = accounts::find(&txn, me.id)
        .await?
        .ok_or(AccountError::Gone)?;
    let host = profiles::find_host(&txn, a.id).await?;
    let supplier = profiles::find_supplier(&txn, a.id).await?;
    let own_products = products::all_of_supplier(&txn, a.id).await?;
    let offers = offers::of_party(&txn, a.id).await?;
    let offer_ids: Vec<Uuid> = offers.iter().map(|o| o.id).collect();
    let offer_products = offers::product_rows(&txn, &offer_ids).await?;
    let mut versions = Vec::new();
    for id in &offer_ids {
        versions.extend(offer_versions::of_offer(&txn, *id).await?);
    }
    let collaborations = collaborations::of_party(&txn, a.id).await?;
    // The blocks the account made; not who blocked it.
    let blocks = outreach::blocks_of(&txn, a.id).await?;
    // What the account wrote, its read marks and its reports; the other party's messages
    // are theirs.
    let (written, marks, reported) = messages::of_account(&txn, a.id).await?;
    // The reviews the account wrote; those about it are on its public profile.
    let reviewed = reviews::by_author(&txn, a.id).await?;
    let product_ids: Vec<Uuid> = offer_products.iter().map(|p| p.product_id).collect();
    let offered = products::by_ids(&txn, &product_ids).await?;
    let title = |id: Uuid| offered.iter().find(|p| p.id == id).map(|p| p.title.clone());
    let mut searched: Vec<Uuid> = own_products.iter().map(|p| p.id).collect();
    searched.push(a.id);
    let (rules_added, terms_added) = rules::added_by(&txn, a.id).await?;
    let throttle = login_throttle::find(&txn, &auth::throttle_key(&a.email)).await?;
    let tables = json!({
        "accounts": [{
            "id": a.id, "email": a.email, "role": a.role, "status": a.status,
            "display_name": a.display_name, "locale": a.locale,
            "email_verified": a.email_verified, "time_zone": a.time_zone,
            "created_at": a.created_at, "updated_at": a.updated_at,
        }],
        "host_profiles": host.iter().map(|h| json!({
            "display_name": h.display_name, "headline": h.headline, "bio": h.bio,
            "country": h.country, "languages": h.languages.0, "markets": h.markets.0,
            "categories": h.categories.0, "platforms": h.platforms.0,
            "followers_total": h.followers_total, "min_commission_pct": h.min_commission_pct,
            "min_fee_cents": h.min_fee_cents, "rating": h.rating,
            "review_count": h.review_count,
            "completed_collaborations": h.completed_collaborations,
            "compliance": h.compliance.0, "created_at": h.created_at, "updated_at": h.updated_at,
        })).collect::<Vec<_>>(),
        "supplier_profiles": supplier.iter().map(|s| json!({
            "company_name": s.company_name, "company_name_zh": s.company_name_zh,
            "license_number": s.license_number, "province": s.province, "city": s.city,
            "website": s.website, "description": s.description,
            "description_zh": s.description_zh, "categories": s.categories.0,
            "target_markets": s.target_markets.0, "rating": s.rating,
            "review_count": s.review_count,
            "completed_collaborations": s.completed_collaborations,
            "created_at": s.created_at, "updated_at": s.updated_at,
        })).collect::<Vec<_>>(),
        "products": own_products.iter().map(|p| json!({
            "id": p.id, "title": p.title, "title_zh": p.title_zh,
            "description": p.description, "description_zh": p.description_zh,
            "category": p.category, "target_markets": p.target_markets.0,
            "price_cents": p.price_cents, "commission_pct": p.commission_pct, "moq": p.moq,
            "free_samples": p.free_samples, "image_urls": p.image_urls.0, "status": p.status,
            "compliance": p.compliance.0, "created_at": p.created_at, "updated_at": p.updated_at,
        })).collect::<Vec<_>>(),
        "offers": offers.iter().map(|o| json!({
            "id": o.id, "sent_by_me": o.supplier_id == a.id,
            "supplier_id": o.supplier_id, "host_id": o.host_id, "message": o.message,
            "commission_pct": o.commission_pct, "fee_cents": o.fee_cents,
            "free_samples": o.free_samples, "status": o.status,
            "decline_reason": o.decline_reason, "warnings": o.warnings.0,
            "version": o.version, "latest_by": o.latest_by, "live_at": o.live_at,
            "expires_at": o.expires_at, "created_at": o.created_at, "updated_at": o.updated_at,
        })).collect::<Vec<_>>(),
        "offer_versions": versions.iter().map(|(v, _)| json!({
            "offer_id": v.offer_id, "version": v.version, "by": v.by_party,
            "commission_pct": v.commission_pct, "fee_cents": v.fee_cents,
            "free_samples": v.free_samples, "live_at": v.live_at, "message": v.message,
            "expires_at": v.expires_at, "warnings": v.warnings.0, "created_at": v.created_at,
        })).collect::<Vec<_>>(),
        "offer_version_products": versions.iter().flat_map(|(v, ids)| ids.iter().map(|p| json!({
            "offer_id": v.offer_id, "version": v.version, "product_id": p, "title": title(*p),
        }))).collect::<Vec<_>>(),
        "collaborations": collaborations.iter().map(|c| json!({
            "id": c.id, "offer_id": c.offer_id, "version": c.version,
            "supplier_id": c.supplier_id, "host_id": c.host_id, "status": c.status,
            "live_at": c.live_at, "duration_minutes": c.duration_minutes,
            "carrier": c.carrier, "tracking_number": c.tracking_number,
            "shipped_at": c.shipped_at, "received_at": c.received_at,
            "replay_url": c.replay_url, "units_sold": c.units_sold,
            "completed_at": c.completed_at, "confirmed_at": c.confirmed_at,
            "confirmed_by": c.confirmed_by, "cancelled_at": c.cancelled_at,
            "cancelled_by": c.cancelled_by, "cancelled_reason": c.cancelled_reason,
            "reviews_published_at": c.reviews_published_at,
            "created_at": c.created_at, "updated_at": c.updated_at,
        })).collect::<Vec<_>>(),
        "offer_products": offer_products.iter().map(|p| json!({
            "offer_id": p.offer_id, "product_id": p.product_id,
            "title": title(p.product_id), "open": p.open,
        })).collect::<Vec<_>>(),
        "blocks": blocks.iter().map(|b| json!({
            "supplier_id": b.supplier_id, "created_at": b.created_at,
        })).collect::<Vec<_>>(),
        "messages": written.iter().map(|m| json!({
            "id": m.id, "offer_id": m.offer_id, "body": m.body, "findings": m.findings.0,
            "hidden_at": m.hidden_at, "hidden_reason": m.hidden_reason,
            "created_at": m.created_at,
        })).collect::<Vec<_>>(),
        "thread_reads": marks.iter().map(|r| json!({
            "offer_id": r.offer_id, "read_at": r.read_at, "notified_at": r.notified_at,
            "pending_since": r.pending_since,
        })).collect::<Vec<_>>(),
        "thread_reports": reported.iter().map(|r| json!({
            "id": r.id, "offer_id": r.offer_id, "reason": r.reason, "created_at": r.created_at,
        })).collect::<Vec<_>>(),
        "reviews": reviewed.iter().map(|r| json!({
            "id": r.id, "collaboration_id": r.collaboration_id, "subject_id": r.subject_id,
            "author_role": r.author_role, "rating": r.rating, "text": r.body,
            "findings": r.findings.0, "published_at": r.published_at,
            "hidden_at": r.hidden_at, "hidden_reason": r.hidden_reason,
            "created_at": r.created_at,
        })).collect::<Vec<_>>(),
        "audit_log": audit::by_or_about(&txn, a.id).await?.iter().map(|r| json!({
            "id": r.id, "by_me": r.actor_id == Some(a.id), "action": r.action,
            "target_type": r.target_type, "target_id": r.target_id, "reason": r.reason,
            "details": r.details.0, "created_at": r.created_at,
        })).collect::<Vec<_>>(),
        "email_outbox": outbox::for_recipient(&txn, &a.email).await?.iter().map(|e| json!({
            "template": e.template, "locale": e.locale,
            "subject": templates::render(e.template, e.locale, &e.payload.0).ok().map(|r| r.subject),
            "status": e.status, "attempts": e.attempts,
            "created_at": e.created_at, "sent_at": e.sent_at,
        })).collect::<Vec<_>>(),
        "refresh_tokens": refresh_tokens::for_account(&txn, a.id).await?.iter().map(|t| json!({
            "created_at": t.created_at, "expires_at": t.expires_at,
            "used_at": t.used_at, "revoked_at": t.revoked_at,
        })).collect::<Vec<_>>(),
        "web_sessions": web_sessions::for_account(&txn, a.id).await?.iter().map(|s| json!({
            "created_at": s.created_at, "last_seen_at": s.last_seen_at,
            "expires_at": s.expires_at,
        })).collect::<Vec<_>>(),
        "account_tokens": account_tokens::for_account(&txn, a.id).await?.iter().map(|t| json!({
            "purpose": t.purpose, "created_at": t.created_at,
            "expires_at": t.expires_at, "used_at": t.used_at,
        })).collect::<Vec<_>>(),
        "idempotency_keys": idempotency::for_account(&txn, a.id).await?.iter().map(|k| json!({
            "key": k.key, "response_status": k.response_status, "created_at": k.created_at,
        })).collect::<Vec<_>>(),
        "login_throttle": throttle.iter().map(|t| json!({
            "attempts_left": t.allowance,
            "checked_at": chrono::DateTime::from_timestamp_millis(t.checked_at_ms),
        })).collect::<Vec<_>>(),
        "market_rules": rules_added.iter().map(|r| json!({
            "id": r.id, "market": r.market, "category": r.category, "level": r.level,
            "reason": r.reason, "reason_zh": r.reason_zh, "source": r.source,
            "created_at": r.created_at,
        })).collect::<Vec<_>>(),
        "screening_terms": terms_added.iter().map(|t| json!({
            "id": t.id, "language": t.language, "kind": t.kind, "level": t.level,
            "markets": t.markets.0, "term": t.term, "reason": t.reason,
            "reason_zh": t.reason_zh, "source": t.source, "created_at": t.created_at,
        })).collect::<Vec<_>>(),
        "search_changes": search_changes::for_entities(&txn, &searched).await?.iter().map(|c| json!({
            "seq": c.seq, "entity": c.entity, "entity_id": c.entity_id, "created_at": c.created_at,
        })).collect::<Vec<_>>(),
    });
    txn.commit().await?;
    Ok(json!({
        "format": EXPORT_FORMAT,
        "exported_at": Utc::now(),
        "account_id": a.id,
        "tables": tables,
    }))
}
