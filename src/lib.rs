//! hostmatch: matchmaking between Chinese suppliers and overseas live-stream hosts.
//!
//! The map of this crate is `docs/ARCHITECTURE.md`.

pub mod auth;
pub mod cli;
pub mod config;
pub mod db;
pub mod domain;
pub mod email;
pub mod entities;
pub mod error;
pub mod extract;
pub mod jobs;
pub mod policy;
pub mod reference;
pub mod routes;
pub mod search;
pub mod secret;
pub mod seed;
pub mod services;
pub mod startup;
pub mod state;
pub mod telemetry;
pub mod web;
