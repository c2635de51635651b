//! Offers from suppliers to hosts, and the products each one names.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Offers::Table)
                    .col(pk_uuid(Offers::Id))
                    .col(uuid(Offers::SupplierId))
                    .col(uuid(Offers::HostId))
                    .col(text(Offers::Message))
                    .col(double(Offers::CommissionPct))
                    .col(big_integer(Offers::FeeCents))
                    .col(boolean(Offers::FreeSamples))
                    .col(string_len(Offers::Status, 16))
                    .col(text_null(Offers::DeclineReason))
                    .col(timestamp_with_time_zone(Offers::ExpiresAt))
                    .col(timestamp_with_time_zone(Offers::CreatedAt))
                    .col(timestamp_with_time_zone(Offers::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Offers::Table, Offers::SupplierId)
                            .to(Accounts::Table, Accounts::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Offers::Table, Offers::HostId)
                            .to(Accounts::Table, Accounts::Id),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, col) in [
            ("idx_offers_supplier", Offers::SupplierId),
            ("idx_offers_host", Offers::HostId),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(Offers::Table)
                        .col(col)
                        .col(Offers::CreatedAt)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("idx_offers_due")
                    .table(Offers::Table)
                    .col(Offers::Status)
                    .col(Offers::ExpiresAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(OfferProducts::Table)
                    .col(uuid(OfferProducts::OfferId))
                    .col(uuid(OfferProducts::ProductId))
                    .col(uuid(OfferProducts::HostId))
                    .col(boolean(OfferProducts::Open))
                    .primary_key(
                        Index::create()
                            .col(OfferProducts::OfferId)
                            .col(OfferProducts::ProductId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(OfferProducts::Table, OfferProducts::OfferId)
                            .to(Offers::Table, Offers::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // At most one open offer per host and product (a product has one supplier): a
        // partial unique index, which PostgreSQL and SQLite both enforce.
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX uq_offer_products_open ON offer_products (host_id, product_id) WHERE open",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(OfferProducts::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Offers::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Accounts {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Offers {
    Table,
    Id,
    SupplierId,
    HostId,
    Message,
    CommissionPct,
    FeeCents,
    FreeSamples,
    Status,
    DeclineReason,
    ExpiresAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum OfferProducts {
    Table,
    OfferId,
    ProductId,
    HostId,
    Open,
}
