//! Queries on host and supplier profiles: create-or-replace, look up, batch look up, the
//! collaboration count, and erasing a closed account's.

use chrono::Utc;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set, sea_query::OnConflict,
};
use uuid::Uuid;

use crate::entities::text_json::TextJson;

use crate::{
    domain::{
        findings::Screened,
        profile::{HostProfileDraft, SupplierProfileDraft},
    },
    entities::{
        host_profile::{self, Entity as Hosts},
        supplier_profile::{self, Entity as Suppliers},
    },
};

pub use host_profile::Model as HostRow;
pub use supplier_profile::Model as SupplierRow;

/// Creates or replaces the profile of host `id` in one statement, so two saves racing
/// cannot collide. Server-owned fields (the track record, created_at) survive.
pub async fn put_host(
    db: &impl ConnectionTrait,
    id: Uuid,
    d: &HostProfileDraft,
    s: &Screened,
) -> Result<HostRow, DbErr> {
    use host_profile::Column as C;
    let now = Utc::now();
    let row = host_profile::ActiveModel {
        id: Set(id),
        display_name: Set(d.display_name.clone()),
        headline: Set(d.headline.clone()),
        bio: Set(d.bio.clone()),
        country: Set(d.country.clone()),
        languages: Set(TextJson(d.languages.clone())),
        markets: Set(TextJson(d.markets.clone())),
        categories: Set(TextJson(d.categories.clone())),
        platforms: Set(TextJson(d.platforms.clone())),
        followers_total: Set(d.followers_total()),
        min_commission_pct: Set(d.min_commission_pct),
        min_fee_cents: Set(d.min_fee_cents),
        rating: Set(None),
        completed_collaborations: Set(0),
        review_count: Set(0),
        compliance: Set(TextJson(s.compliance.clone())),
        screened_with: Set(s.screened_with.clone()),
        created_at: Set(now),
        updated_at: Set(now),
    };
    Hosts::insert(row)
        .on_conflict(
            OnConflict::column(C::Id)
                .update_columns([
                    C::DisplayName,
                    C::Headline,
                    C::Bio,
                    C::Country,
                    C::Languages,
                    C::Markets,
                    C::Categories,
                    C::Platforms,
                    C::FollowersTotal,
                    C::MinCommissionPct,
                    C::MinFeeCents,
                    C::Compliance,
                    C::ScreenedWith,
                    C::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    find_host(db, id)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("host profile just written".into()))
}

pub async fn find_host(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<HostRow>, DbErr> {
    Hosts::find_by_id(id)
        .one(db)
        .await
        .map_err(super::unreadable("host_profiles", id))
}

/// Stores a track record on the profile of `id` (host or supplier, as `side` says); a
/// missing profile is left alone.
pub async fn set_track_record(
    db: &impl ConnectionTrait,
    side: crate::domain::offer::Party,
    id: Uuid,
    r: &crate::domain::collaboration::TrackRecord,
) -> Result<(), DbErr> {
    use sea_orm::sea_query::Expr;
    match side {
        crate::domain::offer::Party::Host => {
            use host_profile::Column as C;
            Hosts::update_many()
                .col_expr(C::Rating, Expr::value(r.rating))
                .col_expr(C::ReviewCount, Expr::value(r.review_count))
                .col_expr(
                    C::CompletedCollaborations,
                    Expr::value(r.completed_collaborations),
                )
                .filter(C::Id.eq(id))
                .exec(db)
                .await?;
        }
        crate::domain::offer::Party::Supplier => {
            use supplier_profile::Column as C;
            Suppliers::update_many()
                .col_expr(C::Rating, Expr::value(r.rating))
                .col_expr(C::ReviewCount, Expr::value(r.review_count))
                .col_expr(
                    C::CompletedCollaborations,
                    Expr::value(r.completed_collaborations),
                )
                .filter(C::Id.eq(id))
                .exec(db)
                .await?;
        }
    }
    Ok(())
}

/// How a party is named to the other: a supplier by its company (once it has a profile),
/// anyone else by its display name.
pub async fn name_of(
    db: &impl ConnectionTrait,
    account: &crate::db::accounts::AccountRow,
) -> Result<String, DbErr> {
    Ok(find_supplier(db, account.id)
        .await?
        .map(|p| p.company_name)
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| account.display_name.clone()))
}

pub async fn hosts_by_ids(db: &impl ConnectionTrait, ids: &[Uuid]) -> Result<Vec<HostRow>, DbErr> {
    Hosts::find()
        .filter(host_profile::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await
        .map_err(super::unreadable_in("host_profiles"))
}

/// Creates or replaces the profile of supplier `id`.
pub async fn put_supplier(
    db: &impl ConnectionTrait,
    id: Uuid,
    d: &SupplierProfileDraft,
) -> Result<SupplierRow, DbErr> {
    use supplier_profile::Column as C;
    let now = Utc::now();
    let row = supplier_profile::ActiveModel {
        id: Set(id),
        company_name: Set(d.company_name.clone()),
        company_name_zh: Set(d.company_name_zh.clone()),
        license_number: Set(d.license_number.as_str().to_owned()),
        province: Set(d.province.clone()),
        city: Set(d.city.clone()),
        website: Set(d.website.clone()),
        description: Set(d.description.clone()),
        description_zh: Set(d.description_zh.clone()),
        categories: Set(TextJson(d.categories.clone())),
        target_markets: Set(TextJson(d.target_markets.clone())),
        rating: Set(None),
        review_count: Set(0),
        completed_collaborations: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
    };
    Suppliers::insert(row)
        .on_conflict(
            OnConflict::column(C::Id)
                .update_columns([
                    C::CompanyName,
                    C::CompanyNameZh,
                    C::LicenseNumber,
                    C::Province,
                    C::City,
                    C::Website,
                    C::Description,
                    C::DescriptionZh,
                    C::Categories,
                    C::TargetMarkets,
                    C::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    find_supplier(db, id)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("supplier profile just written".into()))
}

pub async fn find_supplier(
    db: &impl ConnectionTrait,
    id: Uuid,
) -> Result<Option<SupplierRow>, DbErr> {
    Suppliers::find_by_id(id)
        .one(db)
        .await
        .map_err(super::unreadable("supplier_profiles", id))
}

pub async fn suppliers_by_ids(
    db: &impl ConnectionTrait,
    ids: &[Uuid],
) -> Result<Vec<SupplierRow>, DbErr> {
    Suppliers::find()
        .filter(supplier_profile::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await
}

/// A chunk of host ids after `after`, in id order, for a full rebuild.
pub async fn host_ids_after(
    db: &impl ConnectionTrait,
    after: Option<Uuid>,
    limit: u64,
) -> Result<Vec<Uuid>, DbErr> {
    use sea_orm::{QueryOrder, QuerySelect};
    let mut q = Hosts::find().select_only().column(host_profile::Column::Id);
    if let Some(a) = after {
        q = q.filter(host_profile::Column::Id.gt(a));
    }
    q.order_by_asc(host_profile::Column::Id)
        .limit(limit)
        .into_tuple()
        .all(db)
        .await
}

/// Erases what a host wrote about themselves (name, headline, bio, platform handles) and
/// the findings about it; what they serve (languages, markets, categories) stays.
pub async fn erase_host(db: &impl ConnectionTrait, id: Uuid) -> Result<bool, DbErr> {
    use host_profile::Column as C;
    use sea_orm::sea_query::Expr;
    let Some(row) = find_host(db, id).await? else {
        return Ok(false);
    };
    let platforms: Vec<_> = row
        .platforms
        .0
        .into_iter()
        .map(|p| crate::domain::profile::Platform {
            handle: String::new(),
            ..p
        })
        .collect();
    Hosts::update_many()
        .col_expr(C::DisplayName, Expr::value(""))
        .col_expr(C::Headline, Expr::value(""))
        .col_expr(C::Bio, Expr::value(""))
        .col_expr(C::Platforms, Expr::value(TextJson(platforms)))
        .col_expr(
            C::Compliance,
            Expr::value(TextJson(Vec::<crate::domain::findings::Finding>::new())),
        )
        .col_expr(C::UpdatedAt, Expr::value(Utc::now()))
        .filter(C::Id.eq(id))
        .exec(db)
        .await?;
    Ok(true)
}

/// Erases a supplier's names, licence, website and descriptions; where it is based and
/// what it sells stay.
pub async fn erase_supplier(db: &impl ConnectionTrait, id: Uuid) -> Result<bool, DbErr> {
    use sea_orm::sea_query::Expr;
    use supplier_profile::Column as C;
    let res = Suppliers::update_many()
        .col_expr(C::CompanyName, Expr::value(""))
        .col_expr(C::CompanyNameZh, Expr::value(""))
        .col_expr(C::LicenseNumber, Expr::value(""))
        .col_expr(C::Website, Expr::value(""))
        .col_expr(C::Description, Expr::value(""))
        .col_expr(C::DescriptionZh, Expr::value(""))
        .col_expr(C::UpdatedAt, Expr::value(Utc::now()))
        .filter(C::Id.eq(id))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}
