//! The seed as data: every account, profile, product and offer, drawn from one `StdRng`
//! seeded with `--seed` before anything is written, so one seed always plans the same
//! marketplace.

use rand::{
    Rng, SeedableRng,
    rngs::StdRng,
    seq::{IndexedRandom, SliceRandom},
};

use super::{
    catalogue::{self, FLAGGED, Flag, SupplierSeed},
    goods::{CONTACTS, INDUSTRIES, Industry},
    offers,
    people::{self, FLAGGED_BIO},
    pick,
};
use crate::domain::{
    Locale,
    product::ProductDraft,
    profile::{HostProfileDraft, LanguageLevel},
};

/// Every seeded address is in this reserved domain: nobody can receive mail there.
pub const DOMAIN: &str = "demo.hostmatch.test";
/// Offers one seeded supplier sends at most (the daily limit must allow as many).
pub const MAX_OFFERS_PER_SUPPLIER: usize = 10;

/// What happens to an account once it has registered and written its profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fate {
    Approved,
    /// Left in the vetting queue.
    Pending,
    Rejected(&'static str),
    /// Approved, then suspended once everything else is written.
    Suspended(&'static str),
}

pub struct Account {
    pub email: String,
    pub display_name: String,
    pub locale: Locale,
    pub fate: Fate,
}

pub struct SupplierPlan {
    pub account: Account,
    pub profile: crate::domain::profile::SupplierProfileDraft,
    /// The flagged listings first (as many as `flags`), then the regular ones.
    pub products: Vec<ProductDraft>,
    pub flags: Vec<Flag>,
}

pub struct HostPlan {
    pub account: Account,
    pub profile: HostProfileDraft,
}

/// What becomes of an offer once it is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Then {
    Open,
    Accept,
    Decline(&'static str),
    Withdraw,
}

pub struct OfferPlan {
    pub supplier: usize,
    pub host: usize,
    /// Indexes into the supplier's products.
    pub products: Vec<usize>,
    pub message: String,
    pub commission_pct: f64,
    pub fee_cents: i64,
    pub free_samples: bool,
    pub days: i64,
    pub then: Then,
}

pub struct Plan {
    pub admin_email: String,
    /// The demo supplier first.
    pub suppliers: Vec<SupplierPlan>,
    /// The demo host first.
    pub hosts: Vec<HostPlan>,
    pub offers: Vec<OfferPlan>,
}

const HOST_REJECTIONS: &[&str] = &[
    "The platform handles could not be verified.",
    "The follower counts do not match the linked accounts.",
];
const HOST_SUSPENSIONS: &[&str] = &["Missed three scheduled live streams without notice."];
const SUPPLIER_REJECTION: &str = "The business licence does not match the company name.";
const SUPPLIER_SUSPENSION: &str = "Listed replica watches, which are counterfeit goods.";

impl Plan {
    /// `hosts` host accounts and `products` products, as `seed` draws them.
    pub fn new(hosts: usize, products: usize, seed: u64) -> Self {
        let mut rng = StdRng::seed_from_u64(seed);
        let hosts = plan_hosts(&mut rng, hosts);
        let suppliers = plan_suppliers(&mut rng, products);
        let offers = offers::plan(&mut rng, &suppliers, &hosts);
        Self {
            admin_email: format!("admin@{DOMAIN}"),
            suppliers,
            hosts,
            offers,
        }
    }

    /// Every address the plan registers, the admin's first.
    pub fn emails(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.admin_email.as_str())
            .chain(self.suppliers.iter().map(|s| s.account.email.as_str()))
            .chain(self.hosts.iter().map(|h| h.account.email.as_str()))
    }

    /// The most offers any one supplier sends.
    pub fn most_offers_by_one_supplier(&self) -> usize {
        (0..self.suppliers.len())
            .map(|s| self.offers.iter().filter(|o| o.supplier == s).count())
            .max()
            .unwrap_or(0)
    }
}

fn plan_hosts(rng: &mut StdRng, n: usize) -> Vec<HostPlan> {
    let mut fates = vec![Fate::Approved; n];
    let mut others: Vec<usize> = (1..n).collect();
    others.shuffle(rng);
    let (pending, rejected, suspended) = ((n / 25).max(1), (n / 100).max(1), (n / 100).max(1));
    let mut it = others.into_iter();
    let flagged = it.clone().next();
    for i in it.by_ref().take(pending) {
        fates[i] = Fate::Pending;
    }
    for i in it.by_ref().take(rejected) {
        fates[i] = Fate::Rejected(pick::<&str>(rng, HOST_REJECTIONS));
    }
    for i in it.by_ref().take(suspended) {
        fates[i] = Fate::Suspended(pick::<&str>(rng, HOST_SUSPENSIONS));
    }
    fates
        .into_iter()
        .enumerate()
        .map(|(i, fate)| {
            let (culture, name) = match i {
                0 => (people::culture("MX"), Some(("Lucía", "Hernández"))),
                _ if Some(i) == flagged => (people::culture("US"), None),
                _ => (people::any_culture(rng), None),
            };
            let mut seed = people::host(rng, culture, name);
            if i == 0 {
                // The demo host reaches both of the supplier's favourite markets.
                let p = &mut seed.draft;
                p.markets = super::expand(&["MX", "US"]);
                p.languages.retain(|l| l.code == "es");
                p.languages.push(crate::domain::profile::HostLanguage {
                    code: "en".into(),
                    level: LanguageLevel::Fluent,
                });
            }
            if Some(i) == flagged {
                seed.draft.bio.push_str(FLAGGED_BIO);
            }
            let email = match i {
                0 => format!("host@{DOMAIN}"),
                _ => format!("host-{i:04}@{DOMAIN}"),
            };
            HostPlan {
                account: Account {
                    email,
                    display_name: seed.display_name,
                    locale: Locale::En,
                    fate,
                },
                profile: seed.draft,
            }
        })
        .collect()
}

