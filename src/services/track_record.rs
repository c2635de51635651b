//! A profile's track record (API.md): `rating`, the mean of the stars of its published,
//! visible reviews to one decimal (`null` without any); `review_count`, their number;
//! `completed_collaborations`, its confirmed collaborations. Recomputed whole from those
//! rows inside the transaction that changes one of them, with the host's index change in
//! the same transaction, so the figures never drift from what they count. Callers that
//! recount both parties do the supplier first, then the host: the order offers lock
//! them in, so two transactions never wait on each other in a circle.

use sea_orm::{ConnectionTrait, DbErr};
use uuid::Uuid;

use crate::{
    db::{
        accounts,
        collaborations::{self, Column},
        profiles, reviews,
        search_changes::{self, Entity},
    },
    domain::{
        collaboration::{TrackRecord, mean_rating},
        offer::Party,
    },
};

/// Recomputes the track record of `id`, who is `side` in its collaborations, stores it on
/// its profile and queues a host's index change.
pub async fn refresh(
    db: &impl ConnectionTrait,
    side: Party,
    id: Uuid,
) -> Result<TrackRecord, DbErr> {
    let record = recount(db, side, id).await?;
    if side == Party::Host {
        search_changes::record(db, Entity::Host, id).await?;
    }
    Ok(record)
}

/// Recomputes and stores the track record of `id` without an index change, for a caller
/// that queues its own (a profile being written: a first profile starts from zeros and
/// takes in a record earned before it). A missing profile is left alone.
pub async fn recount(
    db: &impl ConnectionTrait,
    side: Party,
    id: Uuid,
) -> Result<TrackRecord, DbErr> {
    // The account's row, locked on PostgreSQL, serialises two recounts of one record
    // (two confirmations at once), so neither writes a count that misses the other.
    accounts::find_for_update(db, id).await?;
    let stars = reviews::published_stars(db, id).await?;
    let column = match side {
        Party::Supplier => Column::SupplierId,
        Party::Host => Column::HostId,
    };
    let completed = collaborations::confirmed_count(db, column, id).await?;
    let record = TrackRecord {
        rating: mean_rating(&stars),
        review_count: i32::try_from(stars.len()).unwrap_or(i32::MAX),
        completed_collaborations: i32::try_from(completed).unwrap_or(i32::MAX),
    };
    profiles::set_track_record(db, side, id, &record).await?;
    Ok(record)
}
