"""The demo knowledge base: FAQ articles a small online shop's support team would write."""

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoArticle:
    """One article: its category's name, title, tags and Markdown body."""

    category: str
    title: str
    tags: tuple[str, ...]
    body: str


ARTICLES: tuple[DemoArticle, ...] = (
    # Billing
    DemoArticle(
        category="Billing",
        title="Why was I charged twice for my order?",
        tags=("double-charge", "card", "refund"),
        body="""Two payments for one order are nearly always a card hold, not a second sale. When
a card is declined and you try again, or the payment page times out, your bank can keep a
temporary hold for the failed attempt next to the real charge. We only ever take one charge per
order, and a hold drops off by itself, usually within 3-5 business days.

## Hold or double charge?

- A **hold** shows as "pending" or "authorisation" on your statement and has no invoice of its
  own.
- A **charge** shows as completed and matches the invoice under Account > Orders.
- Two completed charges after 5 business days is a real double charge, and we refund it.

## What to do

1. Look under Account > Orders. If you see two orders, the second one went through after a
   declined attempt: cancel the one you don't want before it ships.
2. Give pending holds 3-5 business days to fall away.
3. Still two completed charges on your card? Open a ticket with the order number, the date, the
   last four digits of the card and a screenshot of your statement with the card number hidden.

## What happens next

| What we find | What we do | When you see it |
|---|---|---|
| A hold from a failed attempt | Ask our payment provider to release it | 3-5 business days |
| A duplicate charge | Refund it to the same card | Within 5 business days |

If a charge appears on your card that you can't match to any order at all, [contact
support](/tickets/new) straight away rather than waiting for it to drop off.""",
    ),
    DemoArticle(
        category="Billing",
        title="How does billing work for the Plus, Family and Team plans?",
        tags=("subscription", "plan", "renewal", "cancel"),
        body="""Plus, Family and Team are subscriptions billed monthly or yearly to the card
saved on your account. Everything about your plan and your subscription lives under Account >
Billing: your renewal date, the switch between monthly and yearly billing, upgrading,
downgrading and cancelling. Changes made mid-month are prorated, so you only pay for what you
use.

## Billing options

| Option | How it works |
|---|---|
| Monthly | Renews on the same date each month |
| Yearly | Ten months' price for twelve months |
| Student discount | 20% off, monthly or yearly |
| Upgrade or downgrade | Prorated; the unused part is credited against the next payment |

## Cancelling without a renewal charge

1. Go to Account > Billing and choose **Cancel plan**. This turns auto-renewal off.
2. Wait for the confirmation email and keep it.
3. Cancel at least a day before your renewal date. A cancellation saved after the renewal has
   already run does not stop that charge.

Your plan keeps working until the end of the period you have paid for.

## Billed after cancelling?

If you were billed after cancelling, or a renewal went through that you didn't want, and you
haven't used the plan since, we refund the subscription charge in full and make sure
auto-renewal is off. Tell us the date you cancelled and, if you have it, forward the
confirmation email.

Any other question about your plan, or a subscription charge you can't place, [open a
ticket](/tickets/new) in the Billing category and we'll look at your account.""",
    ),
    DemoArticle(
        category="Billing",
        title="How do I get an invoice or a VAT invoice for my order?",
        tags=("invoice", "vat", "receipt"),
        body="""Every order has an invoice you can download as a PDF from Account > Orders. The
invoice, not the payment receipt, is the document to use for expenses and VAT: it shows the VAT
separately, and we can reissue it with your company name and VAT number on it.

## Download an invoice

1. Sign in and open **Account > Orders**.
2. Choose the order and click **Download invoice**.
3. Can't find an older invoice? Every invoice number starts with INV-; search your inbox for it,
   or ask us to resend it.

## Invoice or receipt?

| Document | What it is for |
|---|---|
| Receipt | Confirms we took the payment; sent the moment you pay |
| Invoice | Lists each item, shipping and VAT; use it for expenses and your accountant |

## Company name or VAT number on the invoice

Invoices are addressed to the billing details you gave at checkout. To have an invoice for an
order made out to your company instead:

- Reply to your order confirmation or open a ticket with the order number.
- Give us the company name, its address and the VAT number.
- We reissue the invoice under a new number and email it to you as a PDF.

## The invoice total looks wrong

Check first whether a promo code, a shipping fee or a price adjustment was applied after the
order: each of these changes the total. If the invoice still doesn't match what you paid at
checkout, we correct it and send a new one.

Need an invoice by a deadline, or several at once for your accountant? [Open a
ticket](/tickets/new) with the order numbers and we'll send them together.""",
    ),
    DemoArticle(
        category="Billing",
        title="How do I update my card or choose another payment method?",
        tags=("payment", "card", "bank-transfer"),
        body="""You manage your cards under Account > Payment methods: add the new card, set it as
the default, then remove the old one. Besides debit and credit cards we take digital wallets and
bank transfer, and you can split the payment for one order across two cards at checkout.

## Update a card that is about to expire

1. Go to **Account > Payment methods** and click **Add card**.
2. Enter the new card details and tick **Make default**.
3. Remove the old card. Any subscription moves to the default card automatically.

## Ways of paying

| Payment method | Where to choose it | Good to know |
|---|---|---|
| Debit or credit card | Checkout or Account > Payment methods | Charged when you place the order |
| Two cards | Checkout, **Split payment** | Choose how much goes on each card |
| Digital wallet | Checkout | Approve the payment in your wallet app |
| Bank transfer | Checkout | Bank details come by email; we ship once the money arrives |

## Card declined when paying for an order

- Check the billing address matches the one your bank has for the card.
- Look in your banking app: many banks ask you to approve online card payments there.
- Try once more, then switch to another payment method rather than retrying again and again;
  each declined attempt can leave a temporary hold on the card.

For any other payment method question, or if card payments keep failing at checkout, [open a
ticket](/tickets/new) with the error message and the last four digits of the card, never the
whole card number.""",
    ),
    DemoArticle(
        category="Billing",
        title="Shipping fees and price drops: why did I pay more than I expected?",
        tags=("shipping-fee", "price", "promo-code"),
        body="""All our prices include VAT, so an extra charge on your order is almost always the
shipping fee. Standard shipping is free over the threshold shown at checkout; express shipping is
charged separately, even on large orders. And if something you bought gets cheaper within 14
days, or a promo code didn't go through, our price promise means we refund the difference.

## What that charge on your order can be

| Line on your receipt | What it is |
|---|---|
| Standard shipping | Free over the threshold shown at checkout, a small fee below it |
| Express shipping | Always charged; next working day if you order before 14:00 |
| VAT | Already in every price, never added on top |

Check the delivery option on your order confirmation: if it says express and you meant to choose
standard, tell us before the order ships.

## Price adjustment: our 14-day price promise

We refund the difference when, within 14 days of your order:

- the price of an item you bought drops on our site, or
- you had a valid promo code but forgot to enter it, or checkout rejected it.

## How to ask for the difference

1. Open a ticket in the Billing category with your order number.
2. Name the item and the lower price you saw, or the promo code.
3. We refund the difference to the card you paid with, usually within 5 business days.

The price promise doesn't apply to orders more than 14 days old or to codes that had expired
when you ordered. For any other shipping fee question, or if you think a fee was added to your
order by mistake, [contact support](/tickets/new) and we'll check the order for you.""",
    ),
    # Orders & delivery
    DemoArticle(
        category="Orders & delivery",
        title="Where is my parcel?",
        tags=("tracking", "delivery", "parcel"),
        body="""As soon as your order leaves our warehouse you get an email with a tracking number,
and the same number is shown under Account > Orders. Standard delivery takes 2-4 working days and
express arrives the next working day. If the tracking is not updating for more than two working
days, or the parcel is marked delivered but you haven't received it, tell us: we chase the
courier and send a replacement if it's lost.

## Check your tracking

1. Open **Account > Orders** and choose the order.
2. Click the tracking number to see the courier's latest scan.
3. No tracking number yet? The order hasn't been dispatched; the page shows when it's expected.

## What the tracking status means

| Status | What it means | What to do |
|---|---|---|
| Dispatched, no scans yet | The courier hasn't collected it | Wait one working day |
| In transit, not updating | Often a busy depot | Contact us after two working days |
| Out for delivery | Arriving today | Keep an eye out for a card through the door |
| Delivered | The courier has left it | See below if you haven't got it |

## Marked delivered but parcel not received

1. Ask your neighbours, and check porches, bins, mailrooms and building reception.
2. Look for a delivery photo or a "we called" card from the courier.
3. Parcels are sometimes scanned as delivered a little early: wait until the end of the next
   working day.
4. Still nothing? Open a ticket with the order number. We open a claim with the courier and send
   a replacement or a refund; you don't need to deal with the courier yourself.

If it's urgent because your order is late for something important, like a birthday, [open a
ticket](/tickets/new) with the order number and the date you need it by, and we'll see what we
can do.""",
    ),
    DemoArticle(
        category="Orders & delivery",
        title="My order arrived damaged, wrong or with an item missing: what now?",
        tags=("damaged", "wrong-item", "missing-item", "replacement"),
        body="""If there's a problem with your order or an issue with an item, whether it
arrived damaged, looks used, is the wrong item, size or colour, or is missing from the box, we
send a replacement free of charge. You never pay to send back something we got wrong, and we
don't make you wait for the return before the replacement goes out.

## Damaged, used or wrong item

1. Take a couple of photos: the outside of the box, the shipping label and the item itself.
2. Open a ticket in the Orders & delivery category with your order number and the photos.
3. We book a free collection for what you received and put the replacement on priority
   dispatch. You'll get its tracking number by email.

Keep the packaging until the item has been collected: the courier takes it back in it.

## Item missing from your order

Before you write to us, two quick checks:

- **Look at your dispatch emails.** When an item is out of stock on the day, it ships
  separately, with its own tracking number.
- **Check the packing slip and all the packaging.** Small items are sometimes tucked into
  another item's box.

If the packing slip lists the item and there's no separate dispatch email, your order is
incomplete: tell us, and we send the missing item on next-day delivery at no cost.

## What you can expect

| Problem | What we send | Do you return anything? |
|---|---|---|
| Damaged in transit | A replacement | Yes, by free collection |
| Wrong item, size or colour | The right item | Yes, by free collection |
| Item missing | The missing item | No |

If a replacement is needed urgently, or you'd rather have a refund than a replacement, [open a
ticket](/tickets/new) and say so, and we'll arrange it.""",
    ),
    DemoArticle(
        category="Orders & delivery",
        title="How do I change my delivery address or amend my order?",
        tags=("address", "change-order", "cancel"),
        body="""We can change an order, including its delivery address, items or sizes, or
cancel it altogether, until the warehouse picks it, which is usually within a few hours of
ordering. Once it has left us, the courier can often redirect the parcel, and anything you no
longer want can be returned for free.

## Before your order is dispatched

1. Open a ticket in the Orders & delivery category as soon as you can.
2. Give the order number and what you're amending: the new address, the item to add, the
   right size, or "please cancel".
3. We hold the order while the warehouse checks it and confirm within the hour. You'll get an
   updated confirmation email once the change is made.

We can also combine two orders into one shipment if neither has been picked yet.

## After it has been dispatched

- **Change of delivery details:** use the tracking link in your dispatch email to redirect the
  parcel, choose a pickup point, or leave instructions such as a neighbour's house number.
- **Moving house:** update your address under Account > Addresses too, so your next order goes
  to the right place.

## What can still change

| Change | Before dispatch | After dispatch |
|---|---|---|
| Delivery address | Yes, we change it | Redirect with the courier's tracking link |
| Pickup point | Yes | Often, with the courier's tracking link |
| Add an item | Yes | Place a new order |
| Size or colour | Yes | Free exchange once it arrives |
| Cancel the order | Yes, with a full refund | Free return once it arrives |

If your parcel is already on its way and the courier won't let you redirect it, [open a
ticket](/tickets/new) with the order number and we'll ask them for you.""",
    ),
    DemoArticle(
        category="Orders & delivery",
        title="What delivery options and shipping times do you offer?",
        tags=("shipping", "delivery", "pickup-point"),
        body="""Standard shipping takes 2-4 working days, and express arrives the next working
day if you order before 14:00. At checkout you can also choose a delivery day, Saturday delivery
where the courier offers it, or a pickup point near you. The options shown at checkout are the
ones available for your address.

## Delivery options

| Option | Delivery time | Cost |
|---|---|---|
| Standard | 2-4 working days | Free over the threshold shown at checkout |
| Express | Next working day, if ordered before 14:00 | Charged at checkout |
| Choose a delivery day | The day you pick | Same as standard or express |
| Saturday delivery | Where the courier delivers on Saturdays | Shown at checkout |
| Pickup point | Same as the speed you choose | Same as home delivery |

## Choose your delivery day or pickup point

1. Enter your delivery address at checkout.
2. Under **Delivery options**, pick a day from the calendar or choose **Pickup point** and select
   one from the map.
3. Tick **Save as my preference** to have it offered first on your next order. You can change
   saved preferences under Account > Addresses.

## Which countries do you ship to?

Every country we deliver to is in the country list at checkout. If yours isn't there, we don't
ship to it yet, and we'd rather tell you that than let an order get stuck at customs.

## Working days

Orders placed at weekends or on public holidays are dispatched on the next working day, and
delivery times count from dispatch.

If you have a shipping question that isn't answered here, for example about a large order or a
delivery for a special date, [ask us](/tickets/new) before you order.""",
    ),
    # Account & sign-in
    DemoArticle(
        category="Account & sign-in",
        title="Can't log in? How to reset your password and fix sign-in problems",
        tags=("password", "login", "sign-in"),
        body="""Most sign-in problems are fixed in a couple of minutes by resetting your
password or by clearing our site's data in your browser. To reset your password, choose **Forgot
password** on the sign-in page, enter your email address and follow the link we send you. The
link works for one hour.

## Password reset not working

- **The email hasn't arrived.** Check your spam and promotions folders and give it ten minutes.
  Request the link only once: each new link replaces the one before.
- **The link says it has expired.** Open the most recent email only, and make sure the whole
  link was opened; some mail apps cut long links in two.
- **The reset email goes to an address you no longer use.** We can change it once we've
  verified the account: see the end of this article.

## Locked out after too many attempts

After several wrong passwords in a row, sign-in pauses for 15 minutes. Wait, then use **Forgot
password** rather than guessing again.

## Login page issue or other sign-in problems

If the login page keeps spinning, signs you out every few minutes, sends you back to the start
after signing in with a social account, or shows an error such as AUTH-19:

1. Clear the site data (cookies and cache) for our site in your browser.
2. Close all our tabs, open a fresh one and sign in again.
3. Tick **Remember me** to stay signed in for 30 days on that device.
4. Still in trouble? Try a private window or another browser to see whether an extension is
   getting in the way.

If you still can't log in, reply to any email we've sent you: it reaches our team as a ticket.
We'll verify the account with your postcode and the last four digits of the card on your last
order, and sort it out with you.""",
    ),
    DemoArticle(
        category="Account & sign-in",
        title="How do I set up two-factor authentication or move it to a new phone?",
        tags=("2fa", "two-factor", "authenticator"),
        body="""Two-factor authentication (2FA) asks for a six-digit code from an authenticator app
after your password. The codes depend on your phone's clock, so if they are rejected as invalid,
turning on automatic date and time on the phone fixes it in almost every case. To move 2FA to a
new phone, switch it off and on again and scan the new code.

## Authenticator codes rejected as invalid

1. Turn on **automatic date and time** in your phone's settings.
2. Wait for a fresh code to appear and type it before it changes.
3. Make sure you're using the entry for our shop, if your app holds codes for several sites.

## Set up 2FA

1. Sign in and go to **Settings > Two-factor authentication**.
2. Switch it on and scan the QR code with your authenticator app.
3. Type the code the app shows, then save your recovery codes somewhere you won't lose them.

## Moving to a new phone

1. While you still have the old phone, sign in and go to **Settings > Two-factor
   authentication**.
2. Switch 2FA off, then on again.
3. Scan the new QR code with the authenticator app on your new phone.

## Lost your phone?

Use one of your recovery codes to sign in, then set up 2FA again. No recovery codes? We can
reset 2FA for you once we've verified the account: we'll ask for your postcode and the last four
digits of the card used on your last order. We then sign out every other session on the account.

If you have a 2FA problem that none of this fixes, [open a ticket](/tickets/new), or reply to
any email from us if you can't sign in at all.""",
    ),
    DemoArticle(
        category="Account & sign-in",
        title="How do I change my account email or merge two accounts?",
        tags=("email", "profile", "merge"),
        body="""You can change the email address on your account under Account > Profile >
Email. We send a confirmation link to the new address, and the change takes effect once you
click it. The rest of your account details, such as your name, phone number and saved addresses,
are on the same Profile page.

## Change your account email

1. Sign in and go to **Account > Profile > Email**.
2. Enter the new email address and your current password.
3. Click the confirmation link we send to the new address. Until you do, you sign in with the
   old one.

## The email field is greyed out

That happens when you created the account by signing in with a social account: the address
comes from there. We can change it from our side once we've verified the account, so open a
ticket and we'll ask for your postcode and the last four digits of the card on your last order.

## Two accounts?

It's easy to end up with two, for example one under a personal and one under a work address.
We can merge them so your whole order history is in one place:

1. Open a ticket with both email addresses and say which one to keep for signing in.
2. We verify both accounts, merge them and send a confirmation email to each address.
3. Saved cards aren't moved across; add them again under Account > Payment methods.

## Forgot which email you signed up with

Tell us your name and the number of a recent order, and we'll tell you which address the
account uses.

For any other change to your account details that you can't make yourself, [open a
ticket](/tickets/new) in the Account & sign-in category.""",
    ),
    DemoArticle(
        category="Account & sign-in",
        title="How do I delete my account or get a copy of my data?",
        tags=("delete-account", "gdpr", "privacy", "data"),
        body="""You can download a copy of your data at any time under Account > Privacy > Export,
and you can ask us to delete your account and your personal data. Both are your rights under
GDPR, and we answer every data request within 30 days, usually much sooner.

## Copy of my data

1. Sign in and go to **Account > Privacy > Export**.
2. Click **Request export**. We email you a download link within 24 hours.
3. The link works for seven days. After that, request a fresh export.

The export holds your profile, saved addresses, orders, support messages and preferences. If the
link doesn't work, open a ticket and we'll send it again by hand.

## Delete or close my account

1. Open a ticket in the Account & sign-in category titled "Delete my account".
2. We confirm it's you by asking for the postcode on the account.
3. We delete the account and your personal data within 30 days and email you when it's done.

Good to know before you ask:

- Deleting can't be undone. Your order history goes with the account, so download anything you
  need first.
- Any open orders and returns are finished before the account is closed.
- We keep invoices for seven years because the law requires it, and nothing else.

## Just want fewer emails?

You don't have to close your account for that. Turn marketing emails off under Settings >
Notifications, or use the unsubscribe link at the bottom of any of them.

If you've asked for a copy of your data or a deletion and haven't heard back, [open a
ticket](/tickets/new) and we'll chase it the same day.""",
    ),
    DemoArticle(
        category="Account & sign-in",
        title="How do I add a second user to my plan?",
        tags=("team", "plan", "users"),
        body="""You can share your Plus, Family or Team plan with up to five people in all. Each
person gets their own login and their own order history, and everyone can use the saved payment
method without seeing the card details. Adding a second user takes a minute under Account > Team.

## Adding a second user

1. Go to **Account > Team** and click **Invite**.
2. Enter the email address of the person you're sharing the plan with.
3. They accept the invitation from their email and choose their own password.

## What each person gets

| | Plan owner | Added user |
|---|---|---|
| Own login and order history | Yes | Yes |
| Plan benefits | Yes | Yes |
| Use the saved payment method | Yes | Yes |
| See the full card details | Yes | No |
| Invoices and plan changes | Yes | No |

## The invitation isn't arriving

- Ask them to check their spam folder; invitations come from the same address as our order
  emails.
- Click **Resend** next to their name under Account > Team.
- If the Invite button does nothing, try another browser, or ask us to send the invitation from
  our side.

## Setting up a company account

For a team or a small company, the Team plan is the one to choose: five seats, each with their
own login, and all of it on one invoice. You can move seats from one colleague to another under
Account > Team when people join or leave.

If someone you added can't see their order history, or you need more than five people on one
plan, [open a ticket](/tickets/new) and we'll set it up for you.""",
    ),
    # Technical issue
    DemoArticle(
        category="Technical issue",
        title="The app keeps crashing: what can I do?",
        tags=("app", "crash", "update"),
        body="""Most app crashes are fixed by updating to the latest version of the app: we release
fixes often, and an older version can crash after a change on our side. If the app keeps
crashing after updating, the steps below fix nearly everything else, and if they don't, sending
us diagnostics from the app lets our developers find the cause.

## Try these in order

1. **Update the app** from your phone's app store.
2. **Force-close it** and open it again.
3. **Sign out and back in**, under Settings > Account.
4. **Restart your phone.**
5. **Reinstall the app** as a last step. Your orders and saved items are kept on your account,
   so nothing is lost.

## When the crash happens

| When it crashes | Try first |
|---|---|
| On launch, with a white screen | Update, then reinstall |
| When opening your order history | Update: recent versions load long histories faster |
| When rotating the screen | Lock rotation until the next update |
| Only on one device | Check the device runs a supported system version |

## Send us diagnostics

If the app crashes on your device even after all of this:

1. Open the app and go to **Settings > Help > Send diagnostics** straight after a crash.
2. Note your device model and the app version, shown under **Settings > About**.
3. Tell us exactly what you tapped just before the crash.

Diagnostics hold the crash log and nothing personal. If you can't open the app at all to send
them, the website has everything the app does while we work on a fix.

[Open a ticket](/tickets/new) with your device model, app version and what you were doing, and
we'll tell you as soon as a fixed version is out.""",
    ),
    DemoArticle(
        category="Technical issue",
        title="Why can't I complete checkout?",
        tags=("checkout", "payment", "error"),
        body="""When you can't complete checkout, the problem is nearly always at the payment step:
the bank declined the card, the card form didn't load in your browser, or our payment provider
had a brief outage. A failed attempt can leave a pending charge on your card, but you are never
charged for an order that wasn't placed, and the pending charge drops off within a few days.

## Try this first

1. Reload the page and try once more. Your basket is kept.
2. Check the card number, expiry date and billing address.
3. Look in your banking app: many banks ask you to approve online payments there.
4. Turn off ad blockers and privacy extensions for our site, or try another browser or the app.
5. Pay another way: a digital wallet or bank transfer goes through a different route.

## Checkout problem by symptom

| What you see | Likely cause | What to do |
|---|---|---|
| An error such as PAY-402 | The bank declined the payment | Ask your bank, or use another card |
| The Pay button does nothing | The card form didn't load | Try another browser; no extensions |
| The page spins or times out | A brief outage | Wait ten minutes and try again |
| "Session expired" | You were signed out mid-checkout | Sign in again; your basket is kept |

## Was the order placed?

Look under **Account > Orders**. If the order is there, it went through and you'll get a
confirmation email. If it isn't, any charge you see is a pending hold that your bank releases by
itself.

If checkout still fails, [open a ticket](/tickets/new) with the error message, your browser or
app version and roughly when it happened; that lets our engineers find your attempt in the
logs.""",
    ),
    DemoArticle(
        category="Technical issue",
        title="Is the website down or very slow today?",
        tags=("outage", "performance", "slow"),
        body="""If the website or app is slow or won't load, first check whether the problem is on
our side or yours. Our status page shows any outage or slowdown we know about, with updates until
it's fixed. If the status page is all clear, the steps below usually bring performance back to
normal.

## Is it just me?

1. Check our status page for a notice about the site or the app.
2. Try another device, or switch between Wi-Fi and mobile data.
3. Try a private window, which loads the site without your extensions and stored data.

If the site works on another device or network, the problem is local and the fixes below help.

## Performance problems on your side

| Symptom | What usually helps |
|---|---|
| Pages take 20 seconds or more to load | Clear the cache for our site; close other heavy tabs |
| The site is very slow today, fine yesterday | Update your browser; turn off extensions |
| The app has become sluggish | Update the app; restart the phone |
| An error such as 502 on every page | Wait a few minutes: it's usually a brief outage |

## When the website is down for everyone

We post on the status page within minutes and keep it updated until the site is back. Orders,
payments and returns you started before an outage are not lost: they complete or are cancelled
automatically, and you're never charged twice for the same order.

## Reporting a problem

If pages stay slow, tell us:

- which page or screen, and roughly what time;
- your browser or app version and your device;
- any error code you saw.

[Open a ticket](/tickets/new) with those details if the site is still down or slow for you and
the status page says everything is fine.""",
    ),
    DemoArticle(
        category="Technical issue",
        title="Why are my notifications not showing?",
        tags=("notifications", "push", "email"),
        body="""Notifications have two switches, and both need to be on: ours, under Settings >
Notifications in the app, with a switch for each kind of notification, push or email; and your
phone's own notification settings for our app. An app update can also reset notification
settings, so after updating it's worth checking ours again.

## Push notifications not showing

1. In the app, go to **Settings > Notifications** and check the kinds you want are on.
2. In your phone's settings, find our app and allow notifications, including on the lock screen.
3. Turn off battery saver or focus modes that silence apps, or add our app as an exception.
4. Sign out of the app and back in; this registers your phone for push notifications again.

## Notification settings for each kind

| Kind | Push | Email | Can I turn it off? |
|---|---|---|---|
| Order confirmations and receipts | No | Yes | No: we always send these |
| Delivery alerts | Yes | Yes | Yes, either or both |
| Replies to your tickets | Yes | Yes | Yes, either or both |
| Offers and news | Yes | Yes | Yes, at any time |

## Too many emails?

Turn off the kinds you don't want under **Settings > Notifications**, or use the unsubscribe link
at the bottom of any marketing email. The change takes effect straight away. Delivery alerts can
come as push notifications instead of emails: switch email off and push on.

If notifications still aren't showing after these steps, or emails keep coming after you've
turned them off, [open a ticket](/tickets/new) with your device and app version. We can send a
test notification to see where it gets lost.""",
    ),
    DemoArticle(
        category="Technical issue",
        title="Exports and downloads not working: how do I report a bug?",
        tags=("export", "download", "bug"),
        body="""Your invoices, receipts and a CSV export of your order history are all under
Account > Downloads on the website. If a download button is greyed out, the file comes through
empty, or you get an error, the checks below fix most cases. If they don't, a good bug report
gets it in front of our engineers quickly.

## Download a file

1. Sign in on the website and go to **Account > Downloads**.
2. Choose what you need: an invoice, a receipt, or **Export orders (CSV)**.
3. For the CSV export, pick a date range first; the button stays greyed out until you do.

## When exports and downloads fail

- **The CSV file only has the headers.** There are no orders in the date range you chose; widen
  it and try again.
- **Nothing happens when you click.** Allow pop-ups and downloads for our site in your browser.
- **An error, such as HTTP 500, appears.** Wait a minute and try again, then try another browser.
- **It fails in the app.** The app hands downloads to the website, so use the website directly.

## How to write a bug report

Whatever the problem, a bug report with these details saves everyone a round of questions:

1. What you were trying to do, and where (the page or screen).
2. What you expected to happen, and what happened instead.
3. The exact error message, and roughly what time you saw it.
4. Your browser or app version, and your device.
5. A screenshot, if you can take one.

We log every bug report with our engineers and tell you when the fix is out. In the meantime
we can send you the file you need by email.

[Open a ticket](/tickets/new) in the Technical issue category to report a bug or to ask for a
download you can't get yourself.""",
    ),
    DemoArticle(
        category="Technical issue",
        title="Which phones and browsers does the app support?",
        tags=("compatibility", "browser", "app"),
        body="""The app runs on iOS 16 and Android 11 or later, on both phones and tablets. The
website supports the two most recent versions of Chrome, Firefox, Safari and Edge. Your saved
items and orders also work offline in the app once they have loaded, which is handy when
travelling.

## App and browser support

| Where | Supported |
|---|---|
| App on iOS phones and tablets | iOS 16 or later |
| App on Android phones and tablets | Android 11 or later |
| Website | The two most recent versions of Chrome, Firefox, Safari and Edge |
| Older browsers | May load, but pages can look broken and payments may fail |

## Can't find the app in the store?

The store only lists the app for devices that meet the system version above. If you can't find
it:

1. Install your device's system updates, then search the store again.
2. If your device can't update that far, use the website in your browser instead: it does
   everything the app does.

## Using the app offline

- Orders, tracking details and saved items you have opened are kept on your device.
- Browsing new products, checkout and support tickets need a connection.
- Anything you change offline, such as saving an item, is sent the next time you're online.

## The website looks broken in my browser

Buttons that overlap or images that don't load almost always mean an old browser version or an
extension getting in the way. Update the browser, set the zoom to 100% and try a private window.

If you have a compatibility question about a device or browser not listed here, [ask
us](/tickets/new) and tell us the model and version.""",
    ),
    # Product question
    DemoArticle(
        category="Product question",
        title="My gadget stopped working: reset, warranty and spare parts",
        tags=("warranty", "reset", "spare-parts"),
        body="""Most gadgets that stop working or stop responding come back with a reset. If the
reset doesn't help, every product we sell has a two-year warranty: we replace it, or refund it
if we can't. For everything else, from a cracked lid to a worn handle, we stock spare parts for
five years.

## Reset a gadget that stopped working

This works for the Aero wireless earbuds, Pebble power bank, Lumen desk lamp, Pulse fitness
tracker, Sona bluetooth speaker and Volt charging dock:

1. Hold the power button for 15 seconds, until the light blinks twice.
2. Charge it for an hour with the cable that came in the box. Other chargers may not be strong
   enough to wake a flat battery.
3. Switch it on. For a Bluetooth gadget, remove it from your phone's Bluetooth list and pair it
   again.

If the battery drains overnight or lasts much less than the product page says, update the
firmware from the companion app before anything else.

## What the warranty covers

| Problem | Covered? |
|---|---|
| Stops working or charging within two years | Yes: replacement or refund |
| A part breaks in normal use within two years | Yes: free spare part |
| Wear after two years | No, but spare parts are for sale |
| Drops, spills and other accidents | No |

## Spare parts

Spare parts for every product are on its product page under **Parts**: lids, handles, straps,
cables, ear tips and more. Within the warranty we send them free.

If the reset doesn't fix it, you have a warranty question, or you need a part you can't find,
[open a ticket](/tickets/new) with your order number and a photo of the problem.""",
    ),
    DemoArticle(
        category="Product question",
        title="Is the jacket waterproof?",
        tags=("waterproof", "jacket", "rain"),
        body="""Our jackets are water-resistant rather than fully waterproof. They keep out
showers, drizzle and wind, but not hours of heavy rain: after a long downpour the shoulders,
where backpack straps press the fabric, are usually the first place to wet through. The
water-repellent finish wears off with use and washing, and a wash-in proofer brings it back.

## How each jacket copes with rain

| Jacket | Showers | An hour of steady rain | Hours of heavy rain |
|---|---|---|---|
| Harbor rain jacket | Yes | Yes | No |
| Storm shell jacket | Yes | Yes | No |
| Coast waxed jacket | Yes | Yes, when re-waxed | No |
| Fjord parka | Yes | Mostly | No |
| Ridge softshell jacket | Yes | No | No |
| Alpine down jacket | Light showers | No | No |

## Bring the water repellency back

If rain no longer beads on the fabric but soaks in:

1. Wash the jacket cool with a cleaner made for outdoor clothing; ordinary detergent and fabric
   softener strip the finish.
2. Run a second wash with a wash-in proofer.
3. Dry it on low heat or hang it to dry.

The Coast waxed jacket is different: rub in fresh wax once a year instead of using a proofer.

## Not waterproof as advertised?

If the product page told you the jacket was waterproof, that's our mistake, and we'll put it
right with a refund or a free return, even if you have worn it. Tell us which page and what it
said, so we can correct it.

For any other question about how a jacket copes with the weather you're buying it for, [ask
us](/tickets/new) before you order.""",
    ),
    DemoArticle(
        category="Product question",
        title="Which size should I order?",
        tags=("size", "size-chart", "fit"),
        body="""Our jackets run slightly small around the shoulders, so if you're between two
sizes, or want to wear a thick jumper underneath, go one size up. Use the size chart below with
a measurement of your chest, and remember that exchanges are free if the size turns out wrong.

## Size chart for the jackets

Measurements are of the jacket itself, in centimetres.

| Size | Chest | Length | Sleeve |
|---|---|---|---|
| XS | 92 | 68 | 60 |
| S | 98 | 70 | 62 |
| M | 104 | 72 | 64 |
| L | 110 | 74 | 66 |
| XL | 116 | 76 | 67 |
| XXL | 122 | 78 | 68 |

This chart is for the Harbor rain jacket, Fjord parka, Ridge softshell jacket, Storm shell
jacket, Coast waxed jacket and Alpine down jacket.

## How to measure

1. Lay a jacket that fits you well flat on a table and zip it up.
2. Measure straight across the chest, just below the arms, and double it.
3. Compare that number with the Chest column and pick the size closest to it.

## Which size? Quick advice

- **Between sizes:** go one size up.
- **Layering** for cold weather: go one size up.
- **Fitted look:** the Ridge softshell jacket is cut close to the body; take your usual size
  if you like it snug.
- **Long arms:** check the Sleeve column rather than the Chest.

## Wrong size?

Exchanges are free within 30 days of delivery, as long as the jacket is unworn with its tags on.
See our article on exchanging for another size.

If you'd like advice for a particular jacket, [ask us](/tickets/new) with your chest
measurement and your usual size, and we'll recommend one.""",
    ),
    DemoArticle(
        category="Product question",
        title="Does the gadget work with my phone?",
        tags=("compatibility", "bluetooth", "pairing"),
        body="""Our Bluetooth gadgets pair directly with any phone running iOS 16 or Android 11 or
later: you don't need an app to use them. The free companion app is only needed for firmware
updates, and some features need the latest firmware, so install it once when you set the gadget
up.

## Compatibility with your phone

| Gadget | How it connects | Needs the app? |
|---|---|---|
| Aero wireless earbuds | Bluetooth, pairs directly | Only for firmware updates |
| Sona bluetooth speaker | Bluetooth, pairs directly | Only for firmware updates |
| Pulse fitness tracker | Bluetooth | Yes, to see your workout history |
| Volt charging dock | Wireless charging | No; works with phones that charge wirelessly |
| Pebble power bank | USB-C cable | No; works with any phone |
| Lumen desk lamp | No phone needed | No |

## Pair a Bluetooth gadget

1. Charge the gadget fully before the first use.
2. Hold its power button until the light flashes: it's now ready to pair.
3. On your phone, open the Bluetooth settings and choose the gadget from the list.
4. Open the companion app and install any firmware update it offers.

## The connection keeps dropping

- Remove the gadget from your phone's Bluetooth list, then pair it again.
- Update the firmware from the companion app.
- Keep the phone within about ten metres, without walls in between.
- Disconnect other Bluetooth devices you're not using.

If the product page said your phone would work and the gadget still won't connect, [open a
ticket](/tickets/new) with the phone model and system version: we'll help you get it working, or
take the gadget back.""",
    ),
    DemoArticle(
        category="Product question",
        title="What is it made of, and how do I care for it?",
        tags=("care", "materials", "washing"),
        body="""Most of what we sell is made in Portugal from recycled materials, and everything is
certified free of harmful substances. Each product page lists what the product is made of and
how to look after it under **Care and materials**, and the care label has the washing details.
Below are answers to the care question we're asked most often about each product.

## Care for each product

| Product | Washing | Good to know |
|---|---|---|
| Jackets | Wash cool at 30°C, no fabric softener | Renew the water-repellent finish now and then |
| Bamboo sheet set | Wash at 40°C, line dry | Softer after the first few washes |
| Tundra sleeping bag | Hand wash, or a large machine on wool | Store it loose, not in its sack |
| Trail 45L backpack | Sponge clean; never in the machine | Dry it open and out of the sun |
| Cast-iron skillet | Rinse hot, no dishwasher | Dry on the hob and wipe with oil |
| Nomad travel mug | Lid by hand; the mug in the dishwasher | Take the lid seal out to clean it |
| Ceramic pour-over set | Dishwasher | Avoid sudden changes of temperature |

## Materials at a glance

- **Recycled:** the jackets' shell fabrics, the backpack and the sleeping bag's filling.
- **No animal products:** everything except the Alpine down jacket, which uses recycled down,
  and the Coast waxed jacket, whose wax contains beeswax.
- **Made in Portugal:** the jackets, the bamboo sheet set and the ceramic pour-over set.

## A smell from a new product

Coated fabrics and new cast iron can smell for a few days. It's harmless: air the product out in
an open room and the smell fades within a week.

If your question about a product isn't answered here or on its page, [ask us](/tickets/new) and
we'll check the details with our product team.""",
    ),
    DemoArticle(
        category="Product question",
        title="Colour and restock: will it come back in my colour?",
        tags=("colour", "restock", "stock"),
        body="""Our product photos are taken in daylight, so a colour can look a shade lighter or
darker on your screen than in real life; the small colour swatch on the product page is the
closest match to the fabric. When a colour is sold out, sign up for a restock alert on the
product page and we'll email you the moment it's back.

## Why the colour of the product looks different

- Screens show colours differently, especially phones with night mode or a warm display
  setting.
- Indoors, in artificial light, darker colours such as navy, charcoal, slate blue and burgundy
  look darker still.
- Earthy colours such as olive, sand, rust and oat shift most between daylight and indoor light.

Not sure? Ask us for a photo of the product in your colour taken from stock in daylight.

## Restock alerts

1. Open the product page and choose the colour you want.
2. If it's sold out, click **Notify me** and confirm your email address.
3. We email you once when it's back in stock, and you can buy it straight away.

Restock dates on the product page come from our suppliers and sometimes move. If a date has
slipped more than once, ask us: we can often put one aside for you at the price you saw.

## Which colours does a product come in?

Every colour we sell is shown on the product page, including sold-out colours, which are greyed
out. A colour that isn't shown isn't planned yet, but we pass every request to our product team.

## Colour not what you expected?

Colour exchanges are free within 30 days of delivery, as long as the item is unused.

For a question about a colour or a restock date, [ask us](/tickets/new) with the product and
the colour you want.""",
    ),
    # Returns & refunds
    DemoArticle(
        category="Returns & refunds",
        title="Where is my refund?",
        tags=("refund", "store-credit", "card"),
        body="""We send your refund within 2 days of your return reaching our warehouse, and it
goes back to the card or payment method you paid with unless you asked for store credit. Banks
then take 3-5 business days to show it, and occasionally up to 10. If your refund for an order
is still not received after that, we give you a reference your bank can trace.

## How long a refund takes

| Step | How long |
|---|---|
| Your return travels back to us | Usually 2-4 working days |
| We check it and send the refund | Within 2 days of it reaching us |
| Your bank shows the refund | 3-5 business days, up to 10 |

## Refund still not received?

1. Open **Account > Orders** and choose the order to see the refund status.
2. **"Return on its way"**: we haven't received it yet; the courier's tracking shows where it is.
3. **"Refund pending"** for more than 2 days: something is stuck on our side, so please tell us.
4. **"Refund sent"**: give your bank 10 business days, then ask us for the refund reference,
   which your bank can use to trace the payment.

## Store credit or card refund?

- Refunds go to the original payment method by default.
- Store credit is only used when you choose it in the return form, or for a gift return.
- Chose store credit and changed your mind? Tell us before the refund is sent and we'll switch
  it to your card.
- Paid by bank transfer? We'll ask for your account details before sending the refund.

If your refund hasn't arrived within 10 business days of being sent, or the status has been
stuck for a while, please [open a ticket](/tickets/new) with the order number and we'll chase
it.""",
    ),
    DemoArticle(
        category="Returns & refunds",
        title="What is your return policy, and how do I get a return label?",
        tags=("return", "return-label", "policy"),
        body="""You can return anything within 30 days of delivery, sale items included, and you
can open the box as long as the item is unused. You don't need the receipt or the original box,
and returning is free: we send a prepaid return label with a QR code that any of the courier's
drop-off points can scan. Your refund goes out within 2 days of the parcel reaching us.

## Can I still return this?

| Situation | Can I return it? |
|---|---|
| Unused, within 30 days of delivery | Yes |
| Sale or discounted item | Yes, same 30 days |
| Box opened, item unused | Yes |
| Worn or used, not faulty | No |
| Faulty | Yes, for two years under the warranty |
| A gift | Yes; the refund goes to the recipient as store credit |

## Returning an order

1. Go to **Account > Orders**, choose the order and click **Return items**.
2. Pick the items you're returning and tell us why; it helps, but it doesn't change the refund.
3. We email you a return label with a QR code. No printer? Show the QR code at the drop-off
   point and they print the label for you.
4. Drop the parcel off and keep the receipt until your refund arrives.

Returning a gift without the order number? Ask the person who gave it, or open a ticket with
their name and we'll find the order.

## Return label not working?

If the drop-off point turns you away or the label hasn't arrived, reply to the return email or
open a ticket with your order number. We'll send a fresh return label straight away.

Any other return policy question, or a day or two past the 30 days? [Open a
ticket](/tickets/new) and tell us what happened; we'd rather look at it than say no.""",
    ),
    DemoArticle(
        category="Returns & refunds",
        title="Can I exchange an item for another size?",
        tags=("exchange", "size", "swap"),
        body="""Yes: size and colour exchanges are free within 30 days of delivery, as long as the
item is unworn with its tags on. Start an exchange request from your order, send the item back
with the label we email you, and we ship the new size as soon as the courier scans your parcel,
without waiting for it to reach our warehouse.

## Swap for another size

1. Go to **Account > Orders**, choose the order and click **Exchange**.
2. Pick the size you want instead. If it's in stock, we reserve it for you.
3. Pack the item and attach the return label we email you.
4. Drop the parcel off. Once the courier scans it, your new size is on its way, with its own
   tracking number.

## Exchange request, step by step

| Step | When |
|---|---|
| New size reserved | As soon as you request the exchange |
| New size dispatched | When the courier first scans your return |
| Exchange complete | When your return reaches our warehouse |

## Good to know

- **We sent the wrong size?** Then it's our mistake: we ship the right size straight away, and
  you can send the wrong one back when it suits you.
- **Ordered two sizes to try on?** Return the one you don't keep as a normal return for a
  refund; there's no need for an exchange.
- **New size out of stock?** Choose a refund instead, or sign up for a restock alert and
  exchange when it's back.
- Not sure which size to choose? See our article on which size to order.

If your exchange hasn't arrived a week after you sent the item back, or we've sent the same size
again, [open a ticket](/tickets/new) with the order number and we'll fix it the same day.""",
    ),
    DemoArticle(
        category="Returns & refunds",
        title="How do I return a faulty item?",
        tags=("faulty", "return", "warranty"),
        body="""A faulty item can be returned for a full refund or a replacement, whichever you
prefer, and returning a faulty item never costs you anything: the return shipping is on us.
Within 30 days of delivery the choice is yours; after that, the two-year warranty covers it with
a repair, replacement or refund.

## Returning a faulty item

1. Go to **Account > Orders**, choose the order and click **Return items**.
2. Pick **Faulty** as the reason and describe the fault in a sentence or two.
3. Add a photo or a brief video of the fault if you can: it speeds things up.
4. Choose **Refund** or **Replacement**, and we email you a prepaid return label.

For some faults we refund or replace the item without waiting for it to come back; we'll tell
you if that applies.

## What you get

| When the fault appears | What we offer |
|---|---|
| Within 30 days of delivery | Full refund or replacement, your choice |
| Within two years | Repair or replacement; a refund if neither is possible |
| After two years | Spare parts, and an honest answer about a repair |
| After a drop or a spill | Not covered, but spare parts are available |

## Before you send it back

- For a gadget that won't turn on or charge, try the reset in our article on gadgets that
  stopped working: it often brings them back.
- Unpair the gadget from your phone and switch it off.
- Keep all the parts together, including the cable from the box.

If the fault has happened before on the same product, tell us: we'll offer a refund rather
than another one of the same model. [Open a ticket](/tickets/new) with your order number for
anything the returns form can't handle.""",
    ),
)

# Left uncovered on purpose: "Refund amount for {order}" / "Refund is short" (Returns & refunds),
# "Sync not working" / "Data out of sync" (Technical issue), and "Account security" /
# "Suspicious activity on my account" / "Is my account safe?" (Account & sign-in). Each recurs in
# the demo tickets (demo_phrases.TOPICS), and no article uses their subject words (amount, short,
# sync, security, suspicious, activity, safe), so "topics no article covers yet" has something
# to show.
