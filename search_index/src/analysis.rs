//! Text analysis: English words stemmed, Chinese words by jieba, and Han characters with
//! their pairs so any Chinese substring can be found. User text becomes term and phrase
//! queries directly, never through a query parser, so no input can make a query fail.

use std::sync::LazyLock;

use tantivy::{
    Index,
    query::{BooleanQuery, Occur, PhraseQuery, Query, TermQuery},
    schema::{Field, IndexRecordOption, Term},
    tokenizer::{
        Language, LowerCaser, RemoveLongFilter, Stemmer, StopWordFilter, TextAnalyzer, Token,
        TokenStream, Tokenizer,
    },
};

use crate::schema::{Fields, TOKENIZER_CJK, TOKENIZER_EN, TOKENIZER_ZH};

/// Words longer than this are not indexed (they are not words).
const LONGEST: usize = 40;

fn english() -> TextAnalyzer {
    TextAnalyzer::builder(LatinTokenizer)
        .filter(RemoveLongFilter::limit(LONGEST))
        .filter(LowerCaser)
        .filter(Stemmer::new(Language::English))
        .build()
}

/// The query side keeps over-long words, so that they find nothing instead of vanishing
/// from the query (and the query matching everything).
fn english_query() -> TextAnalyzer {
    TextAnalyzer::builder(LatinTokenizer)
        .filter(LowerCaser)
        .filter(Stemmer::new(Language::English))
        .build()
}

fn chinese() -> TextAnalyzer {
    // jieba passes spaces and punctuation through as tokens; they are not words.
    let noise: Vec<String> = [
        " ", "\t", "\n", "，", "。", "、", "！", "？", "：", "；", ",", ".", "!", "?", ":", ";",
        "(", ")", "（", "）", "-", "/",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    TextAnalyzer::builder(tantivy_jieba::JiebaTokenizer::new())
        .filter(RemoveLongFilter::limit(LONGEST))
        .filter(LowerCaser)
        .filter(StopWordFilter::remove(noise))
        .build()
}

/// Registers the analyzers the schema names, and loads jieba's dictionary now (a
/// second or so in a debug build) rather than while the first Chinese text waits to be
/// indexed or screened.
pub fn register(index: &Index) {
    static WARM: std::sync::Once = std::sync::Once::new();
    WARM.call_once(|| {
        tokens(&mut chinese(), "预热词典");
    });
    let m = index.tokenizers();
    m.register(TOKENIZER_EN, english());
    m.register(TOKENIZER_ZH, chinese());
    m.register(TOKENIZER_CJK, TextAnalyzer::from(CjkTokenizer));
}

pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2A6DF | 0x2A700..=0x2EBEF)
}

/// Words of letters and digits that are not Han characters: splits `三色光LED化妆镜` into
/// `LED` alone (the Han text is for the Chinese fields) and `Wi-Fi` into `Wi`, `Fi`.
#[derive(Clone, Copy)]
pub struct LatinTokenizer;

impl Tokenizer for LatinTokenizer {
    type TokenStream<'a> = CjkStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> CjkStream {
        let mut tokens = Vec::new();
        let mut start: Option<usize> = None;
        let word = |c: char| c.is_alphanumeric() && !is_han(c);
        for (i, c) in text.char_indices() {
            match (start, word(c)) {
                (None, true) => start = Some(i),
                (Some(s), false) => {
                    tokens.push(latin_token(text, s, i, tokens.len()));
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            tokens.push(latin_token(text, s, text.len(), tokens.len()));
        }
        CjkStream { tokens, next: 0 }
    }
}

fn latin_token(text: &str, from: usize, to: usize, position: usize) -> Token {
    Token {
        offset_from: from,
        offset_to: to,
        position,
        text: text[from..to].to_owned(),
        position_length: 1,
    }
}

/// Emits, for the i-th Han character of a run, the character at position 2i and the pair it
/// starts at 2i + 1. A Chinese substring of n ≥ 2 characters is then the phrase of its
/// n - 1 pairs at offsets 0, 2, 4, …; a single character is a term.
#[derive(Clone, Copy)]
pub struct CjkTokenizer;

pub struct CjkStream {
    tokens: Vec<Token>,
    next: usize,
}

impl Tokenizer for CjkTokenizer {
    type TokenStream<'a> = CjkStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> CjkStream {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut tokens = Vec::new();
        let mut position = 0;
        for (i, &(offset, c)) in chars.iter().enumerate() {
            if !is_han(c) {
                continue;
            }
            let end = offset + c.len_utf8();
            tokens.push(Token {
                offset_from: offset,
                offset_to: end,
                position,
                text: c.to_string(),
                position_length: 1,
            });
            if let Some(&(next_offset, n)) = chars.get(i + 1)
                && is_han(n)
            {
                tokens.push(Token {
                    offset_from: offset,
                    offset_to: next_offset + n.len_utf8(),
                    position: position + 1,
                    text: format!("{c}{n}"),
                    position_length: 1,
                });
            }
            position += 2;
        }
        CjkStream { tokens, next: 0 }
    }
}

