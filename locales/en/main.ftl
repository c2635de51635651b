# hostmatch pages, English. Every key here has a twin in ../zh-CN/main.ftl (a test checks).

## Frame
nav-skip = Skip to the content
nav-label = Main
nav-admin = Admin
nav-find-hosts = Find hosts
nav-my-products = My products
nav-recommendations = For you
nav-find-products = Find products
nav-offers = Offers
nav-profile = Profile
nav-settings = Settings
nav-logout = Log out
nav-login = Log in
nav-register = Sign up
nav-language = Language
footer-tagline = hostmatch connects Chinese suppliers with overseas live-stream hosts. Every account is checked by a person before anyone sees it.

## Roles and statuses
role-supplier = Supplier
role-host = Live-stream host
role-admin = Administrator
status-pending = Awaiting review
status-approved = Approved
status-rejected = Not approved
status-suspended = Suspended
status-closed = Closed

## Flash messages, shown once after an action
flash-registered = Welcome to hostmatch! We sent you an email: open the link in it to confirm your address.
flash-logged-in = You are logged in.
flash-logged-out = You are logged out.
flash-verified = Thank you: your email address is confirmed.
flash-verification-sent = We sent a new confirmation link. It works for 48 hours.
flash-reset-sent = If an account uses that address, a link to choose a new password is on its way. It works for one hour.
flash-password-reset = Your new password is set. Every other session has been logged out; log in with it now.
flash-settings-saved = Your settings are saved.
flash-password-changed = Your password is changed. Your other sessions have been logged out.
flash-account-deleted = Your account is closed and your personal data erased. Goodbye, and thank you.
flash-vetted = The decision is saved and the account holder has been emailed.
flash-rule-added = The market rule is added. Products are being screened against it.
flash-rule-removed = The market rule is removed.
flash-term-added = The screening term is added.
flash-term-removed = The screening term is removed.

## Error pages
error-home = Go to the home page
error-400-title = We could not read that request
error-400-detail = Something in the form was not what we expected. Go back, check it and try again.
error-403-title = This page is not for your account
error-403-detail = You are signed in, but your account may not open this page or do this. If you think it should, contact the hostmatch team.
error-404-title = Page not found
error-404-detail = There is nothing here, or it is not yours to see.
error-405-title = That does not work here
error-405-detail = This page does not accept that kind of request.
error-409-title = That cannot be done now
error-409-detail = Something changed in the meantime. Reload the page and try again.
error-413-title = That was too much
error-413-detail = What you sent is larger than we accept (1 MB).
error-429-title = Too many tries
error-429-detail = Please wait a little and try again.
error-500-title = Something went wrong on our side
error-500-detail = Nothing you did caused this. We have been told; please try again in a moment.
error-503-title = hostmatch is busy
error-503-detail = We are under heavy load. Please try again in a moment.

## Field errors
form-has-errors = Some fields need your attention; see below.
error-required = Please fill this in.
error-min-chars = { $count ->
    [one] Must be at least { $count } character.
   *[other] Must be at least { $count } characters.
}
error-max-chars = { $count ->
    [one] Must be at most { $count } character.
   *[other] Must be at most { $count } characters.
}
error-email = This is not a valid email address.
error-role = Choose whether you are a supplier or a host.
error-locale = Choose English or Chinese.
error-control-chars = Must not contain line breaks or control characters.
error-time-zone = Choose a time zone from the list.
error-token = This link is not valid any more. Ask for a new one.
error-password-wrong = The password is not right.
error-invalid = This value is not valid.

## Fields
field-display-name = Your name
field-display-name-hint = As suppliers and hosts will see it. A company or a stage name is fine.
field-email = Email address
field-password = Password
field-password-hint = At least 10 characters. A short sentence is easy to remember and hard to guess.
field-locale = Language of our emails
field-locale-hint = Pages follow the language you pick at the top; emails come in this one.
field-time-zone = Time zone
field-time-zone-hint = Times on pages are shown in this zone.
field-current-password = Current password
field-new-password = New password
field-reason = Reason
field-reason-hint = The account holder reads this in the email about your decision.

