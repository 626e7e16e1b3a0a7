# English. Keys are stable; placeables are { $name }; plurals use CLDR categories.


## language

language-name = English

## start

start-greeting = Hello, { $name }! I am the feedback assistant of { $shop }. After a purchase I will ask you two or three quick questions; your answers go straight to the people who can fix things. Write /help to see what I can do.
start-greeting_anonymous = Hello! I am the feedback assistant of { $shop }. After a purchase I will ask you two or three quick questions; your answers go straight to the people who can fix things. Write /help to see what I can do.
start-owner = Hello! I am the feedback assistant of { $shop }. What I do for you as an owner: every purchase becomes a short survey and every unhappy answer a complaint the staff chat works on against deadlines; you get a weekly digest with a chart, a message when a complaint is overdue, and the list of fixes the business owes.
start-manager = Hello! I am the feedback assistant of { $shop }. What I do for you as a manager: customers' complaints reach the staff chat with deadlines; I mention you there when one waits too long, and write to you here when one is overdue.

## help

help-text =
    What I can do:
    /complaint: write to a person (complaints, questions)
    /language: choose the language I speak
    /stop: no more surveys (/start turns them back on)
    /mydata: what we store about you
    /forget_me: erase your personal data
    /help: this message

    After a purchase I send a short survey with buttons: it takes { $duration }.

## language

language-choose = Choose your language:
language-changed = Done: I will speak English from now on.
language-unknown = That language is not available.

## fallback

fallback-text = I understand text commands and buttons. Write /help to see what I can do.
fallback-unsupported = I cannot read this kind of message yet. Please write it as text.
fallback-too_long = That message is too long for me ({ $length } characters; the limit is { $limit }). Please shorten it.

## button

button-stale = This button is no longer active.

## command

command-start = Start: what this bot does
command-help = What I can do
command-language = Choose the language

## start

start-welcome_back = Welcome back! Surveys are on again.
start-linked = Thank you! I have found your purchase and will send a short survey a little later.
start-linked_no_survey = Thank you! I have found your purchase; there is no survey for this one. You can write to us here at any time.
start-linked_complaint = Thank you! Your request #{ $number } is with the team: their reply will come here, and you can write to them here too.
start-link_unknown = This link is no longer valid. Write /help to see what I can do.
start-share_phone = Bought something from us? Share your phone number and I will find your purchase (the number is used only for this).
start-share_phone_button = Share my phone number

## phone

phone-linked = Thank you! I have found { $count ->
    [1] your purchase
   *[other] your purchases ({ $count })
} and will send a short survey a little later.
phone-not_found = Thank you! No purchases with this number yet; they will be linked as soon as they arrive.
phone-not_own = Please share your own contact with the button.

## survey

survey-invite =
    Thank you for shopping with us! How likely are you to recommend us to a friend or colleague?
    0 = not at all, 10 = extremely likely
survey-reminder = A gentle reminder: your answer takes { $duration } and helps us a lot.
# How long the survey takes: seconds under a minute, else minutes (0 seconds then).
survey-duration = { $minutes ->
        [0] about { $seconds } seconds
        [1] about a minute
       *[other] about { $minutes } minutes
    }
survey-later = Not now
survey-never = Don't ask me again
survey-followup-detractor = We are sorry to hear that. What went wrong? Pick what applies, write a few words if you like, then press Next.
survey-followup-passive = Thank you! What would make it a 10? Write a few words, or press Skip.
survey-followup-promoter = Wonderful! What did you like most? Write a few words, or press Skip.
survey-next = Next ▶
survey-skip = Skip
survey-csat =
    How satisfied are you with this purchase?
    1 = very dissatisfied, 5 = very satisfied
survey-expectation = Compared with what you expected, it was:
survey-expectation-worse = Worse
survey-expectation-as_expected = As expected
survey-expectation-better = Better
survey-thanks = Thank you! Your answers went straight to the team.
# The thanks of a survey whose answers opened a complaint: one message instead of two.
survey-thanks-complaint = Thank you! We are sorry it was not good: your answers are now request #{ $number }, and a person from our team will write to you here by { $at }. You can add anything (text, photos) right in this chat.
survey-thanks-complaint_answer = Thank you! We passed your answers on as request #{ $number }: a person from our team will write to you here by { $at }. You can add anything (text, photos) right in this chat.
survey-review = If you have a minute, you are welcome to leave a public review: { $url }
survey-referral = Glad you liked it! Share it with a friend: { $url }
survey-dismissed_later = No problem. Thank you for your time!
survey-dismissed_never = Understood: no more surveys from me. Write /start if you change your mind.
survey-closed = This survey has closed. Thank you!
survey-alert-closed = This survey has closed.
survey-alert-done = Already answered, thank you!
survey-alert-done_web = You have already answered this survey on its web page. Thank you!
survey-alert-thanks = Thank you!
survey-use_buttons = Please answer with the buttons in the survey above.
survey-comment_too_long = That is a bit long ({ $length } characters); please keep it under { $limit }.
# An answer to a question the shop designed, named by its text (the card, /mydata).
survey-answer = { $question } — { $answer }
survey-answer-scale = { $question } ({ $min }–{ $max }): { $answer }

## aspect

aspect-quality = Quality
aspect-price = Price
aspect-delivery = Delivery
aspect-staff = Staff
aspect-speed = Speed
aspect-other = Other

## stop

stop-done = Done: you will get no more surveys from me. Write /start to turn them back on.
# /stop typed to the shop's own Telegram account: /start there does nothing
stop-done_account = Done: we will send you no more surveys.

## command

command-stop = Stop surveys

## mydata

mydata-header = What we store about you:
mydata-profile =
    Name: { $name }
    Username: { $username }
    Phone: { $phone }
    Language: { $language }
    Segment: { $segment }
    Surveys: { $surveys }
mydata-survey = • Order { $order }: { $status }; NPS { $nps }, satisfaction { $csat }, { $expectation }; comment: { $comment }
mydata-aspects = What went wrong: { $aspects }
mydata-none = none
mydata-status-waiting_link = waiting until we can write to you
mydata-status-scheduled = planned
mydata-status-sent = waiting for your answer
mydata-status-answered = answers received
mydata-status-expired = closed without answers
mydata-status-skipped = not sent
mydata-status-dismissed = declined
mydata-expectation-worse = worse than expected
mydata-expectation-as_expected = as expected
mydata-expectation-better = better than expected
mydata-expectation-none = no answer about expectations
mydata-complaint = • Request #{ $number } of { $date }: { $status }; you wrote: { $text }
mydata-messages = Messages to support: { $count }
mydata-more = To erase it, write /forget_me.

