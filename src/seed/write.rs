//! Writing a plan through the core's operations, as the API's handlers call them: register
//! (the made-up address taken as verified), write the profile, be vetted by the demo admin, list products, send and answer offers.

use chrono::{Duration, Utc};
use uuid::Uuid;

use super::{
    DEMO_PASSWORD, SeedError,
    plan::{Account, Fate, Plan, Then},
};
use crate::{
    auth::PasswordHasher,
    db::{Db, accounts::AccountRow, offers::OfferRow, products::ProductRow},
    domain::{
        Actor, DisplayName, EmailAddress, Password, Role, VettingAction,
        offer::{OfferDraft, OfferMove},
    },
    services::{
        account,
        auth::{self, Registration},
        notify::Links,
        offers, products, profiles,
        rulebook::Rulebook,
        vetting,
    },
};

/// What the seed wrote, as the core answered it.
pub struct Written {
    /// Every account, the admin first, in its final state.
    pub accounts: Vec<AccountRow>,
    pub host_profiles: usize,
    pub supplier_profiles: usize,
    pub products: Vec<ProductRow>,
    pub offers: Vec<OfferRow>,
}

/// The core's dependencies the seed uses.
pub struct Core<'a> {
    pub db: &'a Db,
    pub hasher: &'a PasswordHasher,
    /// With delivery skipped.
    pub links: &'a Links,
    pub book: &'a Rulebook,
    pub offers_per_day: u32,
}

/// An account as the core sees it acting.
fn actor(row: &AccountRow) -> Actor {
    Actor {
        id: row.id,
        role: row.role,
        status: row.status,
        locale: row.locale,
    }
}

fn password() -> Password {
    Password::parse(DEMO_PASSWORD.to_owned()).expect("the demo password is long enough")
}

pub async fn write(core: &Core<'_>, plan: &Plan) -> Result<Written, SeedError> {
    let admin_email = EmailAddress::parse(&plan.admin_email).map_err(SeedError::Plan)?;
    let admin = auth::create_admin(core.db, core.hasher, &admin_email, &password()).await?;
    let admin_actor = actor(&admin);
    let supplier_accounts = plan.suppliers.iter().map(|s| (&s.account, Role::Supplier));
    let host_accounts = plan.hosts.iter().map(|h| (&h.account, Role::Host));
    let mut rows = register_all(core, supplier_accounts.chain(host_accounts)).await?;
    let (suppliers, hosts) = rows.split_at_mut(plan.suppliers.len());
    for (p, row) in plan.suppliers.iter().zip(suppliers.iter()) {
        profiles::put_supplier(core.db, &actor(row), || {
            Ok::<_, SeedError>(p.profile.clone())
        })
        .await?;
    }
    for (p, row) in plan.hosts.iter().zip(hosts.iter()) {
        profiles::put_host(core.db, core.book, &actor(row), || {
            Ok::<_, SeedError>(p.profile.clone())
        })
        .await?;
    }
    let fates: Vec<Fate> = plan
        .suppliers
        .iter()
        .map(|s| s.account.fate)
        .chain(plan.hosts.iter().map(|h| h.account.fate))
        .collect();
    for (row, fate) in rows.iter_mut().zip(&fates) {
        let (action, reason) = match fate {
            Fate::Approved | Fate::Suspended(_) => (VettingAction::Approve, None),
            Fate::Rejected(why) => (VettingAction::Reject, Some(*why)),
            Fate::Pending => continue,
        };
        *row = vet(core, &admin_actor, row.id, action, reason).await?;
    }
    let listed = list_products(core, plan, &rows[..plan.suppliers.len()]).await?;
    let offers = send_offers(core, plan, &rows, &listed).await?;
    for (row, fate) in rows.iter_mut().zip(&fates) {
        if let Fate::Suspended(why) = fate {
            *row = vet(
                core,
                &admin_actor,
                row.id,
                VettingAction::Suspend,
                Some(why),
            )
            .await?;
        }
    }
    let mut accounts = vec![admin];
    accounts.extend(rows);
    Ok(Written {
        accounts,
        host_profiles: plan.hosts.len(),
        supplier_profiles: plan.suppliers.len(),
        products: listed.into_iter().flatten().collect(),
        offers,
    })
}

