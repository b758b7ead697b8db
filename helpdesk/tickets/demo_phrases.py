"""The words of the demo conversations: topics by category, each told in three moods, and details.

A topic is one kind of problem or question. Its openings say the same thing in a negative, a
neutral and a positive voice, so whichever one a customer sends, the topic's agent replies fit.
Slots in braces are filled from one set of details per thread (`demo_text.thread_details`).
`{garment}`, `{gadget}` and `{gear}` ask for a product of that kind; `{product}` is whichever
kind the opening named, or any. The openings are tuned to TextBlob's lexicon: neutral ones avoid
words it scores (new, first, many, usually, thanks), negative ones carry a word it reads as
negative and nothing it likes (latest, full, more), positive ones a word it likes.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    """One kind of problem: how customers raise it in each mood, and how agents see it through."""

    subjects: tuple[str, ...]
    negative: tuple[str, ...]
    neutral: tuple[str, ...]
    positive: tuple[str, ...]
    steps: tuple[str, ...]
    fixes: tuple[str, ...]
    updates: tuple[str, ...] = ()
    answers: tuple[str, ...] = ()  # a whole answer in one reply, for questions; else a fix
    notes: tuple[str, ...] = ()


GARMENTS = (
    "Harbor rain jacket",
    "Fjord parka",
    "Ridge softshell jacket",
    "Storm shell jacket",
    "Coast waxed jacket",
    "Alpine down jacket",
)
GADGETS = (
    "Aero wireless earbuds",
    "Pebble power bank",
    "Lumen desk lamp",
    "Pulse fitness tracker",
    "Sona bluetooth speaker",
    "Volt charging dock",
)
GEAR = (
    "Trail 45L backpack",
    "Tundra sleeping bag",
    "cast-iron skillet",
    "Nomad travel mug",
    "ceramic pour-over set",
    "bamboo sheet set",
)
COLOURS = ("navy", "olive", "charcoal", "sand", "rust", "slate blue", "oat", "burgundy")
SIZES = ("XS", "S", "M", "L", "XL", "XXL")
DEVICES = (
    "iPhone 13",
    "iPhone 15 Pro",
    "Pixel 7",
    "Samsung Galaxy S22",
    "iPad Air",
    "OnePlus 11",
    "Galaxy Tab S8",
    "Moto G54",
)
BROWSERS = ("Chrome", "Firefox", "Safari", "Edge")
COURIERS = ("DHL", "UPS", "DPD", "FedEx", "Royal Mail", "PostNord", "GLS")
CITIES = ("Leeds", "Rotterdam", "Lyon", "Bristol", "Aarhus", "Porto", "Graz", "Cork", "Malmö")
PLANS = ("Plus", "Family", "Team")
FEATURES = ("shared wishlists", "calendar sync", "the CSV export", "order tracking alerts")
PROMO_CODES = ("SPRING15", "WELCOME10", "FRIENDS20", "AUTUMN25")
CURRENCIES = ("€", "£", "$")
MONTHS = ("January", "February", "March", "April", "May", "June", "September", "October")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
WAITS = ("two weeks", "three weeks", "ten days", "almost a month", "over a week", "12 days")
MAIL_DOMAINS = ("gmail.com", "outlook.com", "icloud.com", "proton.me", "yahoo.co.uk")
ERRORS = (
    "error PAY-402",
    "error code E-1107",
    "a 502 error",
    "'Session expired (AUTH-19)'",
    "error SYNC-TIMEOUT",
    "'HTTP 500 - request id 7f3c'",
)

CUSTOMER_GREETINGS = {
    "negative": ("", "", "Hi,", "Hello,", "Hi there,", "To whom it may concern,"),
    "neutral": ("", "Hi,", "Hello,", "Hi there,", "Hey,"),
    "positive": ("Hi!", "Hi there!", "Hello :)", "Good morning!", "Hey team,", "Hi all,"),
}
CUSTOMER_SIGNOFFS = {
    "negative": ("", "", "{name}", "{first}", "Regards,\n{name}", "- {first}"),
    "neutral": ("", "{first}", "Thank you,\n{first}", "Regards,\n{name}", "Cheers,\n{first}"),
    "positive": ("Thanks so much!\n{first}", "Cheers,\n{first}", "Best,\n{name}", "{first} :)"),
}

# A sentence of context a customer may add; none of these carry a word TextBlob scores.
EXTRAS = {
    "Billing": (
        "Card ends in {last4}.",
        "The order number is {order}.",
        "I've attached a screenshot of my statement.",
    ),
    "Orders & delivery": (
        "Order number is {order}.",
        "I'm in {city}, if that matters.",
        "I ordered it on {date}.",
    ),
    "Account & sign-in": (
        "The email on the account is {email}.",
        "I'm using {browser} on a laptop.",
        "My last order was {order}, if you need to verify me.",
    ),
    "Technical issue": (
        "Device: {device}, app version {app_version}.",
        "Browser is {browser}.",
        "I've already tried reinstalling and restarting.",
        "Screenshot attached.",
    ),
    "Product question": (
        "I bought it on {date}, order {order}.",
        "Photo attached.",
        "It's the {colour} one.",
    ),
    "Returns & refunds": (
        "Order {order}.",
        "I posted it with {courier} on {date}.",
        "The refund was {amount}.",
    ),
}

# Common slips of people typing fast. None touches a word TextBlob scores or a slot name.
TYPOS = (
    ("received", "recieved"),
    ("I'm", "Im"),
    ("I've", "Ive"),
    ("don't", "dont"),
    ("doesn't", "doesnt"),
    ("can't", "cant"),
    ("it's", "its"),
    ("address", "adress"),
    ("account", "acount"),
    ("password", "pasword"),
    ("because", "becuase"),
    ("until", "untill"),
    ("which", "wich"),
    ("separately", "seperately"),
    ("really", "realy"),
)

# Mood shows in a subject line too: capitals and exclamation marks, or a smile.
SUBJECT_PREFIXES = {
    "negative": ("", "", "", "URGENT: ", "Re: ", "Still waiting - "),
    "neutral": ("", "", "", "Question: "),
    "positive": ("", "", "Quick question: "),
}
SUBJECT_SUFFIXES = {"negative": ("", "", "!!", "?!"), "neutral": ("",), "positive": ("", " :)")}

BILLING = (
    Topic(
        subjects=("Charged twice for {order}", "Double charge", "Charge of {amount} on my card"),
        negative=(
            "I've been charged twice for order {order}. Two payments of {amount} on my card ending "
            "{last4}. This is really frustrating, please refund the duplicate.",
            "Why was I charged {amount} twice?? I only placed one order. Something is very wrong "
            "here.",
            "My card ending {last4} was declined, then the order went through anyway, and now I "
            "have two charges of {amount} AND a failed order. What is going on?",
        ),
        neutral=(
            "I see two charges of {amount} from {date} but I only placed one order ({order}). Is "
            "one of them a hold?",
            "My bank shows {amount} taken twice on {date} for order {order}. Can you check?",
        ),
        positive=(
            "You guys are awesome. I think I was charged {amount} twice on {date}, I'm sure it's "
            "just a glitch. Could you check?",
            "Love shopping with you! My bank shows two payments of {amount} for {order}, though. "
            "Could you take a look?",
        ),
        steps=(
            "I can see two payments of {amount} on {date} against order {order}. The second one is "
            "a duplicate authorisation; I've asked our billing team to release it, which takes 3-5 "
            "business days.",
            "Could you send me a screenshot of the charges from your bank statement, with the card "
            "number hidden? That lets me match them to the right order.",
        ),
        updates=(
            "Quick update: billing confirmed the duplicate charge of {amount} has been released on "
            "our side. Some banks show it for a couple more days before it drops off.",
        ),
        fixes=(
            "The duplicate payment of {amount} has been refunded to your card ending {last4}. "
            "You'll see it as a credit from us within 5 business days.",
            "Our payment provider confirms the second charge was only a hold and has now been "
            "released, so only one payment of {amount} will go through.",
        ),
        notes=(
            "Duplicate auth from the payment provider again, third this week. Flagged to finance.",
            "Refund is {amount}, over the agent limit, so it needs supervisor sign-off. Requested.",
        ),
    ),
    Topic(
        subjects=("Billed after cancelling", "{plan} plan renewal", "Subscription charge"),
        negative=(
            "Third time I'm writing about this. You took {amount} from my account on {date} for "
            "a {plan} plan I cancelled. I want it back.",
            "I cancelled my subscription on {date}, got the confirmation email, and you still "
            "billed me {amount} this month. That's a terrible way to run a subscription.",
            "Charged {amount} for an annual renewal I didn't want. I turned auto-renew off, I "
            "have the screenshot. Please reverse this immediately.",
        ),
        neutral=(
            "I cancelled the {plan} plan on {date} but was charged {amount} on the renewal date. "
            "Can you check what happened?",
            "My {plan} plan renewed yesterday for {amount}, but I meant to cancel it. Can it be "
            "refunded?",
        ),
        positive=(
            "Thanks for a great year on the {plan} plan! I cancelled before renewal but was "
            "still charged {amount}. Could you have a look?",
            "Lovely service as always. I think my {plan} plan renewed by mistake after I "
            "cancelled, could you check?",
        ),
        steps=(
            "I've checked your account: the {plan} renewal of {amount} went through on {date}. "
            "As you haven't used the plan since, I've requested a refund to the card ending "
            "{last4}.",
            "I can see the cancellation in your account history, but it was saved after the "
            "renewal had already run. I've turned off auto-renewal and passed the refund request "
            "to billing.",
        ),
        updates=("Billing has approved the refund. I'll confirm as soon as it has been sent.",),
        fixes=(
            "The refund of {amount} has gone back to your card ending {last4}, and your plan is "
            "cancelled with no further charges.",
            "All done: the renewal is refunded in full and auto-renewal is off for good.",
        ),
        notes=(
            "Cancellation was logged 40 minutes after the renewal ran. Same race condition as last "
            "month.",
            "Customer has had two renewals refunded this year already, FYI.",
        ),
    ),
    Topic(
        subjects=("Invoice for order {order}", "Invoice {invoice}", "VAT invoice"),
        negative=(
            "Your invoice {invoice} is wrong. It shows {amount}, which is not the price I saw at "
            "checkout.",
            "Your billing page is impossible to use. I can't find where to download invoices and I "
            "need them for my accountant by {weekday}.",
            "Second request for a VAT invoice for {order}. The receipt you send is useless for my "
            "accountant.",
        ),
        neutral=(
            "Can I get an invoice for order {order} with our company name on it? It's for expense "
            "reporting.",
            "Could you resend invoice {invoice}? I can't find the email it came in.",
            "I received a receipt for {amount} but the invoice says {fee}. Which one should I use "
            "for my expenses?",
        ),
        positive=(
            "Thanks for the great service on my last order! Could you send me a VAT invoice for "
            "{order}?",
            "I've been a happy customer for years. Could I get the invoice for {order} as a PDF? "
            "My accountant loves paperwork.",
            "Lovely shopping experience as always. Could the invoice for {order} be addressed to "
            "my company instead?",
        ),
        steps=(
            "I've attached invoice {invoice} for order {order}. If your finance team needs your "
            "VAT number on it, just reply with it and I'll reissue it.",
            "Invoices live under Account > Orders > Download invoice. I've also attached {invoice} "
            "here, and I'm checking the total against your checkout with billing.",
        ),
        answers=(
            "The invoice is the one to use for expenses; the receipt only confirms the payment. "
            "I've attached invoice {invoice} for {order}, with VAT shown separately.",
        ),
        fixes=(
            "I've reissued the invoice as {invoice} with the right total and your company "
            "details, and attached it here.",
            "Here's the invoice for {order} as a PDF. From now on, invoices will also be emailed "
            "to you with every order.",
        ),
        notes=(
            "Invoice template still drops the company name when the billing address has two lines.",
        ),
    ),
    Topic(
        subjects=("Payment method question", "Card payments", "Paying for {order}"),
        negative=(
            "My card was declined at checkout three times tonight, and it works everywhere else. "
            "Is your payment page broken?",
            "I've tried to update my card ending {last4} four times and the page just throws an "
            "error. I'm getting fed up with this.",
        ),
        neutral=(
            "How do I update the card on my account? The one ending {last4} expires this month.",
            "Do you accept PayPal or bank transfer? I'd rather not use a card for this order.",
            "Can I split the payment for {order} between two cards?",
        ),
        positive=(
            "Love the {plan} plan so far. Quick question: can I add a second card as a backup "
            "payment method?",
            "Big fan of your store! My card ending {last4} expired, what's the easiest way to "
            "update it? Thanks!",
            "Your support has always been excellent, so here's a quick one: can I pay for {order} "
            "by bank transfer?",
        ),
        steps=(
            "You can manage cards under Account > Payment methods: add the new one, set it as "
            "default, then remove the old one. If the page gives you an error, PayPal and bank "
            "transfer work as well.",
            "I've checked your account and nothing on our side blocks card changes: you can add a "
            "second card under Account > Payment methods. I've also emailed you our bank details, "
            "in case you'd rather pay {order} by transfer.",
        ),
        answers=(
            "You can manage cards under Account > Payment methods: add the new one, set it as "
            "default, then remove the old one. We also take PayPal and bank transfer, and an order "
            "can be split across two cards at checkout.",
        ),
        fixes=(
            "Done: the card ending {last4} is now the default on your account, and the old one is "
            "removed.",
            "All set: your payment details are updated, and {order} is paid and on its way to the "
            "warehouse.",
        ),
    ),
    Topic(
        subjects=("Shipping fee question", "Charge of {fee} on {order}"),
        negative=(
            "I was charged a {fee} fee I never agreed to, and nowhere on the checkout page did it "
            "mention it. I'm not happy about hidden fees.",
            "Why is there a {fee} shipping charge on {order}? Your site says shipping is free over "
            "{amount}. Misleading and annoying.",
        ),
        neutral=(
            "There's a {fee} charge on {order} that I can't place. Is it shipping or tax?",
            "I was charged {fee} for shipping on {order}. Isn't shipping included over {amount}?",
        ),
        positive=(
            "Really happy with my {product}. I was charged {fee} for shipping though, I thought it "
            "was free over {amount}? Just checking.",
            "Great shop! Tiny question: what's the {fee} on my receipt for {order}?",
        ),
        steps=(
            "I've gone through order {order}: VAT is included in every price you see, and the "
            "{fee} was the express shipping option selected at checkout. As a one-off I've asked "
            "billing to refund it.",
            "Shipping is included over {amount} for standard delivery; {order} went as express, "
            "which is charged separately. I've asked billing to refund the {fee} this time.",
        ),
        fixes=(
            "All set: {fee} has been refunded to your card ending {last4}.",
            "The {fee} is refunded, and I've passed your feedback on the checkout wording to our "
            "web team.",
        ),
        notes=(
            "Express was pre-selected at checkout for this order. Third one this week, raised with "
            "the web team.",
        ),
    ),
    Topic(
        subjects=("Price adjustment for {order}", "Refund the difference?"),
        negative=(
            "Your {promo} code was rejected at checkout, so I paid the list price. The code came "
            "in your email to me last week!",
            "The {product} was reduced by {fee} two days after I bought it. Paying extra for "
            "ordering early feels wrong.",
        ),
        neutral=(
            "The {product} dropped in price two days after I bought it. Do you refund the "
            "difference?",
            "I forgot to enter the {promo} code on order {order}. Can it be added now?",
        ),
        positive=(
            "Great news on the price drop! Can I get the difference refunded for order {order}, "
            "bought on {date}?",
            "Amazing service as usual. Can the {promo} code still be applied to order {order}?",
        ),
        steps=(
            "I've checked order {order}: it falls inside our 14-day price promise, which covers "
            "both price drops and codes, so I've asked billing to refund the difference.",
            "I've applied the difference to order {order} after the fact. The code was valid, and "
            "the checkout should have taken it.",
        ),
        fixes=(
            "The difference is refunded to your card ending {last4} and should show within 5 "
            "business days.",
            "All done: {fee} is back on your card ending {last4}.",
        ),
        notes=("Inside the 14-day price promise, so no sign-off needed. Refunded the difference.",),
    ),
    Topic(
        subjects=("{plan} plan question", "My {plan} subscription", "Billing for the {plan} plan"),
        negative=(
            "I upgraded to {plan} on {date} and you charged me for the same month twice. I'd like "
            "the difference back.",
            "Three emails asking how to switch to yearly billing and not one answer. Is anyone "
            "there?",
        ),
        neutral=(
            "I'd like to switch from monthly to yearly billing on the {plan} plan. What would the "
            "price be?",
            "What date does my {plan} subscription renew? I'd like to downgrade before then.",
            "Is there a student discount for the {plan} plan?",
        ),
        positive=(
            "Just wanted to say your checkout is super smooth. One question: do you offer annual "
            "billing with a discount?",
            "I'm very pleased with the upgrade to {plan}. Do I get a prorated credit for the rest "
            "of the month?",
            "Thanks so much for the quick help last time. When does my {plan} plan renew?",
        ),
        steps=(
            "Your {plan} plan renews on {date}. Yearly billing costs ten months' price for twelve, "
            "students get 20% off, and changes mid-month are prorated. You can switch under "
            "Account > Billing.",
            "I've checked your plan history and made the change from our side; billing will "
            "correct anything you've been overcharged.",
        ),
        answers=(
            "Your {plan} plan renews on {date}. Yearly billing costs ten months' price for twelve, "
            "students get 20% off, and changes mid-month are prorated, so you only pay for what "
            "you use. You can switch under Account > Billing.",
        ),
        fixes=(
            "Done: your plan is updated, and the unused part of this month is credited against the "
            "next payment on {date}.",
            "All set: the change is made on your account, and your next invoice on {date} will "
            "show it.",
        ),
        notes=(
            "Proration didn't run on the upgrade. Billing says it's a known issue with mid-month "
            "changes.",
        ),
    ),
)

ORDERS = (
    Topic(
        subjects=("Where is order {order}?", "Delivery of {order}", "Tracking not updating"),
        negative=(
            "My order {order} was supposed to arrive on {date}. It's now {days} days late and the "
            "tracking hasn't moved. Where is it?",
            "I've been waiting {wait} for {order}. Nobody answers the phone and your chat just "
            "loops. I'm really disappointed with how this has gone.",
            "Your website promised next day delivery. That was {days} days ago, and I needed it "
            "for a birthday.",
            "Order {order} has been 'in transit' since {date}. No email, no update, nothing. "
            "Terrible communication.",
            "Can someone please tell me where my order is. {order}. {wait}. I've emailed twice and "
            "had no answer.",
        ),
        neutral=(
            "Order {order} was meant to arrive on {date} and hasn't. Could you check where it is?",
            "Tracking {tracking} hasn't updated since {weekday}. Is that expected?",
            "My order shows as dispatched but there's no tracking number in the email. Could you "
            "send it?",
        ),
        positive=(
            "I'm really excited about the {product}, but {order} hasn't turned up yet. Can you "
            "tell me when it will arrive?",
            "Great service as always. The tracking for {order} hasn't moved since {weekday}, "
            "probably nothing, but could you check?",
            "Thanks for the lovely packaging on my last order, the handwritten note made my day. "
            "This one ({order}) seems to be taking a while, though; could you check on it?",
        ),
        steps=(
            "I've checked order {order}: it left our warehouse on {date} with {courier}, tracking "
            "{tracking}. The scans stop at their depot, so I've opened an investigation with them.",
            "Order {order} was held back because one item came in late from our supplier. It "
            "arrived today, and the parcel goes out with {courier} this afternoon, tracking "
            "{tracking}.",
        ),
        updates=(
            "{courier} has replied: the parcel was mis-sorted at their depot and is back on the "
            "road. New estimated delivery is {weekday}.",
            "Still no movement on the tracking, so I've stopped waiting on {courier} and sent a "
            "replacement.",
        ),
        fixes=(
            "Good news: {courier} confirms delivery of {order} this morning. Enjoy the {product}!",
            "The replacement for {order} is on its way with {courier}, tracking {tracking}, and "
            "I've refunded your shipping of {fee}.",
        ),
        notes=(
            "{courier} claim opened, ref {claim}. Follow up {weekday} if no answer.",
            "Depot in {city} has had a lot of these this month. Worth raising with {courier}.",
        ),
    ),
    Topic(
        subjects=("Order {order} marked delivered", "Parcel not received"),
        negative=(
            "Third time I'm writing. Tracking {tracking} says delivered but there is NOTHING at "
            "my door. I want my {product} or my money back.",
            "{courier} says they delivered {order} on {date}. They didn't, I was home all day. "
            "This is the second time and it's really frustrating.",
        ),
        neutral=(
            "Tracking for {order} says delivered on {date}, but I haven't got it. Could you check "
            "with the courier?",
            "The {courier} app shows a photo of a door that isn't mine for order {order}. What "
            "should I do?",
        ),
        positive=(
            "Love your shop, but I think my parcel went to a neighbour: {order} shows delivered "
            "and I can't find it. Any ideas?",
            "Fantastic service so far! Tracking says {order} arrived on {date}, but nothing "
            "here yet. Could you check?",
        ),
        steps=(
            "{courier} marks the parcel as delivered at 14:32 on {date}. Could you check with "
            "neighbours or any safe place? If it hasn't turned up by tomorrow, I'll send a "
            "replacement.",
            "I've opened a claim with {courier}, ref {claim}, and asked for the GPS location of "
            "the delivery scan.",
        ),
        updates=(
            "{courier} has confirmed the parcel was left at the wrong address. I've sent a "
            "replacement rather than wait for them to collect it.",
        ),
        fixes=(
            "The replacement {product} is on its way with {courier}, tracking {tracking}. You "
            "don't need to do anything else.",
            "I've refunded {amount} to your card ending {last4}, and the claim with {courier} "
            "is ours to follow up.",
        ),
        notes=(
            "{courier} claim opened, ref {claim}. GPS on the delivery scan is two streets away.",
        ),
    ),
    Topic(
        subjects=("Problem with order {order}", "Issue with my {product}", "Replacement needed"),
        negative=(
            "Received the wrong item. I ordered a {garment} in {colour}, size {size}, and got "
            "something completely different.",
            "The box arrived crushed and the {gadget} inside is broken. I paid {amount} for this.",
            "Got my {gadget} today and it's clearly been used: scratches on the side and the seal "
            "was broken. Not what I paid {amount} for.",
            "{courier} left my parcel in the rain outside the building. Everything is soaked. "
            "Order {order}.",
        ),
        neutral=(
            "I ordered the {garment} in {colour}, size {size}, but the label says a different "
            "size. Can you swap it?",
            "The {gadget} from order {order} arrived with a cracked case. How do I get a "
            "replacement?",
        ),
        positive=(
            "Love the {garment}, but I think you sent a size {size} instead of the one I ordered. "
            "Could you swap it?",
            "Great packaging usually, but the {gadget} from {order} arrived with a dent this time. "
            "Could you help?",
        ),
        steps=(
            "I'm sorry about this. I've booked a free collection for what you received and put a "
            "replacement {product} on priority dispatch.",
            "Could you send a couple of photos of the box and the {product}? Once I have them I'll "
            "arrange a replacement straight away.",
        ),
        updates=("The warehouse confirms the replacement {product} is packed and leaving today.",),
        fixes=(
            "The replacement {product} is on its way with {courier}, tracking {tracking}. The "
            "collection for the other one is booked for {weekday}.",
            "I've sent a replacement {product} on next-day delivery, tracking {tracking}, and "
            "added a {fee} credit to your account for the trouble.",
        ),
        notes=(
            "Warehouse says the {product} was mis-picked, it sits next to the {second_product}.",
            "Sent a replacement without waiting for the return; customer has several past orders "
            "and no issues.",
        ),
    ),
    Topic(
        subjects=("Item missing from {order}", "Incomplete order"),
        negative=(
            "Half my order is missing. {order} should have had three items and only the "
            "{product} came.",
            "Order {order} arrived without the {product}, the one thing I actually needed from "
            "it. Annoying doesn't begin to cover it.",
        ),
        neutral=(
            "Order {order} arrived without the {product}. Is it coming separately?",
            "The packing slip for {order} lists the {product} but it wasn't in the box. Could you "
            "check?",
        ),
        positive=(
            "Everything in {order} arrived beautifully packed, but I think the {product} is "
            "missing. Could you check?",
            "Thanks for the speedy delivery! Only one thing: the {product} wasn't in the box. Is "
            "it coming separately?",
        ),
        steps=(
            "I've checked with the warehouse: the {product} was out of stock on the day and "
            "ships separately. It should be with {courier} by {weekday}.",
            "The warehouse weight check suggests the {product} was never packed. I've sent it "
            "today on next-day delivery.",
        ),
        fixes=(
            "I've sent the {product} on its own with {courier}, tracking {tracking}, at no cost "
            "to you.",
            "The missing {product} is on its way, tracking {tracking}, and I've refunded the "
            "shipping on {order}.",
        ),
        notes=("Packing station 3 again. Warehouse lead is looking at it.",),
    ),
    Topic(
        subjects=("Delivery address for {order}", "Change of delivery details"),
        negative=(
            "I updated my address on {date} and the confirmation for {order} still shows the old "
            "one. If this goes to the wrong flat I'll be furious.",
            "Why is it impossible to change a delivery address on your site? {order} hasn't even "
            "shipped yet.",
        ),
        neutral=(
            "Can I change the delivery address for {order}? I'm moving to {city} next week.",
            "Can you hold my parcel at a pickup point instead of delivering to the house?",
            "Could the courier leave {order} with my neighbour at number 14 if I'm out?",
        ),
        positive=(
            "Great experience so far. I'm moving to {city} on {date}; can I update the address on "
            "{order} before it ships?",
            "Thank you for the super fast dispatch! The parcel is with {courier} now; can I "
            "redirect it to my office?",
            "Thanks so much for sorting my last order so quickly, lovely service. Could {order} go "
            "to a pickup point instead?",
        ),
        steps=(
            "Order {order} hasn't left the warehouse yet, so I've updated the delivery details. "
            "You'll get a fresh confirmation email shortly.",
            "The parcel is already with {courier}, so I can't change it from here, but you can "
            "redirect it on their site with tracking {tracking}; I've asked them to allow it.",
        ),
        fixes=(
            "Done: {courier} has the updated delivery details for {order}, and it's due on "
            "{weekday}.",
            "All set. The change is made and you'll get an updated confirmation for {order} by "
            "email.",
        ),
    ),
    Topic(
        subjects=("Change to order {order}", "Amending my order"),
        negative=(
            "I asked to cancel order {order} an hour after placing it and you shipped it anyway. "
            "Now I have to deal with a return, which is a waste of my time.",
            "I ordered the wrong size by mistake and your site has no cancel button anywhere. Who "
            "designs a shop like that?",
        ),
        neutral=(
            "I placed order {order} yesterday. Can I still add a {product} to it?",
            "Can I cancel order {order}? I ordered the {garment} in size {size} by mistake.",
            "Is it possible to combine orders {order} and {second_order} into one shipment?",
        ),
        positive=(
            "Loving my {product}! Can I add a {colour} one to order {order} before it ships?",
            "Super happy with the shop, but I ordered the {garment} in the wrong size. Could you "
            "cancel {order} so I can reorder?",
        ),
        steps=(
            "I've put a hold on {order} while the warehouse checks whether it has been packed; "
            "I'll confirm within the hour.",
            "Your order hadn't been picked yet, so I could make the change. You'll get an updated "
            "confirmation email shortly.",
        ),
        fixes=(
            "Done: the change to {order} is made, and any difference goes back to your card ending "
            "{last4}.",
            "All sorted: {order} is updated, and if anything has already left the warehouse, "
            "returning it is free.",
        ),
    ),
    Topic(
        subjects=("Delivery options", "Shipping question", "Delivery days"),
        negative=(
            "Your checkout only offers {courier} to {city}, and they never manage a delivery when "
            "I'm in. Why can't I choose a day? Frustrating.",
            "No Saturday delivery and no pickup points in {city}? That's a poor set of delivery "
            "options for a shop this size.",
        ),
        neutral=(
            "Does {courier} deliver on Saturdays to {city}?",
            "Do you ship to Norway? I couldn't see it in the country list at checkout.",
            "What's the delivery time for standard shipping to {city}?",
        ),
        positive=(
            "My {product} just arrived and it's beautiful, thank you! Do you deliver to {city} "
            "too? I'd like to send one to my mum.",
            "Love how fast you shipped {order}! Is there a way to get delivery on {weekday}s for "
            "future orders?",
            "Best online shop I've used in a while. Do you offer a pickup option in {city}?",
        ),
        steps=(
            "Standard shipping to {city} takes 2-4 working days with {courier}; express is next "
            "working day if you order before 14:00. You can pick a delivery day and a pickup point "
            "at checkout.",
            "I've checked, and your area is covered by {courier} with Saturday and pickup point "
            "options. I've saved your preferences to your account.",
        ),
        answers=(
            "Standard shipping to {city} takes 2-4 working days with {courier}; express is next "
            "working day if you order before 14:00. You can pick a delivery day and a pickup point "
            "at checkout.",
        ),
        fixes=(
            "Your next order will offer the {weekday} delivery slot and the pickup points near "
            "you at checkout.",
            "Your delivery preferences are saved, so checkout will offer them first from now on.",
        ),
    ),
)

ACCOUNT = (
    Topic(
        subjects=("Can't log in", "Password reset not working", "Locked out"),
        negative=(
            "I can't log in to my account. The password reset email never arrives, I've tried "
            "five times. This is ridiculous.",
            "I've been locked out of my account for {days} days now, with an order in progress "
            "and no way to see it. Very frustrating.",
            "Password reset link says expired the moment I click it. Tried on {device} and on my "
            "laptop, same thing. What am I supposed to do?",
        ),
        neutral=(
            "The password reset email hasn't arrived. Could you send it again?",
            "My password reset email went to an address I don't use anymore. Can you update it "
            "to {email}?",
        ),
        positive=(
            "Fantastic service last week, thank you! I forgot my password and the reset email "
            "hasn't come through yet, could you check?",
            "Nice work on the redesign. I can't find where to reset my password now, where did "
            "it move?",
        ),
        steps=(
            "I've sent a fresh password reset link to the address on your account. It's valid "
            "for one hour, so please use it soon, and check the spam folder if it doesn't show.",
            "Our reset emails were bouncing at your mail provider. I've switched your account to "
            "our backup sending address and sent a new link just now.",
        ),
        updates=("I've asked our engineers to look at the sign-in logs for your account too.",),
        fixes=(
            "You should be able to sign in now; I can see a successful login from your {device} "
            "a few minutes ago.",
            "The reset link I sent this morning was used successfully, so you're back in.",
        ),
        notes=("Reset emails bouncing for this customer's mail domain. Engineering knows.",),
    ),
    Topic(
        subjects=("Two-factor authentication", "2FA problem", "Authenticator codes"),
        negative=(
            "Your two-factor code doesn't work. It says invalid every single time I type it in.",
            "I changed phones and lost my authenticator app, and now I can't get in at all. Your "
            "recovery process is a bad joke.",
        ),
        neutral=(
            "I'm moving to a different phone. How do I move my two-factor codes across?",
            "My two-factor codes are being rejected as invalid. Is there a known issue?",
        ),
        positive=(
            "You've been brilliant so far. I got a new phone ({device}); how do I move my "
            "authenticator over?",
            "Love the app! Quick one: my 2FA codes keep getting rejected since {weekday}. Could "
            "you take a look?",
        ),
        steps=(
            "Before I change anything, could you confirm the postcode and the last four digits of "
            "the card on your last order? I need those to verify the account.",
            "The simplest way is to switch two-factor off and on again under Settings > Security, "
            "then scan the code with your {device}. If you can't get in at all, I can reset it "
            "from our side once you're verified.",
        ),
        answers=(
            "To move two-factor to a different phone, sign in, go to Settings > Security, switch "
            "two-factor off and on again, and scan the code with the new phone. If codes are "
            "rejected, turn on automatic date and time on the phone: the codes depend on it.",
        ),
        fixes=(
            "All done: two-factor is back on, linked to your {device}, and I've signed out every "
            "other session to be safe.",
            "Your account is verified and two-factor is reset, so you can link the authenticator "
            "on your {device} now.",
        ),
        notes=(
            "Verified identity via last order number and postcode before touching 2FA.",
            "2FA reset done; reminded the customer to set it up again.",
        ),
    ),
    Topic(
        subjects=("Account security", "Suspicious activity on my account", "Is my account safe?"),
        negative=(
            "Someone changed the email on my account without my permission. That's a serious "
            "problem, please freeze it now.",
            "I never created an account with you but I'm getting order emails to {email}. Someone "
            "is using my address and I'm not happy about it.",
            "My account shows someone else's name and address. That's a bad privacy breach, and I "
            "want to know how it happened.",
        ),
        neutral=(
            "I got an email saying my password was changed, but I didn't change it. Can you check "
            "my account?",
            "There's an order on my account I don't recognise, {order}. Can you look into it?",
        ),
        positive=(
            "I love your shop, but I just got a sign-in alert from a city I've never been to. "
            "Could you check?",
            "Thanks for the quick alerts! I think someone tried to get into my account last night, "
            "can you make sure it's safe?",
        ),
        steps=(
            "For security I've locked the account for now and put back the details it had before. "
            "Please reset your password from the link I've just sent.",
            "I've passed the account to our security team and cancelled anything pending on it "
            "until they've reviewed it.",
        ),
        updates=(
            "Our security team has reviewed the login history and found no other changes on the "
            "account.",
        ),
        fixes=(
            "Your account is unlocked with your details restored, and two-factor is now on. I've "
            "signed out every other session too.",
            "Security has closed the review: nothing was taken, the account is secured, and "
            "sign-in alerts are on for you.",
        ),
        notes=(
            "Looks like a credential-stuffing attempt, passed to security.",
            "Verified identity via last order number and postcode before changing anything.",
        ),
    ),
    Topic(
        subjects=("Sign-in problems", "Trouble signing in", "Login page issue"),
        negative=(
            "The login page just keeps spinning on {browser}. Cleared cookies, tried incognito, "
            "nothing works. I've wasted an evening on this.",
            "Your site logged me out in the middle of checkout and now my cart is empty. That's "
            "the second time this week, and it's really annoying.",
            "Been trying to sign in with Google for an hour. It just sends me back to the start "
            "page. Nobody answers the chat.",
        ),
        neutral=(
            "I keep getting signed out on {browser} every five minutes. Is there a setting for "
            "that?",
            "The sign-in page shows {error} after I enter my password. Is there an outage?",
        ),
        positive=(
            "Great update to the login page! The 'remember me' box doesn't seem to stick on "
            "{browser}, though.",
            "Super quick question: signing in with Google loops back to the start page for me. "
            "Any idea?",
        ),
        steps=(
            "This looks like a cookie left over from the old sign-in page. Please clear the site "
            "data for our domain in {browser} and sign in again; that fixes it in most cases.",
            "We changed the sign-in flow on {date} and a few {browser} users are hitting this. "
            "I've added your account to the engineering ticket ({eng_ticket}).",
        ),
        updates=(
            "Engineering has found the cause: a session cookie that {browser} was rejecting. A "
            "fix is being tested.",
        ),
        answers=(
            "This is usually a leftover cookie: clearing the site data for our domain in {browser} "
            "and signing in again fixes it. With 'remember me' ticked, you then stay signed in for "
            "30 days.",
        ),
        fixes=(
            "The fix for {eng_ticket} went live this morning, and I've checked your account: "
            "sign-in works again on {browser}.",
            "Our engineers deployed a fix last night. You'll need to sign in once more, and it "
            "should remember you from then on.",
        ),
        notes=("Workaround given (clear site data). Close if no reply in 3 days.",),
    ),
    Topic(
        subjects=("My account email", "Account details"),
        negative=(
            "I can't change my email: the field is greyed out and the help page is useless.",
            "Why do I have two accounts with you? Half my orders are in one and half in the other, "
            "which is confusing when I'm looking for a receipt.",
        ),
        neutral=(
            "How do I change the email address on my account to {email}?",
            "Can I merge two accounts? I have one under {email} and one under my work address.",
            "I forgot which email I signed up with. My name is {name}, and my last order was "
            "{order}.",
        ),
        positive=(
            "Thanks for a great app. I'd like to change my email to {email}, where do I do that?",
            "I've been a happy customer for years and just realised I have two accounts. Could you "
            "merge them?",
        ),
        steps=(
            "I can help with that. To change sign-in details I first need to verify the account: "
            "could you confirm the postcode and the last four digits of the card on your last "
            "order?",
            "I've found your account from the details you gave. Changes like this are done from "
            "our side, so I've started it, and you'll get a confirmation email at each address.",
        ),
        answers=(
            "You can change your email under Account > Profile > Email; we send a confirmation "
            "link to the new address. To merge two accounts, reply with both addresses and I'll do "
            "it from our side.",
        ),
        fixes=(
            "Done: everything is now under {email}, with your whole order history in one place.",
            "Your sign-in email is now {email}, and the order history is all in one account.",
        ),
    ),
    Topic(
        subjects=("Delete my account", "Close my account"),
        negative=(
            "Third time asking: delete my account and all my data. I haven't heard back and it's "
            "been {wait}.",
            "I asked you to close my account on {date} and I'm still getting marketing emails. "
            "Delete it, please. This is ridiculous.",
        ),
        neutral=(
            "I'd like to delete my account. What happens to my order history?",
            "Please close my account under {email}. I've stopped shopping online.",
        ),
        positive=(
            "Thanks for everything over the years! I'm moving abroad, so please close my account.",
            "You've been wonderful, but I'm closing a few accounts I don't use. Could you delete "
            "mine?",
        ),
        steps=(
            "Your request is logged. We'll remove your account and personal data within 30 days, "
            "and I'll confirm by email when it's done.",
            "Before I delete anything, could you confirm the postcode on the account? Deletion "
            "can't be undone, and the order history goes with it.",
        ),
        fixes=(
            "Your account and personal data have now been deleted. We keep invoices for seven "
            "years, as the law requires, and nothing else.",
            "All done: your account is closed, your data is deleted, and you won't hear from us "
            "again.",
        ),
        notes=("Deletion queued; finance keeps the invoices, nothing else stays.",),
    ),
    Topic(
        subjects=("Data request (GDPR)", "Copy of my data"),
        negative=(
            "I asked for a copy of my data a month ago and heard nothing. You have 30 days to "
            "answer, you know.",
            "The data export link you sent doesn't work. Second time this has happened, and it's "
            "really annoying.",
        ),
        neutral=(
            "Could you export all the data you hold about me? This is a request under GDPR.",
            "Where can I download a copy of my account data?",
        ),
        positive=(
            "Wonderful service as always. How do I download all my data from my account?",
            "Love how clear you are about privacy! Could I get a copy of my data?",
        ),
        steps=(
            "You can download your data under Account > Privacy > Export. I've also started the "
            "export for you, and the link will arrive by email within 24 hours.",
            "I'm sorry this slipped. I've started the export by hand and will check it's gone out "
            "before the end of the day.",
        ),
        fixes=(
            "Your data export is ready; the download link in your inbox works for seven days.",
            "The export has been sent to the address on your account. It has your orders, messages "
            "and saved details.",
        ),
    ),
    Topic(
        subjects=("Adding a second user", "Sharing the {plan} plan"),
        negative=(
            "I added my partner to the {plan} plan and now neither of us can see the order "
            "history. It's been a frustrating afternoon.",
            "Your plan page says up to five users, but the invite button does nothing. I'm paying "
            "for seats I can't use.",
        ),
        neutral=(
            "Can I add my partner as a second user on the {plan} plan?",
            "I'm setting up a company account for our team of five. Which plan should we use?",
        ),
        positive=(
            "Really enjoying the {plan} plan. Can I add my colleague as a second user?",
            "Loving the app! My daughter wants her own account; can we share one payment method?",
        ),
        steps=(
            "Extra users are added under Account > Team on the {plan} plan; each gets their own "
            "login, and they can share the saved payment method.",
            "The {plan} plan covers up to five people. I've sent the invitation from our side so "
            "you don't have to hunt for the button, and everyone on it can use the saved card.",
        ),
        answers=(
            "Extra users are added under Account > Team on the {plan} plan, up to five in all. "
            "Each gets their own login, and they can share the saved payment method.",
        ),
        fixes=(
            "The second user is set up and can sign in now, with their own order history.",
            "Done: your team is on the {plan} plan with five seats, all on one invoice.",
        ),
    ),
)

TECHNICAL = (
    Topic(
        subjects=("App keeps crashing", "App crash on {device}"),
        negative=(
            "The app keeps crashing when I open my order history. {device}, app version "
            "{app_version}. Already reinstalled it twice.",
            "The app crashes on launch. White screen and then it closes. {device}. Very "
            "frustrating, I use this daily.",
        ),
        neutral=(
            "The app closes by itself when I open my order history. I'm on {device}, version "
            "{app_version}. Is this a known issue?",
            "Since updating to {app_version}, the app quits whenever I tap on an order. Anything "
            "I can try?",
        ),
        positive=(
            "Love the app! One bug though: it crashes every time I open the order history on "
            "{device}.",
            "Amazing work on version {app_version}! It does crash when I rotate the screen on my "
            "{device}, thought you'd want to know.",
        ),
        steps=(
            "Thanks for the version number. We've reproduced the crash on {device} with "
            "{app_version}, and our developers are on it ({eng_ticket}).",
            "Could you try signing out, force-closing the app and signing back in? If it still "
            "crashes, Settings > Help > Send diagnostics gets me the log for our developers.",
        ),
        updates=(
            "Our developers found the cause: the app ran out of memory loading long order "
            "histories. A fix is in testing now.",
        ),
        fixes=(
            "Version {fix_version} is out with the fix for {eng_ticket}. Please update from the "
            "app store and let me know how it goes.",
            "The fix is live in today's update. I've tried it on a {device} myself and the order "
            "history opens again.",
        ),
        notes=("Reproduced on {device} with {app_version}. Linked to {eng_ticket}.",),
    ),
    Topic(
        subjects=("Can't complete checkout", "Checkout problem"),
        negative=(
            "Your checkout is broken. Every time I pay it shows {error} and my card gets a "
            "pending charge anyway.",
            "Checkout won't load past the payment step, it just spins. I've given up on two "
            "orders already and I'm close to giving up on you.",
        ),
        neutral=(
            "Is there maintenance going on? I'm getting a timeout on the checkout page.",
            "The payment step shows {error} when I click Pay. I've tried two cards. Could you "
            "look into it?",
        ),
        positive=(
            "Big fan of the new checkout, super fast. Heads-up that the Pay button does nothing "
            "on my {device}, though.",
            "Great shop, I'd love to order but checkout shows {error} on the payment step. Any "
            "idea?",
        ),
        steps=(
            "We had an outage at our payment provider this morning between 9:10 and 10:40. It's "
            "resolved now, and pending charges from failed attempts drop off within a few days.",
            "I've passed this to our engineering team with your details ({browser}, the steps "
            "you described) as {eng_ticket}. PayPal goes through a different route and should "
            "work in the meantime.",
        ),
        updates=("Engineering has traced it to the card form on {browser}; a fix is in testing.",),
        fixes=(
            "Checkout is working again, and the pending charges from the failed attempts have "
            "dropped off.",
            "The fix for {eng_ticket} is live. I've placed a test order on {browser} myself and "
            "it went through.",
        ),
        notes=(
            "Same problem reported by three other customers today, might be worth a status page "
            "note.",
            "Asked in #eng-support whether {eng_ticket} covers {browser} too.",
        ),
    ),
    Topic(
        subjects=("Website down?", "Site very slow today", "Performance problems"),
        negative=(
            "The website has been down all morning. I can't get anything done and nobody answers "
            "the phone.",
            "Since the update the app is painfully slow on my {device}: 20 seconds to load a page.",
        ),
        neutral=(
            "Pages are taking around 20 seconds to load for me today, on {browser}. Is something "
            "going on?",
            "Is the site having problems? I'm getting {error} on every page.",
        ),
        positive=(
            "Wonderful product, but the site is taking ages to load today. Is everything okay on "
            "your end?",
            "Happy user here! The app has gotten sluggish on my {device} since {weekday}, any "
            "tips?",
        ),
        steps=(
            "We had a database slowdown between 8:00 and 11:30 this morning; it's resolved now, "
            "so please try again and tell me if it's still slow.",
            "I've logged this with engineering as {eng_ticket} along with your {browser} and "
            "{device} details. Our status page will show updates as well.",
        ),
        fixes=(
            "Engineering deployed a fix last night and page loads are back to under a second. "
            "Thanks for your patience.",
            "Everything is back to normal: the slowdown came from a faulty cache server, which "
            "has been replaced.",
        ),
        notes=(
            "Status page was updated late on this one; several tickets came in before it went up.",
        ),
    ),
    Topic(
        subjects=("Sync not working", "Data out of sync"),
        negative=(
            "Sync has been failing for {days} days. My data on the web and on {device} don't "
            "match anymore. This is a serious problem for us.",
            "Your update wiped my saved settings, all of them. Years of addresses and "
            "preferences, gone. Awful.",
        ),
        neutral=(
            "The calendar sync with Google stopped updating on {weekday}. Do I need to reconnect "
            "it?",
            "My wishlist on {device} doesn't match the one on the website. How do I force a sync?",
        ),
        positive=(
            "I love the sync feature, it's saved me hours. It seems stuck since {weekday} on my "
            "{device}, though. How do I kick it?",
            "Really nice app! My saved addresses disappeared after the update, is there a way to "
            "get them back?",
        ),
        steps=(
            "Please go to Settings > Sync and tap Reconnect; that refreshes the link between your "
            "{device} and your account.",
            "I can see the sync for your account stopped on {date}. I've reset it from our side; "
            "it can take up to an hour to catch up.",
        ),
        updates=(
            "Engineering found a batch of accounts whose sync token expired after the update. "
            "Yours is one of them, and they're restoring them now.",
        ),
        answers=(
            "To force a sync, go to Settings > Sync and tap Reconnect. That refreshes the link "
            "between your {device} and your account and pulls everything down again.",
        ),
        fixes=(
            "Your data is back in sync: I've checked the web account and your {device} and they "
            "match again.",
            "We've restored your settings from the backup taken on {date}. Everything should be "
            "as you left it.",
        ),
        notes=("Customer is in the batch with expired sync tokens, see {eng_ticket}.",),
    ),
    Topic(
        subjects=("Notifications not showing", "Notification settings"),
        negative=(
            "Notifications stopped working after the update, and I missed two deliveries because "
            "of it.",
            "I've turned off marketing emails three times and you keep sending them. Your "
            "settings page is clearly broken.",
        ),
        neutral=(
            "Push notifications aren't showing on my {device}. Which setting should I check?",
            "How do I turn off the email notifications for order updates?",
        ),
        positive=(
            "Everything works great except the notifications on my {device}. Any tips?",
            "Amazing app, I use it daily. Can I get delivery alerts as push notifications "
            "instead of emails?",
        ),
        steps=(
            "Notifications are under Settings > Notifications in the app, with a switch for each "
            "kind. On {device}, please also check the phone's own settings allow them for us.",
            "I've checked your account: the update reset notification settings for some users. "
            "I've put yours back from our side.",
        ),
        answers=(
            "Notifications are under Settings > Notifications in the app, with a switch for each "
            "kind, push or email. On {device}, please also check that the phone's own settings "
            "allow them for us.",
        ),
        fixes=(
            "I've sent a test notification to your {device} and can see it was delivered. You're "
            "all set.",
            "Done: delivery alerts now come as push notifications, and marketing emails are off "
            "for good.",
        ),
    ),
    Topic(
        subjects=("Bug report", "Exports and downloads"),
        negative=(
            "Third time I'm reporting this bug: the export button does nothing on {browser}. Is "
            "anyone actually reading these?",
            "Getting {error} every time I try to download an invoice, in {browser} and in another "
            "browser. Useless.",
        ),
        neutral=(
            "The CSV export gives me a file with only the headers. Is there a size limit?",
            "The page shows {error} when I click 'Download receipt'. Can you look into it?",
        ),
        positive=(
            "Happy user here! Just wanted to report that the export button is greyed out on "
            "{browser}.",
            "Thanks for the fantastic app. I noticed {error} when exporting, thought you'd want "
            "to know.",
        ),
        steps=(
            "I've logged the bug as {eng_ticket}. In the meantime, the same files can be "
            "downloaded from the web app under Account > Downloads.",
            "Could you send a screenshot of the error and the time it happened? That lets our "
            "engineers find it in the logs.",
        ),
        updates=("Engineering has reproduced the bug on {browser} and is working on a fix.",),
        fixes=(
            "The fix for {eng_ticket} is live. I've tried the export on {browser} myself and the "
            "file comes through with all rows.",
            "This is fixed as of this morning's release; downloads and exports work again.",
        ),
        notes=("Asked in #eng-support whether {eng_ticket} covers {browser} too.",),
    ),
    Topic(
        subjects=("App and browser support", "Compatibility question"),
        negative=(
            "Your app isn't in the store for my {device}. Disappointing for a shop this size.",
            "The website is unusable on {browser}: buttons overlap and half the images don't "
            "load. Bad enough that I ordered from someone else.",
        ),
        neutral=(
            "Does the app work on {device}? I can't find it in the store.",
            "Which browsers do you support? Our office still uses {browser} on Windows 10.",
            "Can I use the app offline? I travel a lot and often have no signal.",
        ),
        positive=(
            "I'm really enjoying the app. Is there a way to get it on my {device}?",
            "Brilliant app, honestly. Quick question: can I use it offline on a flight?",
        ),
        steps=(
            "The app runs on iOS 16 and Android 11 or later, and the website supports the two "
            "most recent versions of Chrome, Firefox, Safari and Edge. Saved items and orders "
            "work offline once loaded.",
            "I've checked with our developers: {device} is supported, but the store only lists "
            "the app once the phone has its system updates installed.",
        ),
        answers=(
            "The app runs on iOS 16 and Android 11 or later, and the website supports the two most "
            "recent versions of Chrome, Firefox, Safari and Edge. Saved items and orders work "
            "offline once loaded.",
        ),
        fixes=(
            "I've sent you the compatibility guide by email; it covers {device}, {browser} and "
            "offline use step by step.",
            "Our developers shipped a display fix for {browser} this morning, and I've confirmed "
            "the app listing for {device} is live too.",
        ),
    ),
)

PRODUCTS = (
    Topic(
        subjects=("{gadget} stopped working", "Problem with my {gadget}"),
        negative=(
            "The {gadget} I bought stopped working after {days} days. For {amount} that's really "
            "poor quality.",
            "The battery on my {gadget} barely lasts an hour, not the 10 hours you advertise. "
            "That's false advertising.",
        ),
        neutral=(
            "My {gadget} won't turn on since {weekday}. It's about two months old. What should I "
            "try?",
            "How do I reset the {gadget} to factory settings? It's stopped responding to the "
            "buttons.",
        ),
        positive=(
            "I love my {gadget}, but it stopped charging yesterday. Is there anything I can try "
            "before sending it back?",
            "Really impressed with the {gadget} so far! The battery seems to drain overnight "
            "though, is that expected?",
        ),
        steps=(
            "Please try a reset: hold the power button for 15 seconds until the light blinks "
            "twice, then charge it for an hour with the cable from the box.",
            "I'm sorry the {gadget} hasn't held up. It's covered by our two-year warranty, so "
            "I've set up a replacement; you'll get a return label by email.",
        ),
        updates=(
            "I've heard back from the manufacturer: the issue affected one batch, and your "
            "replacement comes from a later one.",
        ),
        fixes=(
            "Your replacement {gadget} has shipped with {courier}, tracking {tracking}. No need "
            "to send the old one back.",
            "I've refunded {amount} to your card ending {last4}, since the {gadget} didn't work "
            "as described.",
        ),
        notes=("Third complaint about the {product} this month. Logged for the quality review.",),
    ),
    Topic(
        subjects=("Is the {garment} waterproof?", "Not waterproof as advertised"),
        negative=(
            "Your product page says the {garment} is waterproof. It is not: I got soaked on my "
            "walk on {weekday}, and I'm very disappointed.",
            "Wore the {garment} in a drizzle and the shoulders were wet through in ten minutes. "
            "What's the point of the coating?",
        ),
        neutral=(
            "Is the {garment} waterproof or water-resistant? The listing says both.",
            "The {garment} listing says waterproof in one place and water-resistant in another. "
            "Which is it?",
        ),
        positive=(
            "The {garment} is fantastic, but I got quite wet in a downpour. Is it meant to be "
            "fully waterproof?",
            "The {garment} is great, but it soaked through in heavy rain on {weekday}. Is it "
            "meant to be waterproof?",
        ),
        steps=(
            "Thanks for flagging this. The {garment} is water-resistant rather than waterproof, "
            "which the page should have said; I've asked our content team to fix the listing.",
            "The {garment} has a water-repellent finish that wears off with washing; a wash-in "
            "proofer brings it back. I've emailed you our care guide.",
        ),
        answers=(
            "The {garment} is water-resistant rather than fully waterproof: it keeps out showers, "
            "but not hours of heavy rain. A wash-in proofer renews the finish when it wears.",
        ),
        fixes=(
            "I've refunded {amount} to your card ending {last4}; you're welcome to keep the "
            "{garment}.",
            "I've sent you a bottle of proofer with our compliments, tracking {tracking}.",
        ),
        notes=(
            "Listing says waterproof, supplier spec says water-resistant. Asked content to fix the "
            "page.",
        ),
    ),
    Topic(
        subjects=("Colour of the {product}", "{product} in {colour}?"),
        negative=(
            "The colour of the {product} looks nothing like the photos. It's a dull grey, not "
            "{colour}.",
            "Ordered {colour}, got something closer to brown. Your photos are misleading.",
        ),
        neutral=(
            "Is the {colour} on the {product} closer to the photos or the swatch? They look "
            "different on my screen.",
            "Does the {colour} {product} look the same in daylight as in the photos?",
        ),
        positive=(
            "I absolutely love my {product}! Is the {colour} version as nice in real life? I'd "
            "like one for my sister.",
            "The {product} is lovely! Is the {colour} one a bit darker in real life than the "
            "photos?",
        ),
        steps=(
            "The {colour} is a shade darker in daylight than on screen; I've sent you a photo our "
            "warehouse took this morning next to the other colours.",
            "Our photos are taken in daylight, so some screens make {colour} look lighter than it "
            "is. I've asked the warehouse for a photo of one from stock and will send it on.",
        ),
        answers=(
            "The {colour} is a shade darker in daylight than on screen. I've attached a photo our "
            "warehouse took this morning, next to the other colours.",
        ),
        fixes=(
            "I've arranged a free exchange in case the colour isn't what you wanted, tracking "
            "{tracking}. Keep the box for the one going back.",
            "I've updated the listing photos for the {product}, so the {colour} looks as it does "
            "in real life.",
        ),
    ),
    Topic(
        subjects=("Compatibility with {device}", "Does the {gadget} work with my phone?"),
        negative=(
            "Bought the {gadget} because the listing said it works with {device}. It doesn't, and "
            "nobody mentioned that anywhere.",
            "The {gadget} keeps dropping the connection to my {device}, sometimes every few "
            "minutes. It's useless for calls.",
        ),
        neutral=(
            "Is the {gadget} compatible with {device}?",
            "Does the {gadget} need an app to work with {device}, or does it pair directly?",
        ),
        positive=(
            "Wonderful customer service last time, so I thought I'd ask you: is the {gadget} "
            "compatible with {device}?",
            "Loving the {gadget}! Does it work with {device} as well as my laptop?",
        ),
        steps=(
            "I've checked with our product team: the {gadget} works with {device}, but it needs "
            "the most recent firmware, which you can install from the companion app.",
            "The {gadget} pairs directly over Bluetooth with {device}; the app is only for "
            "firmware updates. If it drops out, forgetting and re-pairing it usually helps.",
        ),
        answers=(
            "The {gadget} pairs directly over Bluetooth with {device}; the companion app is only "
            "needed for firmware updates.",
        ),
        fixes=(
            "The firmware update fixed it: I've confirmed with our team that your {gadget} is on "
            "the right version now.",
            "I've updated the listing for the {gadget} so it names the supported phones, and "
            "emailed you the pairing guide.",
        ),
        notes=(
            "Checked with the product team before replying; the compatibility list is in the wiki "
            "now.",
        ),
    ),
    Topic(
        subjects=("Which size?", "Size chart for the {garment}"),
        negative=(
            "The size chart is wrong. I'm always a size {size} and the {garment} is tiny on me.",
            "Your size guide says to order my usual size. I did, and the {garment} is cut for a "
            "child. Disappointing.",
        ),
        neutral=(
            "Which size should I get in the {garment}? I wear size {size} in jackets.",
            "What are the measurements of the {garment} in size {size}?",
        ),
        positive=(
            "Super happy with the {garment}. Which size would you recommend for a friend who "
            "wears size {size}?",
            "Your {garment} looks great! Does it run big or small? I'm normally a size {size}.",
        ),
        steps=(
            "From what you've told me I'd go for one size up from {size}. The {garment} runs "
            "slightly small around the shoulders.",
            "Here are the measurements for size {size}: chest 104 cm, length 72 cm, sleeve 64 cm. "
            "I've also passed your feedback to our product team.",
        ),
        answers=(
            "I'd go for one size up from {size}: the {garment} runs slightly small around the "
            "shoulders. If it isn't right, exchanges are free.",
        ),
        fixes=(
            "If the size isn't right when it arrives, exchanges are free: just reply here and "
            "I'll send a label.",
            "Our product team has updated the size chart for the {garment}, thanks to your "
            "message.",
        ),
    ),
    Topic(
        subjects=("Question about the {product}", "Care and materials"),
        negative=(
            "The smell from the {product} is horrible and it's been a week. Is this safe?",
            "Your product descriptions are useless. Can the {product} go in the wash or not?",
        ),
        neutral=(
            "Is the {garment} machine washable?",
            "Where is the {product} made? I'm trying to buy from European brands.",
            "Can the {gadget} be used outdoors, or is it indoor only?",
        ),
        positive=(
            "Thanks for making such a lovely {product}. How should I clean it so it lasts?",
            "I'm a big fan of your stuff, everything I've bought is great. Is the {product} vegan?",
            "Your {gear} has been brilliant on our camping trips. Is it safe to use near water?",
        ),
        steps=(
            "I've sent you the care and materials sheet for the {product}: what it's made of (all "
            "certified free of harmful substances), where it's made, and how to wash and store it.",
            "The {product} is made in Portugal from recycled materials, with no animal products, "
            "and the care label has the washing details. I've passed your question to our product "
            "team as well.",
        ),
        answers=(
            "The {product} is made in Portugal from recycled materials, with no animal products. "
            "Wash it cool and let it dry naturally; the care label has the details.",
        ),
        fixes=(
            "I've added the care details to the {product} page, so the next customer doesn't "
            "have to ask.",
            "Our product team has confirmed the details in writing; I've attached their answer.",
        ),
    ),
    Topic(
        subjects=("Spare parts", "Warranty question"),
        negative=(
            "The handle on my {gear} came loose on day two. Awful for the price.",
            "The lid of my {gear} cracked within a month, and your site doesn't sell a "
            "replacement. Useless.",
        ),
        neutral=(
            "Do you sell replacement parts for the {gear}? The lid cracked.",
            "Does the {product} have a warranty, and how long is it?",
        ),
        positive=(
            "Great product, I use it every day. Do you sell spare parts for it?",
            "I love my {gear}! A small part has worn out after two years of daily use. Can I buy a "
            "replacement?",
        ),
        steps=(
            "The {product} has a two-year warranty, and we stock spare parts for five years. Could "
            "you send me a photo of the part you need?",
            "Spare parts for the {product} are on its product page under Parts, and anything that "
            "fails within two years is replaced free under the warranty.",
        ),
        answers=(
            "The {product} has a two-year warranty, and we stock spare parts for five years. "
            "You'll find them on its product page under Parts.",
        ),
        fixes=(
            "The spare part is on its way with {courier}, tracking {tracking}, at no charge.",
            "I've sent the warranty details by email, with a link to order the part directly.",
        ),
        notes=("Third complaint about the {product} this month. Logged for the quality review.",),
    ),
    Topic(
        subjects=("Restock of the {product}?", "{product} in {colour}"),
        negative=(
            "I was told the {product} would be back in stock on {date}. It wasn't, and now the "
            "price has gone up by {fee}.",
            "Your restock alert for the {product} never came, and by the time I saw it, it was "
            "sold out again. Very disappointing.",
        ),
        neutral=(
            "Will the {product} be restocked in {colour}?",
            "Does the {product} come in {colour}? I can only see two colours on the page.",
        ),
        positive=(
            "Best purchase I've made this year! Will the {product} come back in {colour}?",
            "I absolutely love my {product}! Does it come in {colour} as well? I'd like one for my "
            "sister.",
        ),
        steps=(
            "We expect the {product} in {colour} back around {date}. I've added you to the restock "
            "alert so you'll hear first.",
            "The supplier has moved the delivery to {date}; I'm sorry about the changing dates. "
            "I've put one aside for you at the price you saw.",
        ),
        answers=(
            "We expect the {product} in {colour} back around {date}. I've added you to the restock "
            "alert so you'll hear first.",
        ),
        fixes=(
            "The {product} in {colour} is back in stock, and I've put one aside for you until "
            "{weekday}.",
            "Your {product} is reserved at the old price; the link to check out is in your inbox.",
        ),
    ),
)

RETURNS = (
    Topic(
        subjects=("Refund still not received", "Refund for {order}", "Where is my refund?"),
        negative=(
            "I've been waiting {wait} for my refund. You received the return on {date}, I have "
            "the tracking. Where is my money?",
            "Third time I'm writing about the refund for {order}. {amount}. Nobody answers the "
            "phone and the chat bot is useless.",
            "Refund was approved on {date}. It's now {days} days later. My bank has nothing. "
            "Really disappointed in your service.",
            "My return for {order} shows as received but the refund still says pending. It has "
            "been {wait}.",
        ),
        neutral=(
            "I sent back order {order} on {date}. When should I expect the refund?",
            "The refund for {order} says sent on {date}. How long does it take to reach a card?",
        ),
        positive=(
            "Thanks for approving my refund so quickly! It hasn't reached my card yet though, is "
            "there a reference I can give my bank?",
            "Lovely service on the return. Could you tell me when the refund for {order} should "
            "arrive?",
        ),
        steps=(
            "The refund of {amount} left us on {date}. Banks can take up to 10 business days to "
            "show it; if it's not there by {weekday}, reply here and I'll get a trace reference.",
            "I can see your return arrived on {date}, but the refund job skipped it. I've pushed "
            "the refund of {amount} through manually just now.",
        ),
        updates=(
            "I've chased our payment processor and have a reference for you: ARN {reference}. "
            "Your bank can use it to trace the refund.",
        ),
        fixes=(
            "The refund of {amount} for {order} has been issued to your card ending {last4}. "
            "Banks show it within 3-5 business days.",
            "Our processor confirms the refund of {amount} reached your bank on {date}; the "
            "reference is {reference} if they ask.",
        ),
        notes=(
            "Return scanned at the depot on {date}; auto-refund job skipped it, released manually.",
            "Checked with billing: refund issued on {date}, the delay is on the bank's side.",
        ),
    ),
    Topic(
        subjects=("Return label", "Returning {order}"),
        negative=(
            "The return label you sent doesn't work at the {courier} shop; they've turned me away "
            "twice. I'm running out of patience.",
            "Asked for a return label {days} days ago. Nothing. This is a terrible way to treat "
            "customers.",
        ),
        neutral=(
            "Can you email me a return label for {order}? I don't have a printer, so a QR code "
            "would help.",
            "Can I drop the return at a {courier} point in {city}?",
            "How do I return the {product} from order {order}? I changed my mind.",
        ),
        positive=(
            "Great shop, I just need to return one item from {order} that doesn't fit. How do I "
            "get a label?",
            "Thanks for the fast refund on my last return! Can I drop {order} off at a {courier} "
            "point?",
        ),
        steps=(
            "I've emailed you a prepaid return label for {order}, with a QR code you can show at "
            "any {courier} point. The refund goes out within 2 days of the parcel reaching us.",
            "The label you had was for the wrong courier, I'm sorry. I've sent a {courier} one "
            "now, and it works at any of their drop-off points in {city}.",
        ),
        answers=(
            "I've emailed you a prepaid return label for {order}, with a QR code you can show at "
            "any {courier} point. The refund goes out within 2 days of the parcel reaching us.",
        ),
        fixes=(
            "Your return has been scanned by {courier}, so it's on its way to us and the refund "
            "will follow.",
            "We've received the return for {order} and the refund of {amount} is on its way.",
        ),
        notes=(
            "Label generator picked the wrong courier for this postcode again. Told logistics.",
        ),
    ),
    Topic(
        subjects=("Refund amount for {order}", "Refund is short"),
        negative=(
            "You refunded {fee} instead of {amount} for the {product} I sent back on {date}. "
            "Someone has got the sums wrong.",
            "You're charging me for return shipping on a faulty item?? That's outrageous.",
            "Why do I have to pay {fee} to return something that arrived broken?",
        ),
        neutral=(
            "My refund of {amount} came through, but I paid {fee} for shipping too. Is that "
            "refunded as well?",
            "The refund for {order} is {fee} short of what I paid. Is there a restocking fee?",
        ),
        positive=(
            "The refund for {order} arrived, super quick, thank you! Could you also refund the "
            "{fee} shipping?",
            "Really happy with how easy the return was! The refund looks {fee} short, though. "
            "Could you check?",
        ),
        steps=(
            "You're right, the refund was short: return shipping was deducted, and it shouldn't "
            "have been. I've issued the difference to your card ending {last4}.",
            "Since the {product} arrived faulty, there's no charge for the return. I've asked "
            "finance to refund the {fee}.",
        ),
        updates=("Finance has approved the correction; it goes out with today's refunds.",),
        fixes=(
            "The {fee} has been refunded to your card ending {last4}, so you've now had the whole "
            "{amount} back.",
            "All sorted: the return shipping is refunded, and I've fixed the setting that "
            "charged it.",
        ),
        notes=(
            "Return shipping was deducted on a faulty item again. Asked finance to check the rule.",
        ),
    ),
    Topic(
        subjects=("Exchange for size {size}", "Swap for another size", "Exchange request"),
        negative=(
            "I returned the wrong size {garment} and you sent me the same wrong size again.",
            "I asked for an exchange {wait} ago and still have neither the {garment} nor my "
            "money. It's frustrating to be left hanging like this.",
        ),
        neutral=(
            "Can I exchange the {garment} for a size {size} instead of getting a refund?",
            "I'd like to swap the {garment} for size {size}. Do I send it back before you ship "
            "the replacement?",
        ),
        positive=(
            "Loved the {garment} but it's a bit too big. Could I swap it for a size {size}?",
            "Love your stuff! I ordered two sizes of the {garment} to try on and I'm returning "
            "the size {size}. Label please?",
        ),
        steps=(
            "I've set up the exchange: send the {garment} back with the label attached and we'll "
            "ship size {size} as soon as it's scanned.",
            "I've checked the exchange: the warehouse picked from the wrong shelf. Size {size} "
            "is going out today, and there's no need to wait for the return.",
        ),
        answers=(
            "I've set up the exchange: send the {garment} back with the label attached and we'll "
            "ship size {size} as soon as it's scanned.",
        ),
        fixes=(
            "Your exchange is on its way: size {size}, tracking {tracking} with {courier}.",
            "The exchange is cancelled and {amount} is refunded to your card ending {last4}.",
        ),
    ),
    Topic(
        subjects=("Return policy question", "Can I still return this?"),
        negative=(
            "Your returns portal won't accept order {order}. It says the return window has "
            "closed, but it's been 12 days. Ridiculous.",
            "Rejecting my return because I opened the box is absurd. How else would I try it?",
        ),
        neutral=(
            "What's your return window for sale items?",
            "Do I need the box it came in to return the {product}?",
            "The {product} was a gift. Can the recipient return it without the order number?",
        ),
        positive=(
            "You've been great with returns before, so hopefully this is easy: can I return the "
            "{product} after 30 days?",
            "Your returns page is so clear, thank you! Do I need to include the receipt?",
        ),
        steps=(
            "Our return window is 30 days from delivery, sale items included, and we take items "
            "back opened as long as they're unused. You don't need the receipt or the box.",
            "I've checked {order}: it was delivered on {date}, and our 30 days count from "
            "delivery, so you're inside the window. I've opened the return for you and emailed a "
            "label.",
        ),
        answers=(
            "Our return window is 30 days from delivery, sale items included, and we take items "
            "back opened as long as they're unused. You don't need the receipt or the box.",
        ),
        fixes=(
            "The return for {order} is accepted; the label is in your inbox, and the refund "
            "follows within 2 days of it reaching us.",
            "Gift returns are set up: the recipient can use the link I've emailed, and the "
            "refund goes out as store credit in their name.",
        ),
        notes=("Two days outside the return window; approved anyway as a goodwill gesture.",),
    ),
    Topic(
        subjects=("Store credit or card refund?", "Refund to my card, please"),
        negative=(
            "You refunded me in store credit when I asked for my money back. I want the {amount} "
            "on my card, not a voucher I'll never use.",
            "Store credit that expires in six months is a bad joke. Please refund my card.",
        ),
        neutral=(
            "Will the refund go to my card ending {last4} or to store credit?",
            "I'd prefer the refund for {order} on my card rather than store credit. Is that "
            "possible?",
        ),
        positive=(
            "Nice quick question for you: is the refund for {order} going to my card or store "
            "credit?",
            "Amazing customer service as always. Could the refund for {order} go to my card "
            "instead of credit?",
        ),
        steps=(
            "Refunds go back to the original payment method by default; store credit is only "
            "used when you ask for it. I've checked {order} and switched it to your card.",
            "I've switched your refund from store credit to your card ending {last4}. It should "
            "show within 5 business days.",
        ),
        answers=(
            "Refunds go back to the card you paid with unless you ask for store credit, so the "
            "refund for {order} will land on your card ending {last4}.",
        ),
        fixes=(
            "The {amount} is back on your card ending {last4}, and the store credit has been "
            "removed.",
            "Done: the refund for {order} went to your card ending {last4} this morning.",
        ),
    ),
    Topic(
        subjects=("Faulty item return", "Returning a faulty {product}"),
        negative=(
            "The {product} is faulty and I want my money back, not a replacement. I've had a bad "
            "experience with this model already.",
            "Three emails, {wait}, and still no refund for the faulty {product}. Worst returns "
            "process I've dealt with.",
        ),
        neutral=(
            "The {product} from order {order} has a fault. Can I return it for a refund rather "
            "than a replacement?",
            "How do I return a faulty {gadget}? It stopped working after a week.",
        ),
        positive=(
            "Brilliant service usually, but my {product} has a fault. Could I send it back for a "
            "refund?",
            "The {product} was lovely while it lasted! It has a fault now, can I return it?",
        ),
        steps=(
            "I'm sorry about the {product}. Faulty items are refunded in full, return shipping "
            "included; I've emailed you a prepaid label for {order}.",
            "I've refunded the {product} without waiting for it to come back, and emailed a "
            "label so you can send it when it suits you.",
        ),
        fixes=(
            "The refund of {amount} is on its way to your card ending {last4}.",
            "We've received the {product} and the refund of {amount} has been issued.",
        ),
    ),
)

TOPICS = {
    "Billing": BILLING,
    "Orders & delivery": ORDERS,
    "Account & sign-in": ACCOUNT,
    "Technical issue": TECHNICAL,
    "Product question": PRODUCTS,
    "Returns & refunds": RETURNS,
}

# What an agent says while waiting on another team, whatever the topic.
HOLDING_UPDATES = {
    "Billing": (
        "Quick update: I'm still waiting on our billing team, and I've chased them again this "
        "morning.",
        "Billing has picked this up and I expect an answer by {weekday}.",
    ),
    "Orders & delivery": (
        "Quick update: the warehouse is looking into it, and I've asked them for an answer today.",
        "I've chased {courier} again; they've promised a reply within 24 hours.",
    ),
    "Account & sign-in": (
        "Our security team is reviewing the account; this can take up to a day, and I'll come "
        "back to you as soon as they're done.",
    ),
    "Technical issue": (
        "Our engineers are still on it ({eng_ticket}). I'll update you as soon as there's news.",
        "Engineering needs one more thing: roughly what time did this last happen?",
    ),
    "Product question": (
        "I've asked our product team and I'm waiting on their answer; I'll be back in touch by "
        "{weekday}.",
    ),
    "Returns & refunds": (
        "Quick update: the warehouse hasn't processed the return yet, and I've asked them to "
        "prioritise it.",
    ),
}

FOLLOWUPS = {
    "negative": (
        "Any update on this? It's been {days} days.",
        "Hello?? Still waiting.",
        "I'm still waiting for an answer. This is really poor.",
        "Chasing this again. Order {order}. Please reply.",
        "Still nothing. I'll dispute the charge with my bank if I don't hear back by {weekday}.",
        "Is anyone actually reading these messages?",
        "This is getting ridiculous. Three days and no reply.",
        "Can someone please pick this up. I've called twice and the line just rings out.",
        "If I don't hear back today I'm leaving a review about this.",
        "Still no answer. Very disappointed.",
    ),
    "neutral": (
        "Just following up on this.",
        "Hi, any news on this one?",
        "Following up on my message from {weekday}.",
        "Is there an update on {order}?",
        "One more detail: the order number is {order}.",
        "Bumping this, I'd like to get it sorted before the weekend.",
    ),
    "positive": (
        "No rush, just checking you got my message :)",
        "Hi again! Any news? Thanks!",
        "Just a gentle nudge on this one, thank you!",
        "Quick follow-up in case this got buried. Thanks so much!",
    ),
}

CLOSINGS_THANKFUL = (
    "Thanks {agent}, that's sorted it.",
    "Got it, thank you!",
    "Perfect, that worked. Thanks for your help.",
    "Thank you, really appreciate the quick response.",
    "All good now, cheers.",
    "That did the trick. Thanks {agent}!",
    "OK, thanks. Took a while but it's fixed.",
    "Brilliant, thanks for sorting this out so quickly.",
    "Thanks for staying on top of this, {agent}.",
)
CLOSINGS_UNHAPPY = (
    "Fine, but this took far too long. I'll think twice before ordering again.",
    "That doesn't really solve anything. I'd like to speak to a manager.",
    "Still not working. Please just close my account.",
    "I've got my money back, but the whole experience was poor.",
    "Honestly this is not good enough.",
    "Noted. I'll be shopping elsewhere from now on.",
)

# An agent keeps one greeting and one sign-off for the whole thread.
AGENT_GREETINGS = ("Hi {first},", "Hello {first},", "Dear {first},", "Hi {first}!")
AGENT_INTRODUCTIONS = (
    "I'm {agent} from the support team and I'll be looking after this for you.",
    "My name is {agent} and I've picked up your ticket.",
    "{agent} here, I'll take it from here.",
)
ACKNOWLEDGEMENTS = {
    "negative": (
        "I'm sorry about this.",
        "I completely understand the frustration, and I'm sorry.",
        "You're right to be annoyed; this isn't the experience we want you to have.",
        "I'm sorry for the trouble here. I'll see this through until it's fixed.",
    ),
    "neutral": (
        "Thanks for getting in touch.",
        "Thanks for the details, that helps.",
        "Thanks for your message.",
        "Happy to help with this.",
    ),
    "positive": (
        "Thank you for the kind words, that made our day!",
        "Thanks so much, it's lovely to hear you're enjoying it.",
        "Lovely to hear from you, and thanks for the feedback.",
    ),
}
# Used instead of the acknowledgement when the customer had to chase.
APOLOGIES_FOR_WAITING = (
    "Thank you for your patience, and apologies that you've had to write more than once.",
    "I'm sorry it has taken us this long to answer.",
    "Sorry for the slow reply, and thanks for bearing with us.",
)
PENDING_CLOSERS = (
    "I'll keep this ticket open and update you as soon as I hear back.",
    "I'll be in touch as soon as there's news.",
    "Just reply here if you have any questions in the meantime.",
    "",
)
DONE_CLOSERS = (
    "Let me know if there's anything else I can do.",
    "If anything else comes up, just reply to this email.",
    "Have a lovely week.",
    "",
)
AGENT_SIGNOFFS = (
    "Best,\n{agent}",
    "Kind regards,\n{agent_name}\nCustomer Support",
    "Thanks,\n{agent}",
    "All the best,\n{agent}",
    "- {agent}",
)

# Internal notes that fit any ticket; topics add their own.
GENERAL_NOTES = (
    "Regular customer, lots of orders and never a complaint before. Worth going the extra mile.",
    "Customer was bounced between two teams before this reached us; I've apologised for that.",
    "Checked the account history: nothing unusual.",
    "Used the standard reply but rewrote the opening; the macro reads cold for this one.",
    "Tagged for the weekly review.",
    "Same question came up three times this week. Worth a help centre article?",
)