## forget

forget-confirm = Erase your name, username, phone number, comments and messages? Your anonymous scores stay in the statistics. This cannot be undone.
forget-yes = Yes, erase
forget-no = Cancel
forget-done = Done: your personal data is erased. Write /start if you ever want to talk again.
forget-done_account = Done: your personal data is erased.
forget-cancelled = Cancelled: nothing was erased.

## command

command-mydata = What you store about me
command-forget_me = Erase my data
command-complaint = Write to a person

## complaint

complaint-opened-low_score = We are sorry it was not good. Your feedback is now request #{ $number }: a person from our team will write to you here by { $at }. You can add anything (text, photos) right in this chat.
complaint-opened-survey_answer = Thank you for telling us. We passed it on as request #{ $number }: a person from our team will write to you here by { $at }. You can add anything (text, photos) right in this chat.
complaint-opened-message = Thank you, your message went to our team as request #{ $number }. A person will answer you here by { $at }; anything else you write here reaches them too.
complaint-opened-command = Tell us what happened: write it here (text, photos, documents). It is request #{ $number }; a person will answer you here by { $at }.
complaint-already_open = Your request #{ $number } is still open: just write here and it reaches our team.
complaint-story_received = Thank you, it has reached our team as request #{ $number }. Anything else you write here reaches them too.
complaint-resolved-question = Our team has marked request #{ $number } as resolved. Was your issue resolved?
complaint-resolved-yes = Yes, resolved
complaint-resolved-no = No, not yet
complaint-resolved-thanks = Thank you for confirming. Request #{ $number } is closed.
complaint-resolved-reopened = We are sorry. Request #{ $number } is open again and our team is back on it.
complaint-resolved-already = You have already answered this.
complaint-card-title = Complaint #{ $number }
complaint-status-open = open
complaint-status-taken = in progress
complaint-status-resolved = waiting for the customer's confirmation
complaint-status-closed = closed
complaint-card-key = ⭐ Key customer
complaint-card-forgotten = the customer erased their data
complaint-card-no_name = no name
complaint-card-segment = segment { $segment }
complaint-card-customer = Customer: { $customer }
# The name the shop gave, and beside it the one in Telegram when it differs (cards, lists, /mydata).
complaint-card-telegram_name = { $name } (Telegram: { $telegram })
complaint-card-order = Order { $order }
complaint-card-branch = branch { $branch }
complaint-card-aspects = What went wrong: { $aspects }
complaint-card-source-low_score = From a survey answer.
complaint-card-source-low_score_web = From a survey answer, via web (its page opened from the receipt).
complaint-card-reply_web = Replies go to the customer's web page (no Telegram).
complaint-card-source-command = The customer opened it with /complaint.
complaint-card-source-message = The customer wrote to the bot.
complaint-card-source-business = The customer wrote to the shop's Telegram account.
complaint-card-due-take = Take by { $at }
complaint-card-due-resolve = Resolve by { $at }
complaint-card-taken_by = Handled by { $name }
complaint-card-reopened = Reopened by the customer: { $times }×
complaint-card-confirmed = The customer confirmed it is resolved.
complaint-card-reply_hint = Reply to this card to answer the customer; start with ! for an internal note.
complaint-card-expectation-worse = worse than expected
complaint-card-expectation-as_expected = as expected
complaint-card-expectation-better = better than expected
complaint-button-take = Take
complaint-button-resolve = Resolve
complaint-button-history = History
complaint-summary-title = 🌩 { $count ->
    [one] { $count } new complaint
   *[other] { $count } new complaints
} at once (grouped so the chat is not flooded):
complaint-summary-hint = Press a number to open its card.
complaint-sla-manager = duty manager
complaint-sla-nobody = nobody
complaint-sla-take_reminder = ⏰ Complaint #{ $number } ({ $customer }) has waited { $waited } and nobody has taken it.
complaint-sla-unseen = ⚠️ The staff chat is out of the bot's reach, so staff cannot see it (see the bot's message about the staff chat).
complaint-sla-escalation = 🚨 Complaint #{ $number } ({ $customer }) was not resolved by { $due }. Handled by: { $holder }.
complaint-sla-escalation_assigned = 🚨 Complaint #{ $number } ({ $customer }) was not resolved by { $due }. Assigned to { $holder }, not taken yet.
complaint-alert-yours = Complaint #{ $number } is already yours.
complaint-alert-already_taken = Complaint #{ $number } is already taken by { $name }.
complaint-alert-already_resolved = Complaint #{ $number } is resolved and waits for the customer's answer.
complaint-alert-already_closed = Complaint #{ $number } is closed.
complaint-alert-taken = Complaint #{ $number } is yours now. Reply to its card to answer the customer.
complaint-alert-resolved = Resolved. The customer is asked to confirm.
complaint-alert-resolved_unasked = Closed. The customer cannot be reached to confirm.
complaint-alert-card_exists = The card of #{ $number } is already in the chat.
complaint-alert-not_staff = Only members of the staff chat can do this.
complaint-alert-check_failed = Telegram could not confirm you are staff right now. Please try again in a minute.
complaint-history-title = History of complaint #{ $number }:
complaint-history-from_customer = customer
complaint-history-to_customer = staff
complaint-history-note = note
complaint-history-note_by = { $name } (note)
complaint-history-empty = (no messages yet)
complaint-history-confirmed = confirmed resolved
complaint-reopened = ↩️ The customer says complaint #{ $number } is NOT resolved. It is open again and its clock restarted.
complaint-relay-closed = Complaint #{ $number } is closed; this was not sent. The customer can write again to open a new one.
complaint-relay-forgotten = The customer of #{ $number } erased their data; nothing can be sent.
complaint-relay-no_telegram = The customer of #{ $number } answered on the survey's web page, has no Telegram chat with the bot yet and has not chosen to follow the answer on a page of their own: nothing can be sent. The page offered both; call them if you have their number.
complaint-relay-unreachable = The customer of #{ $number } has blocked the bot; this was not delivered.
complaint-relay-business_off = The shop's Telegram account has turned the bot off; the reply about #{ $number } was not sent. Your message stays here: send it again once the bot is on, or answer from the account.
complaint-relay-business_no_reply = The bot may not answer from the shop's Telegram account (no right to reply); the reply about #{ $number } was not sent. Your message stays here: answer from the account in the Telegram app, or give the bot that right.
complaint-relay-business_window = Telegram lets the bot answer from the shop's account only within 24 hours of the customer's last message; the reply about #{ $number } was not sent. Your message stays here: answer from the account in the Telegram app.
complaint-relay-business_kind = This kind of message cannot go out from the shop's Telegram account; the reply about #{ $number } was not sent. Send text, a photo or a file.
complaint-list-open = Open complaints ({ $count }):
complaint-list-mine = Your complaints ({ $count }):
complaint-list-none = None. 🎉
complaint-list-more = …and more.
complaint-find-usage = Write what to look for after /find: a complaint number, an order id, a name, a phone or words the customer wrote, and theme:name for complaints about a theme. Example: /find broken lid, /find theme:delivery
complaint-find-no_theme = There is no theme «{ $theme }». Themes: { $themes }.
complaint-find-none = Nothing found for «{ $query }».
complaint-find-title = Found for «{ $query }», newest first:
complaint-find-more = …showing the newest { $count }; add a word to narrow it down.
complaint-card-assigned_to = Assigned to { $name } (not taken yet)
complaint-button-assign = Assign
complaint-assign-unnamed = Staff member { $id }
complaint-assign-nobody = Nobody to assign yet: the list has this chat's administrators, the people in STAFF_IDS and everyone who has acted in this chat.
complaint-assign-back = ← Back
complaint-assign-choose = Who should handle complaint #{ $number }?
complaint-assign-done = Complaint #{ $number } is assigned to { $name }.
complaint-assign-history = Assigned to { $name }
complaint-assign-private_by = 📌 { $name } assigned complaint #{ $number } ({ $customer }) to you. Reply to its card in the staff chat to answer the customer.
complaint-assign-private_turn = 📌 Complaint #{ $number } ({ $customer }) is assigned to you, in turn. Reply to its card in the staff chat to answer the customer.
complaint-sla-assigned = Assigned: { $name }.
saved-bad_name = A name is one word (letters, digits, - and _), up to 32 characters, with a language after a colon if it is not the default one, e.g. refund:ru (languages: { $languages }).
saved-too_long = That is too long: a saved reply is at most { $most } characters.
saved-added = Saved «{ $name }» ({ $language }). Staff send it with /saved { $name } as a reply to a complaint's card.
saved-replaced = Replaced «{ $name }» ({ $language }).
saved-unknown = There is no saved reply «{ $name }».
saved-deleted = Deleted «{ $name }».
saved-usage = /saved: the list · /saved add NAME TEXT (NAME:ru for another language; {"{"}name{"}"} and {"{"}order{"}"} are filled in) · /saved del NAME
saved-none = No saved replies yet.
saved-title = Saved replies:
saved-more = …and more.
saved-known = Saved replies: { $names }
saved-where = Send /saved NAME as a reply to a complaint's card, or inside its topic.
saved-sent = ↪️ «{ $name }» sent to the customer of #{ $number }.
events-stuck = ⚠️ Events are not reaching { $url }: one has waited { $hours } h. It last answered: { $error }. Nothing is lost: they are kept and tried again for 72 hours. Check the receiver, then <code>python -m bot events test</code>.
events-redirect = ↪️ It redirects to { $location }: events never follow a redirect (it could send them anywhere). If that address is right, put it in EVENTS_URL.
events-recovered = ✅ Events reach { $url } again; what waited is being delivered.
business-connected = 🔗 The Telegram account { $account } connected the bot as its chatbot: what customers write to it now reaches the staff chat as complaints, and staff answers go out from the account.
business-changed = 🔗 The Telegram account { $account } changed what the bot may do.
business-disabled = ⛔ The Telegram account { $account } turned the bot off or removed it: what customers write to it no longer reaches the staff chat, and answers to them cannot go out from the account. To turn it on again: Telegram → Settings → Telegram Business → Chatbots.
business-may = The bot may: { $rights }
business-may_not = The bot may not: { $rights }
business-right-can_reply = answer customers from the account (within 24 hours of their last message)
business-right-can_read_messages = mark their messages as read
business-no_reply_hint = Without the right to reply, staff answers cannot reach customers who wrote only to the account. Give it in Telegram: Settings → Telegram Business → Chatbots → the bot → "Reply to messages".
mail-stuck = ✉️ Email to customers is not going out: one message has waited { $hours } h ({ $count } waiting). The mail server last answered: { $error }. Nothing is lost: messages are kept and tried again for 72 hours. Check SMTP_URL and MAIL_FROM.
mail-recovered = ✅ Email to customers goes out again; what waited is being sent.
mail-given_up = ✉️ { $count ->
    [one] One email to a customer could not be delivered and was given up
   *[other] { $count } emails to customers could not be delivered and were given up
}. The mail server answered: { $error }

