//! `search_changes.op` goes: every row ever written said `upsert`, and the indexer decides
//! from the rows themselves whether a document is upserted or deleted.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(SearchChanges::Table)
                    .drop_column(SearchChanges::Op)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(SearchChanges::Table)
                    .add_column(string_len(SearchChanges::Op, 16).default("upsert"))
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum SearchChanges {
    Table,
    Op,
}