/// Registers every account, hashing on as many threads as the hasher allows, and marks
/// each made-up address verified; the rows come back in the order given.
async fn register_all<'p>(
    core: &Core<'_>,
    accounts: impl Iterator<Item = (&'p Account, Role)>,
) -> Result<Vec<AccountRow>, SeedError> {
    let mut tasks = Vec::new();
    for (a, role) in accounts {
        let reg = Registration {
            email: EmailAddress::parse(&a.email).map_err(SeedError::Plan)?,
            password: password(),
            role,
            display_name: DisplayName::parse(&a.display_name).map_err(SeedError::Plan)?,
            locale: a.locale,
        };
        let (db, hasher, links) = (core.db.clone(), core.hasher.clone(), core.links.clone());
        tasks.push(tokio::spawn(async move {
            auth::register(&db, &hasher, &links, reg).await
        }));
    }
    let mut rows = Vec::with_capacity(tasks.len());
    for t in tasks {
        let row = t.await??;
        rows.push(account::verify_made_up(core.db, core.links, row.id).await?);
    }
    Ok(rows)
}

async fn vet(
    core: &Core<'_>,
    admin: &Actor,
    id: Uuid,
    action: VettingAction,
    reason: Option<&str>,
) -> Result<AccountRow, SeedError> {
    let reason = reason.map(str::to_owned);
    vetting::vet(core.db, core.links, admin, id, action, || {
        Ok::<_, SeedError>(reason)
    })
    .await
}

/// Each supplier's products in one transaction, as `POST /products` writes one.
async fn list_products(
    core: &Core<'_>,
    plan: &Plan,
    suppliers: &[AccountRow],
) -> Result<Vec<Vec<ProductRow>>, SeedError> {
    let mut listed = Vec::with_capacity(suppliers.len());
    for (p, row) in plan.suppliers.iter().zip(suppliers) {
        let me = actor(row);
        let mut rows = Vec::with_capacity(p.products.len());
        if !p.products.is_empty() {
            let txn = core.db.begin_write().await?;
            for draft in &p.products {
                rows.push(products::create(&txn, &me, draft, core.book).await?);
            }
            txn.commit().await?;
        }
        listed.push(rows);
    }
    Ok(listed)
}

/// Sends each planned offer, then makes the move planned for it.
async fn send_offers(
    core: &Core<'_>,
    plan: &Plan,
    accounts: &[AccountRow],
    listed: &[Vec<ProductRow>],
) -> Result<Vec<OfferRow>, SeedError> {
    let (suppliers, hosts) = accounts.split_at(plan.suppliers.len());
    let mut out = Vec::with_capacity(plan.offers.len());
    for o in &plan.offers {
        let (supplier, host) = (actor(&suppliers[o.supplier]), actor(&hosts[o.host]));
        let mut product_ids: Vec<Uuid> = o
            .products
            .iter()
            .map(|&p| listed[o.supplier][p].id)
            .collect();
        product_ids.sort();
        let draft = OfferDraft {
            host_id: host.id,
            product_ids,
            message: o.message.clone(),
            commission_pct: o.commission_pct,
            fee_cents: o.fee_cents,
            free_samples: o.free_samples,
            expires_at: Utc::now() + Duration::days(o.days),
        };
        let txn = core.db.begin_write().await?;
        let row = offers::create(&txn, core.links, core.offers_per_day, &supplier, &draft)
            .await?
            .row;
        txn.commit().await?;
        let (by, mv, reason) = match o.then {
            Then::Open => {
                out.push(row);
                continue;
            }
            Then::Accept => (host, OfferMove::Accept, None),
            Then::Decline(why) => (host, OfferMove::Decline, Some(why.to_owned())),
            Then::Withdraw => (supplier, OfferMove::Withdraw, None),
        };
        let moved = offers::make_move(core.db, core.links, &by, row.id, mv, || {
            Ok::<_, SeedError>(offers::Said {
                reason,
                version: None,
            })
        })
        .await?;
        out.push(moved.row);
    }
    Ok(out)
}