## duration

duration-seconds = { $n } s
duration-minutes = { $n } min
duration-hours = { $h } h { $m } min
duration-whole_hours = { $h } h

## complaint

complaint-relay-failed = ⚠️ The reply about #{ $number } did not reach the customer: { $error }
complaint-relay-roundup = { $count ->
    [one] { $count } more message was
   *[other] { $count } more messages were
} held back so the chat is not flooded (History shows them all); the latest: «{ $latest }»
complaint-relay-owner = 🏪 #{ $number } · { $name } answered from the shop's account: «{ $text }»
complaint-relay-edited = ✏️ #{ $number } · the customer edited their message: «{ $text }»
complaint-relay-deleted = 🗑 #{ $number } · the customer deleted { $count ->
    [one] a message
   *[other] { $count } messages
} in the chat with the shop's account.

## digest

digest-title-weekly = 📊 Weekly digest, { $period }
digest-title-report = 📊 Report, { $period }
digest-title-digest = 📊 The last 7 days, { $period }
digest-branch_only = Branch: { $branch }
digest-no_answers = no answers
digest-too_few = too few answers
digest-too_few_n = too few answers to tell (n={ $n })
digest-nps = NPS { $nps }
digest-nps_too_few = NPS: too few answers to tell (n={ $n })
digest-change-signal = { $arrow } { $delta } vs the previous period: bigger than the noise (±{ $margin })
digest-change-noise = { $arrow } { $delta } vs the previous period: within the noise (±{ $margin }), no real change
digest-change-none = No answers to compare with in the previous period.
digest-shares = Promoters { $promoters } · passives { $passives } · detractors { $detractors }
digest-response = Response rate { $rate } ({ $answered } answered of { $invited } invited)
digest-csat = CSAT { $csat }/5 · compared with expectations: worse { $worse }, as expected { $as_expected }, better { $better }
digest-question-scale = { $question } — mean { $mean } (n={ $n })
digest-question-scale_change = { $question } — mean { $mean }, { $change } vs the previous period (n={ $n })
digest-question-choice = { $question } — chosen most: { $option } ({ $share }, n={ $n })
digest-complaints = Complaints: { $opened } opened{ $split }, { $resolved } resolved, { $still_open } still open
digest-complaints_awaiting = Complaints: { $opened } opened{ $split }, { $resolved } resolved ({ $awaiting } of them waiting for the customer's answer), { $still_open } still open
# Where the opened ones came from, said only when both kinds came (bot/reports/sources.py).
digest-complaints_sources = { $answers } after { $answers ->
    [one] a survey answer
   *[other] survey answers
}, { $messages } { $messages ->
    [one] message
   *[other] messages
}
digest-complaints_only_messages = all messages
digest-complaints_overdue = , { $overdue } of them overdue
digest-undelivered = ⚠️ Messages Telegram did not deliver: { $failed } · customers who blocked the bot: { $blocked }
digest-sla = Taken on time { $take }, resolved on time { $resolve } · median time to take { $median_take }, to resolve { $median_resolve } · customers confirmed the resolution: { $satisfied }
digest-sla_business = Taken on time { $take }, resolved on time { $resolve } · median time to take { $median_take }, to resolve { $median_resolve } in business hours ({ $wall_take } and { $wall_resolve } of waiting for the customer) · customers confirmed the resolution: { $satisfied }
digest-team = Team (owners only; complaints of the period, by who holds them):
digest-team_person = • { $name }: took { $taken }, resolved { $resolved } · median to take { $take }, to resolve { $resolve } · customer confirmed { $confirmed } of { $answered }
digest-by_branch = By branch: { $groups }
digest-by_segment = By segment: { $groups }
digest-by_branch_none = no branch
digest-by_segment_none = other customers
segment-key = key customers
digest-aspects = Detractors name most: { $aspects }
digest-themes = Detractors talk most about: { $themes }
digest-comments = What detractors said:
digest-daily-title = ☀️ Daily brief: { $open ->
    [one] { $open } open complaint
   *[other] { $open } open complaints
}, { $overdue } overdue
digest-refused = This command is for the owners.
digest-report_usage = Use: /report 2026-10-01 2026-10-31 (from and to, inclusive).
digest-export_usage = Use: /export for the last 90 days, or /export 2026-10-01 2026-10-31 (from and to, inclusive).
digest-export_caption = { $kind ->
    [responses] Survey answers
   *[complaints] Complaints
}: { $rows ->
    [one] { $rows } row
   *[other] { $rows } rows
}, { $period }
digest-failed = Sorry, that report could not be built. The error is in the log; please try again later.
digest-preparing = Preparing it: a moment…
digest-too_big = too big for Telegram; use python -m bot export or the API

## menus and help for staff and owners

command-open = Open complaints
command-mine = Complaints I handle
command-find = Find complaints
command-saved = Saved replies
command-digest = The last 7 days
command-report = A report for a period
command-export = Survey answers and complaints as CSV
## corrective actions (after a complaint is resolved)

corrective-question-title = 📝 <b>Complaint #{ $number } is resolved. What was done about it?</b>
corrective-question-cause = What caused it? Choose below, or Skip.
corrective-question-action = Reply to this message with one line: what was done.
corrective-line-cause = Cause: { $cause } ({ $name })
corrective-line-action = Done: { $action } ({ $name })
corrective-line-fix_needed = 🔧 Needs a fix in the business (marked by { $name }, { $at })
corrective-line-fix_done = ✅ Fixed in the business ({ $name }, { $at })
corrective-cause-skipped = skipped
corrective-cause-unrecorded = not recorded
corrective-button-fix = 🔧 Needs a fix in the business
corrective-button-fix_on = 🔧 Fix needed ✓ (press to undo)
corrective-button-skip = Skip
corrective-alert-saved = Saved.
corrective-alert-same = That is already chosen.
corrective-alert-reopened = Complaint #{ $number } was reopened. Its cause will be asked again when it is resolved.
corrective-alert-fix_done = The fix for #{ $number } is already marked done.
corrective-alert-fix_marked = #{ $number } is on the owners' list of fixes (/actions).
corrective-alert-fix_unmarked = #{ $number } is off the list of fixes.

command-actions = Fixes the business owes
fixes-title = 🔧 <b>Fixes the business owes ({ $count })</b>
fixes-none = Nothing to fix right now. 🎉
fixes-more = …and more: mark these done to see the rest.
fixes-hint = Staff mark a resolved complaint "needs a fix in the business"; press a number when it is fixed.
fixes-since = marked by { $name }, { $at }
fixes-button = ✅ #{ $number }
fixes-done = #{ $number } is marked fixed.
fixes-already = #{ $number } was already marked fixed.
fixes-refused = Only the owners can mark fixes done.

fixed-title = 🛠 What we fixed
fixed-causes = Resolved complaints by cause: { $causes }
fixed-top = Top recurring cause: { $cause }, { $count ->
    [one] { $count } complaint
   *[other] { $count } complaints
    }, { $trend }.
fixed-top_first = Top recurring cause: { $cause }, { $count ->
    [one] { $count } complaint
   *[other] { $count } complaints
    }.
fixed-up = up from { $previous }
fixed-down = down from { $previous }
fixed-same = as many as before
fixed-done = ✅ Fixed in the business: #{ $number }{ $cause }{ $action }
fixed-done_more = …and { $count } more fixed.
fixed-open = 🔧 Fixes still owed: { $count } (/actions)
fixed-theme = 📉 { $theme } since fix #{ $number } ({ $days } { $days ->
    [one] day
   *[other] days
} before and after): mentioned { $before } → { $after } ({ $verdict }); by detractors { $detractors_before } → { $detractors_after } ({ $detractors_verdict })
fixed-theme_early = 📉 { $theme }: fix #{ $number } was made less than a day ago, too early to tell
fixed-verdict_down = fewer, bigger than the noise (±{ $noise })
fixed-verdict_up = more, bigger than the noise (±{ $noise })
fixed-verdict_same = within the noise (±{ $noise }), no real change
fixed-verdict_few = too few to tell

