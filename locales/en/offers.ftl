# Offer pages: compose, list, one offer; their flashes and the navigation counts.
flash-offer-sent = Your offer is sent. The host has been emailed.
flash-offer-accepted = You accepted the offer. The other party has been emailed.
flash-offer-declined = You declined the offer. The other party has been emailed.
flash-offer-withdrawn = You withdrew the offer. The host has been emailed.
nav-count-to-answer = { $count ->
    [one] { $count } offer waiting for your answer
   *[other] { $count } offers waiting for your answer
}
nav-count-pending = { $count ->
    [one] { $count } account waiting to be vetted
   *[other] { $count } accounts waiting to be vetted
}
offer-new-title = Offer to { $host }
offer-new-lead = Choose products and terms. Check shows what compliance screening finds for this host's markets before anything is sent.
offer-back-to-list = ← All offers
offer-host-min-commission = Host's minimum commission: { $pct }%
offer-host-min-fee = Host's minimum fee: { $fee }
offer-field-products = Products
offer-no-products = You have no active products to offer yet.
offer-add-product = Add a product
offer-product-commission = listed at { $pct }% commission
offer-field-commission = Commission (%)
offer-field-fee = Fixed fee (US$)
offer-field-free-samples = Free samples for the host
offer-field-message = Message
offer-field-expires = Answer by
offer-field-expires-hint = Up to 90 days from today; 14 days unless you choose.
offer-expiry-range = Choose a day from tomorrow to { $days } days from today.
offer-check = Check
offer-send = Send offer
offer-check-title = What screening found
offer-check-clear = No compliance warnings in this host's markets.
offer-check-warnings = The host will see these warnings with your offer:
offer-banned = This offer cannot be sent: a product is prohibited in every market this host serves.
offer-banned-lead = Prohibited in every market this host serves — remove these products or choose another host:
offer-duplicate = This host already has an open offer from you for one of these products.
offer-throttled = { $minutes ->
    [one] You have reached your daily offer limit. Try again in { $minutes } minute.
   *[other] You have reached your daily offer limit. Try again in { $minutes } minutes.
}
offers-title-supplier = Sent offers
offers-title-host = Offers for you
offers-title-admin = All offers
offers-lead-supplier = The offers you sent to hosts, newest first.
offers-lead-host = Offers suppliers sent you, newest first. Open one to accept or decline it.
offers-lead-admin = Every offer between suppliers and hosts, newest first.
offers-filter = Filter by status
offers-all = All
offers-empty = No offers here yet.
offer-status-sent = Awaiting answer
offer-status-accepted = Accepted
offer-status-declined = Declined
offer-status-withdrawn = Withdrawn
offer-status-expired = Expired
offer-from = From { $name }
offer-to = To { $name }
offer-title = Offer from { $name }
offer-supplier = Supplier
offer-host = Host
offer-commission = Commission
offer-fee = Fixed fee
offer-free-samples = Free samples
offer-yes = Yes
offer-no = No
offer-sent-at = Sent
offer-answer-by = Answer by
offer-updated-at = Last change
offer-expires-at = Expires
offer-no-message = No message.
offer-decline-reason = Reason for declining
offer-warnings = Compliance warnings in the host's markets
offer-your-answer = Your answer
offer-accept = Accept offer
offer-decline-reason-label = Reason (optional, the other party sees it)
offer-decline = Decline offer
offer-withdraw-title = Changed your mind?
offer-withdraw = Withdraw offer
offer-withdraw-confirm = Withdraw this offer? The host will be told.
offer-already = Nothing changed: this offer is already { $status }.
flash-offer-countered = Your new terms are sent. The other party has been emailed.
flash-message-sent = Message sent.
offer-current-terms = Terms on the table: version { $version }, proposed by { $name }
offer-version-n = Version { $version }
offer-live-at = Live session
offer-live-open = Not proposed yet
offer-product-count = { $count ->
    [one] 1 product
   *[other] { $count } products
}
offer-history = Negotiation and messages
offer-thread-admin = Messages between the two parties open to admins only once one of them reports the thread.
offer-by-you = You
offer-message-hidden = Hidden by an admin: { $reason }
offer-message-label = Write to the other party
offer-message-send = Send message
offer-waiting-for = Waiting for { $name } to answer these terms.
offer-counter-title = Propose new terms
offer-counter-lead = Change what you would like; the rest stays as it is. The other party can then accept, decline or answer with terms of their own.
offer-counter-send = Send new terms
offer-counter-unchanged = New terms must change at least one of them: commission, fee, free samples or the live time. To just write, send a message.
offer-field-live-at = Proposed live session (your time)
offer-superseded = Nothing changed: the terms changed meanwhile. Read the new version below.
offer-not-your-turn = Nothing changed: the other party answers these terms.
offer-thread-closed = This thread takes no new messages: the offer is { $status }.
offer-agreed-terms = Agreed terms: version { $version }, proposed by { $name }
