//! What several routes answer: one wire type per aggregate, built from rows with `new` or
//! `From`, never deserialised and never an entity.

mod account;
pub mod findings;
mod page;
mod product;
mod profile;

pub use account::AccountView;
pub use findings::FindingView;
pub use page::Page;
pub use product::ProductView;
pub use profile::{HostProfileView, SupplierProfileView};
