//! Black-box tests of the real service on a free port: SQLite by default, a fresh
//! PostgreSQL database per test when `TEST_DATABASE_URL` is set.

mod access;
mod architecture;
mod auth;
mod catalogue_pages;
mod compliance;
mod email;
mod helpers;
mod http_edge;
mod jwt;
mod lifecycle_close;
mod lifecycle_reset;
mod lifecycle_settings;
mod lifecycle_verify;
mod logs;
mod matching;
mod negotiation;
mod offer_preview;
mod offers;
mod offers_pages;
mod outreach;
mod pages;
mod process;
mod products;
mod profiles;
mod profiles_pages;
mod reference;
mod refusal_order;
mod search;
mod search_pages;
mod search_processes;
mod search_property;
mod seed;
mod threads;
mod upgrade;
mod vetting;
