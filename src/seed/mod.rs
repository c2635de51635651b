//! `hostmatch seed`: a demo marketplace written through the same core operations as the
//! API, deterministic for `--seed`.
//!
//! The seed plans everything first ([`plan::Plan`], from one `StdRng`), refuses a database
//! that already has supplier or host accounts (unless `--force`) or any of its addresses,
//! then writes as people would: each account registers (`services::auth::register`), has
//! its made-up address taken as verified (`services::account::verify_made_up`, as nobody
//! can follow the link) and writes its profile; the demo admin (`services::auth::create_admin`) approves most,
//! rejects some and leaves some pending (`services::vetting::vet`); suppliers list products
//! (`services::products::create` in a write transaction); offers are sent
//! (`services::offers::create`) and accepted, declined or withdrawn
//! (`services::offers::make_move`); a few accounts are suspended last. No SQL here, no
//! direct writes: the audit log, the search changes and the findings are the core's.
//!
//! No email is queued. Vetting and offers queue email through `services::notify`; the seed
//! hands them [`Links`] with [`Delivery::Skip`], so `notify::queue` writes no outbox row
//! and the mail worker has nothing to send to people who do not exist. The API always
//! builds `Links::new`, which queues. The report counts outbox rows before and after.
//!
//! Every seeded account has the password [`DEMO_PASSWORD`]. Registration hashes each one
//! (argon2id), one per core at a time.

mod catalogue;
mod goods;
mod offers;
mod people;
pub mod plan;
#[cfg(test)]
mod tests;
mod voices;
mod write;

use std::{collections::BTreeMap, fmt, time::Instant};

use rand::{rngs::StdRng, seq::IndexedRandom};
use sea_orm::DbErr;

use crate::{
    auth::{PasswordHasher, password::HashError},
    config::Settings,
    db::{Db, accounts, outbox},
    reference::markets,
    services::{
        account::AccountError,
        auth::{AuthError, CreateAdminError},
        notify::{Delivery, Links},
        offers::OfferError,
        products::ProductError,
        profiles::ProfileError,
        screening,
        vetting::VettingError,
    },
};
use plan::Plan;

/// The password of every seeded account, printed with the demo logins.
pub const DEMO_PASSWORD: &str = "hostmatch-demo";
/// The smallest seed: the demo accounts and one account in each state.
pub const MIN_HOSTS: usize = 5;
pub const MIN_PRODUCTS: usize = 20;

