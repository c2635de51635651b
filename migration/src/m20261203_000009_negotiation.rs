//! Negotiation: an offer's versions (each counter is one, with the products it names),
//! the message thread of each offer with its read marks, email marks and reports, and the
//! suppliers a host has blocked.
//!
//! Offers made before versions existed become version 1, made by the supplier.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per ALTER TABLE.
        for col in [
            integer(Offers::Version).default(1).to_owned(),
            string_len(Offers::LatestBy, 16)
                .default("supplier")
                .to_owned(),
            timestamp_with_time_zone_null(Offers::LiveAt).to_owned(),
        ] {
            let mut col = col;
            manager
                .alter_table(
                    Table::alter()
                        .table(Offers::Table)
                        .add_column(&mut col)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(OfferVersions::Table)
                    .col(uuid(OfferVersions::OfferId))
                    .col(integer(OfferVersions::Version))
                    .col(string_len(OfferVersions::ByParty, 16))
                    .col(double(OfferVersions::CommissionPct))
                    .col(big_integer(OfferVersions::FeeCents))
                    .col(boolean(OfferVersions::FreeSamples))
                    .col(timestamp_with_time_zone_null(OfferVersions::LiveAt))
                    .col(text(OfferVersions::Message))
                    .col(timestamp_with_time_zone(OfferVersions::ExpiresAt))
                    .col(text(OfferVersions::Warnings).default("[]"))
                    .col(timestamp_with_time_zone(OfferVersions::CreatedAt))
                    .primary_key(
                        Index::create()
                            .col(OfferVersions::OfferId)
                            .col(OfferVersions::Version),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_offer_versions_offer")
                            .from(OfferVersions::Table, OfferVersions::OfferId)
                            .to(Offers::Table, Offers::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(OfferVersionProducts::Table)
                    .col(uuid(OfferVersionProducts::OfferId))
                    .col(integer(OfferVersionProducts::Version))
                    .col(uuid(OfferVersionProducts::ProductId))
                    .primary_key(
                        Index::create()
                            .col(OfferVersionProducts::OfferId)
                            .col(OfferVersionProducts::Version)
                            .col(OfferVersionProducts::ProductId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_offer_version_products_offer")
                            .from(OfferVersionProducts::Table, OfferVersionProducts::OfferId)
                            .to(Offers::Table, Offers::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        db.execute_unprepared(
            "INSERT INTO offer_versions (offer_id, version, by_party, commission_pct, fee_cents, \
             free_samples, live_at, message, expires_at, warnings, created_at) \
             SELECT id, 1, 'supplier', commission_pct, fee_cents, free_samples, NULL, message, \
             expires_at, warnings, created_at FROM offers",
        )
        .await?;
        db.execute_unprepared(
            "INSERT INTO offer_version_products (offer_id, version, product_id) \
             SELECT offer_id, 1, product_id FROM offer_products",
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table(Messages::Table)
                    .col(pk_uuid(Messages::Id))
                    .col(uuid(Messages::OfferId))
                    .col(uuid(Messages::AuthorId))
                    .col(text(Messages::Body))
                    .col(text(Messages::Findings).default("[]"))
                    .col(timestamp_with_time_zone_null(Messages::HiddenAt))
                    .col(text_null(Messages::HiddenReason))
                    .col(timestamp_with_time_zone(Messages::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_messages_offer")
                            .from(Messages::Table, Messages::OfferId)
                            .to(Offers::Table, Offers::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_messages_offer")
                    .table(Messages::Table)
                    .col(Messages::OfferId)
                    .col(Messages::CreatedAt)
                    .to_owned(),
            )
            .await?;
        // Per thread and reader: read up to `read_at`; emailed last at `notified_at`;
        // unread messages waiting for an email since `pending_since`.
        manager
            .create_table(
                Table::create()
                    .table(ThreadReads::Table)
                    .col(uuid(ThreadReads::OfferId))
                    .col(uuid(ThreadReads::AccountId))
                    .col(timestamp_with_time_zone_null(ThreadReads::ReadAt))
                    .col(timestamp_with_time_zone_null(ThreadReads::NotifiedAt))
                    .col(timestamp_with_time_zone_null(ThreadReads::PendingSince))
                    .primary_key(
                        Index::create()
                            .col(ThreadReads::OfferId)
                            .col(ThreadReads::AccountId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_thread_reads_offer")
                            .from(ThreadReads::Table, ThreadReads::OfferId)
                            .to(Offers::Table, Offers::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ThreadReports::Table)
                    .col(pk_uuid(ThreadReports::Id))
                    .col(uuid(ThreadReports::OfferId))
                    .col(uuid(ThreadReports::ReporterId))
                    .col(text(ThreadReports::Reason))
                    .col(timestamp_with_time_zone(ThreadReports::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_thread_reports_offer")
                            .from(ThreadReports::Table, ThreadReports::OfferId)
                            .to(Offers::Table, Offers::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_thread_reports_offer")
                    .table(ThreadReports::Table)
                    .col(ThreadReports::OfferId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Blocks::Table)
                    .col(uuid(Blocks::HostId))
                    .col(uuid(Blocks::SupplierId))
                    .col(timestamp_with_time_zone(Blocks::CreatedAt))
                    .primary_key(Index::create().col(Blocks::HostId).col(Blocks::SupplierId))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            Blocks::Table.into_iden(),
            ThreadReports::Table.into_iden(),
            ThreadReads::Table.into_iden(),
            Messages::Table.into_iden(),
            OfferVersionProducts::Table.into_iden(),
            OfferVersions::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(t).to_owned())
                .await?;
        }
        for col in [Offers::LiveAt, Offers::LatestBy, Offers::Version] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Offers::Table)
                        .drop_column(col)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Offers {
    Table,
    Id,
    Version,
    LatestBy,
    LiveAt,
}

#[derive(DeriveIden)]
enum OfferVersions {
    Table,
    OfferId,
    Version,
    ByParty,
    CommissionPct,
    FeeCents,
    FreeSamples,
    LiveAt,
    Message,
    ExpiresAt,
    Warnings,
    CreatedAt,
}

#[derive(DeriveIden)]
enum OfferVersionProducts {
    Table,
    OfferId,
    Version,
    ProductId,
}

#[derive(DeriveIden)]
enum Messages {
    Table,
    Id,
    OfferId,
    AuthorId,
    Body,
    Findings,
    HiddenAt,
    HiddenReason,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ThreadReads {
    Table,
    OfferId,
    AccountId,
    ReadAt,
    NotifiedAt,
    PendingSince,
}

#[derive(DeriveIden)]
enum ThreadReports {
    Table,
    Id,
    OfferId,
    ReporterId,
    Reason,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Blocks {
    Table,
    HostId,
    SupplierId,
    CreatedAt,
}