## Home
home-title = Live-stream hosts for Chinese suppliers
home-headline = Find the live-stream host who sells to your buyers, in their language
home-lead = hostmatch brings Chinese factories, brands and cross-border sellers together with overseas hosts who know their market, and checks every product against that market's rules before it goes live.
home-suppliers-title = For suppliers
home-suppliers-1 = Search hosts by language, market, product category and audience size.
home-suppliers-2 = See why each host fits your product, with a score that explains itself.
home-suppliers-3 = Learn before you send an offer whether a product is restricted in a host's market.
home-suppliers-cta = Sign up as a supplier
home-hosts-title = For live-stream hosts
home-hosts-1 = Browse products that suit your audience, ranked for you.
home-hosts-2 = Receive clear offers with commission, fee and free samples stated up front.
home-hosts-3 = Work with suppliers who were checked by a person.
home-hosts-cta = Sign up as a host
home-have-account = Already have an account?
home-welcome = Your account
home-role = Account type
home-status = Status
home-verify-first = Please confirm your email address: open the link we emailed you. An administrator can approve your account only after that.
home-resend = Send the link again
home-pending = An administrator will review your account soon. We will email you the decision.
home-approved = Your account is approved: suppliers and hosts can find you.
home-rejected = Your account was not approved. The email we sent says why.
home-to-admin = Open the admin pages

## Register and log in
register-title = Create your account
register-lead = It takes a minute. An administrator checks every new account before others can see it.
register-role = I am a
register-role-supplier = Supplier
register-role-supplier-hint = A factory, brand or cross-border seller looking for hosts.
register-role-host = Live-stream host
register-role-host-hint = I sell products on live streams to my audience.
register-submit = Create account
register-have-account = Already have an account?
register-email-taken = An account with this email already exists. Log in, or reset its password.
login-title = Log in
login-submit = Log in
login-forgot = Forgot your password?
login-no-account = New to hostmatch?
login-wrong = The email address and password do not match an account.
login-suspended = This account is suspended. The email we sent says why.
login-throttled = { $minutes ->
    [one] Too many attempts. Try again in { $minutes } minute.
   *[other] Too many attempts. Try again in { $minutes } minutes.
}

## Verify, forgot, reset
verify-title = Confirm your email address
verify-lead = Press the button to confirm this address for your hostmatch account.
verify-submit = Confirm my address
verify-invalid = This link has already been used or has expired. Log in and ask for a new one.
forgot-title = Forgot your password?
forgot-lead = Enter the email address of your account and we will send you a link to choose a new password.
forgot-submit = Send me a link
reset-title = Choose a new password
reset-lead = Every session of your account will be logged out, on every device.
reset-submit = Set the new password
reset-invalid = This link has already been used or has expired. Ask for a new one.
reset-ask-again = Ask for a new link

## Settings
settings-title = Settings
settings-profile = Your details
settings-save = Save
settings-password = Password
settings-password-lead = Changing it logs out every other session.
settings-password-submit = Change password
settings-export = Your data
settings-export-lead = Download everything hostmatch holds about your account, as a JSON file.
settings-export-submit = Download my data
settings-delete = Delete your account
settings-delete-lead = This closes your account for good: your personal data is erased, your products archived and your open offers withdrawn. The audit log keeps a record that it happened.
settings-delete-password = Type your password to confirm
settings-delete-submit = Delete my account
settings-delete-confirm = Delete your hostmatch account for good?
settings-delete-last-admin = You are the last administrator. Make another administrator before you close this account.
settings-email = Email address
settings-verified = confirmed
settings-unverified = not confirmed yet

