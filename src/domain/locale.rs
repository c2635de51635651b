//! The languages hostmatch speaks to people in: English and Simplified Chinese.

use super::string_enum::string_enum;

string_enum! {
    /// A supported user-interface locale.
    pub enum Locale {
        En => "en",
        ZhCn => "zh-CN",
    }
}

// The enum is defined by `string_enum!`, which derives no `Default`.
#[allow(clippy::derivable_impls)]
impl Default for Locale {
    fn default() -> Self {
        Self::En
    }
}

impl Locale {
    /// Accepts a BCP 47 tag (`en`, `en-GB`, `zh`, `zh-CN`, `zh-Hans`); other languages are
    /// not offered yet.
    pub fn from_tag(raw: &str) -> Result<Self, String> {
        let primary = raw
            .trim()
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match primary.as_str() {
            "en" => Ok(Self::En),
            "zh" => Ok(Self::ZhCn),
            _ => Err("must be en or zh-CN".into()),
        }
    }

    /// The best match for an `Accept-Language` header, if it names a supported language.
    pub fn from_accept_language(header: &str) -> Option<Self> {
        let mut best: Option<(f32, Self)> = None;
        for part in header.split(',') {
            let mut it = part.split(';');
            let tag = it.next().unwrap_or("").trim();
            let q = it
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            if let Ok(locale) = Self::from_tag(tag)
                && best.is_none_or(|(bq, _)| q > bq)
            {
                best = Some((q, locale));
            }
        }
        best.map(|(_, l)| l)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_map_to_supported_locales() {
        assert_eq!(Locale::from_tag("zh-Hans").unwrap(), Locale::ZhCn);
        assert_eq!(Locale::from_tag("en-GB").unwrap(), Locale::En);
        assert!(Locale::from_tag("fr").is_err());
        assert_eq!(
            Locale::from_accept_language("fr;q=0.9, zh-CN;q=0.8, en;q=0.5"),
            Some(Locale::ZhCn)
        );
        assert_eq!(Locale::from_accept_language("de"), None);
    }
}
