//! Pickers any form can use (templates/pickers/macros.html draws them): the category tree
//! (checkboxes or radios, nested `<details>`, a search box where JavaScript runs), markets
//! (named regions that stand for their countries, then every country) and the host's
//! language rows. Everything is named in the reader's language; the posted values are the
//! API's codes, so the core checks them as it checks a JSON body.

use crate::{
    domain::Locale,
    reference::{languages, markets, names_zh, taxonomy},
    web::i18n::I18n,
};

/// How a row of the category tree opens or closes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// A category with children: its control, then a `<details>` with them.
    Open,
    /// A category without children.
    Leaf,
    /// The end of the children opened by the matching `Open`.
    Close,
}

/// One row of the flattened tree (a template cannot recurse; it walks this list).
#[derive(Debug, Clone)]
pub struct TreeRow {
    pub kind: RowKind,
    pub id: u32,
    pub label: String,
    /// The path from the top (`Apparel › Shoes`), shown in the selection.
    pub path: String,
    /// Both names, lower case, for the search box.
    pub search: String,
    pub checked: bool,
    /// Holds a selected category below it, so it starts open.
    pub open: bool,
    pub children: u64,
}

impl TreeRow {
    pub fn opens(&self) -> bool {
        self.kind == RowKind::Open
    }

    pub fn closes(&self) -> bool {
        self.kind == RowKind::Close
    }
}

/// The category tree for a form field `name`.
#[derive(Debug, Clone)]
pub struct CategoryPicker {
    pub name: String,
    /// Checkboxes (many) or radios (one).
    pub multiple: bool,
    pub rows: Vec<TreeRow>,
    /// The selected categories' paths, in the reader's language.
    pub selected: Vec<String>,
}

fn category_name(i18n: &I18n, c: &crate::reference::Category) -> String {
    match i18n.locale {
        Locale::En => c.name.to_owned(),
        Locale::ZhCn => c.name_zh.to_owned(),
    }
}

/// A category's path from the top, in the reader's language (`Apparel › Shoes`).
pub fn category_path(i18n: &I18n, id: u32) -> Option<String> {
    let mut names: Vec<String> = taxonomy()
        .lineage(id)
        .map(|c| category_name(i18n, c))
        .collect();
    if names.is_empty() {
        return None;
    }
    names.reverse();
    Some(names.join(" › "))
}

/// The whole taxonomy as a tree for the field `name`, `selected` ticked.
pub fn category_picker(
    i18n: &I18n,
    name: &str,
    multiple: bool,
    selected: &[u32],
) -> CategoryPicker {
    let t = taxonomy();
    let mut children: std::collections::HashMap<Option<u32>, Vec<u32>> = Default::default();
    for c in t.all() {
        children.entry(c.parent_id).or_default().push(c.id);
    }
    // A category is open when a selected one lies below it.
    let mut open = std::collections::HashSet::new();
    for &id in selected {
        open.extend(t.lineage(id).skip(1).map(|c| c.id));
    }
    let mut rows = Vec::with_capacity(t.all().len() + 300);
    // Depth-first with an explicit stack: (ids still to draw at this level).
    let mut stack: Vec<std::vec::IntoIter<u32>> =
        vec![children.get(&None).cloned().unwrap_or_default().into_iter()];
    let mut paths: Vec<String> = Vec::new();
    while let Some(level) = stack.last_mut() {
        let Some(id) = level.next() else {
            stack.pop();
            if paths.pop().is_some() {
                rows.push(TreeRow {
                    kind: RowKind::Close,
                    id: 0,
                    label: String::new(),
                    path: String::new(),
                    search: String::new(),
                    checked: false,
                    open: false,
                    children: 0,
                });
            }
            continue;
        };
        let Some(c) = t.get(id) else { continue };
        let label = category_name(i18n, c);
        let path = match paths.last() {
            Some(p) => format!("{p} › {label}"),
            None => label.clone(),
        };
        let kids = children.get(&Some(id)).cloned().unwrap_or_default();
        rows.push(TreeRow {
            kind: if kids.is_empty() {
                RowKind::Leaf
            } else {
                RowKind::Open
            },
            id,
            search: format!("{} {}", c.name.to_lowercase(), c.name_zh),
            label,
            path: path.clone(),
            checked: selected.contains(&id),
            open: open.contains(&id),
            children: kids.len() as u64,
        });
        if !kids.is_empty() {
            paths.push(path);
            stack.push(kids.into_iter());
        }
    }
    CategoryPicker {
        name: name.to_owned(),
        multiple,
        rows,
        selected: selected
            .iter()
            .filter_map(|&id| category_path(i18n, id))
            .collect(),
    }
}