## the survey's web page (PUBLIC_URL/s/…, a receipt's QR code)

web-page_title = Your feedback
web-language_name = English
web-words = A few words, if you like
web-send = Send
web-done_telegram = You have already answered this survey in Telegram. Thank you!
web-no_survey = There is no survey for this purchase. Thank you for shopping with us!
web-never_done = Understood: we will not ask you again. Thank you for shopping with us!
web-complaint = We are sorry it went wrong. The team has your answer and will look into it.
web-complaint_telegram = To get the team's reply in Telegram, continue there:
web-continue_telegram = Continue in Telegram
web-reply_telegram = The team's reply will come to you in Telegram.
web-review = Leave a public review
web-invalid = That answer is not one of this question's choices. Please choose again.
web-later = Please answer the questions in order: here is the one that comes now.
web-too_long = That is a bit long; please keep it under { $limit } characters.
web-slow_down = Too many answers in a short time. Please wait a few minutes, then try again.
web-follow_or = Or follow the reply here, on a page of your own:
web-follow = Follow on my page
web-follow_open = Open my page
web-follow_email = Your email, to hear when the team replies (optional)
web-bad_email = That does not look like an email address. Please check it, or leave the field empty.
conv-title = Request #{ $number }
conv-you = You
conv-team = Team
conv-open = The team has your request. Their replies appear on this page.
conv-reopened = You said the issue was not resolved: the team is working on it again.
conv-closed = This request is closed. Thank you!
conv-empty = No replies yet. Keep this page: the team's answer will appear here.
conv-attachment = (an attachment this page cannot show)
conv-write = Write to the team
conv-empty_message = Please write a few words first.
conv-email_on = We also email { $email } when the team replies.
conv-email_stop = Stop emails
conv-email_ask = Email me when the team replies
conv-email_save = Save
conv-forget = Forget me
conv-forget_confirm = Erase what you wrote, your phone number and your email? Your anonymous scores stay in the statistics. This cannot be undone.
conv-ended = This conversation has ended. Thank you for writing to us!
conv-unsubscribe = Stop emails about request #{ $number }?
conv-unsubscribed = Done: no more emails about this request. Its page keeps the team's replies.
conv-mail-subject = Reply to your request #{ $number }
conv-mail-subject_resolved = Was your issue resolved? Request #{ $number }
conv-mail-reply = The team replied to your request #{ $number }:
conv-mail-resolved = The team has marked request #{ $number } as resolved. Was your issue resolved? Please tell us on its page.
conv-mail-link = Open the conversation
conv-mail-why = You get this email because you left your address on the request's page.
conv-mail-stop = Stop these emails

