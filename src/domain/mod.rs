//! Pure rules and types that parse: who acts, accounts and their state machine, account
//! settings, fields, profiles, products, offers, findings and paging. Nothing here touches
//! a database or HTTP.

pub mod account;
pub mod actor;
pub mod collaboration;
pub mod credentials;
pub mod fields;
pub mod findings;
pub mod locale;
pub mod matching;
pub mod offer;
pub mod paging;
pub mod product;
pub mod profile;
pub mod refusal;
pub mod settings;
pub mod string_enum;
pub mod uscc;

pub use account::{AccountStatus, Role, TokenPurpose, VettingAction};
pub use actor::Actor;
pub use credentials::{DisplayName, EmailAddress, Password};
pub use locale::Locale;
pub use paging::PageRequest;
pub use refusal::{Refusal, Refuses};
pub use settings::{AccountPatch, PasswordChange, TimeZone};
