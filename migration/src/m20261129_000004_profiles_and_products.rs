//! Host and supplier profiles, the product catalogue, and the `search_changes` feed.
//!
//! Lists (languages, markets, categories, platforms, image URLs) are JSON text: they are
//! read and written whole with their row, and searched through the index, not SQL.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // A profile's id is its account's id: one profile per account.
        manager
            .create_table(
                Table::create()
                    .table(HostProfiles::Table)
                    .col(pk_uuid(HostProfiles::Id))
                    .col(string(HostProfiles::DisplayName))
                    .col(string(HostProfiles::Headline))
                    .col(text(HostProfiles::Bio))
                    .col(string_len(HostProfiles::Country, 2))
                    .col(text(HostProfiles::Languages))
                    .col(text(HostProfiles::Markets))
                    .col(text(HostProfiles::Categories))
                    .col(text(HostProfiles::Platforms))
                    .col(big_integer(HostProfiles::FollowersTotal))
                    .col(double(HostProfiles::MinCommissionPct))
                    .col(big_integer(HostProfiles::MinFeeCents))
                    .col(double_null(HostProfiles::Rating))
                    .col(integer(HostProfiles::CompletedCollaborations).default(0))
                    .col(timestamp_with_time_zone(HostProfiles::CreatedAt))
                    .col(timestamp_with_time_zone(HostProfiles::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(HostProfiles::Table, HostProfiles::Id)
                            .to(Accounts::Table, Accounts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SupplierProfiles::Table)
                    .col(pk_uuid(SupplierProfiles::Id))
                    .col(string(SupplierProfiles::CompanyName))
                    .col(string(SupplierProfiles::CompanyNameZh))
                    .col(string_len(SupplierProfiles::LicenseNumber, 18))
                    .col(string(SupplierProfiles::Province))
                    .col(string(SupplierProfiles::City))
                    .col(string(SupplierProfiles::Website))
                    .col(text(SupplierProfiles::Description))
                    .col(text(SupplierProfiles::DescriptionZh))
                    .col(text(SupplierProfiles::Categories))
                    .col(text(SupplierProfiles::TargetMarkets))
                    .col(timestamp_with_time_zone(SupplierProfiles::CreatedAt))
                    .col(timestamp_with_time_zone(SupplierProfiles::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(SupplierProfiles::Table, SupplierProfiles::Id)
                            .to(Accounts::Table, Accounts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Products::Table)
                    .col(pk_uuid(Products::Id))
                    .col(uuid(Products::SupplierId))
                    .col(string(Products::Title))
                    .col(string(Products::TitleZh))
                    .col(text(Products::Description))
                    .col(text(Products::DescriptionZh))
                    .col(integer(Products::Category))
                    .col(text(Products::TargetMarkets))
                    .col(big_integer(Products::PriceCents))
                    .col(double(Products::CommissionPct))
                    .col(integer(Products::Moq))
                    .col(boolean(Products::FreeSamples))
                    .col(text(Products::ImageUrls))
                    .col(string_len(Products::Status, 16))
                    .col(timestamp_with_time_zone(Products::CreatedAt))
                    .col(timestamp_with_time_zone(Products::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Products::Table, Products::SupplierId)
                            .to(Accounts::Table, Accounts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_products_supplier")
                    .table(Products::Table)
                    .col(Products::SupplierId)
                    .col(Products::Status)
                    .col(Products::CreatedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SearchChanges::Table)
                    .col(
                        big_integer(SearchChanges::Seq)
                            .primary_key()
                            .auto_increment(),
                    )
                    .col(string_len(SearchChanges::Entity, 16))
                    .col(uuid(SearchChanges::EntityId))
                    .col(string_len(SearchChanges::Op, 16))
                    .col(timestamp_with_time_zone(SearchChanges::CreatedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            SearchChanges::Table.into_iden(),
            Products::Table.into_iden(),
            SupplierProfiles::Table.into_iden(),
            HostProfiles::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(t).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Accounts {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum HostProfiles {
    Table,
    Id,
    DisplayName,
    Headline,
    Bio,
    Country,
    Languages,
    Markets,
    Categories,
    Platforms,
    FollowersTotal,
    MinCommissionPct,
    MinFeeCents,
    Rating,
    CompletedCollaborations,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum SupplierProfiles {
    Table,
    Id,
    CompanyName,
    CompanyNameZh,
    LicenseNumber,
    Province,
    City,
    Website,
    Description,
    DescriptionZh,
    Categories,
    TargetMarkets,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Products {
    Table,
    Id,
    SupplierId,
    Title,
    TitleZh,
    Description,
    DescriptionZh,
    Category,
    TargetMarkets,
    PriceCents,
    CommissionPct,
    Moq,
    FreeSamples,
    ImageUrls,
    Status,
    CreatedAt,
    UpdatedAt,
}

/// What the search indexer tails: one row per change of searchable data, written in the
/// transaction of the change. `entity` is `host`, `supplier`, `product` or `account`.
#[derive(DeriveIden)]
enum SearchChanges {
    Table,
    Seq,
    Entity,
    EntityId,
    Op,
    CreatedAt,
}
