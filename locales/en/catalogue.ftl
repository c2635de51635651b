# The supplier's catalogue: /me/products, the product form, the product page.

catalogue-list-title = My products
catalogue-list-lead = Everything you list, active and archived. Hosts find your active products in search and in their recommendations.
catalogue-new = Add a product
catalogue-not-approved = You can add products once the hostmatch team has approved your account.
catalogue-filter-status = Show
catalogue-filter-any = Active and archived
catalogue-filter-submit = Show
catalogue-status-active = Active
catalogue-status-archived = Archived
catalogue-count = { $count ->
    [one] { $count } product
   *[other] { $count } products
}
catalogue-empty = You have no products yet. Add your first one and hosts can find it.
catalogue-empty-filtered = No products with this status.
catalogue-col-product = Product
catalogue-col-category = Category
catalogue-col-price = Price
catalogue-col-commission = Commission
catalogue-col-markets = Markets
catalogue-col-findings = Compliance
catalogue-col-actions = Actions
catalogue-no-findings = None found
catalogue-level-count-prohibited = { $count ->
    [one] { $count } prohibited
   *[other] { $count } prohibited
}
catalogue-level-count-restricted = { $count ->
    [one] { $count } restricted
   *[other] { $count } restricted
}
catalogue-level-count-caution = { $count ->
    [one] { $count } caution
   *[other] { $count } cautions
}
catalogue-view = View
catalogue-edit = Edit
catalogue-matches = Matching hosts
catalogue-percent = { $value } %

catalogue-archived-notice = This product is archived: hosts no longer find it, and it cannot be changed.
catalogue-archive = Archive
catalogue-archive-question = Archive this product? It leaves search and recommendations at once; offers already sent keep it.
catalogue-archive-submit = Yes, archive it
catalogue-archive-cancel = Keep it listed
catalogue-host-hint = Suppliers send the offers on hostmatch. A complete profile (languages, markets, categories) helps this supplier find you and send you one.
catalogue-host-hint-link = Complete your profile
catalogue-facts = Terms
catalogue-moq = Minimum order
catalogue-free-samples = Free samples
catalogue-yes = Yes
catalogue-no = No
catalogue-supplier = Supplier
catalogue-supplier-unnamed = This supplier
catalogue-about = About the product
catalogue-findings-lead = { $count ->
    [one] Compliance screening found { $count } problem in this product's markets. The words it flagged are marked below, each with the reason.
   *[other] Compliance screening found { $count } problems in this product's markets. The words it flagged are marked below, each with the reason.
}
catalogue-no-findings-lead = Compliance screening found nothing in this product's markets.
catalogue-titles = Title
catalogue-descriptions = Description
catalogue-category-rules = Rules on its category
catalogue-images = Images
catalogue-image-alt = { $title }, image { $n }

catalogue-new-title = Add a product
catalogue-edit-title = Edit the product
catalogue-form-lead = Hosts read the English and the Chinese text; both are screened against the rules of the markets you choose.
catalogue-form-names = Name and description
catalogue-field-title = Title (English)
catalogue-field-title-zh = Title (Chinese)
catalogue-field-optional = Optional.
catalogue-field-description = Description (English)
catalogue-field-description-zh = Description (Chinese)
catalogue-field-category = Category
catalogue-field-category-hint = One category, the one a buyer would look in. Open a group to see what is inside it.
catalogue-field-markets = Target markets
catalogue-field-markets-hint = Choose regions, countries or both. A region stands for all of its countries.
catalogue-form-terms = Price and terms
catalogue-field-price = Price (US dollars)
catalogue-field-price-hint = Per unit, such as 12.99.
catalogue-field-commission = Commission for the host (%)
catalogue-field-commission-hint = Share of each sale, from 0 to 100.
catalogue-field-moq = Minimum order quantity
catalogue-field-moq-hint = Units, at least 1.
catalogue-field-free-samples = Free samples
catalogue-field-free-samples-hint = Hosts get a sample for their live show at no cost.
catalogue-field-images = Image addresses
catalogue-field-images-hint = { $count ->
    [one] One https:// address per line, at most { $count }. Images are not uploaded here.
   *[other] One https:// address per line, at most { $count }. Images are not uploaded here.
}
catalogue-save = Save the product
catalogue-cancel = Cancel

catalogue-error-price = Enter an amount in US dollars, such as 12.99.
catalogue-error-commission = Enter a percentage from 0 to 100.
catalogue-error-moq = Enter a whole number, at least 1.
catalogue-error-category = Choose a category from the list.
catalogue-error-markets = Choose at least one market.
catalogue-error-images-many = Too many images.
catalogue-error-image = Line { $line }: enter a full address starting with https://.

flash-product-created = Your product is listed. Hosts can find it in a moment.
flash-product-saved = Your changes are saved.
flash-product-archived = The product is archived. Hosts no longer find it.