/// Suppliers: the demo trading company, one per 20 products in all listing them (the
/// last of which is suspended for its replicas), and a few in the queue with none.
fn plan_suppliers(rng: &mut StdRng, products: usize) -> Vec<SupplierPlan> {
    let listing = (products / 20).max(3);
    let waiting = (listing / 10).max(1) + 1;
    let replica_seller = listing - 1;
    let industries: Vec<Option<&'static Industry>> = (0..listing + waiting)
        .map(|i| match i {
            0 => None,
            _ if i == replica_seller => Some(industry_of(201)),
            _ => Some(
                INDUSTRIES
                    .choose_weighted(rng, |i| i.weight)
                    .expect("weights"),
            ),
        })
        .collect();
    let flags: Vec<Vec<Flag>> = (0..listing)
        .map(|s| {
            FLAGGED
                .iter()
                .map(|l| l.flag)
                .filter(|f| flag_owner(*f, &industries[..listing], replica_seller) == s)
                .collect()
        })
        .collect();
    let counts = product_counts(rng, products, &flags);
    let mut numbered = 0;
    (0..listing + waiting)
        .map(|s| {
            let brand = (s == 0).then_some(("Bright Harbour", "明港"));
            let seed = catalogue::supplier(rng, s, industries[s], brand);
            let flags = flags.get(s).cloned().unwrap_or_default();
            let count = counts.get(s).copied().unwrap_or(0);
            let mut drafts = Vec::with_capacity(count);
            for n in 0..count {
                drafts.push(match flags.get(n) {
                    Some(f) => catalogue::flagged(*f, numbered),
                    None => catalogue::product(rng, &seed, numbered),
                });
                numbered += 1;
            }
            let fate = match s {
                _ if s == replica_seller => Fate::Suspended(SUPPLIER_SUSPENSION),
                _ if s < listing => Fate::Approved,
                _ if s == listing + waiting - 1 => Fate::Rejected(SUPPLIER_REJECTION),
                _ => Fate::Pending,
            };
            SupplierPlan {
                account: supplier_account(rng, s, &seed, fate),
                profile: seed.draft,
                products: drafts,
                flags,
            }
        })
        .collect()
}

fn industry_of(category: u32) -> &'static Industry {
    INDUSTRIES
        .iter()
        .find(|i| i.kinds.iter().any(|k| k.category == category))
        .expect("a seeded industry")
}

/// Who lists a flagged product: the demo supplier the wine, the suspended one the replica,
/// otherwise the first supplier in the trade it belongs to (or the first after the demo).
fn flag_owner(f: Flag, industries: &[Option<&Industry>], replica_seller: usize) -> usize {
    let trade = match f {
        Flag::WineToTheGulf => return 0,
        Flag::Replica => return replica_seller,
        Flag::MedicalClaim => "Cosmetics",
        Flag::Vape => "Electronics Technology",
        Flag::SlimmingClaim | Flag::PorkToTheGulf => "Food",
    };
    (1..replica_seller)
        .find(|&s| industries[s].is_some_and(|i| i.en == trade))
        .unwrap_or(1)
}

/// Splits `total` among the listing suppliers: each its flagged listings and one more,
/// the rest by random weights.
fn product_counts(rng: &mut StdRng, total: usize, flags: &[Vec<Flag>]) -> Vec<usize> {
    let mut counts: Vec<usize> = flags.iter().map(|f| f.len() + 1).collect();
    let rest = total - counts.iter().sum::<usize>();
    let weights: Vec<usize> = counts.iter().map(|_| rng.random_range(1..=4)).collect();
    let sum: usize = weights.iter().sum();
    for (c, w) in counts.iter_mut().zip(&weights) {
        *c += rest * w / sum;
    }
    let short = total - counts.iter().sum::<usize>();
    for c in counts.iter_mut().take(short) {
        *c += 1;
    }
    counts
}

fn supplier_account(rng: &mut StdRng, s: usize, seed: &SupplierSeed, fate: Fate) -> Account {
    if s == 0 {
        return Account {
            email: format!("supplier@{DOMAIN}"),
            display_name: "Chen Jing · Bright Harbour Trading".into(),
            locale: Locale::En,
            fate,
        };
    }
    let trade = seed.industry.map_or("贸易", |i| i.zh);
    Account {
        email: format!("supplier-{s:03}@{DOMAIN}"),
        display_name: format!("{} · {}{trade}", pick(rng, CONTACTS), seed.brand.1),
        locale: if rng.random_bool(0.8) {
            Locale::ZhCn
        } else {
            Locale::En
        },
        fate,
    }
}