/// What to seed.
#[derive(Debug, Clone)]
pub struct SeedOptions {
    pub hosts: usize,
    pub products: usize,
    pub seed: u64,
    /// Seed even though supplier or host accounts exist.
    pub force: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error(
        "the database already has {0} supplier and host accounts; seed an empty database, or pass --force to add the demo data anyway"
    )]
    NotEmpty(u64),
    #[error("{0} already has an account: this database was seeded before")]
    Seeded(String),
    #[error("--hosts must be at least {MIN_HOSTS} and --products at least {MIN_PRODUCTS}")]
    TooSmall,
    #[error("a seeded supplier sends {0} offers, more than HOSTMATCH_OFFERS_PER_DAY ({1}) allows")]
    OfferLimit(usize, u32),
    #[error("the plan made an invalid value: {0}")]
    Plan(String),
    #[error("registering: {0}")]
    Auth(#[from] AuthError),
    #[error("verifying a made-up address: {0}")]
    Account(#[from] AccountError),
    #[error("creating the demo admin: {0}")]
    Admin(#[from] CreateAdminError),
    #[error("vetting: {0}")]
    Vetting(#[from] VettingError),
    #[error("writing a profile: {0}")]
    Profile(#[from] ProfileError),
    #[error("listing a product: {0}")]
    Product(#[from] ProductError),
    #[error("sending an offer: {0}")]
    Offer(#[from] OfferError),
    #[error("the password hasher: {0}")]
    Hash(#[from] HashError),
    #[error("a registration task: {0}")]
    Join(#[from] tokio::task::JoinError),
    #[error(transparent)]
    Db(#[from] DbErr),
}

impl SeedError {
    /// Whether the seed had begun writing when it failed: the refusals before the first
    /// write leave the database as it was; anything later may leave part of the demo data.
    pub fn may_have_written(&self) -> bool {
        !matches!(
            self,
            Self::NotEmpty(_)
                | Self::Seeded(_)
                | Self::TooSmall
                | Self::OfferLimit(..)
                | Self::Plan(_)
        )
    }
}

/// Seeds `db` (migrated) as `opts` says, with `settings`' hashing threads, public URL and
/// daily offer limit.
pub async fn run(db: &Db, settings: &Settings, opts: &SeedOptions) -> Result<Report, SeedError> {
    let started = Instant::now();
    if opts.hosts < MIN_HOSTS || opts.products < MIN_PRODUCTS {
        return Err(SeedError::TooSmall);
    }
    let plan = Plan::new(opts.hosts, opts.products, opts.seed);
    refuse_unless_free(db, &plan, opts.force).await?;
    let most = plan.most_offers_by_one_supplier();
    if most > settings.offers_per_day as usize {
        return Err(SeedError::OfferLimit(most, settings.offers_per_day));
    }
    let hasher = PasswordHasher::new(settings.hash_concurrency)?;
    let links = Links::new(&settings.public_url(&settings.bind)).with_delivery(Delivery::Skip);
    let book = screening::load(db.conn()).await?;
    let queued_before = outbox_rows(db).await?;
    let core = write::Core {
        db,
        hasher: &hasher,
        links: &links,
        book: &book,
        offers_per_day: settings.offers_per_day,
    };
    let written = write::write(&core, &plan).await?;
    let queued = outbox_rows(db).await? - queued_before;
    Ok(Report::new(&written, queued, opts.seed, started))
}

/// Refuses a database with supplier or host accounts (unless `force`), and one where any
/// of the plan's addresses is taken.
async fn refuse_unless_free(db: &Db, plan: &Plan, force: bool) -> Result<(), SeedError> {
    let others = accounts::count_non_admin(db.conn()).await?;
    if others > 0 && !force {
        return Err(SeedError::NotEmpty(others));
    }
    for email in plan.emails() {
        if accounts::find_by_email(db.conn(), email).await?.is_some() {
            return Err(SeedError::Seeded(email.to_owned()));
        }
    }
    Ok(())
}

async fn outbox_rows(db: &Db) -> Result<i64, DbErr> {
    Ok(outbox::count_by_status(db.conn())
        .await?
        .iter()
        .map(|(_, n)| n)
        .sum())
}

/// What a seed wrote, counted from the core's answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub seed: u64,
    /// By (role, status).
    pub accounts: BTreeMap<(String, String), u64>,
    pub host_profiles: usize,
    pub supplier_profiles: usize,
    pub products: usize,
    /// Products with a compliance finding in one of their target markets.
    pub flagged_products: usize,
    /// By status.
    pub offers: BTreeMap<String, u64>,
    /// Outbox rows that appeared while seeding.
    pub emails_queued: i64,
    pub seconds: u64,
}

impl Report {
    fn new(w: &write::Written, emails_queued: i64, seed: u64, started: Instant) -> Self {
        let mut accounts = BTreeMap::new();
        for a in &w.accounts {
            *accounts
                .entry((a.role.as_str().to_owned(), a.status.as_str().to_owned()))
                .or_insert(0) += 1;
        }
        let mut offers = BTreeMap::new();
        for o in &w.offers {
            *offers.entry(o.status.as_str().to_owned()).or_insert(0) += 1;
        }
        let flagged_products = w
            .products
            .iter()
            .filter(|p| p.compliance.iter().any(|f| f.reaches(&p.target_markets)))
            .count();
        Self {
            seed,
            accounts,
            host_profiles: w.host_profiles,
            supplier_profiles: w.supplier_profiles,
            products: w.products.len(),
            flagged_products,
            offers,
            emails_queued,
            seconds: started.elapsed().as_secs(),
        }
    }

    /// Accounts of `role` in `status`.
    pub fn count(&self, role: &str, status: &str) -> u64 {
        let key = (role.to_owned(), status.to_owned());
        self.accounts.get(&key).copied().unwrap_or(0)
    }
}

/// The demo logins: role and address.
pub const DEMO_LOGINS: [(&str, &str); 3] = [
    ("admin", "admin@demo.hostmatch.test"),
    ("supplier", "supplier@demo.hostmatch.test"),
    ("host", "host@demo.hostmatch.test"),
];

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let total: u64 = self.accounts.values().sum();
        writeln!(f, "seeded in {} s (seed {})", self.seconds, self.seed)?;
        writeln!(f, "accounts: {total}")?;
        for role in ["admin", "supplier", "host"] {
            let parts: Vec<String> = self
                .accounts
                .iter()
                .filter(|((r, _), _)| r == role)
                .map(|((_, status), n)| format!("{n} {status}"))
                .collect();
            writeln!(f, "  {role:<10}{}", parts.join(", "))?;
        }
        writeln!(
            f,
            "profiles: {} hosts, {} suppliers",
            self.host_profiles, self.supplier_profiles
        )?;
        writeln!(
            f,
            "products: {} ({} with compliance findings in their target markets)",
            self.products, self.flagged_products
        )?;
        let offers: Vec<String> = self
            .offers
            .iter()
            .map(|(s, n)| format!("{n} {s}"))
            .collect();
        let sent: u64 = self.offers.values().sum();
        writeln!(f, "offers:   {sent} ({})", offers.join(", "))?;
        writeln!(f, "emails queued: {}", self.emails_queued)?;
        writeln!(f)?;
        writeln!(
            f,
            "demo logins (every seeded account's password is {DEMO_PASSWORD}):"
        )?;
        for (role, email) in DEMO_LOGINS {
            writeln!(f, "  {role:<10}{email}")?;
        }
        write!(
            f,
            "search shows the new data once `hostmatch serve` has indexed it"
        )
    }
}

/// One of `xs`, which the seed's data never leaves empty.
fn pick<'a, T>(rng: &mut StdRng, xs: &'a [T]) -> &'a T {
    xs.choose(rng).expect("a non-empty list")
}

/// Countries and regions to the sorted countries a draft stores, as the API's checks do.
fn expand(codes: &[&str]) -> Vec<String> {
    markets::expand(codes.iter().copied())
        .expect("seeded markets are known")
        .into_iter()
        .map(str::to_owned)
        .collect()
}