## bring a friend

survey-referral_personal = Know someone who would like us too? Forward them the next message: it is your personal invitation.
referral-invitation = 🎁 I recommend { $shop }. { $offer }
    Here is the link: { $link }
shop-greeting = this shop
shop-greeting_named = { $name }
shop-recommended = this shop
shop-recommended_named = { $name }
referral-share = Share with a friend
referral-welcome = 👋 A friend invited you: welcome!
referral-own_link = That is your own invitation link: it is for your friends, not for you.
referral-thanks = 🎉 A friend you invited has made their first purchase. Thank you for recommending us!

advocates-counts = 👥 Bring a friend: { $sent ->
    [one] { $sent } invitation link
   *[other] { $sent } invitation links
    } sent, { $joined ->
    [one] { $joined } friend
   *[other] { $joined } friends
    } joined, { $purchased } bought
advocates-top = Top advocates (friends who bought): { $advocates }

## staff pulse (eNPS)

pulse-question = 🤝 Team pulse, anonymous: how likely are you to recommend working here to a friend?
    0 = not at all, 10 = certainly.
    Your answers are stored without your name and shown to the owners only as totals, and only when at least { $minimum } colleagues answered.
pulse-comment = Thank you! One more, optional: what would make serving customers easier? Write it in one message, or press Skip.
pulse-skip = Skip
pulse-thanks = Thank you! Your answers are stored without your name.
pulse-already = Already answered, thank you!
pulse-comment_text_only = Please write your answer as text, or press Skip under the question.
pulse-digest = 🤝 Team pulse (eNPS, round of { $date }): { $enps }, { $asked } asked
pulse-digest_too_few = 🤝 Team pulse (round of { $date }): too few answers to show ({ $answers }; at least { $minimum } keep them anonymous)
pulse-digest_comments = What would make serving customers easier (in random order):

help-staff =
    In this chat:
    • reply to a complaint's card (or write in its topic) to answer the customer; the first reply takes the complaint
    • start a message with ! for a note only the team sees (a reply to a note is one too)
    • the card's buttons: Take, Assign (choose who handles it: they get a private message), Resolve, History
    • after Resolve the bot asks what caused it and what was done: press a cause, reply to its question with one line
    /open: complaints being worked on
    /mine: the ones you handle
    /find TEXT: complaints by number, order id, name, phone or words
    /saved NAME (as a reply to a card): send a saved reply; /saved lists them
help-manager =
    For managers:
    /dashboard: a sign-in link to the dashboard (complaints, the team)
    /saved: the team's saved replies (add, delete)
help-owner =
    For owners:
    /digest: the last 7 days now
    /report 2026-10-01 2026-10-31: any period
    /export: survey answers and complaints as spreadsheets (the last 90 days, or give two dates)
    /actions: fixes the business owes (from resolved complaints)
    /dashboard: a sign-in link to the dashboard (figures, by branch, in a browser)
    /saved: the team's saved replies (add, delete)
    The shop's own Telegram account as the desk: first in @BotFather, Bot Settings → Business Mode → on for this bot; then in Telegram, Settings → Telegram Business → Chatbots → this bot. What customers write to the account then comes to the staff chat as complaints, and staff answer from the account.

## chart and quiet periods

chart-band = 95% range
chart-too_few = Too few answers
chart-too_few_note = An NPS is worked out from { $fewest } answers on; the bars below show the answers so far.
chart-nps_axis = NPS (−100 to +100)
chart-period_axis = Period starting
chart-score_axis = Score (0–10)
chart-answers_axis = Answers
chart-detractors = Detractors (0–6)
chart-passives = Passives (7–8)
chart-promoters = Promoters (9–10)
chart-caption = { $period } · { $n ->
    [one] { $n } answer
   *[other] { $n } answers
}
digest-quiet = A quiet period: no survey went out, nobody answered, no complaint came in.
digest-no_answers_yet = No answers yet: { $invited ->
    [one] { $invited } customer invited
   *[other] { $invited } customers invited
}.

## times

time-today = { $time } today
time-tomorrow = { $time } tomorrow
time-date = { $time }

## the staff group or digest chat moved by Telegram

