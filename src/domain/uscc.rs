//! The Unified Social Credit Code (统一社会信用代码, GB 32100-2015) on a Chinese business
//! licence: 18 characters whose last is a check character over the first 17.

/// The 31 characters a code may use (no I, O, S, V, Z).
const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
/// Position weights: 3^i mod 31.
const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Uscc(String);

impl Uscc {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let code = raw.trim().to_ascii_uppercase();
        if code.len() != 18 || !code.is_ascii() {
            return Err("must be 18 characters".into());
        }
        let values: Option<Vec<u32>> = code
            .bytes()
            .map(|b| ALPHABET.iter().position(|&a| a == b).map(|p| p as u32))
            .collect();
        let Some(values) = values else {
            return Err("may only use digits and the letters A-Y without I, O, S, V".into());
        };
        if !code.as_bytes()[2..8].iter().all(u8::is_ascii_digit) {
            return Err("characters 3 to 8 must be an administrative division code".into());
        }
        if check_value(&values[..17]) != values[17] {
            return Err("check character does not match; is a character mistyped?".into());
        }
        Ok(Self(code))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn check_value(first17: &[u32]) -> u32 {
    let sum: u32 = first17.iter().zip(WEIGHTS).map(|(v, w)| v * w).sum();
    (31 - sum % 31) % 31
}

/// Completes 17 characters with their check character (tests and demo data).
pub fn with_check_char(first17: &str) -> String {
    let values: Vec<u32> = first17
        .bytes()
        .map(|b| ALPHABET.iter().position(|&a| a == b).unwrap_or(0) as u32)
        .collect();
    let check = ALPHABET[check_value(&values) as usize] as char;
    format!("{first17}{check}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_codes_verify() {
        // Codes printed on public business licences.
        for code in [
            "91350100M000100Y43",
            "91110000802100433B",
            "914403001922038216",
        ] {
            assert!(Uscc::parse(code).is_ok(), "{code}");
        }
    }

    #[test]
    fn a_check_character_off_by_one_is_refused() {
        assert!(Uscc::parse("91350100M000100Y44").is_err());
        assert!(Uscc::parse("91350100M000100Y4").is_err(), "17 characters");
        assert!(
            Uscc::parse("91350100M000100YI3").is_err(),
            "I is not in the alphabet"
        );
        assert_eq!(with_check_char("91350100M000100Y4"), "91350100M000100Y43");
    }
}
