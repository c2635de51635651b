//! Content screening: finds a list of terms in free text through the same analysis as
//! search. Latin-script terms match as consecutive stemmed words (so `cure cancer` finds
//! `cures cancer`, and `replica` never fires inside `replicate`); Chinese terms match where
//! they start and end on jieba's word boundaries (so `高仿` finds `高仿包包` but not
//! `高仿真花`); a term with punctuation (`1:1`, `100%`) must also match literally.

use std::collections::{BTreeSet, HashMap};

use aho_corasick::{AhoCorasick, MatchKind};
use tantivy::tokenizer::{
    Language, LowerCaser, RemoveLongFilter, Stemmer, TextAnalyzer, TokenStream, Tokenizer,
};

use crate::analysis::{LatinTokenizer, is_han};

/// The languages term lists are kept in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ScreenLanguage {
    En,
    Zh,
    Es,
    Pt,
    Ar,
    Ru,
    Id,
}

impl ScreenLanguage {
    pub const ALL: [Self; 7] = [
        Self::En,
        Self::Zh,
        Self::Es,
        Self::Pt,
        Self::Ar,
        Self::Ru,
        Self::Id,
    ];

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.code() == code)
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Zh => "zh",
            Self::Es => "es",
            Self::Pt => "pt",
            Self::Ar => "ar",
            Self::Ru => "ru",
            Self::Id => "id",
        }
    }

    fn stemmer(self) -> Option<Language> {
        match self {
            Self::En => Some(Language::English),
            Self::Es => Some(Language::Spanish),
            Self::Pt => Some(Language::Portuguese),
            Self::Ar => Some(Language::Arabic),
            Self::Ru => Some(Language::Russian),
            Self::Zh | Self::Id => None,
        }
    }
}

/// Where term number `term` (in the order given to [`Screener::new`]) was found: byte
/// offsets into the screened text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct TermMatch {
    pub term: usize,
    pub start: usize,
    pub end: usize,
}

/// Why a term cannot be screened for.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the term {0:?} has no word to look for")]
pub struct EmptyTerm(pub String);

/// A compiled term list. Build once per list; screening borrows it.
pub struct Screener {
    words: Vec<WordMatcher>,
    chinese: Option<(AhoCorasick, Vec<usize>)>,
}

struct WordMatcher {
    analyzer: TextAnalyzer,
    /// First word → the terms starting with it.
    by_first: HashMap<String, Vec<WordTerm>>,
    /// The scripts the terms' first words are written in: a text with none of them cannot
    /// hold a term, and is not analysed for this language at all.
    scripts: BTreeSet<Script>,
}

/// A coarse script class, enough to skip analysing a text for a language it cannot match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Script {
    Latin,
    Cyrillic,
    Arabic,
    /// Digits and anything else: always looked at.
    Other,
}

fn script(c: char) -> Option<Script> {
    if !c.is_alphanumeric() {
        return None;
    }
    if c.is_numeric() {
        // Digits of any script; the Arabic stemmer folds Arabic-Indic ones to ASCII.
        return Some(Script::Other);
    }
    Some(match c {
        'a'..='z' | 'A'..='Z' | '\u{00C0}'..='\u{024F}' => Script::Latin,
        '\u{0400}'..='\u{052F}' => Script::Cyrillic,
        // With the presentation forms, which the Arabic stemmer folds to plain letters.
        '\u{0600}'..='\u{06FF}'
        | '\u{0750}'..='\u{077F}'
        | '\u{08A0}'..='\u{08FF}'
        | '\u{FB50}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFF}' => Script::Arabic,
        _ => Script::Other,
    })
}

struct WordTerm {
    term: usize,
    rest: Vec<String>,
    /// For a term with punctuation: the bytes before its first word, and the whole term
    /// lowercased, which the text must repeat there.
    literal: Option<(usize, String)>,
}

struct Word {
    text: String,
    from: usize,
    to: usize,
}

fn analyzer(language: ScreenLanguage) -> TextAnalyzer {
    let builder = TextAnalyzer::builder(LatinTokenizer)
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser);
    match language.stemmer() {
        Some(l) => builder.filter(Stemmer::new(l)).build(),
        None => builder.build(),
    }
}

fn words(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        let t = stream.token();
        out.push(Word {
            text: t.text.clone(),
            from: t.offset_from,
            to: t.offset_to,
        });
    }
    out
}

/// Punctuation that only separates words, so `weight-loss` is the words `weight loss`.
fn separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '-' | '\'' | '’' | '‐' | '–')
}

impl Screener {
    /// Compiles `terms`, each in its language. A term that analyses to no word at all is
    /// an error, since it could never be found.
    pub fn new<'a>(
        terms: impl IntoIterator<Item = (ScreenLanguage, &'a str)>,
    ) -> Result<Self, EmptyTerm> {
        let mut by_language: HashMap<ScreenLanguage, WordMatcher> = HashMap::new();
        let mut han = Vec::new();
        let mut han_ids = Vec::new();
        for (term, (language, text)) in terms.into_iter().enumerate() {
            let text = text.trim();
            if language == ScreenLanguage::Zh {
                if text.is_empty() {
                    return Err(EmptyTerm(text.to_owned()));
                }
                han.push(text.to_lowercase());
                han_ids.push(term);
                continue;
            }
            let m = by_language.entry(language).or_insert_with(|| WordMatcher {
                analyzer: analyzer(language),
                by_first: HashMap::new(),
                scripts: BTreeSet::new(),
            });
            let first_script = text
                .chars()
                .find_map(script)
                .ok_or_else(|| EmptyTerm(text.to_owned()))?;
            m.scripts.insert(first_script);
            let mut ws = words(&mut m.analyzer, text).into_iter();
            let first = ws.next().ok_or_else(|| EmptyTerm(text.to_owned()))?;
            let literal = text
                .chars()
                .any(|c| !c.is_alphanumeric() && !separator(c))
                .then(|| (first.from, text.to_lowercase()));
            m.by_first.entry(first.text).or_default().push(WordTerm {
                term,
                rest: ws.map(|w| w.text).collect(),
                literal,
            });
        }
        let chinese = if han.is_empty() {
            None
        } else {
            let ac = AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .build(&han)
                .expect("term lists are far below aho-corasick's limits");
            Some((ac, han_ids))
        };
        let words = by_language.into_values().collect();
        Ok(Self { words, chinese })
    }

