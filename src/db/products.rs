//! Queries on products: insert, find, replace fields, archive, list a supplier's.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set, sea_query::Expr,
};
use uuid::Uuid;

use crate::entities::text_json::TextJson;

use crate::{
    domain::{
        findings::Screened,
        product::{ProductDraft, ProductStatus},
    },
    entities::product::{self, Entity as Products},
};

pub use product::Model as ProductRow;

pub async fn insert(
    db: &impl ConnectionTrait,
    supplier_id: Uuid,
    d: &ProductDraft,
    s: &Screened,
) -> Result<ProductRow, DbErr> {
    let now = Utc::now();
    product::ActiveModel {
        id: Set(Uuid::now_v7()),
        supplier_id: Set(supplier_id),
        title: Set(d.title.clone()),
        title_zh: Set(d.title_zh.clone()),
        description: Set(d.description.clone()),
        description_zh: Set(d.description_zh.clone()),
        category: Set(d.category as i32),
        target_markets: Set(TextJson(d.target_markets.clone())),
        price_cents: Set(d.price_cents),
        commission_pct: Set(d.commission_pct),
        moq: Set(d.moq),
        free_samples: Set(d.free_samples),
        image_urls: Set(TextJson(d.image_urls.clone())),
        status: Set(ProductStatus::Active),
        compliance: Set(TextJson(s.compliance.clone())),
        screened_with: Set(s.screened_with.clone()),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await
}

pub async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<ProductRow>, DbErr> {
    Products::find_by_id(id)
        .one(db)
        .await
        .map_err(super::unreadable("products", id))
}

/// Reads the row and, on PostgreSQL, locks it until the transaction ends.
pub async fn find_for_update(
    db: &impl ConnectionTrait,
    id: Uuid,
) -> Result<Option<ProductRow>, DbErr> {
    Products::find_by_id(id)
        .lock_exclusive()
        .one(db)
        .await
        .map_err(super::unreadable("products", id))
}

/// Replaces the editable fields of an active product, with their findings; false when it
/// is not active any more.
pub async fn update(
    db: &impl ConnectionTrait,
    id: Uuid,
    d: &ProductDraft,
    s: &Screened,
) -> Result<bool, DbErr> {
    use product::Column as C;
    let res = Products::update_many()
        .col_expr(C::Title, Expr::value(d.title.clone()))
        .col_expr(C::TitleZh, Expr::value(d.title_zh.clone()))
        .col_expr(C::Description, Expr::value(d.description.clone()))
        .col_expr(C::DescriptionZh, Expr::value(d.description_zh.clone()))
        .col_expr(C::Category, Expr::value(d.category as i32))
        .col_expr(
            C::TargetMarkets,
            Expr::value(TextJson(d.target_markets.clone())),
        )
        .col_expr(C::PriceCents, Expr::value(d.price_cents))
        .col_expr(C::CommissionPct, Expr::value(d.commission_pct))
        .col_expr(C::Moq, Expr::value(d.moq))
        .col_expr(C::FreeSamples, Expr::value(d.free_samples))
        .col_expr(C::ImageUrls, Expr::value(TextJson(d.image_urls.clone())))
        .col_expr(C::Compliance, Expr::value(TextJson(s.compliance.clone())))
        .col_expr(C::ScreenedWith, Expr::value(s.screened_with.clone()))
        .col_expr(C::UpdatedAt, Expr::value(Utc::now()))
        .filter(C::Id.eq(id))
        .filter(C::Status.eq(ProductStatus::Active))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Archives an active product; false when it was already archived.
pub async fn archive(db: &impl ConnectionTrait, id: Uuid) -> Result<bool, DbErr> {
    let res = Products::update_many()
        .col_expr(
            product::Column::Status,
            Expr::value(ProductStatus::Archived.as_str()),
        )
        .col_expr(product::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(product::Column::Id.eq(id))
        .filter(product::Column::Status.eq(ProductStatus::Active))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// A supplier's products, newest first; only those in `status` when it is given.
pub async fn list_by_supplier(
    db: &impl ConnectionTrait,
    supplier_id: Uuid,
    status: Option<ProductStatus>,
    page: u64,
    per_page: u64,
) -> Result<(Vec<ProductRow>, u64), DbErr> {
    let mut q = Products::find().filter(product::Column::SupplierId.eq(supplier_id));
    if let Some(status) = status {
        q = q.filter(product::Column::Status.eq(status));
    }
    let total = q.clone().count(db).await?;
    let rows = q
        .order_by_desc(product::Column::CreatedAt)
        .order_by_desc(product::Column::Id)
        .offset((page - 1) * per_page)
        .limit(per_page)
        .all(db)
        .await
        .map_err(super::unreadable_in("products"))?;
    Ok((rows, total))
}

pub async fn by_ids(db: &impl ConnectionTrait, ids: &[Uuid]) -> Result<Vec<ProductRow>, DbErr> {
    Products::find()
        .filter(product::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await
        .map_err(super::unreadable_in("products"))
}

/// Ids of every product of the suppliers, any status.
pub async fn ids_of_suppliers(
    db: &impl ConnectionTrait,
    suppliers: &[Uuid],
) -> Result<Vec<Uuid>, DbErr> {
    Products::find()
        .select_only()
        .column(product::Column::Id)
        .filter(product::Column::SupplierId.is_in(suppliers.iter().copied()))
        .into_tuple()
        .all(db)
        .await
        .map_err(super::unreadable_in("products"))
}

/// A chunk of product ids after `after`, in id order, for a full rebuild.
pub async fn ids_after(
    db: &impl ConnectionTrait,
    after: Option<Uuid>,
    limit: u64,
) -> Result<Vec<Uuid>, DbErr> {
    let mut q = Products::find().select_only().column(product::Column::Id);
    if let Some(a) = after {
        q = q.filter(product::Column::Id.gt(a));
    }
    q.order_by_asc(product::Column::Id)
        .limit(limit)
        .into_tuple()
        .all(db)
        .await
        .map_err(super::unreadable_in("products"))
}

/// A supplier's active products with at least one finding, newest change first, at most
/// `limit`.
pub async fn flagged_of_supplier(
    db: &impl ConnectionTrait,
    supplier: Uuid,
    limit: u64,
) -> Result<Vec<ProductRow>, DbErr> {
    Products::find()
        .filter(product::Column::SupplierId.eq(supplier))
        .filter(product::Column::Status.eq(ProductStatus::Active))
        .filter(product::Column::Compliance.ne("[]"))
        .order_by_desc(product::Column::UpdatedAt)
        .limit(limit)
        .all(db)
        .await
        .map_err(super::unreadable_in("products"))
}

/// Every product of the supplier, any status, oldest first (its data export, closing it).
pub async fn all_of_supplier(
    db: &impl ConnectionTrait,
    supplier_id: Uuid,
) -> Result<Vec<ProductRow>, DbErr> {
    Products::find()
        .filter(product::Column::SupplierId.eq(supplier_id))
        .order_by_asc(product::Column::CreatedAt)
        .order_by_asc(product::Column::Id)
        .all(db)
        .await
        .map_err(super::unreadable_in("products"))
}