impl TokenStream for CjkStream {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}

fn term(field: Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    ))
}

/// The query for free text: every word must be found. A Latin word is looked up stemmed
/// (the English field splits words at a change of script, so `LED` glued to Chinese, as in
/// `三色光LED化妆镜`, is a word of its own); a run of Chinese is found either as jieba's
/// words or as the exact substring. None when the text holds no word at all (only
/// punctuation, say).
pub fn text_query(fields: &Fields, text: &str) -> Option<Box<dyn Query>> {
    // Built once; a clone per query is a cheap copy of the boxed pipeline.
    static EN: LazyLock<TextAnalyzer> = LazyLock::new(english_query);
    static ZH: LazyLock<TextAnalyzer> = LazyLock::new(chinese);
    let mut en = EN.clone();
    let mut zh = ZH.clone();
    let mut musts: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let han_start = rest.find(is_han).unwrap_or(rest.len());
        let (latin, tail) = rest.split_at(han_start);
        for w in tokens(&mut en, latin) {
            musts.push((Occur::Must, term(fields.text_en, &w)));
        }
        let han_end = tail.find(|c: char| !is_han(c)).unwrap_or(tail.len());
        let (run, after) = tail.split_at(han_end);
        if !run.is_empty() {
            musts.push((Occur::Must, chinese_run(fields, &mut zh, run)));
        }
        rest = after;
    }
    (!musts.is_empty()).then(|| Box::new(BooleanQuery::new(musts)) as Box<dyn Query>)
}

fn chinese_run(fields: &Fields, zh: &mut TextAnalyzer, run: &str) -> Box<dyn Query> {
    let chars: Vec<char> = run.chars().collect();
    // One character or one pair is a term; longer runs a phrase of their pairs.
    let substring: Box<dyn Query> = if chars.len() <= 2 {
        term(fields.text_cjk, run)
    } else {
        let pairs = chars
            .windows(2)
            .enumerate()
            .map(|(i, w)| {
                (
                    2 * i,
                    Term::from_field_text(fields.text_cjk, &w.iter().collect::<String>()),
                )
            })
            .collect();
        Box::new(PhraseQuery::new_with_offset(pairs))
    };
    let words: Vec<(Occur, Box<dyn Query>)> = tokens(zh, run)
        .iter()
        .map(|w| (Occur::Must, term(fields.text_zh, w)))
        .collect();
    if words.is_empty() {
        return substring;
    }
    Box::new(BooleanQuery::new(vec![
        (Occur::Should, substring),
        (Occur::Should, Box::new(BooleanQuery::new(words))),
    ]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn han_runs_become_characters_and_pairs() {
        let mut t = CjkTokenizer;
        let mut s = t.token_stream("LED化妆镜 x 镜");
        let mut got = Vec::new();
        while s.advance() {
            got.push((s.token().text.clone(), s.token().position));
        }
        let expect = [
            ("化", 0),
            ("化妆", 1),
            ("妆", 2),
            ("妆镜", 3),
            ("镜", 4),
            ("镜", 6),
        ];
        let expect: Vec<_> = expect.iter().map(|(t, p)| (t.to_string(), *p)).collect();
        assert_eq!(got, expect);
    }

    #[test]
    fn jieba_finds_words_and_drops_spaces() {
        let mut zh = chinese();
        assert_eq!(
            tokens(&mut zh, "跨境电商 直播带货"),
            ["跨境", "电商", "直播", "带货"]
        );
        let mut en = english();
        assert_eq!(tokens(&mut en, "Wireless Earbuds"), ["wireless", "earbud"]);
        assert_eq!(tokens(&mut en, "三色光LED化妆镜, 2x"), ["led", "2x"]);
    }
}