chat-moved-staff = ⚠️ Telegram upgraded the staff group to a supergroup (turning on Topics or making a group public does this), and it has a new id: { $new } (was { $old }). The bot follows it: complaints go there from now on{ $reposted ->
    [0] .
    [one] , and the card of the { $reposted } open complaint was posted there again.
   *[other] , and the cards of the { $reposted } open complaints were posted there again.
} When convenient, set STAFF_CHAT_ID={ $new } in the bot's settings.
chat-moved-digest = ⚠️ Telegram upgraded the digest chat to a supergroup, with a new id: { $new } (was { $old }). Digests go there from now on. When convenient, set DIGEST_CHAT_ID={ $new } in the bot's settings.

## the bot removed from the staff chat, and back

chat-lost = 🚫 The bot cannot write to the staff chat ({ $chat }): { $reason }. Nobody there sees new complaints now. Add the bot back to the group (as an administrator if the group uses Topics), or check STAFF_CHAT_ID. Meanwhile nothing is lost: new complaints wait and will be posted there, reminders come to you here.
chat-back = ✅ The bot is back in the staff chat. { $waiting ->
    [0] Nothing was waiting.
    [one] { $waiting } complaint that waited is being posted there now.
   *[other] { $waiting } complaints that waited are being posted there now.
}
chat-privacy = 🙈 The bot may miss what staff write in a complaint's topic: its privacy mode is on and it is not an administrator of the staff group (replies to its own messages still reach it). Make the bot an administrator of the group, or in @BotFather send /setprivacy, choose the bot, Disable, then remove the bot from the group and add it again.

## a customer's thanks

thanks-welcome = You're welcome! 😊 If anything else comes up, just write here.

## importing purchases (python -m bot import-purchases, said to the operator)

import-column_unclear = line 1, column { $column } '{ $header }': looks like { $field }, but is not a heading I know, so its values would be lost. Rename it { $code } (or a usual spelling, see docs/http-api.md), or delete the column if it holds something else. Nothing was imported.
import-column_twice = line 1: columns { $first } '{ $first_header }' and { $second } '{ $second_header }' both mean { $field }: keep one, delete or rename the other. Nothing was imported.
import-no_order_column = no order_id column. Found: { $found }. Expected: order_id and one of { $identifiers }; optional { $optional }.
import-no_customer_column = no customer identifier column. Found: { $found }. Expected: order_id and one of { $identifiers }; optional { $optional }.
import-empty = the file is empty: it has neither a header nor rows. Nothing was imported.
import-old_xls = this is an old Excel file (.xls, Excel 97–2003), which cannot be read: open it in Excel or LibreOffice and save it as an Excel workbook (.xlsx) or as CSV. Nothing was imported.
import-unreadable_xlsx = not a readable .xlsx workbook ({ $error })
import-field-order_id = the order number
import-field-telegram_id = the Telegram id
import-field-phone = the phone number
import-field-external_id = the customer id
import-field-name = the customer's name
import-field-language = the language
import-field-segment = the segment
import-field-timezone = the time zone
import-field-amount = the amount
import-field-currency = the currency
import-field-branch = the branch
import-field-purchased_at = the purchase date

## export (the .xlsx workbooks' sheets, column titles and codes)
export-sheet-responses = Survey answers
export-sheet-complaints = Complaints
# The names of the files /export sends (`python -m bot export` keeps English names).
export-file-responses = responses
export-file-complaints = complaints
export-yes = yes
export-no = no
export-column-id = No.
export-column-order_id = Order
export-column-branch = Branch
export-column-segment = Segment
export-column-customer_name = Customer
export-column-telegram_name = Name in Telegram
export-column-phone = Phone
export-column-sent_at = Invited at
export-column-answered_at = Answered at
export-column-status = Status
export-column-nps = NPS score
export-column-csat = Satisfaction (1–5)
export-column-expectation = Against expectations
export-column-aspects = What it was about
export-column-comment = Comment
export-column-themes = Themes
export-column-referred = Came through a friend
export-column-channel = Answered via
export-column-source = Opened from
export-column-created_at = Opened at
export-column-taken_at = Taken at
export-column-taken_by_name = Handled by
export-column-resolved_at = Resolved at
export-column-closed_at = Closed at
export-column-reopened = Times reopened
export-column-resolution_satisfied = Customer confirmed it resolved
export-column-take_due = Take deadline
export-column-resolve_due = Resolve deadline
export-column-text = What the customer wrote
export-column-cause = Cause
export-column-action = What was done
export-column-fix_needed_at = Fix owed since
export-column-fix_done_at = Fix done at
export-survey_status-waiting_link = waiting for the customer to open the link
export-survey_status-scheduled = scheduled
export-survey_status-sent = sent, no answer yet
export-survey_status-answered = answered
export-survey_status-expired = closed unanswered
export-survey_status-skipped = not sent
export-survey_status-dismissed = declined by the customer
export-source-low_score = a survey answer
export-source-command = the /complaint command
export-source-message = a message to the bot
export-source-account_message = a message to the shop's Telegram account
export-channel-telegram = Telegram
export-channel-web = the web page

## the owners' dashboard

