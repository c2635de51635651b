//! What suppliers list and change products with, read into a `ProductDraft` with every bad
//! field named: a JSON body (`ProductRequest`, `ProductPatch` over the current row) or a
//! page's form (`ProductText`, every field as typed, the price in dollars). Both edges
//! share these, so a product is checked the same way wherever it comes from.

use serde::Deserialize;
use utoipa::ToSchema;

use crate::{
    db::products::ProductRow,
    domain::{
        fields::{Check, FieldError, MAX_CENTS, MAX_LONG_TEXT, MAX_TITLE},
        product::{MAX_IMAGES, ProductDraft},
    },
};

const MAX_MOQ: i64 = 1_000_000_000;

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProductRequest {
    pub title: String,
    #[serde(default)]
    pub title_zh: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub description_zh: String,
    /// A taxonomy id (see /api/v1/categories).
    pub category: u32,
    /// Countries or regions, stored as countries.
    pub target_markets: Vec<String>,
    pub price_cents: i64,
    pub commission_pct: f64,
    #[serde(default = "one")]
    pub moq: i64,
    #[serde(default)]
    pub free_samples: bool,
    #[serde(default)]
    pub image_urls: Vec<String>,
}

fn one() -> i64 {
    1
}

impl TryFrom<ProductRequest> for ProductDraft {
    type Error = Vec<FieldError>;

    fn try_from(r: ProductRequest) -> Result<Self, Vec<FieldError>> {
        let mut c = Check::default();
        let draft = draft(&mut c, r);
        c.finish()?;
        Ok(draft)
    }
}

/// Checks every field of `r` into `c` (which may already hold the form's own errors).
fn draft(c: &mut Check, r: ProductRequest) -> ProductDraft {
    if r.image_urls.len() > MAX_IMAGES {
        c.fail(
            "image_urls",
            format!("must list at most {MAX_IMAGES} images"),
        );
    }
    let image_urls = r
        .image_urls
        .iter()
        .enumerate()
        .map(|(i, u)| c.url(&format!("image_urls[{i}]"), u, false))
        .collect();
    ProductDraft {
        title: c.line("title", &r.title, 1, MAX_TITLE),
        title_zh: c.line("title_zh", &r.title_zh, 0, MAX_TITLE),
        description: c.paragraphs("description", &r.description, MAX_LONG_TEXT),
        description_zh: c.paragraphs("description_zh", &r.description_zh, MAX_LONG_TEXT),
        category: c.category("category", r.category),
        target_markets: c.markets("target_markets", &r.target_markets, 1),
        price_cents: c.cents("price_cents", r.price_cents),
        commission_pct: c.percent("commission_pct", r.commission_pct),
        // In range once checked, so the cast keeps the value.
        moq: i32::try_from(c.range_i64("moq", r.moq, 1, MAX_MOQ)).unwrap_or(1),
        free_samples: r.free_samples,
        image_urls,
    }
}

impl ProductRequest {
    /// The product as it stands, for a partial change to apply to.
    pub fn from_row(p: &ProductRow) -> Self {
        Self {
            title: p.title.clone(),
            title_zh: p.title_zh.clone(),
            description: p.description.clone(),
            description_zh: p.description_zh.clone(),
            category: u32::try_from(p.category).unwrap_or(0),
            target_markets: p.target_markets.0.clone(),
            price_cents: p.price_cents,
            commission_pct: p.commission_pct,
            moq: i64::from(p.moq),
            free_samples: p.free_samples,
            image_urls: p.image_urls.0.clone(),
        }
    }
}

/// Fields to change; absent ones stay as they are.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProductPatch {
    title: Option<String>,
    title_zh: Option<String>,
    description: Option<String>,
    description_zh: Option<String>,
    category: Option<u32>,
    target_markets: Option<Vec<String>>,
    price_cents: Option<i64>,
    commission_pct: Option<f64>,
    moq: Option<i64>,
    free_samples: Option<bool>,
    image_urls: Option<Vec<String>>,
}

impl ProductPatch {
    pub fn apply(self, mut r: ProductRequest) -> ProductRequest {
        macro_rules! take {
            ($($f:ident),*) => { $(if let Some(v) = self.$f { r.$f = v; })* };
        }
        take!(
            title,
            title_zh,
            description,
            description_zh,
            category,
            target_markets,
            price_cents,
            commission_pct,
            moq,
            free_samples,
            image_urls
        );
        r
    }
}