    /// Every place a term occurs in `text`, in order of position then term; a term found
    /// twice is reported twice.
    pub fn screen(&self, text: &str) -> Vec<TermMatch> {
        let mut found = BTreeSet::new();
        let present: BTreeSet<Script> = text.chars().filter_map(script).collect();
        for m in &self.words {
            if !m.scripts.contains(&Script::Other) && m.scripts.is_disjoint(&present) {
                continue;
            }
            let mut analyzer = m.analyzer.clone();
            let ws = words(&mut analyzer, text);
            for (i, w) in ws.iter().enumerate() {
                let Some(candidates) = m.by_first.get(&w.text) else {
                    continue;
                };
                for c in candidates {
                    let Some(tail) = ws.get(i + 1..i + 1 + c.rest.len()) else {
                        continue;
                    };
                    if !tail.iter().zip(&c.rest).all(|(w, r)| &w.text == r) {
                        continue;
                    }
                    // A phrase's words follow each other, not across a comma or a stop
                    // (a literal term spells out what lies between them).
                    let mut gaps = ws[i..i + 1 + c.rest.len()].windows(2);
                    if c.literal.is_none()
                        && !gaps.all(|p| text[p[0].to..p[1].from].chars().all(separator))
                    {
                        continue;
                    }
                    let end = tail.last().map_or(w.to, |l| l.to);
                    let hit = match &c.literal {
                        None => Some((w.from, end)),
                        Some((lead, lit)) => literal_at(text, w.from, *lead, lit),
                    };
                    if let Some((start, end)) = hit {
                        found.insert((start, c.term, end));
                    }
                }
            }
        }
        if let Some((ac, ids)) = &self.chinese {
            // Segmenting is the dear part: only the blocks where some term occurs at all.
            // Blocks already segmented, by their span: a match inside one reuses it, so a
            // text of one long block is scanned and segmented once, not once per match.
            let mut blocks: Vec<(usize, usize, BTreeSet<usize>)> = Vec::new();
            for m in ac.find_overlapping_iter(text) {
                let known = blocks
                    .iter()
                    .position(|(f, t, _)| *f <= m.start() && m.end() <= *t);
                let i = known.unwrap_or_else(|| {
                    let (from, to) = block_around(text, m.start(), m.end());
                    blocks.push((from, to, jieba_bounds(&text[from..to], from)));
                    blocks.len() - 1
                });
                let b = &blocks[i].2;
                if b.contains(&m.start()) && b.contains(&m.end()) {
                    found.insert((m.start(), ids[m.pattern().as_usize()], m.end()));
                }
            }
        }
        found
            .into_iter()
            .map(|(start, term, end)| TermMatch { term, start, end })
            .collect()
    }
}

/// Whether the lowercased term `lit`, whose first word sits `lead` bytes in, is written at
/// the word starting at `from`, followed by no letter or digit. Every slice is checked:
/// where the text's bytes do not line up with the term's, it is simply no match.
fn literal_at(text: &str, from: usize, lead: usize, lit: &str) -> Option<(usize, usize)> {
    let start = from.checked_sub(lead)?;
    let end = start.checked_add(lit.len())?;
    if text.get(start..end)?.to_lowercase() != lit {
        return None;
    }
    let bounded = text
        .get(end..)?
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric());
    bounded.then_some((start, end))
}

/// Whether jieba keeps `c` inside a block it segments (its default `RE_HAN`: Han
/// characters, ASCII letters and digits, and `+#&._%-`); any other character ends a block,
/// and jieba segments each block on its own.
fn in_jieba_block(c: char) -> bool {
    is_han(c)
        || matches!(c as u32, 0x2B740..=0x2B81F | 0x2B820..=0x2CEAF | 0x2F800..=0x2FA1F)
        || c.is_ascii_alphanumeric()
        || matches!(c, '+' | '#' | '&' | '.' | '_' | '%' | '-')
}

/// The block of `text` around bytes `start..end`, as jieba would cut it out.
fn block_around(text: &str, start: usize, end: usize) -> (usize, usize) {
    let from = text[..start]
        .char_indices()
        .rev()
        .find(|(_, c)| !in_jieba_block(*c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let to = text[end..]
        .char_indices()
        .find(|(_, c)| !in_jieba_block(*c))
        .map_or(text.len(), |(i, _)| end + i);
    (from.min(start), to.max(end))
}

/// The byte offsets (shifted by `offset`) where jieba's words of `block` start or end.
/// Plain segmentation, not search mode: search mode also cuts inside long words (`治愈率`
/// into `治愈`), which would let a term match inside a longer innocent word.
fn jieba_bounds(block: &str, offset: usize) -> BTreeSet<usize> {
    let mut jieba = tantivy_jieba::JiebaTokenizer::new();
    jieba.set_search_mode(false);
    let mut stream = jieba.token_stream(block);
    let mut bounds = BTreeSet::from([offset, offset + block.len()]);
    while stream.advance() {
        bounds.insert(offset + stream.token().offset_from);
        bounds.insert(offset + stream.token().offset_to);
    }
    bounds
}
