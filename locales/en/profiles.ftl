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

## Profile forms (/me/profile)
flash-profile-saved = Your profile is saved.
profile-save = Save the profile
profile-see-public = See your public page
profile-not-yet-public = Others will see your profile once the hostmatch team has approved your account.
profile-supplier-title = Company profile
profile-supplier-lead = Hosts see this when they look at your products and offers. Fill in the Chinese and the English, so hosts everywhere can read it.
profile-section-company = Your company
profile-section-reach = What you sell and where
profile-company-name-zh = Company name in Chinese
profile-company-name-zh-hint = As on the business licence.
profile-company-name = Company name in English
profile-company-name-hint = The name hosts will read.
profile-license-number = Unified Social Credit Code (USCC)
profile-license-number-hint = The 18 characters on the business licence (统一社会信用代码), for example 91350100M000100Y43.
profile-province = Province
profile-city = City
profile-field-website = Website
profile-website-hint = Optional. A full address starting with https://
profile-description-zh = Description in Chinese
profile-description = Description in English
profile-description-hint = What you make, since when, and what hosts can expect from you.
profile-categories = Categories
profile-supplier-categories-hint = Tick what you sell; a category stands for everything under it.
profile-target-markets = Target markets
profile-markets-hint = Tick a region to add all its countries, or open the list of countries. To drop a country, untick it.
profile-uscc-length = A USCC has exactly 18 characters; check that none is missing or extra.
profile-uscc-alphabet = A USCC uses only digits and capital letters, never I, O, S, V or Z.
profile-uscc-division = Characters 3 to 8 of a USCC are digits (the region code); check them against the licence.
profile-uscc-check = This USCC does not add up: the last character does not match the others. A character is probably mistyped; compare it with the licence.
profile-markets-required = Choose at least one market.
profile-languages-count = List between 1 and 20 languages.
profile-language-twice = This language is listed twice.
profile-website-invalid = Give a full web address starting with http:// or https://, or leave it empty.
profile-country-invalid = Choose the country you live in.
profile-host-title = Your host profile
profile-host-lead = Suppliers find you by what you fill in here: your languages, where your audience is, what you like to sell and on which platforms.
profile-screening-title = What our screening found
profile-screening-lead = Some words in your headline or bio break a rule in one of your markets. Suppliers may not be able to work with you there until you change them.
profile-section-about = About you
profile-display-name = Name shown to suppliers
profile-display-name-hint = Your stage or channel name is fine.
profile-field-headline = Headline
profile-headline-hint = One line, for example: Beauty live shows in Portuguese, every evening.
profile-bio = About you
profile-bio-hint = Your style, your audience, what sold well.
profile-field-country = Country you live in
profile-country-choose = (choose a country)
profile-languages = Languages you stream in
profile-languages-hint = One language a row, with how well you speak it. Leave extra rows empty.
profile-language-choose = Choose the language for this row, or clear its level.
profile-level-choose = Choose how well you speak it.
profile-section-audience = Your audience
profile-field-markets = Markets your audience is in
profile-host-categories-hint = Tick what you like to sell; a category stands for everything under it.
profile-platforms = Platforms
profile-platforms-hint = Where you stream, your handle there and how many followers you have. Leave extra rows empty.
profile-platform-n = Platform { $n }
profile-platform = Platform
profile-handle = Handle
profile-field-followers = Followers
profile-followers-invalid = Write the number of followers in full, for example 12000.
profile-add-platform = Add a platform
profile-section-terms = Your minimum terms
profile-min-commission = Minimum commission (%)
profile-min-commission-hint = The smallest share of each sale you accept, for example 12 or 12.5.
profile-commission-invalid = Write a percentage between 0 and 100, for example 12.5.
profile-min-fee = Minimum fee per show (US dollars)
profile-min-fee-hint = In dollars, for example 150 or 150.50. Leave 0 if you work on commission only.
profile-fee-invalid = Write an amount in dollars, for example 150 or 150.50.

## Public profiles (/hosts/{id}, /suppliers/{id})
public-send-offer = Send an offer
public-edit-own = Edit your profile
public-followers = Followers
public-rating = Rating
public-no-rating = no reviews yet
public-completed = Completed collaborations
public-min-commission = Minimum commission
public-min-fee = Minimum fee per show
public-none = None given.
public-about-host = About
public-languages = Languages they stream in
public-markets = Markets their audience is in
public-about-company = About the company
public-products = Products
public-no-products = No products on offer at the moment.
public-col-product = Product
public-col-category = Category
public-col-price = Price
public-col-commission = Commission