/// A product as a form posts it: every field as typed, so a wrong number is named, not a
/// 400. The price is in dollars (`price`, e.g. `12.99`); a checkbox sends `free_samples`
/// only when ticked; image URLs come one per line or as repeated fields.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ProductText {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub title_zh: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub description_zh: String,
    #[serde(default)]
    pub category: String,
    #[serde(default)]
    pub target_markets: Vec<String>,
    #[serde(default)]
    pub price: String,
    #[serde(default)]
    pub commission_pct: String,
    #[serde(default)]
    pub moq: String,
    #[serde(default)]
    pub free_samples: Option<String>,
    #[serde(default)]
    pub image_urls: Vec<String>,
    /// A key the form was drawn with, used as `Idempotency-Key` is for a create.
    #[serde(default)]
    pub idempotency_key: Option<String>,
}

impl ProductText {
    /// The form filled from a stored product, as the edit form first shows it.
    pub fn from_row(p: &ProductRow) -> Self {
        Self {
            title: p.title.clone(),
            title_zh: p.title_zh.clone(),
            description: p.description.clone(),
            description_zh: p.description_zh.clone(),
            category: p.category.to_string(),
            target_markets: p.target_markets.0.clone(),
            price: dollars(p.price_cents),
            commission_pct: p.commission_pct.to_string(),
            moq: p.moq.to_string(),
            free_samples: p.free_samples.then(|| "true".to_owned()),
            image_urls: vec![p.image_urls.0.join("\n")],
            idempotency_key: None,
        }
    }

    /// The image URLs, one per non-empty line of every posted value.
    pub fn image_list(&self) -> Vec<String> {
        self.image_urls
            .iter()
            .flat_map(|v| v.split(['\n', '\r']))
            .map(str::trim)
            .filter(|u| !u.is_empty())
            .map(str::to_owned)
            .collect()
    }

    /// The image URLs as the form's text area shows them.
    pub fn image_text(&self) -> String {
        self.image_list().join("\n")
    }

    pub fn free_samples(&self) -> bool {
        self.free_samples
            .as_deref()
            .is_some_and(|v| matches!(v, "true" | "on" | "1" | "yes"))
    }
}

impl TryFrom<&ProductText> for ProductDraft {
    type Error = Vec<FieldError>;

    /// Field errors name the form's fields (`price`, not `price_cents`); an image's error
    /// names its line (`image_urls[1]`).
    fn try_from(f: &ProductText) -> Result<Self, Vec<FieldError>> {
        let mut c = Check::default();
        let category = match f.category.trim() {
            "" => {
                c.fail("category", "must not be empty");
                0
            }
            s => s.parse::<u32>().unwrap_or_else(|_| {
                c.fail("category", "is not a category id");
                0
            }),
        };
        let price_cents = match cents_of_dollars(&f.price) {
            Ok(cents) => cents,
            Err(e) => {
                c.fail("price", e);
                0
            }
        };
        let commission_pct = number(&mut c, "commission_pct", &f.commission_pct);
        let moq = match f.moq.trim() {
            "" => 1,
            s => s.parse::<i64>().unwrap_or_else(|_| {
                c.fail("moq", "must be a whole number");
                1
            }),
        };
        let draft = draft(
            &mut c,
            ProductRequest {
                title: f.title.clone(),
                title_zh: f.title_zh.clone(),
                description: f.description.clone(),
                description_zh: f.description_zh.clone(),
                category,
                target_markets: f
                    .target_markets
                    .iter()
                    .map(|m| m.trim().to_owned())
                    .filter(|m| !m.is_empty())
                    .collect(),
                price_cents,
                commission_pct,
                moq,
                free_samples: f.free_samples(),
                image_urls: f.image_list(),
            },
        );
        let mut errors = match c.finish() {
            Ok(()) => return Ok(draft),
            Err(errors) => errors,
        };
        // One message per field: a category that did not parse is not also "not a category".
        let mut seen = std::collections::HashSet::new();
        errors.retain(|e| seen.insert(e.field.clone()));
        for e in &mut errors {
            if e.field == "price_cents" {
                e.field = "price".into();
            }
        }
        Err(errors)
    }
}