/// A country's name in the reader's language.
pub fn country_name(i18n: &I18n, code: &str) -> String {
    match (names_zh::country(code), i18n.locale) {
        (Some(n), Locale::En) => n.en.to_owned(),
        (Some(n), Locale::ZhCn) => n.zh.to_owned(),
        (None, _) => markets::all()
            .iter()
            .find(|m| m.code == code)
            .map_or_else(|| code.to_owned(), |m| m.name.to_owned()),
    }
}

/// A language's name in the reader's language.
pub fn language_name(i18n: &I18n, code: &str) -> String {
    match (names_zh::language(code), i18n.locale) {
        (Some(n), Locale::En) => n.en.to_owned(),
        (Some(n), Locale::ZhCn) => n.zh.to_owned(),
        (None, _) => languages::all()
            .iter()
            .find(|l| l.code == code)
            .map_or_else(|| code.to_owned(), |l| l.name.to_owned()),
    }
}

/// One tickable market.
#[derive(Debug, Clone)]
pub struct MarketChoice {
    pub code: &'static str,
    pub label: String,
    /// What the search box matches: code and both names.
    pub search: String,
    pub checked: bool,
    /// For a region: its countries' codes, space-separated (the script ticks them).
    pub countries: String,
    pub count: u64,
}

/// Regions, then countries, for the field `name`.
#[derive(Debug, Clone)]
pub struct MarketPicker {
    pub name: String,
    pub regions: Vec<MarketChoice>,
    pub countries: Vec<MarketChoice>,
    /// The selected countries' names.
    pub selected: Vec<String>,
}

/// Markets for the field `name`. `selected` may hold countries and regions (as posted);
/// a region is ticked when named or when every one of its countries is selected.
pub fn market_picker(i18n: &I18n, name: &str, selected: &[String]) -> MarketPicker {
    let chosen = markets::expand(selected.iter().map(String::as_str)).unwrap_or_else(|_| {
        // A posted unknown code: keep the known ones ticked, the core names the bad one.
        selected
            .iter()
            .filter_map(|s| markets::expand([s.as_str()]).ok())
            .flatten()
            .collect()
    });
    let both = |code: &str| {
        names_zh::country(code)
            .map_or_else(String::new, |n| format!("{} {}", n.en.to_lowercase(), n.zh))
    };
    let regions = markets::all()
        .iter()
        .filter(|m| m.kind == "region")
        .map(|m| MarketChoice {
            code: m.code,
            label: match i18n.locale {
                Locale::En => m.name.to_owned(),
                Locale::ZhCn => m.name_zh.unwrap_or(m.name).to_owned(),
            },
            search: format!(
                "{} {} {}",
                m.code.to_lowercase(),
                m.name.to_lowercase(),
                m.name_zh.unwrap_or("")
            ),
            checked: m.countries.iter().all(|c| chosen.contains(c)),
            countries: m.countries.join(" "),
            count: m.countries.len() as u64,
        })
        .collect();
    let mut countries: Vec<MarketChoice> = markets::all()
        .iter()
        .filter(|m| m.kind == "country")
        .map(|m| MarketChoice {
            code: m.code,
            label: country_name(i18n, m.code),
            search: format!("{} {}", m.code.to_lowercase(), both(m.code)),
            checked: chosen.contains(m.code),
            countries: String::new(),
            count: 1,
        })
        .collect();
    // By English name in both languages (no pinyin data here); the search box finds
    // a country by either name or its code.
    let english = |code: &'static str| names_zh::country(code).map_or(code, |n| n.en);
    countries.sort_by(|a, b| english(a.code).cmp(english(b.code)));
    let selected = countries
        .iter()
        .filter(|c| c.checked)
        .map(|c| c.label.clone())
        .collect();
    MarketPicker {
        name: name.to_owned(),
        regions,
        countries,
        selected,
    }
}

