//! Collaborations (what an accepted offer becomes, with its steps) and the reviews both
//! parties write after one is confirmed; the track record both kinds of profile carry.
//!
//! Offers accepted before collaborations existed get one in `agreed`, whose id is the
//! offer's. `completed_collaborations` now counts confirmed collaborations only, so it is
//! reset to 0 for every host, and every host is queued for the index to catch up.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use Collaborations as C;
        manager
            .create_table(
                Table::create()
                    .table(C::Table)
                    .col(pk_uuid(C::Id))
                    .col(uuid_uniq(C::OfferId))
                    .col(integer(C::Version))
                    .col(uuid(C::SupplierId))
                    .col(uuid(C::HostId))
                    .col(string_len(C::Status, 16))
                    .col(timestamp_with_time_zone_null(C::LiveAt))
                    .col(integer_null(C::DurationMinutes))
                    .col(text_null(C::Carrier))
                    .col(text_null(C::TrackingNumber))
                    .col(timestamp_with_time_zone_null(C::ShippedAt))
                    .col(timestamp_with_time_zone_null(C::ReceivedAt))
                    .col(text_null(C::ReplayUrl))
                    .col(big_integer_null(C::UnitsSold))
                    .col(timestamp_with_time_zone_null(C::CompletedAt))
                    .col(timestamp_with_time_zone_null(C::ConfirmedAt))
                    .col(string_len_null(C::ConfirmedBy, 16))
                    .col(timestamp_with_time_zone_null(C::CancelledAt))
                    .col(string_len_null(C::CancelledBy, 16))
                    .col(text_null(C::CancelledReason))
                    .col(timestamp_with_time_zone_null(C::ReviewsPublishedAt))
                    .col(timestamp_with_time_zone(C::CreatedAt))
                    .col(timestamp_with_time_zone(C::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_collaborations_offer")
                            .from(C::Table, C::OfferId)
                            .to(Offers::Table, Offers::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, cols) in [
            ("idx_collaborations_supplier", [C::SupplierId, C::CreatedAt]),
            ("idx_collaborations_host", [C::HostId, C::CreatedAt]),
            ("idx_collaborations_due", [C::Status, C::CompletedAt]),
        ] {
            let mut idx = Index::create();
            idx.name(name).table(C::Table);
            for c in cols {
                idx.col(c);
            }
            manager.create_index(idx.to_owned()).await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(Reviews::Table)
                    .col(pk_uuid(Reviews::Id))
                    .col(uuid(Reviews::CollaborationId))
                    .col(uuid(Reviews::AuthorId))
                    .col(uuid(Reviews::SubjectId))
                    .col(string_len(Reviews::AuthorRole, 16))
                    .col(small_integer(Reviews::Rating))
                    .col(text(Reviews::Body))
                    .col(text(Reviews::Findings).default("[]"))
                    .col(timestamp_with_time_zone_null(Reviews::PublishedAt))
                    .col(timestamp_with_time_zone_null(Reviews::HiddenAt))
                    .col(text_null(Reviews::HiddenReason))
                    .col(timestamp_with_time_zone(Reviews::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_reviews_collaboration")
                            .from(Reviews::Table, Reviews::CollaborationId)
                            .to(C::Table, C::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_reviews_one_per_author")
                    .table(Reviews::Table)
                    .col(Reviews::CollaborationId)
                    .col(Reviews::AuthorId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_reviews_subject")
                    .table(Reviews::Table)
                    .col(Reviews::SubjectId)
                    .col(Reviews::PublishedAt)
                    .to_owned(),
            )
            .await?;
        let mut added = vec![(
            HostProfiles::Table.into_iden(),
            integer(HostProfiles::ReviewCount).default(0).to_owned(),
        )];
        for col in [
            double_null(SupplierProfiles::Rating).to_owned(),
            integer(SupplierProfiles::ReviewCount).default(0).to_owned(),
            integer(SupplierProfiles::CompletedCollaborations)
                .default(0)
                .to_owned(),
        ] {
            added.push((SupplierProfiles::Table.into_iden(), col));
        }
        // SQLite adds one column per ALTER TABLE.
        for (table, mut col) in added {
            manager
                .alter_table(Table::alter().table(table).add_column(&mut col).to_owned())
                .await?;
        }
        let db = manager.get_connection();
        for sql in [
            "INSERT INTO collaborations (id, offer_id, version, supplier_id, host_id, status, \
             created_at, updated_at) SELECT id, id, version, supplier_id, host_id, 'agreed', \
             updated_at, updated_at FROM offers WHERE status = 'accepted'",
            "UPDATE host_profiles SET completed_collaborations = 0",
            "INSERT INTO search_changes (entity, entity_id, created_at) \
             SELECT 'host', id, updated_at FROM host_profiles",
        ] {
            db.execute_unprepared(sql).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for col in [
            SupplierProfiles::CompletedCollaborations,
            SupplierProfiles::ReviewCount,
            SupplierProfiles::Rating,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(SupplierProfiles::Table)
                        .drop_column(col)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(HostProfiles::Table)
                    .drop_column(HostProfiles::ReviewCount)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(Reviews::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Collaborations::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Offers {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Collaborations {
    Table,
    Id,
    OfferId,
    Version,
    SupplierId,
    HostId,
    Status,
    LiveAt,
    DurationMinutes,
    Carrier,
    TrackingNumber,
    ShippedAt,
    ReceivedAt,
    ReplayUrl,
    UnitsSold,
    CompletedAt,
    ConfirmedAt,
    ConfirmedBy,
    CancelledAt,
    CancelledBy,
    CancelledReason,
    ReviewsPublishedAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Reviews {
    Table,
    Id,
    CollaborationId,
    AuthorId,
    SubjectId,
    AuthorRole,
    Rating,
    Body,
    Findings,
    PublishedAt,
    HiddenAt,
    HiddenReason,
    CreatedAt,
}

#[derive(DeriveIden)]
enum HostProfiles {
    Table,
    ReviewCount,
}

#[derive(DeriveIden)]
enum SupplierProfiles {
    Table,
    Rating,
    ReviewCount,
    CompletedCollaborations,
}
