//! What a product's market restrictions do to a pair, and how they are packed into a fast
//! field. A pair whose product is prohibited in every market the host serves (or
//! everywhere) is no match at all; otherwise the most serious restriction in the host's
//! markets keeps only a share of the pair's score.

use std::collections::HashMap;

use super::types::{EVERYWHERE, Severity};
use crate::schema::pack_code;

/// The severity in the low two bits of a packed restriction.
fn severity_bits(bits: u64) -> Severity {
    match bits & 3 {
        0 => Severity::Prohibited,
        1 => Severity::Restricted,
        _ => Severity::Caution,
    }
}

/// A market's packed code, [`EVERYWHERE`] being 0.
pub(crate) fn market_code(market: &str) -> u64 {
    if market == EVERYWHERE {
        0
    } else {
        pack_code(market)
    }
}

/// A restriction as one fast-field value.
pub(crate) fn pack(market: &str, severity: Severity) -> u64 {
    (market_code(market) << 2) | severity as u64
}

pub(crate) fn unpack(value: u64) -> (u64, Severity) {
    (value >> 2, severity_bits(value))
}

/// The most serious restriction per market code, from packed values or pairs.
pub(crate) fn worst_by_market(
    items: impl Iterator<Item = (u64, Severity)>,
) -> HashMap<u64, Severity> {
    let mut worst: HashMap<u64, Severity> = HashMap::new();
    for (m, s) in items {
        let w = worst.entry(m).or_insert(s);
        *w = (*w).min(s);
    }
    worst
}

/// What the restrictions leave of a pair whose host serves `host_markets`: None when the
/// product is prohibited everywhere or in every one of them, else the share of the score
/// kept.
pub(crate) fn keep(
    host_markets: impl Iterator<Item = u64>,
    worst: impl Fn(u64) -> Option<Severity>,
) -> Option<f64> {
    let everywhere = worst(0);
    if everywhere == Some(Severity::Prohibited) {
        return None;
    }
    let (mut served, mut banned, mut most) = (0usize, 0usize, everywhere);
    for m in host_markets {
        served += 1;
        if let Some(s) = worst(m) {
            banned += usize::from(s == Severity::Prohibited);
            most = Some(most.map_or(s, |w| w.min(s)));
        }
    }
    if served > 0 && banned == served {
        return None;
    }
    Some(most.map_or(1.0, Severity::keeps))
}

#[cfg(test)]
mod tests {
    use super::{Severity::*, *};

    fn keep_for(host: &[&str], r: &[(&str, Severity)]) -> Option<f64> {
        let w = worst_by_market(r.iter().map(|(m, s)| (market_code(m), *s)));
        keep(host.iter().map(|m| pack_code(m)), |m| w.get(&m).copied())
    }

    #[test]
    fn a_prohibition_in_every_market_or_everywhere_removes_the_pair() {
        assert_eq!(keep_for(&["SA"], &[("SA", Prohibited)]), None);
        assert_eq!(
            keep_for(&["SA", "KW"], &[("SA", Prohibited), ("KW", Prohibited)]),
            None
        );
        assert_eq!(keep_for(&["US"], &[("*", Prohibited)]), None);
        assert_eq!(keep_for(&["US", "SA"], &[("SA", Prohibited)]), Some(0.5));
    }

    #[test]
    fn the_most_serious_restriction_in_the_host_markets_lowers_the_score() {
        assert_eq!(keep_for(&["US"], &[("SA", Prohibited)]), Some(1.0));
        assert_eq!(
            keep_for(&["AE"], &[("AE", Restricted), ("AE", Caution)]),
            Some(0.8)
        );
        assert_eq!(
            keep_for(&["MY"], &[("MY", Caution), ("*", Restricted)]),
            Some(0.8)
        );
        assert_eq!(unpack(pack("SA", Caution)), (pack_code("SA"), Caution));
        assert_eq!(unpack(pack("*", Restricted)), (0, Restricted));
    }
}