/// A language a host may pick, named in the reader's language.
#[derive(Debug, Clone)]
pub struct Choice {
    pub code: &'static str,
    pub label: String,
}

/// Every ISO 639-1 language, sorted by its name in the reader's language (Chinese names
/// by their English ones, as countries).
pub fn language_choices(i18n: &I18n) -> Vec<Choice> {
    let mut out: Vec<(String, Choice)> = languages::all()
        .iter()
        .map(|l| {
            let en = names_zh::language(l.code).map_or(l.name, |n| n.en);
            (
                en.to_owned(),
                Choice {
                    code: l.code,
                    label: language_name(i18n, l.code),
                },
            )
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out.into_iter().map(|(_, c)| c).collect()
}

/// Every country, by name in the reader's language (ordered as the market picker's).
pub fn country_choices(i18n: &I18n) -> Vec<Choice> {
    market_picker(i18n, "", &[])
        .countries
        .into_iter()
        .map(|c| Choice {
            code: c.code,
            label: c.label,
        })
        .collect()
}

/// One numbered row of a list of objects (`languages.0.code`): its index in the form and
/// the number a person reads.
#[derive(Debug, Clone, Copy)]
pub struct Row {
    pub index: usize,
    pub number: u64,
}

/// `n` rows, numbered from 0 in the form and from 1 on the page.
pub fn rows(n: usize) -> Vec<Row> {
    (0..n)
        .map(|index| Row {
            index,
            number: index as u64 + 1,
        })
        .collect()
}

/// The levels a language can be spoken at, as the API names them.
pub const LANGUAGE_LEVELS: [&str; 3] = ["native", "fluent", "conversational"];

#[cfg(test)]
mod tests {
    use chrono_tz::Tz;

    use super::*;

    fn zh() -> I18n {
        I18n::new(Locale::ZhCn, Tz::UTC)
    }

    #[test]
    fn the_tree_opens_and_closes_in_balance_and_opens_towards_a_selection() {
        let p = category_picker(&zh(), "categories", true, &[1604]);
        let opens = p.rows.iter().filter(|r| r.kind == RowKind::Open).count();
        let closes = p.rows.iter().filter(|r| r.kind == RowKind::Close).count();
        assert_eq!(opens, closes);
        assert_eq!(
            p.rows.iter().filter(|r| r.kind != RowKind::Close).count(),
            taxonomy().all().len()
        );
        let apparel = p.rows.iter().find(|r| r.id == 166).unwrap();
        assert_eq!(apparel.label, "服饰配件");
        assert!(apparel.search.contains("apparel"));
        if taxonomy().get(1604).is_some() {
            assert!(apparel.open, "the selected category's ancestors start open");
            assert_eq!(p.selected.len(), 1);
            assert!(p.selected[0].starts_with("服饰配件 › "));
        }
    }

    #[test]
    fn a_region_is_ticked_when_named_or_covered_and_countries_read_in_chinese() {
        let p = market_picker(&zh(), "markets", &["GCC".into(), "BR".into()]);
        let gcc = p.regions.iter().find(|r| r.code == "GCC").unwrap();
        assert!(gcc.checked);
        assert_eq!(gcc.count, 6);
        let br = p.countries.iter().find(|c| c.code == "BR").unwrap();
        assert!(br.checked);
        assert_eq!(br.label, "巴西");
        assert!(br.search.contains("brazil"));
        assert_eq!(p.selected.len(), 7);
        let eu = p.regions.iter().find(|r| r.code == "EU").unwrap();
        assert!(!eu.checked);
        let bad = market_picker(&zh(), "markets", &["XX".into(), "PT".into()]);
        assert_eq!(bad.selected, vec!["葡萄牙".to_owned()]);
    }

    #[test]
    fn languages_are_named_in_the_readers_language() {
        let l = language_choices(&zh());
        assert!(l.iter().any(|c| c.code == "pt" && c.label == "葡萄牙语"));
        assert_eq!(
            language_name(&I18n::new(Locale::En, Tz::UTC), "es"),
            "Spanish"
        );
    }
}

#[cfg(test)]
mod drawn {
    use askama::Template;
    use chrono_tz::Tz;

    use super::*;
    use crate::web::{
        context::{CookiePolicy, Viewer},
        forms::FormState,
        page::Frame,
    };

    #[derive(Template)]
    #[template(
        ext = "html",
        source = r#"{% import "pickers/macros.html" as pk %}
{% call pk::categories(page, form, cats, "legend", "") %}{% endcall %}
{% call pk::categories(page, form, one, "legend", "") %}{% endcall %}
{% call pk::markets(page, form, markets, "legend", "hint") %}{% endcall %}
{% call pk::languages(page, form, langs, rows, "legend", "") %}{% endcall %}"#
    )]
    struct Demo {
        page: Frame,
        form: FormState,
        cats: CategoryPicker,
        one: CategoryPicker,
        markets: MarketPicker,
        langs: Vec<Choice>,
        rows: Vec<Row>,
    }

    fn draw(locale: Locale, form: FormState) -> String {
        let i18n = I18n::new(locale, Tz::UTC);
        let viewer = Viewer {
            i18n: i18n.clone(),
            account: None,
            session_id: None,
            flash: None,
            path: "/".into(),
            cookies: CookiePolicy { secure: false },
            waiting: None,
        };
        Demo {
            page: Frame::of(&viewer),
            cats: category_picker(&i18n, "categories", true, &[166]),
            one: category_picker(&i18n, "category", false, &[]),
            markets: market_picker(&i18n, "markets", &["GCC".into()]),
            langs: language_choices(&i18n),
            rows: rows(2),
            form,
        }
        .render()
        .unwrap()
    }

    #[test]
    fn the_pickers_draw_in_both_languages_with_values_and_errors() {
        let mut form = FormState::default().with("languages.1.code", "pt");
        form.fail("languages.1.level", "choose a level".into());
        form.fail("categories", "too many".into());
        let html = draw(Locale::ZhCn, form);
        assert!(html.contains(r#"name="categories" value="166" data-label="服饰配件" checked"#));
        assert!(html.contains(r#"type="radio" name="category" value="166""#));
        assert!(html.contains(r#"value="GCC" data-region="BH KW OM QA SA AE" checked"#));
        assert!(html.contains(r#"<option value="pt" selected>葡萄牙语</option>"#));
        assert!(html.contains(r#"id="e-languages.1.level">choose a level<"#));
        assert!(html.contains(r#"id="e-categories">too many<"#));
        assert!(
            !html.contains(crate::web::i18n::MISSING_MARKER),
            "a key is missing"
        );
        assert_eq!(
            html.matches("<details").count(),
            html.matches("</details>").count()
        );
        let en = draw(Locale::En, FormState::default());
        assert!(
            en.contains("Apparel &amp; Accessories") || en.contains("Apparel &#38; Accessories")
        );
        assert!(!en.contains(crate::web::i18n::MISSING_MARKER));
    }
}
