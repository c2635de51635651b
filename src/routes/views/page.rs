//! `Page<T>`: a page of a list, as every list endpoint answers it.

use crate::domain::PageRequest;

/// A paged list as every list endpoint answers it.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
}

impl<T> Page<T> {
    pub fn new(items: Vec<T>, total: u64, p: PageRequest) -> Self {
        Self {
            items,
            total,
            page: p.page,
            per_page: p.per_page,
        }
    }
}
