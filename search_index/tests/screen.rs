//! The term screener on its own: inflected forms, Chinese word boundaries, literal terms,
//! each language's stemmer, odd Unicode, and what it must leave alone.

use search_index::{
    ScreenLanguage::{self, *},
    Screener,
};

fn found(terms: &[(ScreenLanguage, &str)], text: &str) -> Vec<(usize, String)> {
    let s = Screener::new(terms.iter().copied()).unwrap();
    s.screen(text)
        .into_iter()
        .map(|m| (m.term, text[m.start..m.end].to_owned()))
        .collect()
}

#[test]
fn english_terms_find_inflected_forms_but_not_longer_words() {
    let terms = [(En, "cure cancer"), (En, "replica"), (En, "weight loss")];
    assert_eq!(
        found(
            &terms,
            "Cures Cancer fast! Top replicas, guaranteed weight-loss"
        ),
        [
            (0, "Cures Cancer".into()),
            (1, "replicas".into()),
            (2, "weight-loss".into())
        ]
    );
    assert!(found(&terms, "replicate the cure; cancer research").is_empty());
}

#[test]
fn punctuated_terms_match_literally() {
    let terms = [(En, "1:1"), (En, "100% safe")];
    assert_eq!(
        found(&terms, "1:1 copy, 100% SAFE."),
        [(0, "1:1".into()), (1, "100% SAFE".into())]
    );
    assert!(found(&terms, "1 1 copy, 1:10 scale, 100 safe").is_empty());
    // The term's punctuation missing, with wide characters where it would end.
    for odd in [
        "100 safe。",
        "100 safe—great",
        "100 SAFE，ok",
        "İ 100% safe K",
    ] {
        let _ = found(&terms, odd);
    }
    assert_eq!(
        found(&terms, "İstanbul: 100% safe"),
        [(1, "100% safe".into())]
    );
}

#[test]
fn chinese_terms_match_on_word_boundaries_inside_longer_text() {
    let terms = [(Zh, "高仿"), (Zh, "A货"), (Zh, "治愈癌症"), (Zh, "治愈")];
    assert_eq!(
        found(&terms, "正品高仿包包，A货手表，可以治愈癌症"),
        [
            (0, "高仿".into()),
            (1, "A货".into()),
            (2, "治愈癌症".into()),
            (3, "治愈".into())
        ]
    );
    assert!(found(&terms, "高仿真花束，DATA货架，治愈率").is_empty());
}

#[test]
fn each_language_uses_its_own_stemmer() {
    let terms = [
        (Es, "cura el cáncer"),
        (Pt, "réplica"),
        (Ru, "реплика"),
        (Ar, "خمر"),
        (Id, "obat kuat"),
    ];
    let text = "Curan el cáncer. Réplicas perfeitas. Реплики часов. بيع الخمر. Obat kuat asli.";
    let got: Vec<usize> = found(&terms, text).into_iter().map(|(t, _)| t).collect();
    assert_eq!(got, [0, 1, 2, 3, 4]);
}

#[test]
fn a_long_block_is_segmented_once_and_arabic_presentation_forms_are_read() {
    let long = "高仿".repeat(5000);
    let s = Screener::new([(Zh, "高仿"), (Ar, "خمر")]).unwrap();
    // Every match lies in the one block, segmented once (the cost is the benchmark's).
    assert!(!s.screen(&long).is_empty());
    // خمر written in presentation forms, as filters are dodged.
    let hits = s.screen("\u{FEA7}\u{FEE4}\u{FEAE}");
    assert_eq!(hits.iter().map(|m| m.term).collect::<Vec<_>>(), [1]);
}

#[test]
fn a_term_without_words_is_refused() {
    assert!(Screener::new([(En, " ?! ")]).is_err());
    assert!(Screener::new([(Zh, " ")]).is_err());
}
