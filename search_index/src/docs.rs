//! The documents the index holds and the operations that change them.

use tantivy::{TantivyDocument, schema::Facet};

use crate::{
    analysis::is_han,
    matching::{Restrictions, Severity, restrict},
    schema::{CONVERSATIONAL, FLUENT, Fields, KIND_HOST, KIND_PRODUCT, pack_code},
};

/// A host as search sees it. Only visible hosts (approved accounts) are indexed.
#[derive(Debug, Clone, PartialEq)]
pub struct HostDoc {
    pub id: String,
    /// Display name, headline and bio, in whatever languages they are written.
    pub text: Vec<String>,
    pub languages: Vec<String>,
    /// Those of `languages` the host speaks conversationally only: they count for half in
    /// the language fit of a match.
    pub conversational: Vec<String>,
    pub markets: Vec<String>,
    /// Every category the host names, with all its ancestors.
    pub category_lineage: Vec<u64>,
    /// The top-level categories, for the facet.
    pub top_categories: Vec<u64>,
    pub platforms: Vec<String>,
    pub followers: u64,
    pub min_commission_pct: f64,
    /// None sorts after every rated host.
    pub rating: Option<f64>,
    /// Offers the host has accepted.
    pub collaborations: u64,
    /// When the profile was created, Unix milliseconds.
    pub created_ms: i64,
}

/// A product as search sees it. Only active products of approved suppliers are indexed.
#[derive(Debug, Clone, PartialEq)]
pub struct ProductDoc {
    pub id: String,
    pub supplier_id: String,
    /// Titles and descriptions in both languages.
    pub text: Vec<String>,
    pub category_lineage: Vec<u64>,
    pub top_category: u64,
    pub markets: Vec<String>,
    pub price_cents: u64,
    pub commission_pct: f64,
    pub free_samples: bool,
    pub created_ms: i64,
    /// Where the product meets a market rule or a screened term, in any market (not only
    /// its own): what matching warns about and scores down.
    pub restrictions: Restrictions,
}

/// One change. Applying an upsert deletes whatever the index held under the id first, so
/// every operation can be applied twice with the same result.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    UpsertHost(HostDoc),
    UpsertProduct(ProductDoc),
    Delete { id: String },
}

/// Each text goes only to the fields a query can look in for it: queries send Latin words
/// to `text_en` and Han runs to `text_zh` and `text_cjk` (see `analysis::text_query`), so
/// an English description is not segmented by jieba, nor a Chinese title stemmed.
fn add_text(doc: &mut TantivyDocument, f: &Fields, text: &[String]) {
    for t in text {
        if t.chars().any(|c| c.is_alphanumeric() && !is_han(c)) {
            doc.add_text(f.text_en, t);
        }
        if t.chars().any(is_han) {
            doc.add_text(f.text_zh, t);
            doc.add_text(f.text_cjk, t);
        }
    }
}

fn add_markets(doc: &mut TantivyDocument, f: &Fields, markets: &[String]) {
    for m in markets {
        doc.add_text(f.market, m);
        doc.add_facet(f.f_market, Facet::from_path([m.as_str()]));
        doc.add_u64(f.m_market, pack_code(m));
    }
}

impl HostDoc {
    pub(crate) fn to_document(&self, f: &Fields) -> TantivyDocument {
        let mut d = TantivyDocument::default();
        d.add_text(f.id, &self.id);
        d.add_text(f.kind, KIND_HOST);
        add_text(&mut d, f, &self.text);
        for l in &self.languages {
            d.add_text(f.language, l);
            d.add_facet(f.f_language, Facet::from_path([l.as_str()]));
            let fluency = if self.conversational.contains(l) {
                CONVERSATIONAL
            } else {
                FLUENT
            };
            d.add_u64(f.m_lang, (pack_code(l) << 8) | fluency);
        }
        add_markets(&mut d, f, &self.markets);
        for c in &self.category_lineage {
            d.add_u64(f.category, *c);
        }
        for c in &self.top_categories {
            d.add_facet(f.f_category, Facet::from_path([c.to_string()]));
        }
        for p in &self.platforms {
            d.add_text(f.platform, p);
            d.add_facet(f.f_platform, Facet::from_path([p.as_str()]));
        }
        d.add_u64(f.followers, self.followers);
        d.add_f64(f.min_commission, self.min_commission_pct);
        d.add_f64(f.rating, self.rating.unwrap_or(-1.0));
        d.add_u64(f.collabs, self.collaborations);
        d.add_i64(f.created, self.created_ms);
        d
    }
}

impl ProductDoc {
    pub(crate) fn to_document(&self, f: &Fields) -> TantivyDocument {
        let mut d = TantivyDocument::default();
        d.add_text(f.id, &self.id);
        d.add_text(f.kind, KIND_PRODUCT);
        d.add_text(f.supplier_id, &self.supplier_id);
        add_text(&mut d, f, &self.text);
        for c in &self.category_lineage {
            d.add_u64(f.category, *c);
        }
        d.add_facet(
            f.f_category,
            Facet::from_path([self.top_category.to_string()]),
        );
        add_markets(&mut d, f, &self.markets);
        d.add_u64(f.price, self.price_cents);
        d.add_f64(f.commission, self.commission_pct);
        d.add_bool(f.free_samples, self.free_samples);
        d.add_i64(f.created, self.created_ms);
        for (market, severity) in &self.restrictions {
            if *severity == Severity::Prohibited {
                d.add_text(f.c_prohibited, market);
            }
            d.add_u64(f.c_level, restrict::pack(market, *severity));
        }
        d
    }
}