## Admin
admin-title = Admin
admin-queue = Vetting queue
admin-accounts = Accounts
admin-audit = Audit log
admin-rules = Market rules
admin-terms = Screening terms
admin-queue-lead = New accounts wait here until an administrator decides. Approve only accounts whose email address is confirmed.
admin-filter-status = Status
admin-filter-role = Type
admin-filter-any = Any
admin-filter-submit = Show
admin-queue-empty = Nobody is waiting. New accounts appear here.
admin-col-name = Name
admin-col-email = Email
admin-col-role = Type
admin-col-status = Status
admin-col-verified = Email confirmed
admin-col-flags = Flags
admin-col-joined = Joined
admin-yes = yes
admin-no = no
admin-open = Open
admin-flags = { $count ->
    [0] none
    [one] { $count } flag
   *[other] { $count } flags
}
admin-page = Page { $page } of { $pages }
admin-prev = Previous
admin-next = Next
admin-account-title = Account: { $name }
admin-account-profile = Profile
admin-account-no-profile = This account has not written its profile yet.
admin-account-flagged = Flagged content
admin-account-no-flags = Nothing in this account's content is flagged.
admin-account-decide = Decision
admin-account-unverified = The email address is not confirmed yet, so the account cannot be approved.
admin-approve = Approve
admin-reject = Reject
admin-suspend = Suspend
admin-reinstate = Reinstate
admin-decision-invalid = This decision does not fit the account's status now.
admin-audit-empty = Nothing has been recorded yet.
admin-col-when = When
admin-col-who = Who
admin-col-action = Action
admin-col-target = About
admin-col-reason = Reason
admin-system = the system
admin-rules-lead = A rule says a product category is prohibited, restricted or calls for caution in a market. Products are screened against the rules in force.
admin-rules-empty = No rules of your own yet; the built-in rules still apply.
admin-rule-add = Add a rule
admin-rule-remove = Remove
admin-rule-remove-confirm = Remove this rule?
admin-terms-lead = Screening terms are words that flag a text (a product, a live script) for a market.
admin-terms-empty = No terms of your own yet; the built-in terms still apply.
admin-term-add = Add a term
admin-col-market = Market
admin-col-category = Category
admin-col-level = Level
admin-col-source = Source
admin-col-language = Language
admin-col-term = Term
admin-col-kind = Kind
admin-col-markets = Markets
field-market = Market
field-category = Category
field-level = Level
field-reason-en = Reason (English)
field-reason-zh = Reason (Chinese)
field-source = Source (a link)
field-language = Language
field-term = Term
field-kind = Kind
field-markets = Markets (codes, separated by spaces; empty for every market)
level-prohibited = Prohibited
level-restricted = Restricted
level-caution = Caution
admin-entry-exists = There is already an entry like this.
profile-headline = Headline
profile-country = Country
profile-markets = Markets
profile-followers = Followers
profile-company = Company
profile-license = Unified Social Credit Code
profile-place = Province and city
profile-website = Website
market-all = All markets
flag-field-headline = Headline
flag-field-bio = About
flag-field-title = Title
flag-field-title_zh = Title (Chinese)
flag-field-description = Description
flag-field-description_zh = Description (Chinese)
admin-shipped = { $count ->
    [one] { $count } built-in entry also applies.
   *[other] { $count } built-in entries also apply.
}
field-market-hint = A country code (BR) or a region code; see the list of markets.
field-category-hint = A category number from the product taxonomy; the rule covers its subcategories.
screen-lang-en = English
screen-lang-zh = Chinese
screen-lang-es = Spanish
screen-lang-pt = Portuguese
screen-lang-ar = Arabic
screen-lang-ru = Russian
screen-lang-id = Indonesian
term-kind-claim = Claim
term-kind-counterfeit = Counterfeit
term-kind-sensitive = Sensitive
admin-accounts-lead = Every account, whatever its status. Filter by status and type.
audit-account-approved = Account approved
audit-account-rejected = Account rejected
audit-account-suspended = Account suspended
audit-account-reinstated = Account reinstated
audit-account-closed = Account closed by its holder
audit-account-email_verified = Email address confirmed
audit-account-password_reset = Password reset by email
audit-account-password_changed = Password changed
audit-admin-created = Administrator created
audit-market_rule-add = Market rule added
audit-market_rule-delete = Market rule removed
audit-screening_term-add = Screening term added
audit-screening_term-delete = Screening term removed
audit-target-account = Account
audit-target-market_rule = Market rule
audit-target-screening_term = Screening term
finding-source = source
