//! The plan without a database: deterministic, valid as the API checks values, and
//! screened as meant (only the flagged listings and the flagged host).

use super::{DEMO_LOGINS, catalogue::Flag, plan::Plan};
use crate::{
    domain::{
        fields::{Check, MAX_LONG_TEXT, MAX_NAME, MAX_TITLE},
        product::ProductDraft,
        profile::{HostProfileDraft, SupplierProfileDraft},
        uscc::Uscc,
    },
    services::{rulebook::Rulebook, screening},
};

fn titles(p: &Plan) -> Vec<String> {
    p.suppliers
        .iter()
        .flat_map(|s| s.products.iter().map(|d| d.title.clone()))
        .chain(p.hosts.iter().map(|h| h.profile.headline.clone()))
        .collect()
}

#[test]
fn one_seed_plans_one_marketplace() {
    let a = Plan::new(40, 120, 7);
    assert_eq!(titles(&a), titles(&Plan::new(40, 120, 7)));
    assert_ne!(titles(&a), titles(&Plan::new(40, 120, 8)));
    let products: usize = a.suppliers.iter().map(|s| s.products.len()).sum();
    assert_eq!((a.hosts.len(), products), (40, 120));
}

#[test]
fn the_smallest_plans_hold_together_for_any_seed() {
    for seed in 0..30 {
        let p = Plan::new(super::MIN_HOSTS, super::MIN_PRODUCTS, seed);
        let products: usize = p.suppliers.iter().map(|s| s.products.len()).sum();
        assert_eq!(products, super::MIN_PRODUCTS, "seed {seed}");
        let flags: usize = p.suppliers.iter().map(|s| s.flags.len()).sum();
        assert_eq!(flags, 6, "seed {seed}");
        assert!(
            p.offers.len() >= 4,
            "seed {seed}: {} offers",
            p.offers.len()
        );
    }
}

#[test]
fn the_demo_logins_are_planned() {
    let p = Plan::new(10, 40, 1);
    let emails: Vec<&str> = p.emails().collect();
    for (_, email) in DEMO_LOGINS {
        assert!(emails.contains(&email), "{email}");
    }
    let mut unique = emails.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), emails.len(), "addresses are unique");
}

/// Runs the checks `routes::profiles` and `routes::products` run on what clients send.
fn check_host(c: &mut Check, h: &HostProfileDraft) {
    assert_eq!(
        c.line("display_name", &h.display_name, 1, MAX_NAME),
        h.display_name
    );
    assert_eq!(c.line("headline", &h.headline, 0, MAX_TITLE), h.headline);
    assert_eq!(c.paragraphs("bio", &h.bio, MAX_LONG_TEXT), h.bio);
    assert_eq!(c.country("country", &h.country), h.country);
    assert!((1..=20).contains(&h.languages.len()));
    for l in &h.languages {
        assert_eq!(c.language("languages", &l.code), l.code);
        assert_eq!(h.languages.iter().filter(|x| x.code == l.code).count(), 1);
    }
    assert_eq!(c.markets("markets", &h.markets, 1), h.markets);
    assert_eq!(c.categories("categories", &h.categories), h.categories);
    assert!(!h.platforms.is_empty() && h.platforms.len() <= 20);
    for p in &h.platforms {
        assert!(
            crate::reference::platforms::get(&p.name).is_some(),
            "{}",
            p.name
        );
        assert_eq!(c.line("handle", &p.handle, 1, MAX_NAME), p.handle);
        c.range_i64("followers", p.followers, 0, 10_000_000_000);
    }
    c.percent("min_commission_pct", h.min_commission_pct);
    c.cents("min_fee_cents", h.min_fee_cents);
}

fn check_supplier(c: &mut Check, s: &SupplierProfileDraft) {
    assert_eq!(
        c.line("company_name", &s.company_name, 1, MAX_TITLE),
        s.company_name
    );
    assert_eq!(
        c.line("company_name_zh", &s.company_name_zh, 0, MAX_TITLE),
        s.company_name_zh
    );
    let licence = s.license_number.as_str();
    assert_eq!(
        Uscc::parse(licence).map(|u| u.as_str().to_owned()),
        Ok(licence.to_owned())
    );
    assert_eq!(c.line("province", &s.province, 1, 50), s.province);
    assert_eq!(c.line("city", &s.city, 1, 50), s.city);
    assert_eq!(c.url("website", &s.website, true), s.website);
    c.paragraphs("description", &s.description, MAX_LONG_TEXT);
    c.paragraphs("description_zh", &s.description_zh, MAX_LONG_TEXT);
    assert_eq!(c.categories("categories", &s.categories), s.categories);
    assert_eq!(
        c.markets("target_markets", &s.target_markets, 1),
        s.target_markets
    );
}

fn check_product(c: &mut Check, d: &ProductDraft) {
    assert_eq!(c.line("title", &d.title, 1, MAX_TITLE), d.title);
    assert_eq!(c.line("title_zh", &d.title_zh, 0, MAX_TITLE), d.title_zh);
    assert_eq!(
        c.paragraphs("description", &d.description, MAX_LONG_TEXT),
        d.description
    );
    c.paragraphs("description_zh", &d.description_zh, MAX_LONG_TEXT);
    c.category("category", d.category);
    assert_eq!(
        c.markets("target_markets", &d.target_markets, 1),
        d.target_markets
    );
    c.cents("price_cents", d.price_cents);
    c.percent("commission_pct", d.commission_pct);
    c.range_i64("moq", i64::from(d.moq), 1, 1_000_000_000);
    assert!(d.image_urls.len() <= crate::domain::product::MAX_IMAGES);
    for u in &d.image_urls {
        assert_eq!(&c.url("image_urls", u, false), u);
    }
}

#[test]
fn every_planned_value_passes_the_checks_the_api_runs() {
    let p = Plan::new(300, 600, 42);
    let mut c = Check::default();
    for h in &p.hosts {
        check_host(&mut c, &h.profile);
    }
    for s in &p.suppliers {
        check_supplier(&mut c, &s.profile);
        for d in &s.products {
            check_product(&mut c, d);
        }
    }
    assert_eq!(c.finish(), Ok(()));
}

#[test]
fn screening_flags_the_flagged_listings_and_host_and_nothing_else() {
    let book = Rulebook::new(0, Vec::new(), Vec::new());
    let p = Plan::new(300, 600, 42);
    let mut flagged = Vec::new();
    for s in &p.suppliers {
        for (i, d) in s.products.iter().enumerate() {
            let found = !screening::screen_product(&book, d).compliance.is_empty();
            assert_eq!(found, i < s.flags.len(), "{}", d.title);
        }
        flagged.extend(s.flags.iter().copied());
    }
    assert_eq!(flagged.len(), 6);
    assert!(flagged.contains(&Flag::WineToTheGulf));
    assert_eq!(
        p.suppliers[0].flags,
        [Flag::WineToTheGulf],
        "the demo supplier's"
    );
    let hosts: Vec<&str> = p
        .hosts
        .iter()
        .filter(|h| {
            !screening::screen_host(&book, &h.profile)
                .compliance
                .is_empty()
        })
        .map(|h| h.profile.display_name.as_str())
        .collect();
    assert_eq!(hosts.len(), 1, "{hosts:?}");
}
