//! Domain types that parse (email, password, names, locale) and the account state machine.

pub mod account;
pub mod credentials;
pub mod locale;

pub use account::{AccountStatus, Role, VettingAction};
pub use credentials::{DisplayName, EmailAddress, Password};
pub use locale::Locale;
