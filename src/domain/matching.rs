//! What a person may ask of a match ranking: how much each part of the score counts.

use search_index::{PARTS, Weights};

/// The largest weight a part may be given.
pub const MAX_WEIGHT: f64 = 100.0;

/// Reads `language:3,market:2`: the parts named take these weights, the others keep their
/// defaults. Weights are numbers from 0 to 100; only their ratios matter.
pub fn parse_weights(raw: &str) -> Result<Weights, String> {
    let mut weights = Weights::default();
    let mut seen = [false; 6];
    if raw.trim().is_empty() {
        return Err("must name at least one part, as part:weight".into());
    }
    for item in raw.split(',') {
        let Some((name, value)) = item.split_once(':') else {
            return Err(format!("{:?} is not part:weight", item.trim()));
        };
        let name = name.trim();
        let Some(i) = PARTS.iter().position(|p| *p == name) else {
            return Err(format!("{name:?} is not one of {}", PARTS.join(", ")));
        };
        if std::mem::replace(&mut seen[i], true) {
            return Err(format!("{name} is given twice"));
        }
        match value.trim().parse::<f64>() {
            Ok(v) if (0.0..=MAX_WEIGHT).contains(&v) => weights.0[i] = v,
            _ => return Err(format!("{name}'s weight must be a number from 0 to 100")),
        }
    }
    if weights.0.iter().all(|w| *w == 0.0) {
        return Err("at least one weight must be above 0".into());
    }
    Ok(weights)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_parts_change_and_the_rest_keep_their_defaults() {
        let w = parse_weights("language:3, market:2").unwrap();
        let d = Weights::default();
        assert_eq!(w.0[0], 3.0);
        assert_eq!(w.0[1], 2.0);
        assert_eq!(w.0[2..], d.0[2..]);
        assert_eq!(parse_weights("price:0.5").unwrap().0[5], 0.5);
    }

    #[test]
    fn bad_weights_are_named() {
        for bad in [
            "",
            "language",
            "colour:2",
            "language:x",
            "language:-1",
            "language:101",
            "language:NaN",
            "language:inf",
            "language:1,language:2",
            "language:0,market:0,category:0,audience:0,track_record:0,price:0",
        ] {
            assert!(parse_weights(bad).is_err(), "{bad:?} was accepted");
        }
    }
}
