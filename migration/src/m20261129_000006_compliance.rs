//! Compliance: the market rules and screening terms admins add to the shipped ones, the
//! generation counter that says when they last changed, and each product's and host
//! profile's findings with the rulebook they were screened against.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(MarketRules::Table)
                    .col(pk_uuid(MarketRules::Id))
                    .col(string_len(MarketRules::Market, 16))
                    .col(integer(MarketRules::Category))
                    .col(string_len(MarketRules::Level, 16))
                    .col(text(MarketRules::Reason))
                    .col(text(MarketRules::ReasonZh))
                    .col(text(MarketRules::Source))
                    .col(uuid_null(MarketRules::CreatedBy))
                    .col(timestamp_with_time_zone(MarketRules::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_market_rules_pair")
                    .table(MarketRules::Table)
                    .col(MarketRules::Market)
                    .col(MarketRules::Category)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ScreeningTerms::Table)
                    .col(pk_uuid(ScreeningTerms::Id))
                    .col(string_len(ScreeningTerms::Language, 8))
                    .col(string_len(ScreeningTerms::Kind, 16))
                    .col(string_len(ScreeningTerms::Level, 16))
                    .col(text(ScreeningTerms::Markets))
                    .col(string_len(ScreeningTerms::Term, 200))
                    .col(string_len(ScreeningTerms::TermKey, 200))
                    .col(text(ScreeningTerms::Reason))
                    .col(text(ScreeningTerms::ReasonZh))
                    .col(text(ScreeningTerms::Source))
                    .col(uuid_null(ScreeningTerms::CreatedBy))
                    .col(timestamp_with_time_zone(ScreeningTerms::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_screening_terms_key")
                    .table(ScreeningTerms::Table)
                    .col(ScreeningTerms::Language)
                    .col(ScreeningTerms::TermKey)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ComplianceState::Table)
                    .col(integer(ComplianceState::Id).primary_key())
                    .col(big_integer(ComplianceState::Generation))
                    .to_owned(),
            )
            .await?;
        manager
            .exec_stmt(
                Query::insert()
                    .into_table(ComplianceState::Table)
                    .columns([ComplianceState::Id, ComplianceState::Generation])
                    .values_panic([1.into(), 0.into()])
                    .to_owned(),
            )
            .await?;
        // What an offer warned about when it was sent, kept with it.
        manager
            .alter_table(
                Table::alter()
                    .table(Offers::Table)
                    .add_column(
                        ColumnDef::new(Offers::Warnings)
                            .text()
                            .not_null()
                            .default("[]")
                            .to_owned(),
                    )
                    .to_owned(),
            )
            .await?;
        // One column per statement: SQLite alters a table one change at a time.
        for table in [Products::Table.into_iden(), HostProfiles::Table.into_iden()] {
            for col in [
                ColumnDef::new(Findings::Compliance)
                    .text()
                    .not_null()
                    .default("[]")
                    .to_owned(),
                ColumnDef::new(Findings::ScreenedWith)
                    .string_len(64)
                    .not_null()
                    .default("")
                    .to_owned(),
            ] {
                manager
                    .alter_table(
                        Table::alter()
                            .table(table.clone())
                            .add_column(col)
                            .to_owned(),
                    )
                    .await?;
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Offers::Table)
                    .drop_column(Offers::Warnings)
                    .to_owned(),
            )
            .await?;
        for table in [Products::Table.into_iden(), HostProfiles::Table.into_iden()] {
            for col in [Findings::Compliance, Findings::ScreenedWith] {
                manager
                    .alter_table(
                        Table::alter()
                            .table(table.clone())
                            .drop_column(col)
                            .to_owned(),
                    )
                    .await?;
            }
        }
        for t in [
            ComplianceState::Table.into_iden(),
            ScreeningTerms::Table.into_iden(),
            MarketRules::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(t).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum MarketRules {
    Table,
    Id,
    Market,
    Category,
    Level,
    Reason,
    ReasonZh,
    Source,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ScreeningTerms {
    Table,
    Id,
    Language,
    Kind,
    Level,
    Markets,
    Term,
    TermKey,
    Reason,
    ReasonZh,
    Source,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ComplianceState {
    Table,
    Id,
    Generation,
}

#[derive(DeriveIden)]
enum Products {
    Table,
}

#[derive(DeriveIden)]
enum HostProfiles {
    Table,
}

#[derive(DeriveIden)]
enum Offers {
    Table,
    Warnings,
}

#[derive(DeriveIden)]
enum Findings {
    Compliance,
    ScreenedWith,
}
