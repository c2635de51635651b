//! The index schema: one index holds hosts and products (told apart by `kind`), with typed
//! field handles resolved once.

use tantivy::schema::{
    FAST, FacetOptions, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema,
    TextFieldIndexing, TextOptions,
};

/// Bumped whenever the schema or its analysis changes; an index directory with another
/// version is thrown away and rebuilt from the database.
pub const SCHEMA_VERSION: u32 = 5;

pub const KIND_HOST: &str = "host";
pub const KIND_PRODUCT: &str = "product";

/// Tokenizer names registered on every index.
pub const TOKENIZER_EN: &str = "hm_en";
pub const TOKENIZER_ZH: &str = "hm_zh";
pub const TOKENIZER_CJK: &str = "hm_cjk";

/// Every field, by handle.
#[derive(Debug, Clone)]
pub struct Fields {
    pub id: Field,
    pub kind: Field,
    /// All text, English analysis (lower case, stemmed).
    pub text_en: Field,
    /// All text, Chinese words by jieba.
    pub text_zh: Field,
    /// All text, Han characters and character pairs with positions: any Chinese substring.
    pub text_cjk: Field,
    pub language: Field,
    pub market: Field,
    /// The category ids and all their ancestors (also a fast field, for match scoring).
    pub category: Field,
    pub platform: Field,
    pub supplier_id: Field,
    pub followers: Field,
    pub min_commission: Field,
    pub rating: Field,
    pub commission: Field,
    pub price: Field,
    pub free_samples: Field,
    pub created: Field,
    /// Match scoring: each spoken language as `code << 8 | fluency percent`.
    pub m_lang: Field,
    /// Match scoring: each market as a packed code.
    pub m_market: Field,
    /// Match scoring: a host's completed collaborations.
    pub collabs: Field,
    /// Where a product is prohibited (country codes, `*` for everywhere): hosts whose every
    /// market is here are no match.
    pub c_prohibited: Field,
    /// Match scoring: a product's restrictions, packed by `matching::restrict::pack`.
    pub c_level: Field,
    pub f_language: Field,
    pub f_market: Field,
    pub f_category: Field,
    pub f_platform: Field,
    pub schema: Schema,
}

fn text(tokenizer: &str, record: IndexRecordOption) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(record),
    )
}

impl Fields {
    pub fn new() -> Self {
        let mut b = Schema::builder();
        let facet = || FacetOptions::default();
        let id = b.add_text_field("id", STRING | STORED);
        let kind = b.add_text_field("kind", STRING);
        let text_en = b.add_text_field("text_en", text(TOKENIZER_EN, IndexRecordOption::WithFreqs));
        let text_zh = b.add_text_field("text_zh", text(TOKENIZER_ZH, IndexRecordOption::WithFreqs));
        let text_cjk = b.add_text_field(
            "text_cjk",
            text(TOKENIZER_CJK, IndexRecordOption::WithFreqsAndPositions),
        );
        let language = b.add_text_field("language", STRING);
        let market = b.add_text_field("market", STRING);
        let category = b.add_u64_field("category", INDEXED | FAST);
        let platform = b.add_text_field("platform", STRING);
        let supplier_id = b.add_text_field("supplier_id", STRING);
        let followers = b.add_u64_field("followers", INDEXED | FAST);
        let min_commission = b.add_f64_field("min_commission", INDEXED | FAST);
        let rating = b.add_f64_field("rating", FAST);
        let commission = b.add_f64_field("commission", INDEXED | FAST);
        let price = b.add_u64_field("price", INDEXED | FAST);
        let free_samples = b.add_bool_field("free_samples", INDEXED);
        let created = b.add_i64_field("created", FAST);
        let m_lang = b.add_u64_field("m_lang", FAST);
        let m_market = b.add_u64_field("m_market", FAST);
        let collabs = b.add_u64_field("collabs", FAST);
        let c_prohibited = b.add_text_field("c_prohibited", STRING);
        let c_level = b.add_u64_field("c_level", FAST);
        let f_language = b.add_facet_field("f_language", facet());
        let f_market = b.add_facet_field("f_market", facet());
        let f_category = b.add_facet_field("f_category", facet());
        let f_platform = b.add_facet_field("f_platform", facet());
        Self {
            id,
            kind,
            text_en,
            text_zh,
            text_cjk,
            language,
            market,
            category,
            platform,
            supplier_id,
            followers,
            min_commission,
            rating,
            commission,
            price,
            free_samples,
            created,
            m_lang,
            m_market,
            collabs,
            c_prohibited,
            c_level,
            f_language,
            f_market,
            f_category,
            f_platform,
            schema: b.build(),
        }
    }
}

impl Default for Fields {
    fn default() -> Self {
        Self::new()
    }
}

/// A short code (a language or a country) packed into a number for fast fields.
pub(crate) fn pack_code(code: &str) -> u64 {
    code.bytes().take(7).fold(0u64, |acc, b| {
        (acc << 8) | u64::from(b.to_ascii_uppercase())
    })
}

/// A language's fluency in percent, as `m_lang` holds it and match scoring reads it back.
pub(crate) const FLUENT: u64 = 100;
pub(crate) const CONVERSATIONAL: u64 = 50;
