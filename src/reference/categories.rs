//! The product taxonomy: Google's (ids stable, as sellers' feeds use them) with Chinese
//! names, from `assets/categories.tsv`.

use std::{collections::HashMap, sync::LazyLock};

use serde::Serialize;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Category {
    pub id: u32,
    pub name: &'static str,
    pub name_zh: &'static str,
    pub parent_id: Option<u32>,
}

/// All categories with parent links.
pub struct Taxonomy {
    nodes: Vec<Category>,
    by_id: HashMap<u32, usize>,
}

static TAXONOMY: LazyLock<Taxonomy> =
    LazyLock::new(|| Taxonomy::parse(include_str!("../../assets/categories.tsv")));

pub fn taxonomy() -> &'static Taxonomy {
    &TAXONOMY
}

impl Taxonomy {
    /// Parses the data file. The file ships with the binary and a test checks it, so a
    /// malformed line is a build defect and panics.
    fn parse(src: &'static str) -> Self {
        let nodes: Vec<Category> = src
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(|l| {
                let c: Vec<&'static str> = l.split('\t').collect();
                assert_eq!(c.len(), 4, "categories.tsv: {l}");
                Category {
                    id: c[0].parse().expect("categories.tsv: id"),
                    parent_id: (!c[1].is_empty()).then(|| c[1].parse().expect("parent id")),
                    name: c[2],
                    name_zh: c[3],
                }
            })
            .collect();
        let by_id = nodes.iter().enumerate().map(|(i, n)| (n.id, i)).collect();
        Self { nodes, by_id }
    }

    pub fn all(&self) -> &[Category] {
        &self.nodes
    }

    pub fn get(&self, id: u32) -> Option<&Category> {
        self.by_id.get(&id).map(|&i| &self.nodes[i])
    }

    /// The category and its ancestors, nearest first.
    pub fn lineage(&self, id: u32) -> impl Iterator<Item = &Category> {
        std::iter::successors(self.get(id), |c| c.parent_id.and_then(|p| self.get(p)))
    }

    /// The top-level category `id` belongs to.
    pub fn top_level(&self, id: u32) -> Option<u32> {
        self.lineage(id).last().map(|c| c.id)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn the_taxonomy_loads_with_unique_ids_parents_present_and_both_names() {
        let t = taxonomy();
        let ids: HashSet<u32> = t.all().iter().map(|c| c.id).collect();
        assert_eq!(ids.len(), t.all().len(), "ids are unique");
        for c in t.all() {
            if let Some(p) = c.parent_id {
                assert!(ids.contains(&p), "{}: parent {p} missing", c.id);
            }
            assert!(
                !c.name.trim().is_empty() && !c.name_zh.trim().is_empty(),
                "{}",
                c.id
            );
        }
        let top = t.all().iter().filter(|c| c.parent_id.is_none()).count();
        let second = t
            .all()
            .iter()
            .filter(|c| {
                c.parent_id
                    .is_some_and(|p| t.get(p).unwrap().parent_id.is_none())
            })
            .count();
        assert_eq!(
            (top, second),
            (21, 192),
            "the first two levels, all 213 nodes"
        );
        assert!(t.all().len() >= 1562, "levels 1-3 in full");
    }

    #[test]
    fn lineage_walks_to_the_top() {
        let t = taxonomy();
        // Beer < Alcoholic Beverages < Beverages < Food, Beverages & Tobacco
        let names: Vec<_> = t.lineage(414).map(|c| c.id).collect();
        assert_eq!(names, [414, 499676, 413, 412]);
        assert_eq!(t.top_level(414), Some(412));
        assert_eq!(t.get(499676).unwrap().name_zh, "酒类");
    }
}
