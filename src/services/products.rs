//! The catalogue: approved suppliers create products; only the owner changes or archives
//! them; others see active products of approved suppliers.

use sea_orm::{ConnectionTrait, DbErr};
use uuid::Uuid;

use crate::{
    db::{
        Db, accounts,
        products::{self, ProductRow},
        search_changes::{self, Entity},
    },
    domain::{
        Actor, PageRequest, Refusal, Refuses,
        product::{ProductDraft, ProductStatus},
    },
    policy::{self, ChangeProduct, Denied},
    services::{rulebook::Rulebook, screening},
};

#[derive(Debug, thiserror::Error)]
pub enum ProductError {
    #[error(transparent)]
    Denied(#[from] Denied),
    #[error("no such product")]
    NotFound,
    #[error("An archived product cannot be changed.")]
    Archived,
    #[error("The product was archived meanwhile.")]
    ArchivedMeanwhile,
    #[error("reading or writing products")]
    Db(#[from] DbErr),
}

impl Refuses for ProductError {
    fn refusal(&self) -> Option<Refusal> {
        match self {
            Self::Denied(d) => Some((*d).into()),
            Self::NotFound => Some(Refusal::NotFound),
            Self::Archived | Self::ArchivedMeanwhile => Some(Refusal::Conflict(self.to_string())),
            Self::Db(_) => None,
        }
    }
}

type Result<T, E = ProductError> = std::result::Result<T, E>;

/// Lists a product inside the caller's transaction (which may also hold its
/// idempotency key).
#[tracing::instrument(name = "products.create", skip_all, fields(product.id))]
pub async fn create(
    txn: &impl ConnectionTrait,
    me: &Actor,
    draft: &ProductDraft,
    book: &Rulebook,
) -> Result<ProductRow> {
    policy::may_list_products(me)?;
    let screened = screening::screen_product(book, draft);
    let row = products::insert(txn, me.id, draft, &screened).await?;
    tracing::Span::current().record("product.id", tracing::field::display(row.id));
    search_changes::record(txn, Entity::Product, row.id).await?;
    Ok(row)
}

#[tracing::instrument(name = "products.get", skip_all, fields(product.id = %id))]
pub async fn get(db: &Db, viewer: &Actor, id: Uuid) -> Result<ProductRow> {
    let conn = db.conn();
    let Some(product) = products::find(conn, id).await? else {
        return Err(ProductError::NotFound);
    };
    let supplier = accounts::find(conn, product.supplier_id).await?;
    match supplier {
        Some(s)
            if policy::can_see_product(
                viewer,
                product.supplier_id,
                product.status == ProductStatus::Active,
                s.status,
            ) =>
        {
            Ok(product)
        }
        _ => Err(ProductError::NotFound),
    }
}

/// Loads a product its owner is about to change, inside `txn`. Others get 404 (an admin,
/// who may see it, 403).
async fn owned(txn: &impl ConnectionTrait, me: &Actor, id: Uuid) -> Result<ProductRow> {
    // Locked, so two changes to one product apply one after the other, each on the
    // other's result.
    let Some(p) = products::find_for_update(txn, id).await? else {
        return Err(ProductError::NotFound);
    };
    match policy::may_change_product(me, p.supplier_id) {
        ChangeProduct::Allowed => Ok(p),
        ChangeProduct::Denied(d) => Err(d.into()),
        ChangeProduct::Hidden => Err(ProductError::NotFound),
    }
}

/// Applies `change` (which sees the current row and returns the whole new product) for
/// the owner, in one transaction. `change` runs once the caller is known to own the
/// product, so its own refusals (an unreadable body, invalid fields) come after 403 and
/// 404, and before 409 for an archived product.
#[tracing::instrument(name = "products.update", skip_all, fields(product.id = %id))]
pub async fn update<E: From<ProductError> + From<DbErr>>(
    db: &Db,
    book: &Rulebook,
    me: &Actor,
    id: Uuid,
    change: impl FnOnce(&ProductRow) -> Result<ProductDraft, E>,
) -> Result<ProductRow, E> {
    let txn = db.begin_write().await?;
    let current = owned(&txn, me, id).await?;
    let draft = change(&current)?;
    if current.status != ProductStatus::Active {
        return Err(ProductError::Archived.into());
    }
    let screened = screening::screen_product(book, &draft);
    if !products::update(&txn, id, &draft, &screened).await? {
        return Err(ProductError::ArchivedMeanwhile.into());
    }
    search_changes::record(&txn, Entity::Product, id).await?;
    let row = products::find(&txn, id)
        .await?
        .ok_or(ProductError::NotFound)?;
    txn.commit().await?;
    Ok(row)
}

/// Archives the owner's product; archiving twice is fine and changes nothing.
#[tracing::instrument(name = "products.archive", skip_all, fields(product.id = %id))]
pub async fn archive(db: &Db, me: &Actor, id: Uuid) -> Result<()> {
    let txn = db.begin_write().await?;
    owned(&txn, me, id).await?;
    if products::archive(&txn, id).await? {
        search_changes::record(&txn, Entity::Product, id).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// A supplier's products in `status` (any when `None`): all of them for the owner and
/// admins, the active ones of an approved supplier for everyone else (none otherwise).
#[tracing::instrument(name = "products.list", skip_all, fields(supplier.id = %supplier_id))]
pub async fn list(
    db: &Db,
    viewer: &Actor,
    supplier_id: Uuid,
    status: Option<ProductStatus>,
    page: PageRequest,
) -> Result<(Vec<ProductRow>, u64)> {
    let conn = db.conn();
    let whole = policy::sees_whole_catalogue(viewer, supplier_id);
    let status = if whole {
        status
    } else {
        let supplier = accounts::find(conn, supplier_id).await?;
        let visible = supplier.is_some_and(|s| policy::can_see_account(viewer, s.id, s.status));
        if !visible || status.is_some_and(|s| s != ProductStatus::Active) {
            return Ok((Vec::new(), 0));
        }
        Some(ProductStatus::Active)
    };
    Ok(products::list_by_supplier(conn, supplier_id, status, page.page, page.per_page).await?)
}
