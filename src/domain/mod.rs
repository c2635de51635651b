//! Domain types that parse (email, password, names, locale) and the account state machine.

pub mod account;
pub mod compliance;
pub mod credentials;
pub mod fields;
pub mod locale;
pub mod matching;
pub mod offer;
pub mod product;
pub mod profile;
pub mod uscc;

pub use account::{AccountStatus, Role, VettingAction};
pub use credentials::{DisplayName, EmailAddress, Password};
pub use locale::Locale;
