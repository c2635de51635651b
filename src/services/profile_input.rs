//! What hosts and suppliers keep their profiles with (a JSON body or a page's form, the
//! same fields), read into `HostProfileDraft` and `SupplierProfileDraft` with every bad
//! field named (`languages[0].code` for an item of a list).

use serde::Deserialize;
use utoipa::ToSchema;

use crate::{
    domain::{
        fields::{Check, FieldError, MAX_LONG_TEXT, MAX_NAME, MAX_TITLE},
        profile::{HostLanguage, HostProfileDraft, Platform, SupplierProfileDraft},
        uscc::Uscc,
    },
    reference,
};

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HostProfileRequest {
    pub display_name: String,
    #[serde(default)]
    pub headline: String,
    #[serde(default)]
    pub bio: String,
    /// Where the host lives: ISO 3166-1 alpha-2.
    pub country: String,
    pub languages: Vec<HostLanguage>,
    /// Countries or regions (`EU`, `LATAM`, …), stored as countries.
    pub markets: Vec<String>,
    #[serde(default)]
    pub categories: Vec<u32>,
    #[serde(default)]
    pub platforms: Vec<Platform>,
    pub min_commission_pct: f64,
    #[serde(default)]
    pub min_fee_cents: i64,
}

impl TryFrom<HostProfileRequest> for HostProfileDraft {
    type Error = Vec<FieldError>;

    fn try_from(r: HostProfileRequest) -> Result<Self, Vec<FieldError>> {
        let mut c = Check::default();
        let mut languages: Vec<HostLanguage> = Vec::new();
        if r.languages.is_empty() || r.languages.len() > 20 {
            c.fail("languages", "must name 1 to 20 languages");
        }
        for (i, l) in r.languages.iter().enumerate() {
            let code = c.language(&format!("languages[{i}].code"), &l.code);
            if languages.iter().any(|x| x.code == code) {
                c.fail(&format!("languages[{i}].code"), "is listed twice");
            }
            languages.push(HostLanguage {
                code,
                level: l.level,
            });
        }
        let mut platforms: Vec<Platform> = Vec::new();
        if r.platforms.len() > 20 {
            c.fail("platforms", "must name at most 20 platforms");
        }
        for (i, p) in r.platforms.iter().enumerate() {
            let name = p.name.trim().to_ascii_lowercase();
            if reference::platforms::get(&name).is_none() {
                c.fail(
                    &format!("platforms[{i}].name"),
                    format!("must be one of {}", reference::platforms::codes()),
                );
            }
            let handle = c.line(&format!("platforms[{i}].handle"), &p.handle, 1, MAX_NAME);
            let followers = c.range_i64(
                &format!("platforms[{i}].followers"),
                p.followers,
                0,
                10_000_000_000,
            );
            platforms.push(Platform {
                name,
                handle,
                followers,
            });
        }
        let draft = HostProfileDraft {
            display_name: c.line("display_name", &r.display_name, 1, MAX_NAME),
            headline: c.line("headline", &r.headline, 0, MAX_TITLE),
            bio: c.paragraphs("bio", &r.bio, MAX_LONG_TEXT),
            country: c.country("country", &r.country),
            languages,
            markets: c.markets("markets", &r.markets, 1),
            categories: c.categories("categories", &r.categories),
            platforms,
            min_commission_pct: c.percent("min_commission_pct", r.min_commission_pct),
            min_fee_cents: c.cents("min_fee_cents", r.min_fee_cents),
        };
        c.finish()?;
        Ok(draft)
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SupplierProfileRequest {
    pub company_name: String,
    #[serde(default)]
    pub company_name_zh: String,
    /// The 18-character Unified Social Credit Code of the business licence.
    pub license_number: String,
    pub province: String,
    pub city: String,
    #[serde(default)]
    pub website: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub description_zh: String,
    #[serde(default)]
    pub categories: Vec<u32>,
    /// Countries or regions, stored as countries.
    pub target_markets: Vec<String>,
}

impl TryFrom<SupplierProfileRequest> for SupplierProfileDraft {
    type Error = Vec<FieldError>;

    fn try_from(r: SupplierProfileRequest) -> Result<Self, Vec<FieldError>> {
        let mut c = Check::default();
        let license = Uscc::parse(&r.license_number);
        if let Err(m) = &license {
            c.fail("license_number", m.clone());
        }
        let company_name = c.line("company_name", &r.company_name, 1, MAX_TITLE);
        let company_name_zh = c.line("company_name_zh", &r.company_name_zh, 0, MAX_TITLE);
        let province = c.line("province", &r.province, 1, 50);
        let city = c.line("city", &r.city, 1, 50);
        let website = c.url("website", &r.website, true);
        let description = c.paragraphs("description", &r.description, MAX_LONG_TEXT);
        let description_zh = c.paragraphs("description_zh", &r.description_zh, MAX_LONG_TEXT);
        let categories = c.categories("categories", &r.categories);
        let target_markets = c.markets("target_markets", &r.target_markets, 1);
        c.finish()?;
        Ok(Self {
            company_name,
            company_name_zh,
            license_number: license.map_err(|m| vec![FieldError::new("license_number", m)])?,
            province,
            city,
            website,
            description,
            description_zh,
            categories,
            target_markets,
        })
    }
}