dashboard-title = Customer feedback
dashboard-signin-go = Sign in
dashboard-signin-how = Sign in with /dashboard in your private chat with the bot: it sends a one-time link (or, where the shop set it up, a button that opens this page inside Telegram). The server's operator can also print a link with python -m bot dashboard-link --user ID.
dashboard-link_used = This sign-in link is used, expired or unknown. Ask the bot for a new one with /dashboard.
dashboard-slow_down = Too many sign-in attempts from here: wait a minute.
dashboard-from = From
dashboard-to = To
dashboard-branch = Branch
dashboard-team = Team: complaints of the period by who holds them
dashboard-team_name = Person
dashboard-team_taken = Taken
dashboard-team_resolved = Resolved
dashboard-team_take = Median time to take
dashboard-team_resolve = Median time to resolve
dashboard-team_confirmed = Confirmed by the customer
dashboard-accounts = The shop's Telegram accounts the bot answers for
dashboard-accounts-account = Account
dashboard-accounts-rights = The bot may
dashboard-accounts-state = Bot
dashboard-accounts-on = on
dashboard-accounts-off = off or removed
dashboard-accounts-since = Connected on
dashboard-accounts-nothing = nothing it uses
dashboard-accounts-note = Connected in the account's Telegram app: Settings → Telegram Business → Chatbots (once the bot's Business Mode is on in @BotFather: Bot Settings → Business Mode). What customers write there reaches the staff chat.
dashboard-all_branches = All branches
dashboard-show = Show
dashboard-signout = Sign out
dashboard-chart = NPS and the 0–10 answers
dashboard-tile-response = Response rate
dashboard-tile-invited = { $answered } of { $invited } invited
dashboard-tile-csat = Satisfaction (CSAT)
dashboard-tile-csat_scale = average, 1 to 5
dashboard-tile-open = Complaints still open
dashboard-tile-overdue = { $count } overdue
dashboard-tile-opened = { $count } opened in the period
dashboard-tile-answers = { $n ->
    [one] { $n } answer
   *[other] { $n } answers
}
dashboard-tile-change_signal = { $arrow } { $delta } vs the previous period: a real change
dashboard-tile-change_noise = { $arrow } { $delta } vs the previous period: within the noise (±{ $margin })
dashboard-trend = NPS by period, with its 95% range
dashboard-trend-hollow = A hollow dot: fewer than 30 answers, the figure says little.
dashboard-split = Answers by score
dashboard-funnel = Complaints of the period
dashboard-funnel-opened = Opened
dashboard-funnel-taken = Taken on time
dashboard-funnel-resolved = Resolved on time
dashboard-funnel-confirmed = Confirmed resolved by the customer
dashboard-funnel-taken_of = { $count } of { $of } due
dashboard-funnel-resolved_of = { $count } of { $of } due
dashboard-funnel-confirmed_of = { $count } of { $of } who answered
dashboard-funnel-median = median { $time }
dashboard-funnel-median_business = median { $time } in open hours ({ $wall } by the clock)
dashboard-versus = Against the rest
dashboard-versus-above = ▲ { $delta } above the rest
dashboard-versus-below = ▼ { $delta } below the rest
dashboard-versus-noise = no real difference (±{ $margin })
dashboard-versus-too_few = too few answers to tell
dashboard-versus-alone = the only one
dashboard-versus-note = Marked above or below only when the gap to everyone else is bigger than the noise (95%).
dashboard-themes = What customers write about
dashboard-themes-theme = Theme
dashboard-themes-mentions = Mentions
dashboard-themes-detractors = From detractors
dashboard-themes-note = Comments, complaints and customers' messages of the period, each counted once per theme it mentions; in brackets, the change against the previous period. NPS: of the customers who mention it.
dashboard-unthemed = Not in a theme yet
dashboard-unthemed-to = Add «{ $word }» to a theme
dashboard-unthemed-add = Add to theme
dashboard-unthemed-pick = theme…
dashboard-unthemed-added = “{ $word }” added to the theme “{ $theme }”: every form of it counts there now, in past texts too.
dashboard-unthemed-note = Words in the period's newest comments and complaints that no theme matches, in how many texts. Added to a theme, every form of the word counts there, in past texts too.
dashboard-questions = Answers to each question
dashboard-questions-answers = { $n ->
    [one] { $n } answer
   *[other] { $n } answers
}
dashboard-questions-mean = mean { $mean }
dashboard-more = More from the period
dashboard-link = Your sign-in link to the dashboard, valid { $minutes } minutes and for one sign-in (do not forward it):
    { $url }
