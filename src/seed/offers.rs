//! The offers planned between seeded accounts: the demo accounts' in every state, then
//! about one per three hosts, never two open ones for the same host and product.

use std::collections::BTreeSet;

use rand::{Rng, rngs::StdRng, seq::IndexedRandom};

use super::{
    pick,
    plan::{Fate, HostPlan, MAX_OFFERS_PER_SUPPLIER, OfferPlan, SupplierPlan, Then},
};

const DECLINES: &[&str] = &[
    "The commission is below my minimum.",
    "This category does not fit my channel.",
    "My schedule is full until next month.",
    "I only promote products that ship from a local warehouse.",
];

/// The demo accounts' offers first (one of each outcome between the demo supplier and the
/// demo host, and one carrying a warning), then about one per three hosts.
pub fn plan(rng: &mut StdRng, suppliers: &[SupplierPlan], hosts: &[HostPlan]) -> Vec<OfferPlan> {
    let senders: Vec<usize> = (0..suppliers.len())
        .filter(|&s| {
            suppliers[s].account.fate == Fate::Approved && !suppliers[s].products.is_empty()
        })
        .collect();
    let receivers: Vec<usize> = (0..hosts.len())
        .filter(|&h| hosts[h].account.fate == Fate::Approved)
        .collect();
    let mut b = Offers {
        suppliers,
        hosts,
        used: BTreeSet::new(),
        out: Vec::new(),
    };
    let decline = *pick(rng, DECLINES);
    for (s, h, n, then) in [
        (0, 0, 2, Then::Open),
        (0, 0, 1, Then::Accept),
        (0, 0, 1, Then::Decline(decline)),
        (1, 0, 1, Then::Open),
    ] {
        b.add(rng, s, h, n, &[], then);
    }
    let us_host = receivers
        .iter()
        .copied()
        .find(|&h| h != 0 && hosts[h].profile.country == "US");
    if let Some(h) = us_host {
        // The wine gift set, restricted in the US: the offer carries the warning.
        b.add(rng, 0, h, 1, &[0], Then::Open);
    }
    if let Some(&h) = receivers.iter().find(|&&h| h != 0) {
        b.add(rng, 0, h, 1, &[], Then::Withdraw);
    }
    let wanted = b.out.len() + (hosts.len() / 3).max(3);
    for _ in 0..wanted * 10 {
        if b.out.len() >= wanted {
            break;
        }
        let (s, h) = (*pick(rng, &senders), *pick(rng, &receivers));
        let then = match rng.random_range(0..100) {
            0..40 => Then::Open,
            40..65 => Then::Accept,
            65..85 => Then::Decline(pick::<&str>(rng, DECLINES)),
            _ => Then::Withdraw,
        };
        let n = rng.random_range(1..=3);
        b.add(rng, s, h, n, &[], then);
    }
    b.out
}

/// Offers being planned, and which host already has which product on offer.
struct Offers<'a> {
    suppliers: &'a [SupplierPlan],
    hosts: &'a [HostPlan],
    used: BTreeSet<(usize, usize, usize)>,
    out: Vec<OfferPlan>,
}

impl Offers<'_> {
    /// An offer from `s` to `h` of `with` and `n` regular products neither offered to `h`
    /// before; none if `s` has sent its share or has no such product.
    fn add(&mut self, rng: &mut StdRng, s: usize, h: usize, n: usize, with: &[usize], then: Then) {
        let sent = self.out.iter().filter(|o| o.supplier == s).count();
        let supplier = &self.suppliers[s];
        let free: Vec<usize> = (supplier.flags.len()..supplier.products.len())
            .filter(|p| !self.used.contains(&(h, s, *p)))
            .collect();
        if sent >= MAX_OFFERS_PER_SUPPLIER || free.is_empty() {
            return;
        }
        let mut products: Vec<usize> = with.to_vec();
        products.extend(free.choose_multiple(rng, n));
        for &p in &products {
            self.used.insert((h, s, p));
        }
        let host = &self.hosts[h].profile;
        let first = &supplier.products[products[0]];
        let message = pick(rng, MESSAGES)
            .replace("{host}", &host.display_name)
            .replace("{product}", &first.title);
        let commission =
            host.min_commission_pct.max(first.commission_pct) + pick(rng, &[0.0, 1.0, 2.5]);
        self.out.push(OfferPlan {
            supplier: s,
            host: h,
            products,
            message,
            commission_pct: commission.min(100.0),
            fee_cents: host.min_fee_cents,
            free_samples: rng.random_bool(0.6),
            days: rng.random_range(7..=30),
            then,
        });
    }
}

const MESSAGES: &[&str] = &[
    "Hi {host}! We think the {product} would sell well with your audience. Samples can ship this week.",
    "Hello {host}, we would love you to feature our {product} in one of your live streams.",
    "{host}, your streams are a great fit for our {product}. Happy to talk about the terms.",
];
