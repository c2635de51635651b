//! Every schema change of hostmatch, in order; run by `hostmatch migrate` and at `serve` start.

pub use sea_orm_migration::prelude::*;

mod m20261129_000001_accounts;
mod m20261129_000002_email_outbox;
mod m20261129_000003_audit_and_idempotency;
mod m20261129_000004_profiles_and_products;
mod m20261129_000005_offers;
mod m20261129_000006_compliance;
mod m20261201_000007_drop_search_changes_op;
mod m20261202_000008_account_lifecycle;
mod m20261203_000009_negotiation;
mod m20261203_000010_collaborations;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261129_000001_accounts::Migration),
            Box::new(m20261129_000002_email_outbox::Migration),
            Box::new(m20261129_000003_audit_and_idempotency::Migration),
            Box::new(m20261129_000004_profiles_and_products::Migration),
            Box::new(m20261129_000005_offers::Migration),
            Box::new(m20261129_000006_compliance::Migration),
            Box::new(m20261201_000007_drop_search_changes_op::Migration),
            Box::new(m20261202_000008_account_lifecycle::Migration),
            Box::new(m20261203_000009_negotiation::Migration),
            Box::new(m20261203_000010_collaborations::Migration),
        ]
    }
}
