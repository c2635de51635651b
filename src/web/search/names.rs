//! Codes as a reader reads them: languages, markets, categories and platforms by their
//! reference names (`name_zh` where the reference data has it, the catalogue's names of
//! the common languages and markets otherwise), falling back to the English name, then
//! the code.

use crate::{
    domain::Locale,
    reference::{languages, markets, platforms, taxonomy},
    web::i18n::I18n,
};

pub fn language(i18n: &I18n, code: &str) -> String {
    let english = languages::all()
        .iter()
        .find(|l| l.code == code)
        .map_or(code, |l| l.name);
    match i18n.locale {
        Locale::En => english.to_owned(),
        Locale::ZhCn => i18n.t_or(&format!("search-language-{code}"), english),
    }
}

pub fn market(i18n: &I18n, code: &str) -> String {
    let info = markets::all().iter().find(|m| m.code == code);
    let english = info.map_or(code, |m| m.name);
    match i18n.locale {
        Locale::En => english.to_owned(),
        Locale::ZhCn => match info.and_then(|m| m.name_zh) {
            Some(zh) => zh.to_owned(),
            None => i18n.t_or(&format!("search-market-{code}"), english),
        },
    }
}

/// A category by its id as text (facet values are ids).
pub fn category(i18n: &I18n, id: &str) -> String {
    let Some(c) = id.parse::<u32>().ok().and_then(|id| taxonomy().get(id)) else {
        return id.to_owned();
    };
    match i18n.locale {
        Locale::En => c.name.to_owned(),
        Locale::ZhCn => c.name_zh.to_owned(),
    }
}

pub fn platform(i18n: &I18n, code: &str) -> String {
    match (platforms::get(code), i18n.locale) {
        (Some(p), Locale::En) => p.name.to_owned(),
        (Some(p), Locale::ZhCn) => p.name_zh.to_owned(),
        (None, _) => code.to_owned(),
    }
}

/// Codes as names, joined for a line of text.
pub fn list(i18n: &I18n, codes: &[String], name: impl Fn(&I18n, &str) -> String) -> String {
    let sep = match i18n.locale {
        Locale::En => ", ",
        Locale::ZhCn => "、",
    };
    codes
        .iter()
        .map(|c| name(i18n, c))
        .collect::<Vec<_>>()
        .join(sep)
}