dashboard-no_address = The dashboard has no public address yet, so there is no link that would open on your phone. Ask whoever runs the bot to set PUBLIC_URL to the bot's public https address (for example https://shop.example) and restart it.
dashboard-open = Open the dashboard
command-dashboard = The dashboard (a sign-in link)
dashboard-customer = Customer
dashboard-assigned = Assigned to
dashboard-nav-overview = Overview
dashboard-nav-complaints = Complaints
dashboard-nav-comments = Comments
dashboard-nav-fixes = Fixes
dashboard-nav-saved = Saved replies
dashboard-saved-name = Name
dashboard-saved-language = Language
dashboard-saved-text = Text
dashboard-saved-delete = Delete
dashboard-saved-add = Save
dashboard-saved-hint = {"{"}name{"}"} becomes the customer's first name, {"{"}order{"}"} the complaint's order id. Staff send it with /saved NAME as a reply to a card, or pick it with @bot NAME.
dashboard-nav-survey = Survey
dashboard-survey-title = The survey customers are asked
dashboard-survey-version = Version { $version } (0: the built-in survey). Saving makes a new version; a customer in the middle of a survey finishes the version they started.
dashboard-survey-saved = Saved as version { $version }: customers are asked it from their next invitation on.
dashboard-survey-same = Nothing changed: version { $version } stays the current survey.
dashboard-survey-stale = Someone saved version { $version } while you were editing: your changes are still below and nothing was saved. Check them against the new version and save again.
dashboard-survey-refused = Not saved: fix what is marked below. Nothing has changed for customers.
dashboard-survey-go_to = Go to:
dashboard-survey-time = About { $seconds } s to answer, along the longest path.
dashboard-survey-time_long = Surveys longer than { $seconds } s lose customers halfway: consider fewer questions, or conditions.
dashboard-survey-time_rule = Estimated per question: 5 s for the NPS, a scale or a single choice; 10 s for a multiple choice; 20 s for a text. Questions a condition skips count only on the path where they are asked.
dashboard-survey-nps = NPS (always first)
dashboard-survey-question = Question { $n }
dashboard-survey-nps_hint = The 0–10 question with "Not now" and "Don't ask me again". Leave its text empty in every language for the standard wording.
dashboard-survey-id = Id
dashboard-survey-type = Type
dashboard-survey-type-scale = Scale (e.g. 1–5, 1–7)
dashboard-survey-type-choice = Choice
dashboard-survey-type-text = Text (free answer)
dashboard-survey-text = Question text
dashboard-survey-min = From
dashboard-survey-max = To
dashboard-survey-label_min = Label of the lowest score (optional)
dashboard-survey-label_max = Label of the highest score (optional)
dashboard-survey-multiple = Several answers allowed
dashboard-survey-options = Options
dashboard-survey-options_hint = 2 to 10 options. To add one, fill the empty row; to remove one, empty its row.
dashboard-survey-option_id = Option id
dashboard-survey-text_hint = Customers type an answer, or skip it with a button.
dashboard-survey-when = Ask only if
dashboard-survey-always = always asked
dashboard-survey-when_in = answer is one of
dashboard-survey-when_hint = Separate with commas: scores (0–10 for the NPS, or detractor, passive, promoter) or option ids.
# The NPS categories as a condition names them (typed and shown in the field).
dashboard-survey-category-detractor = detractor
dashboard-survey-category-passive = passive
dashboard-survey-category-promoter = promoter
dashboard-survey-kind-nps = NPS
dashboard-survey-kind-scale = scale
dashboard-survey-kind-choice = choice
dashboard-survey-kind-text = text
dashboard-survey-complaint = Opens a complaint
dashboard-survey-complaint-none = never
dashboard-survey-complaint-at_most = at this score or lower
dashboard-survey-complaint-at_least = at this score or higher
dashboard-survey-complaint-options = when one of these options is chosen
dashboard-survey-complaint_value = score or option ids
dashboard-survey-up = ↑ Up
dashboard-survey-down = ↓ Down
dashboard-survey-remove = Remove
dashboard-survey-preview = As the customer sees it in Telegram
dashboard-survey-same_message = Asked on the same message as { $id }: see its preview.
dashboard-survey-no_preview = Press "Check and preview" to see this question as customers will.
dashboard-survey-add = + Add a question
dashboard-survey-full = At most { $most } questions after the NPS.
dashboard-survey-variants = Variants by branch or segment
dashboard-survey-variants_hint = A variant is asked instead of the survey above for the purchases of its branch, by the customers of its segment, or both: one naming both comes before one naming either, then the first in this order. A new variant starts as a copy of the survey above.
dashboard-survey-add_variant = + Add a variant
dashboard-survey-variant = Variant { $n }
dashboard-survey-segment = Segment
dashboard-survey-variant_hint = Its questions follow. Give a branch, a segment or both.
dashboard-survey-remove_variant = Remove this variant
dashboard-survey-check = Check and preview
dashboard-survey-save = Save as a new version
survey-check-body = expected an object with questions and variants
survey-check-type_missing = required
survey-check-type_extra_forbidden = unknown field
survey-check-type_int_type = a whole number
survey-check-type_string_type = a text
survey-check-type_bool_type = yes or no
survey-check-type_list_type = a list
survey-check-type_dict_type = an object
survey-check-type_model_type = an object
survey-check-type_literal_error = one of: scale, choice, text
survey-check-name_length = 1 to { $most } characters
survey-check-variant_empty = give a branch, a segment or both
survey-check-variant_twice = the same branch and segment as variant { $n }
survey-check-type_elsewhere = "{ $id }" is a { $type } question elsewhere in this survey
survey-check-nps_first = the first question is the NPS
survey-check-too_many = at most { $most } questions after the NPS ({ $given } given)
survey-check-id_taken = "{ $id }" is taken: each id once
survey-check-built_in_csat = "csat" is the built-in satisfaction question: a scale from { $low } to { $high }, or choose another id
survey-check-built_in_expectation = "expectation" is the built-in comparison: one choice of { $options }, or choose another id
survey-check-built_in_aspect = "aspect" is the built-in choice of aspects: a choice, or choose another id
survey-check-built_in_text = "{ $id }" is a built-in text question: a text, or choose another id
survey-check-callback = The ids of this question and of its options are too long together: shorten them to { $most } characters in all
survey-check-id_chars = only a–z, 0–9 and _, 1 to { $most } characters
survey-check-nps_only_first = only the first question is the NPS
survey-check-nps_always = the NPS is always asked
survey-check-only_scale = only a scale has this
survey-check-only_choice = only a choice has this
survey-check-required_scale = a scale needs it
survey-check-required_choice = a choice needs options
survey-check-range = from { $low } to { $high }
survey-check-above_min = must be more than "From" ({ $min })
survey-check-scale_buttons = at most { $most } buttons, as the NPS's 0–10 ({ $given } given)
survey-check-options_count = { $least } to { $most } options ({ $given } given)
survey-check-option_control = "{ $id }" is a control button's word ({ $controls }): choose another id
survey-check-text_missing = missing: the shop serves { $served }
survey-check-text_language = not a language the shop serves ({ $served })
survey-check-text_empty = empty
survey-check-text_long = Question text too long: shorten it to { $most } characters
survey-check-label_long = Label too long: shorten it to { $most } characters
survey-check-option_long = Answer option too long: shorten it to { $most } characters
survey-check-when_unknown = no earlier question "{ $id }"
survey-check-when_later = "{ $id }" comes after this question: a condition needs an earlier one
survey-check-when_text = a text answer cannot be a condition
survey-check-when_empty = give at least one answer
survey-check-when_value = "{ $value }" is not an answer to { $id } ({ $answers })
survey-check-when_quoted = "{ $value }" is not an answer to { $id } ({ $answers }): write the score as a number, without quotes
survey-check-complaint_text = a text answer cannot open a complaint
survey-check-complaint_one = choose one rule
survey-check-complaint_choice_only = only a choice opens one by options
survey-check-complaint_by_options = a choice opens a complaint by its options
survey-check-complaint_no_options = give at least one option
survey-check-no_option = no option "{ $id }"
dashboard-state-all = all
dashboard-state-open = being worked on
dashboard-state-overdue = overdue
dashboard-state-resolved = resolved
dashboard-any = any
dashboard-search = Number, order, name or words
dashboard-older = Older complaints
dashboard-none = No complaints match.
dashboard-comments-score = Score
dashboard-comments-score-all = any
dashboard-comments-score-detractor = detractors (0–6)
dashboard-comments-score-passive = passives (7–8)
dashboard-comments-score-promoter = promoters (9–10)
dashboard-comments-question = Question
dashboard-comments-words = Words
dashboard-comments-complaint = complaint #{ $number }
dashboard-comments-older = Older comments
dashboard-comments-none = No comments match.
dashboard-not_found = No such complaint.
dashboard-fixes_owed = 🔧 Fixes the business still owes: { $count }
dashboard-fixes-owed = What the business needs to fix
dashboard-fixes-done = Already fixed
dashboard-fixes-theme_save = Save
dashboard-timeline-take = ⏰ Reminder sent to the staff chat: not taken by { $due }
dashboard-timeline-resolve = 🚨 Escalated to managers and owners: not resolved by { $due }
dashboard-timeline-fix_needed = 🔧 Needs a fix in the business (marked by { $name })
dashboard-timeline-fix_done = ✅ Fixed in the business ({ $name })
dashboard-spreadsheet = spreadsheet
dashboard-preset-this_week = This week
dashboard-preset-last_week = Last week
dashboard-preset-this_month = This month
dashboard-preset-last_month = Last month
dashboard-role-owner = the owner
complaint-card-story = Before: { $story }
complaint-card-story-complaints = { $count ->
    [one] 1 complaint
   *[other] { $count } complaints
} ({ $confirmed } confirmed resolved)
complaint-card-story-open = { $count } still open
complaint-card-story-scores = earlier NPS { $scores }
complaint-card-story-purchases = { $count } purchases
