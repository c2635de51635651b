//! The catalogue: approved suppliers create products; only the owner changes or archives
//! them; others see active products of approved suppliers.

use uuid::Uuid;

use crate::{
    db::{
        accounts::{self, AccountRow},
        products::{self, ProductRow},
        search_changes::{self, Entity},
    },
    domain::{
        AccountStatus, Role,
        product::{ACTIVE, ProductDraft},
    },
    error::{AppError, AppResult},
    extract::{CurrentAccount, Pagination},
    services::{compliance, profiles::can_see, rulebook::Rulebook},
    state::AppState,
};

/// Only approved suppliers list products.
pub fn may_create(me: &CurrentAccount) -> AppResult<()> {
    if me.role != Role::Supplier {
        return Err(AppError::Forbidden("Only suppliers list products.".into()));
    }
    if me.status != AccountStatus::Approved {
        return Err(AppError::Forbidden(
            "Your account must be approved before you list products.".into(),
        ));
    }
    Ok(())
}

/// Lists a product inside the caller's transaction (which may also hold its
/// idempotency key).
pub async fn create(
    txn: &impl sea_orm::ConnectionTrait,
    me: &CurrentAccount,
    draft: &ProductDraft,
    book: &Rulebook,
) -> AppResult<ProductRow> {
    may_create(me)?;
    let screened = compliance::screen_product(book, draft);
    let row = products::insert(txn, me.id(), draft, &screened).await?;
    search_changes::record(txn, Entity::Product, row.id).await?;
    Ok(row)
}

/// Whether `viewer` may see `product` of `supplier`.
fn visible(viewer: &CurrentAccount, product: &ProductRow, supplier: &AccountRow) -> bool {
    viewer.id() == product.supplier_id
        || viewer.role == Role::Admin
        || (product.status == ACTIVE && can_see(viewer, supplier))
}

pub async fn get(state: &AppState, viewer: &CurrentAccount, id: Uuid) -> AppResult<ProductRow> {
    let conn = state.db.conn();
    let Some(product) = products::find(conn, id).await? else {
        return Err(AppError::NotFound);
    };
    let supplier = accounts::find(conn, product.supplier_id).await?;
    match supplier {
        Some(s) if visible(viewer, &product, &s) => Ok(product),
        _ => Err(AppError::NotFound),
    }
}

/// Loads a product its owner is about to change, inside `txn`. Others get 404 (an admin,
/// who may see it, 403).
async fn owned(
    txn: &impl sea_orm::ConnectionTrait,
    me: &CurrentAccount,
    id: Uuid,
) -> AppResult<ProductRow> {
    // Locked, so two changes to one product apply one after the other, each on the
    // other's result.
    match products::find_for_update(txn, id).await? {
        Some(p) if p.supplier_id == me.id() => Ok(p),
        Some(_) if me.role == Role::Admin => Err(AppError::Forbidden(
            "Only the supplier who owns a product changes it.".into(),
        )),
        _ => Err(AppError::NotFound),
    }
}

/// Applies `change` (which sees the current row and returns the whole new product) for
/// the owner, in one transaction.
pub async fn update(
    state: &AppState,
    me: &CurrentAccount,
    id: Uuid,
    change: impl FnOnce(&ProductRow) -> AppResult<ProductDraft>,
) -> AppResult<ProductRow> {
    let txn = state.db.begin_write().await?;
    let current = owned(&txn, me, id).await?;
    if current.status != ACTIVE {
        return Err(AppError::Conflict(
            "An archived product cannot be changed.".into(),
        ));
    }
    let draft = change(&current)?;
    let screened = compliance::screen_product(&state.compliance.book(), &draft);
    if !products::update(&txn, id, &draft, &screened).await? {
        return Err(AppError::Conflict(
            "The product was archived meanwhile.".into(),
        ));
    }
    search_changes::record(&txn, Entity::Product, id).await?;
    let row = products::find(&txn, id).await?.ok_or(AppError::NotFound)?;
    txn.commit().await?;
    Ok(row)
}

/// Archives the owner's product; archiving twice is fine and changes nothing.
pub async fn archive(state: &AppState, me: &CurrentAccount, id: Uuid) -> AppResult<()> {
    let txn = state.db.begin_write().await?;
    owned(&txn, me, id).await?;
    if products::archive(&txn, id).await? {
        search_changes::record(&txn, Entity::Product, id).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// A supplier's products: all of them for the owner and admins, the active ones of an
/// approved supplier for everyone else (none otherwise).
pub async fn list(
    state: &AppState,
    viewer: &CurrentAccount,
    supplier_id: Uuid,
    paging: Pagination,
) -> AppResult<(Vec<ProductRow>, u64)> {
    let conn = state.db.conn();
    let privileged = viewer.id() == supplier_id || viewer.role == Role::Admin;
    if !privileged {
        let supplier = accounts::find(conn, supplier_id).await?;
        if !supplier.is_some_and(|s| can_see(viewer, &s)) {
            return Ok((Vec::new(), 0));
        }
    }
    Ok(
        products::list_by_supplier(conn, supplier_id, privileged, paging.page, paging.per_page)
            .await?,
    )
}
