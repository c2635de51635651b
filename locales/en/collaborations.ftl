# Collaboration pages: the list, one collaboration as a timeline, its step forms; reviews
# on a collaboration and on public profiles.
nav-collaborations = Collaborations
flash-collab-scheduled = The live session is scheduled. The other party has been emailed.
flash-collab-shipped = The shipment is recorded. The host has been emailed.
flash-collab-received = Receipt confirmed. The supplier has been emailed.
flash-collab-completed = The live is marked done. The supplier has been emailed to confirm.
flash-collab-confirmed = The collaboration is confirmed. You can both write a review now.
flash-collab-cancelled = The collaboration is cancelled. The other party has been emailed.
flash-review-sent = Your review is saved. It is published when both of you have written one, or when the review window closes.
collabs-title = Collaborations
collabs-lead-supplier = The work after a host accepted: schedule the live, ship samples, confirm it happened.
collabs-lead-host = The work after you accepted an offer: schedule the live, confirm the samples, mark it done.
collabs-lead-admin = Every collaboration between suppliers and hosts, newest first.
collabs-empty = No collaborations here yet. An accepted offer starts one.
collab-with = With { $name }
collab-status-agreed = Agreed
collab-status-scheduled = Live scheduled
collab-status-shipped = Samples shipped
collab-status-received = Samples received
collab-status-completed = Live done
collab-status-confirmed = Confirmed
collab-status-cancelled = Cancelled
collab-live = Live session
collab-live-unscheduled = Not scheduled yet
collab-agreed-at = Agreed
collab-back-to-list = ← All collaborations
collab-title = { $supplier } × { $host }
collab-terms-line = Agreed terms (version { $version })
collab-messages-link = Messages and negotiation →
collab-steps = Steps
collab-stage-done = done
collab-stage-next = next
collab-stage-later = later
collab-stage-cancelled = cancelled
collab-replay = Watch the replay
collab-your-step = Your next step
collab-complete-after = You can mark the live done once it has begun ({ $at }).
collab-receive = The samples arrived
collab-confirm-lead = Confirm that the live took place as agreed. If you do not, it stands 7 days after the host marked it done.
collab-confirm = Confirm the live
collab-ship-title = Record the sample shipment
collab-field-carrier = Carrier
collab-field-tracking = Tracking number
collab-ship = Record shipment
collab-complete-title = Mark the live done
collab-field-replay = Replay link (optional)
collab-field-units = Units sold (optional)
collab-complete = Mark done
collab-schedule-title = Schedule the live session
collab-reschedule-title = Move the live session
collab-field-live-at = Start ({ $zone })
collab-field-duration = Length in minutes
collab-schedule = Schedule
collab-reschedule = Move
collab-cancel-title = Cancel the collaboration
collab-field-cancel-reason = Why (the other party sees it)
collab-cancel = Cancel collaboration
collab-cancel-confirm = Cancel this collaboration? This cannot be undone.
collab-reviews-none = Reviews open once the live is confirmed.
collab-moved-on = That step cannot be taken now: the collaboration has moved on. This is where it stands.
collab-error-live-at = Choose a start from 30 days ago to a year ahead.
collab-error-live-at-format = Enter a date and a time.
collab-error-duration = Enter 15 to 1,440 minutes.
collab-error-replay = Enter the full link to the replay, starting with https://
collab-error-units = Enter a whole number of units, 0 or more.
collab-by = by { $name }
collab-step-agreed = Terms agreed
collab-step-scheduled = Live session scheduled
collab-live-line = { $at }, { $minutes } minutes
collab-todo-schedule = Either of you schedules it.
collab-tracking = tracking { $number }
collab-step-shipped = Samples shipped
collab-todo-ship = { $name } records the shipment.
collab-step-received = Samples received
collab-todo-receive = { $name } confirms they arrived.
collab-units-sold = { $count ->
    [one] { $count } unit sold
   *[other] { $count } units sold
}
collab-step-completed = Live done
collab-todo-complete = { $name } marks it done after the live.
collab-confirmed-clock = stood after { $days } days without an answer
collab-todo-confirm-by = { $name } confirms, or it stands on { $at }.
collab-todo-confirm = { $name } confirms it.
collab-step-confirmed = Confirmed
collab-todo-reviews-until = Both of you may review until { $at }.
collab-todo-reviews = Both of you review each other.
collab-step-reviews = Reviews published
collab-reviews-published = Both reviews are on the profiles.
collab-reviews-published-one = The one review written is on the profile.
collab-reviews-published-none = Neither party wrote a review in the 14 days.
collab-step-cancelled = Cancelled
offer-to-collaboration = This offer is now a collaboration: follow its steps →
review-title = Reviews
review-stars = { $count ->
    [one] { $count } star
   *[other] { $count } stars
}
review-not-published = Not published yet
review-hidden = Hidden by hostmatch: { $reason }
review-write = Review { $name }
review-field-rating = Rating
review-field-text = Your review
review-lead = It is published when both of you have written one, or 14 days after the confirmation.
review-send = Save review
review-waiting = Your review is saved. It is published when { $name } writes theirs, or on { $at }.
review-error-rating = Choose 1 to 5 stars.
review-summary = { $reviews ->
    [one] { $reviews } review
   *[other] { $reviews } reviews
} · { $completed ->
    [one] { $completed } completed collaboration
   *[other] { $completed } completed collaborations
}
review-more = The newest { $shown } of { $total } reviews.
review-none-yet = No reviews yet.
error-prohibited = This is prohibited in a market this host serves. Please reword it.
