//! A profile form as posted: the body's pairs read by name (a repeated name is a list,
//! `languages.0.code` an item of a list of objects, WEB.md), and the core's field names
//! (`languages[1].code`) mapped back to the form's (`languages.3.code`).

use std::collections::BTreeMap;

use crate::{domain::fields::FieldError, web::forms::FormState};

/// The pairs of an `application/x-www-form-urlencoded` body, in order.
pub struct Posted(pub Vec<(String, String)>);

impl Posted {
    /// The last value posted for `name`, or empty.
    pub fn one(&self, name: &str) -> String {
        self.0
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map_or_else(String::new, |(_, v)| v.clone())
    }

    /// Every non-empty value posted for `name`.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, v)| k == name && !v.trim().is_empty())
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// The items of the list `list` (`list.N.field`), by N, each as its fields; an item
    /// whose fields are all blank is left out.
    pub fn items(&self, list: &str) -> Vec<Item> {
        let prefix = format!("{list}.");
        let mut by_index: BTreeMap<usize, BTreeMap<String, String>> = BTreeMap::new();
        for (k, v) in &self.0 {
            let Some(rest) = k.strip_prefix(&prefix) else {
                continue;
            };
            let Some((n, field)) = rest.split_once('.') else {
                continue;
            };
            // A huge index would only cost rows; the core bounds the list's length.
            let Ok(n) = n.parse::<usize>() else { continue };
            by_index
                .entry(n)
                .or_default()
                .insert(field.to_owned(), v.clone());
        }
        by_index
            .into_iter()
            .filter(|(_, f)| f.values().any(|v| !v.trim().is_empty()))
            .map(|(index, fields)| Item { index, fields })
            .collect()
    }
}

/// One item of a list of objects, as posted.
pub struct Item {
    /// Its number in the form (`languages.N`), which gaps may separate from its place in
    /// the list the core checks.
    pub index: usize,
    pub fields: BTreeMap<String, String>,
}

impl Item {
    pub fn get(&self, field: &str) -> &str {
        self.fields.get(field).map_or("", String::as_str)
    }
}

/// The form's name for a core field name: `languages[1].code` is the second item sent,
/// whose form index is `indexes[1]`.
pub fn form_field(core: &str, list: &str, indexes: &[usize]) -> Option<String> {
    let rest = core.strip_prefix(list)?.strip_prefix('[')?;
    let (n, tail) = rest.split_once(']')?;
    let n: usize = n.parse().ok()?;
    let index = indexes.get(n)?;
    Some(format!("{list}.{index}{tail}"))
}

/// The core's errors with list items renamed to the form's fields.
pub fn rename(errors: Vec<FieldError>, lists: &[(&str, &[usize])]) -> Vec<FieldError> {
    errors
        .into_iter()
        .map(|mut e| {
            for (list, indexes) in lists {
                if let Some(name) = form_field(&e.field, list, indexes) {
                    e.field = name;
                }
            }
            e
        })
        .collect()
}

/// Keeps every single-valued field of `names` as posted, for the re-render.
pub fn keep(form: &mut FormState, posted: &Posted, names: &[&str]) {
    for n in names {
        form.keep(n, &posted.one(n));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn posted(pairs: &[(&str, &str)]) -> Posted {
        Posted(
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        )
    }

    #[test]
    fn items_are_read_by_index_and_blank_ones_left_out() {
        let p = posted(&[
            ("languages.3.code", "pt"),
            ("languages.3.level", "native"),
            ("languages.1.code", ""),
            ("languages.1.level", ""),
            ("languages.0.code", "es"),
            ("languages.x.code", "fr"),
            ("markets", "BR"),
            ("markets", ""),
            ("markets", "GCC"),
        ]);
        let items = p.items("languages");
        assert_eq!(items.iter().map(|i| i.index).collect::<Vec<_>>(), [0, 3]);
        assert_eq!(items[1].get("level"), "native");
        assert_eq!(items[0].get("level"), "");
        assert_eq!(p.all("markets"), ["BR", "GCC"]);
    }

    #[test]
    fn core_item_names_map_to_form_names() {
        assert_eq!(
            form_field("languages[1].code", "languages", &[0, 3]).as_deref(),
            Some("languages.3.code")
        );
        assert_eq!(form_field("languages", "languages", &[0]), None);
        assert_eq!(form_field("languages[5].code", "languages", &[0]), None);
    }
}
