# hostmatch pages, English: pickers, profile forms and public profiles. Every key here
# has a twin in ../zh-CN/profiles.ftl (a test checks).

## Pickers (templates/pickers/macros.html)
picker-selected = Selected:
picker-none = nothing yet
picker-search-categories = Find a category (English or Chinese)
picker-search-countries = Find a country (name or code)
picker-no-match = Nothing matches that.
picker-children = { $count ->
    [one] { $count } subcategory
   *[other] { $count } subcategories
}
picker-regions = Regions (each stands for its countries)
picker-countries = Countries
picker-countries-count = { $count ->
    [one] { $count } country
   *[other] { $count } countries
}
picker-language-n = Language { $n }
picker-language = Language
picker-language-none = (none)
picker-level = Level
picker-level-none = (choose)
picker-remove-row = Remove this row
picker-add-language = Add a language
language-level-native = Native
language-level-fluent = Fluent
language-level-conversational = Conversational