/// A number as typed, or a named error (`12,5` reads as 12.5).
fn number(c: &mut Check, field: &str, s: &str) -> f64 {
    let s = s.trim().trim_end_matches('%').trim().replace(',', ".");
    if s.is_empty() {
        c.fail(field, "must not be empty");
        return 0.0;
    }
    match s.parse::<f64>() {
        Ok(n) if n.is_finite() => n,
        _ => {
            c.fail(field, "must be a number");
            0.0
        }
    }
}

/// A dollar amount as a person types it (`12`, `12.5`, `$1,299.00`, `US$ 3`) in cents. At
/// most two decimals; never negative.
pub fn cents_of_dollars(s: &str) -> Result<i64, &'static str> {
    let s = s.trim();
    let s = s
        .strip_prefix("US$")
        .or_else(|| s.strip_prefix('$'))
        .unwrap_or(s)
        .trim()
        .replace(',', "");
    if s.is_empty() {
        return Err("must not be empty");
    }
    let (whole, frac) = s.split_once('.').unwrap_or((&s, ""));
    let digits = |t: &str| t.chars().all(|c| c.is_ascii_digit());
    if whole.is_empty() && frac.is_empty() || !digits(whole) || !digits(frac) {
        return Err("must be an amount in US dollars, such as 12.99");
    }
    if frac.len() > 2 {
        return Err("must have at most two decimals");
    }
    let whole: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| "is too large")?
    };
    let frac: i64 = format!("{frac:0<2}").parse().unwrap_or(0);
    let cents = whole
        .checked_mul(100)
        .and_then(|c| c.checked_add(frac))
        .filter(|c| *c <= MAX_CENTS)
        .ok_or("is too large")?;
    Ok(cents)
}

/// Cents as the form shows them: `12.99`, `1299.00`.
pub fn dollars(cents: i64) -> String {
    format!("{}.{:02}", cents / 100, (cents % 100).abs())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dollars_read_as_people_type_them() {
        assert_eq!(cents_of_dollars("12.99"), Ok(1299));
        assert_eq!(cents_of_dollars(" $1,299 "), Ok(129_900));
        assert_eq!(cents_of_dollars("US$3.5"), Ok(350));
        assert_eq!(cents_of_dollars(".5"), Ok(50));
        assert_eq!(cents_of_dollars("0"), Ok(0));
        assert!(cents_of_dollars("-1").is_err());
        assert!(cents_of_dollars("12.999").is_err());
        assert!(cents_of_dollars("twelve").is_err());
        assert!(cents_of_dollars("").is_err());
        assert!(cents_of_dollars(".").is_err());
        assert!(cents_of_dollars("99999999999999999999").is_err());
        assert_eq!(dollars(1299), "12.99");
        assert_eq!(dollars(5), "0.05");
    }

    fn good() -> ProductText {
        ProductText {
            title: "Mirror".into(),
            category: "2619".into(),
            target_markets: vec!["BR".into(), "LATAM".into()],
            price: "12.99".into(),
            commission_pct: "18".into(),
            moq: "50".into(),
            free_samples: Some("true".into()),
            image_urls: vec!["https://a.example/1.jpg\r\n\r\nhttps://a.example/2.jpg".into()],
            ..ProductText::default()
        }
    }

    #[test]
    fn a_form_reads_into_the_same_draft_as_a_json_body() {
        let d = ProductDraft::try_from(&good()).unwrap();
        assert_eq!(d.price_cents, 1299);
        assert_eq!(d.moq, 50);
        assert!(d.free_samples);
        assert_eq!(d.image_urls.len(), 2);
        assert!(d.target_markets.contains(&"BR".to_owned()));
    }

    #[test]
    fn a_form_names_each_bad_field_once_by_its_own_name() {
        let f = ProductText {
            title: String::new(),
            category: "shoes".into(),
            price: "-3".into(),
            commission_pct: "120".into(),
            moq: "lots".into(),
            target_markets: vec![],
            image_urls: vec!["https://ok.example/a.jpg\njavascript:alert(1)".into()],
            ..good()
        };
        let errors = ProductDraft::try_from(&f).unwrap_err();
        let mut fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        fields.sort_unstable();
        assert_eq!(
            fields,
            [
                "category",
                "commission_pct",
                "image_urls[1]",
                "moq",
                "price",
                "target_markets",
                "title"
            ]
        );
    }
}
