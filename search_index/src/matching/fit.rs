//! The six fits of a (product, host) pair, each in 0..=1, and how weights turn them into
//! points that add up to the score exactly.

use super::types::{Fits, Points};

/// Each part's points in tenths of a point, their sum, and the penalty, all in tenths. The
/// parts' sum is the exact weighted sum rounded to a tenth (so never above 100); the parts
/// are rounded so that they add up to it exactly (largest remainders get the leftover
/// tenths). The score, which ranking uses, is the exact sum times `keep` (the share market
/// restrictions leave, 1 without any) rounded to a tenth, and the penalty is what that
/// takes from the parts' sum: score = sum of parts - penalty.
pub fn points(fits: &Fits, shares: &[f64; 6], keep: f64) -> Points {
    let exact: [f64; 6] =
        std::array::from_fn(|i| f64::from(fits[i].clamp(0.0, 1.0)) * shares[i] * 10.0);
    let sum = exact.iter().sum::<f64>();
    let score = sum.round() as u32;
    let mut points = exact.map(|e| e.floor() as u32);
    let mut order: [usize; 6] = std::array::from_fn(|i| i);
    order.sort_by(|&a, &b| (exact[b] - exact[b].floor()).total_cmp(&(exact[a] - exact[a].floor())));
    let short = score.saturating_sub(points.iter().sum());
    for &i in order.iter().take(short as usize) {
        points[i] += 1;
    }
    let kept = ((sum * keep.clamp(0.0, 1.0)).round() as u32).min(score);
    Points {
        score: kept,
        penalty: score - kept,
        parts: points,
    }
}

/// The share of the product's markets that the host serves.
pub(crate) fn market(product_markets: usize, served: usize) -> f32 {
    if product_markets == 0 {
        0.0
    } else {
        served.min(product_markets) as f32 / product_markets as f32
    }
}

/// Category fit from the product's category lineage (`lineage` ids, root to leaf) of which
/// `shared` are also in the host's categories or their ancestors. Because a host's set
/// holds every ancestor of what it names, the shared ids are a prefix of the lineage: all of
/// it means the host names the product's category (or something inside it); less means
/// the deepest category they share is an ancestor, which scores less the higher it is.
pub(crate) fn category(lineage: usize, shared: usize) -> f32 {
    if lineage == 0 || shared == 0 {
        0.0
    } else if shared >= lineage {
        1.0
    } else {
        0.6 * shared as f32 / lineage as f32
    }
}

/// Audience on a log scale: 10 followers is 1/7, 10 million or more is 1.
pub(crate) fn audience(followers: u64) -> f32 {
    ((1.0 + followers as f64).log10() / 7.0).min(1.0) as f32
}

/// Half the rating out of 5 (no rating counts as none), half collaborations: 5 gives
/// 1/2, 20 gives 4/5.
pub(crate) fn track_record(rating: Option<f64>, collaborations: u64) -> f32 {
    let rating = rating.map_or(0.0, |r| (r / 5.0).clamp(0.0, 1.0));
    let n = collaborations as f64;
    (0.5 * rating + 0.5 * n / (n + 5.0)) as f32
}

/// 1 when the product pays at least the host's minimum commission, else the fraction of
/// the minimum it pays.
pub(crate) fn price(commission_pct: f64, host_min_pct: f64) -> f32 {
    if host_min_pct <= 0.0 || commission_pct >= host_min_pct {
        1.0
    } else {
        (commission_pct.max(0.0) / host_min_pct) as f32
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::types::Weights;

    #[test]
    fn points_add_up_to_the_score() {
        let shares = Weights([3.0, 2.0, 2.0, 1.0, 1.0, 1.0]).shares();
        let p = points(&[0.33, 0.5, 0.77, 0.123, 0.9, 1.0], &shares, 1.0);
        assert_eq!((p.score, p.penalty), (p.parts.iter().sum::<u32>(), 0));
        let full = points(&[1.0; 6], &shares, 1.0);
        assert_eq!(full.score, 1000);
        assert_eq!(full.parts.iter().sum::<u32>(), 1000);
        let default_full = points(&[1.0; 6], &Weights::default().shares(), 1.0);
        assert_eq!(default_full.score, 1000, "never above 100 points");
        for i in 0..200 {
            let f = (i as f32 * 0.137) % 1.0;
            let keep = [1.0, 0.9, 0.8, 0.5][i % 4];
            let p = points(&[f, 1.0 - f, f * f, 0.5, f / 2.0, 1.0], &shares, keep);
            assert_eq!(p.score + p.penalty, p.parts.iter().sum::<u32>());
            assert!(p.score <= 1000);
        }
        let restricted = points(&[1.0; 6], &shares, 0.8);
        assert_eq!((restricted.score, restricted.penalty), (800, 200));
    }

    #[test]
    fn category_rewards_the_exact_category_most() {
        assert_eq!(category(3, 3), 1.0);
        assert!(category(3, 2) > category(3, 1));
        assert!(category(3, 2) < 1.0);
        assert_eq!(category(3, 0), 0.0);
    }

    #[test]
    fn the_other_fits_stay_in_range() {
        assert_eq!(audience(0), 0.0);
        assert_eq!(audience(u64::MAX), 1.0);
        assert!(audience(1_000) > audience(100));
        assert_eq!(track_record(None, 0), 0.0);
        assert!((track_record(Some(5.0), 5) - 0.75).abs() < 1e-6);
        assert_eq!(price(10.0, 0.0), 1.0);
        assert_eq!(price(5.0, 10.0), 0.5);
        assert_eq!(price(15.0, 10.0), 1.0);
        assert_eq!(market(0, 0), 0.0);
        assert_eq!(market(4, 1), 0.25);
    }
}
