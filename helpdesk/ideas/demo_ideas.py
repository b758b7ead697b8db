"""The demo idea board: what the shop's customers ask for, and what the team says back."""

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoIdea:
    """One idea: its category, title, body (Markdown), where it ended up, and the talk."""

    category: str
    title: str
    body: str
    status: str  # new, under_review, planned, in_progress, done, declined
    status_notes: tuple[str, ...]  # one public note per status step, from the first move on
    comments: tuple[str, ...]  # customers' comments, in order
    official: str = ""  # a staff comment, if the team answered
    popularity: float = 0.5  # 0..1: how many of the demo customers vote for it


CATEGORIES = (
    "Mobile app",
    "Website & checkout",
    "Delivery",
    "Products",
    "Account & billing",
    "Help & support",
)

IDEAS: tuple[DemoIdea, ...] = (
    # Mobile app
    DemoIdea(
        category="Mobile app",
        title="Dark mode in the app",
        body="""I mostly browse the app in the evening, and the bright white screens are hard on
the eyes after dark. Almost every other app on my phone follows the system's dark setting now,
so the shop app really stands out, and not in a good way.

What I'd like:

- A dark theme that follows the phone's system setting
- A manual switch in Settings for people who want it on all the time
- Product photos left as they are, so the colours of the jackets still look right

It sounds small, but it's the one thing that makes me close the app and pick up my laptop
instead.""",
        status="done",
        status_notes=(
            (
                "Thanks for all the votes! Our app team is looking at how much of the app "
                "would need new colours, and we'll report back here."
            ),
            (
                "Good news: dark mode is planned for the autumn app release. It will follow "
                "your phone's setting, with a manual switch in Settings."
            ),
            (
                "Our designers have finished the dark colours, and the first screens are now "
                "being tested by a small group of customers."
            ),
            (
                "Dark mode is out in the latest app version. Update the app, then go to "
                "Settings > Appearance to pick light, dark or automatic."
            ),
        ),
        comments=(
            "Yes please, my eyes thank you in advance.",
            (
                "Make sure the order tracking map works in dark mode too, other apps always "
                "forget that one."
            ),
            "Still waiting for this, it's been months.",
            "I'd settle for just the product pages in dark to start with.",
        ),
        official=(
            "Thank you for your patience on this one. Dark mode was more work than it looked, "
            "because every screen and icon needed a second set of colours, but it's live now. "
            "If you spot a screen that still looks too bright, tell us in the comments."
        ),
        popularity=0.85,
    ),
    DemoIdea(
        category="Mobile app",
        title="Notify me when my parcel is out for delivery",
        body="""At the moment the app tells me when my order has shipped, and then nothing until
the parcel is on the doorstep (or, more often, a missed-delivery card is). I'd love a push
notification on the morning the courier actually has it out for delivery, ideally with a rough
time window.

That way I could make sure someone is home, or send it to a neighbour or a locker before it's
too late. Email is too slow for this, I don't check it during the day.""",
        status="in_progress",
        status_notes=(
            (
                "Thanks for the idea. We're checking which tracking updates our couriers can "
                "send us, since the notification depends on that."
            ),
            (
                "Two of our three couriers send an out-for-delivery update, so this is "
                "planned for those first."
            ),
            (
                "We're building it now. The notification will include a time window whenever "
                "the courier gives us one."
            ),
        ),
        comments=(
            "This would have saved me two trips to the depot last month.",
            "Please make it optional, I get enough notifications as it is.",
            (
                "Would be even better with a button to redirect the parcel right from the "
                "notification."
            ),
        ),
        official=(
            "We're starting with the two couriers that send us an out-for-delivery update, "
            "which covers most orders. The third is working on it, and we'll add them as soon "
            "as they're ready. The notification will be switched off by default for anyone "
            "who has turned off order updates."
        ),
        popularity=0.7,
    ),
    DemoIdea(
        category="Mobile app",
        title="Update my gadgets' firmware from the shop app",
        body="""I own the Bluetooth speaker and two of the key finders, and every firmware
update means finding the separate updater on my laptop, plugging in a cable and hoping it
recognises the device. It's clunky, and I only find out an update exists when something stops
working.

Since the shop app already knows what I bought, it could:

- tell me when an update is available for one of my gadgets
- install it over Bluetooth while my phone is nearby
- explain what the update fixes in plain words

Happy to test an early version if that helps.""",
        status="planned",
        status_notes=(
            (
                "Thanks for this, and for offering to test! We're checking with our hardware "
                "team whether all our gadgets can take updates over Bluetooth."
            ),
            (
                "This is planned. The key finders and the speaker come first. The older "
                "earbuds can't update over Bluetooth, so they'll stay on the cable updater."
            ),
        ),
        comments=(
            "Yes, the laptop updater is the worst part of owning the speaker.",
            "I didn't even know there were firmware updates. That says it all really.",
            "Count me in for testing too.",
        ),
        official=(
            "We'll invite a few testers from this thread once we have a first version. Thanks "
            "to everyone who offered."
        ),
        popularity=0.6,
    ),
    DemoIdea(
        category="Mobile app",
        title="Order status widget for my home screen",
        body="""Small one, but it would be nice to have a home screen widget that shows my
latest order and where it is: packed, shipped, out for delivery. I often check two or three
times a day when I'm waiting for something, and opening the app, logging in and tapping through
to Orders every time feels like more effort than it should be.

A widget that just shows the status and the expected delivery date would be plenty. Nothing
fancy needed.""",
        status="new",
        status_notes=(),
        comments=(
            "I'd use this, especially around the holidays.",
            "Honestly the app is quick enough for me. I'd rather they fixed other things first.",
        ),
        popularity=0.2,
    ),
    DemoIdea(
        category="Mobile app",
        title="Log in with my fingerprint or face",
        body="""Every time the app logs me out, I have to type my long password on a tiny
keyboard, and then wait for the two-factor code as well. I use a password manager, but it
doesn't always fill in the app's login screen properly.

Please let me unlock the app with my fingerprint or face, like my banking app does. It would be
quicker and safer than me picking a shorter password just to make typing easier, which is
honestly what I'm tempted to do.""",
        status="done",
        status_notes=(
            (
                "Thanks! We agree that logging in is too much work on a phone. Our team is "
                "looking at how to add this safely."
            ),
            (
                "This is planned for the next app release, together with a fix for password "
                "managers on the login screen."
            ),
            "We're building this now, and testing it on as many different phones as we can.",
            (
                "Fingerprint and face unlock are now in the app. Switch them on under "
                "Settings > Security after updating."
            ),
        ),
        comments=(
            "The password manager issue drives me mad too.",
            "Please, I type my password wrong twice every single time.",
            "Can it also be used to approve payments? That would be the next step.",
        ),
        official=(
            "Thanks, everyone. Your password and two-factor settings stay as they are: "
            "fingerprint or face unlock only opens the app on a phone you've already signed "
            "in on."
        ),
        popularity=0.75,
    ),
    DemoIdea(
        category="Mobile app",
        title="A proper tablet layout for the app",
        body="""I use the app on a tablet most of the time, and it's just the phone layout
stretched out: huge product photos, tiny text and lots of empty space at the sides. Landscape
doesn't work at all, the app stays upright.

I'm not asking for a whole new app. Two columns in the product list, a basket that stays visible
at the side and landscape support would make it feel like it was built for the screen. Right now
I mostly give up and use the website on the tablet instead.""",
        status="under_review",
        status_notes=(
            (
                "Thanks for raising this. We're looking at how many of you use the app on a "
                "tablet, and what a two-column layout would take."
            ),
        ),
        comments=(
            "Same here, landscape would be enough for me to start with.",
            "The website works fine on my tablet, so I'm not sure this is worth the effort.",
        ),
        popularity=0.3,
    ),
    DemoIdea(
        category="Mobile app",
        title="Please add a night theme to the app",
        body="""Could the app get a night theme? I read product reviews in bed and the white
background is blinding. I end up turning the brightness all the way down, and then I can't see
the photos properly.

A dark background with light text would fix this for me. I'd also like it to switch on by itself
in the evening if that's possible, but a simple switch in the settings would already be a big
improvement.""",
        status="new",
        status_notes=(),
        comments=("Isn't this the same as the dark mode idea? Worth voting for that one instead.",),
        popularity=0.08,
    ),
    # Website & checkout
    DemoIdea(
        category="Website & checkout",
        title="Save more than one delivery address",
        body="""I send some orders to my office and the rest to home, and right now checkout
only remembers one address. Every time I order to the other one, I have to type the whole thing
again, and more than once I've forgotten to change it and had a parcel go to the wrong place.

Please let me save a few addresses with a name, like Home, Work and Mum's, and pick one at
checkout. Being able to set a default would be good too.""",
        status="done",
        status_notes=(
            (
                "Thanks, this is a common request! We're looking at the checkout and account "
                "pages to see where saved addresses would fit best."
            ),
            (
                "Planned: you'll be able to save up to ten addresses, give them names and "
                "choose a default."
            ),
            "We're building this now, along with a new address book page under Account.",
            (
                "Saved addresses are live. Add them under Account > Addresses, or save a new "
                "one at checkout."
            ),
        ),
        comments=(
            "Sending gifts would be so much easier with this.",
            "I've sent a birthday present to my own flat twice because of this.",
            "Three or four saved addresses would be plenty for me.",
        ),
        official=(
            "Saved addresses now work on the website and in the app. The address you used "
            "before has been saved as your default, so there's nothing you need to do."
        ),
        popularity=0.8,
    ),
    DemoIdea(
        category="Website & checkout",
        title="Show the full price with delivery before the last step",
        body="""I'm a bit annoyed by this one. The basket shows the price of the items, but the
delivery cost only appears on the very last page, after I've typed in my address and card
details. A couple of times the total was noticeably higher than I expected and I gave up on the
order.

Please show the delivery cost in the basket, based on my saved address or a country picker. I
don't mind paying for delivery, I just want to know before I start typing my card number.""",
        status="done",
        status_notes=(
            (
                "You're right, and thanks for saying it plainly. We're looking at how to show "
                "delivery costs earlier."
            ),
            (
                "This is planned for the next website update. Anyone who isn't logged in will "
                "get a country picker in the basket."
            ),
            (
                "We're adding a delivery estimate to the basket, based on your saved address "
                "or the country you pick."
            ),
            (
                "The basket now shows the delivery cost and the full total before checkout. "
                "Thanks for pushing us on this one."
            ),
        ),
        comments=(
            "Totally agree, surprise costs at the end make me leave.",
            "I don't see the problem, the delivery prices are listed in the help centre.",
        ),
        popularity=0.65,
    ),
    DemoIdea(
        category="Website & checkout",
        title="Keep my basket when I switch devices",
        body="""I often add things to my basket on my phone during my commute and then want to
finish the order on my laptop at home, where it's easier to compare sizes. But the basket on the
laptop is empty, even though I'm logged in on both, so I have to find every item again.

The basket should belong to my account, not to the device. The same goes the other way round: if
I start on the laptop, I'd like to see that basket in the app.""",
        status="in_progress",
        status_notes=(
            (
                "Thanks! We're looking at how to store baskets with your account rather than "
                "in your browser."
            ),
            (
                "Planned: your basket will follow your account across the website and the app "
                "whenever you're logged in."
            ),
            (
                "This is in progress. We're testing how to combine two baskets when you've "
                "added items on both devices."
            ),
        ),
        comments=(
            "I thought I was going mad when my basket kept emptying.",
            "Any news on this? It's been months.",
            (
                "Please don't merge them in a way that doubles the quantities, that happened "
                "to me in another shop."
            ),
        ),
        official=(
            "When both devices have items, we'll combine them and keep the larger quantity "
            "rather than adding them up, so nothing doubles by surprise."
        ),
        popularity=0.6,
    ),
    DemoIdea(
        category="Website & checkout",
        title="Pay in instalments for bigger orders",
        body="""A good winter jacket and a bag together add up quickly, and I'd rather spread
the cost over a few months than put it all on my card at once. Plenty of other shops let you
split a payment into three or four parts without interest.

I'd only want it for orders over a certain amount, and with clear terms up front: how many
payments, when they're taken and what happens if one fails. No surprise fees, please.""",
        status="under_review",
        status_notes=(
            (
                "Thanks for the suggestion. We're talking to payment providers about "
                "instalments, and we'll share what we find here, including the terms."
            ),
        ),
        comments=(
            "Would definitely use this for the winter range.",
            "I'd be careful with this, splitting payments makes it far too easy to overspend.",
            "As long as it's interest-free, yes.",
        ),
        official=(
            "We'd only offer instalments with no interest and no late fees. We're still "
            "working out whether we can do that with a provider we trust."
        ),
        popularity=0.45,
    ),
    DemoIdea(
        category="Website & checkout",
        title="Compare two gadgets side by side",
        body="""I spent ages trying to work out the difference between the two Bluetooth
speakers, flicking between the product pages to compare battery life, weight and water
resistance. A simple compare view would help a lot:

- tick two or three products in the list
- see their specs in a table, one column each
- highlight the rows where they differ

It's mostly useful for the gadgets, I suppose, but it could work for bag sizes too.""",
        status="new",
        status_notes=(),
        comments=(
            (
                "Good idea. The spec lists are in a different order on every page, which "
                "makes it even harder."
            ),
            "For bags I'd love to compare the inside dimensions.",
        ),
        popularity=0.25,
    ),
    DemoIdea(
        category="Website & checkout",
        title="Get rid of the cookie banner",
        body="""Every single time I open the website on a new device, or after clearing my
browser, the cookie banner covers half the screen. I've said no to tracking a dozen times by
now.

Can you just remove it? I'm pretty sure most people click whichever button is biggest to make it
go away, so I don't really see the point.""",
        status="declined",
        status_notes=(
            (
                "Thanks for the feedback. We're looking at what we can and can't change about "
                "the banner."
            ),
            (
                "We can't remove the banner, because the law requires us to ask before "
                "setting any optional cookies. We have made it smaller, and 'Reject all' is "
                "now the same size as 'Accept all'."
            ),
        ),
        comments=(
            "At least make the reject button as big as the accept one.",
            "I think this one is a legal requirement, not really up to them.",
        ),
        official=(
            "Your choice is kept for a year on each browser, so you should only see the "
            "banner again if you clear your cookies or use a new device. If it keeps coming "
            "back more often than that, please open a ticket and we'll look into it."
        ),
        popularity=0.3,
    ),
    DemoIdea(
        category="Website & checkout",
        title="Remember my basket on my phone and laptop",
        body="""Why does my basket disappear when I log in on another device? I put three things
in it on my phone at lunch, opened the website in the evening and it was empty.

I had to search for everything again, and by then one of the jackets had sold out in my size.
The basket should just be saved to my account.""",
        status="new",
        status_notes=(),
        comments=(
            (
                "There's already an idea about keeping the basket across devices, vote for "
                "that one instead."
            ),
            "Sorry about the jacket, that's really frustrating.",
        ),
        popularity=0.06,
    ),
    # Delivery
    DemoIdea(
        category="Delivery",
        title="Choose a delivery day at checkout",
        body="""I work long shifts and I'm only home on certain days, so parcels often end up
going back to the depot. I'd happily pay a little extra to choose the day my order arrives.

Even a simple choice of the next five working days would help. Bonus points for a morning or
afternoon slot, but I know that's harder to promise.""",
        status="planned",
        status_notes=(
            (
                "Thanks for the idea! We're asking our couriers which of them can deliver on "
                "a chosen day."
            ),
            (
                "This is planned for next spring. Where the courier supports it, you'll be "
                "able to pick a day up to a week ahead for a small fee."
            ),
        ),
        comments=(
            "This would be a lifesaver for me.",
            "I'd pay a small fee for this, as long as free standard delivery stays.",
            "Any chance of Saturday as one of the days?",
        ),
        official=(
            "Standard delivery stays free over the usual amount, and choosing a day will be "
            "an extra option on top. Saturday delivery depends on the courier in your area, "
            "so it may not be available everywhere at first."
        ),
        popularity=0.7,
    ),
    DemoIdea(
        category="Delivery",
        title="Deliver to a parcel locker",
        body="""There's a parcel locker at my train station, and being able to send orders there
would solve all my missed-delivery problems. Other shops already let me choose one at checkout.

Ideally I'd pick the locker on a map and get the pick-up code by text or in the app. Bags and
gadgets would fit easily. The big winter jackets maybe not, but I'd live with that.""",
        status="done",
        status_notes=(
            "Thanks! We're looking at which locker networks our couriers work with.",
            (
                "Parcel lockers are planned. We'll start with the largest network in the "
                "country and add others later."
            ),
            "We're adding a locker map to checkout and testing it with a few customers.",
            (
                "You can now choose a parcel locker at checkout. Your pick-up code comes by "
                "email and also shows in the app under your order."
            ),
        ),
        comments=(
            "Best change this year, honestly.",
            "Please include the lockers at supermarkets too, not only the stations.",
            "Lockers are the only way I get parcels at all, I'm never home.",
        ),
        official=(
            "We'll keep adding lockers as our courier does. If your nearest one is missing, "
            "tell us which one in the comments."
        ),
        popularity=0.65,
    ),
    DemoIdea(
        category="Delivery",
        title="Plastic-free packaging for clothes and bags",
        body="""Every jacket I order arrives in a plastic bag, inside a plastic mailer, with
plastic air pillows around it. I know things need protecting, but it feels like a lot for a rain
jacket that can't really break.

Could you switch to paper or card, at least for clothes and bags? I'd much rather have recycled
paper that goes in my normal recycling than soft plastic I can't recycle at home.""",
        status="in_progress",
        status_notes=(
            "Thanks for raising this. We're reviewing all our packaging with our warehouse team.",
            (
                "We're moving clothes and bags to paper mailers and dropping the plastic air "
                "pillows. Gadgets still need extra protection, so we're looking at card "
                "inserts for those."
            ),
            (
                "The first paper mailers are in use for jackets. Bags follow next month, once "
                "the new sizes arrive."
            ),
        ),
        comments=(
            "Really glad to see this.",
            "Please keep the gadgets well protected, my speaker arrived with a cracked case once.",
            "The air pillows are the worst, they go straight in the bin.",
        ),
        popularity=0.5,
    ),
    DemoIdea(
        category="Delivery",
        title="Same-day delivery in bigger cities",
        body="""I'd love the option of same-day delivery, at least in the bigger cities.
Sometimes I realise the evening before a trip that I need a new travel bag or a charger, and by
the time standard delivery arrives I've already left.

Even if it cost extra, it would be worth it for those moments.""",
        status="declined",
        status_notes=(
            (
                "Thanks for the idea. We're looking at what same-day delivery would take for "
                "a shop of our size."
            ),
            (
                "We've decided not to offer same-day delivery for now. Everything ships from "
                "one warehouse, and none of our couriers can deliver the same day from there "
                "at a sensible price."
            ),
        ),
        comments=(
            "Same-day sounds expensive for a small shop, I'd be happy with next-day.",
            "This happens to me before every holiday, I'd pay for it.",
            "Not worth it if it makes normal delivery more expensive.",
        ),
        official=(
            "Next-day delivery is already available for orders placed before 2 pm on working "
            "days, which covers a lot of these last-minute cases. We'll look at same-day "
            "again if our courier options change."
        ),
        popularity=0.4,
    ),
    DemoIdea(
        category="Delivery",
        title="Let me leave a safe-place note for the courier",
        body="""Is there any way to add a delivery note? I'd like to tell the courier to leave
small parcels in the shed behind the house if nobody answers.

At the moment there's no field for it at checkout, and by the time I get the tracking email it's
often too late to arrange anything with the courier directly. A simple note of a line or two
would do.""",
        status="new",
        status_notes=(),
        comments=(
            "The door code for my building would be useful in a note like this too.",
            "Be careful with safe places, my neighbour's parcel was taken from their porch.",
        ),
        popularity=0.3,
    ),
    DemoIdea(
        category="Delivery",
        title="Combine my orders into one parcel",
        body="""I often order something, then remember an hour later that I also wanted a cable
or a strap, so I place a second order. Then two parcels arrive on different days in two big
boxes, and I've paid for delivery twice.

If my orders haven't shipped yet, could you offer to combine them? Ideally with the second
delivery charge refunded. It would save packaging too, which seems like a good thing.""",
        status="under_review",
        status_notes=(
            (
                "Good idea, thanks. We're checking with the warehouse how late we can still "
                "merge two orders before they're packed."
            ),
        ),
        comments=(
            "I do this all the time, would love it.",
            "An 'add to my last order' button would be even simpler.",
        ),
        official=(
            "We like the suggestion of an 'add to my last order' button from the comments, "
            "and we're looking at it as part of this idea."
        ),
        popularity=0.35,
    ),
    DemoIdea(
        category="Delivery",
        title="Let me pick the day my parcel arrives",
        body="""I'm away a lot for work, so my parcels keep getting sent back. Could I choose
the delivery date when I order?

I know which days I'll be home and could plan around it. Right now I just order and hope for the
best, which isn't great when the parcel is an expensive jacket.""",
        status="new",
        status_notes=(),
        comments=(
            "There's already an idea for choosing a delivery day, worth adding your vote there.",
        ),
        popularity=0.05,
    ),
    # Products
    DemoIdea(
        category="Products",
        title="Measurements in the size guide for every jacket",
        body="""The size guide just lists S, M and L with a chest range, but the jackets fit
very differently. My medium rain shell fits perfectly, the medium parka is huge. I've returned
two jackets this year because of this, which is annoying for me and must cost you too.

Please add the actual measurements for each jacket:

- chest width
- back length
- sleeve length

Even better, tell us what size the model in the photos is wearing and how tall they are.""",
        status="done",
        status_notes=(
            (
                "Thanks, you're right that one general size chart doesn't help much. We're "
                "measuring every jacket now."
            ),
            (
                "Planned: each jacket page will get its own measurements table, and the "
                "photos will say how tall the model is and what size they're wearing."
            ),
            (
                "We've measured the whole range and are adding the tables now, starting with "
                "the bestsellers."
            ),
            (
                "Every jacket page now has a measurements table, and the photos say what size "
                "the model wears. Let us know if any numbers look off."
            ),
        ),
        comments=(
            "Yes! The parka is definitely cut large.",
            "I sent back a parka for exactly this reason.",
            "Could you do this for the bags too, with the inside measurements?",
        ),
        official=(
            "Thanks for all the returns stories, they helped us see which jackets were the "
            "most confusing. Inside measurements for the bags are on their way too."
        ),
        popularity=0.8,
    ),
    DemoIdea(
        category="Products",
        title="Sell replacement straps and buckles for the bags",
        body="""My messenger bag is four years old and still in great shape, except for the
shoulder strap, which has frayed where it rubs on the buckle. I don't want to buy a whole new
bag for that.

It would be great if you sold spare parts for the bags: straps, buckles, zip pulls, maybe the
rain covers. It would make the bags last even longer, which is surely something you'd want to be
known for.""",
        status="planned",
        status_notes=(
            (
                "We love this idea. We're checking with our bag makers which parts they can "
                "supply separately."
            ),
            (
                "Spare straps and buckles for our three most popular bags are planned for the "
                "autumn. Zip pulls and rain covers will follow if there's demand."
            ),
        ),
        comments=(
            "Same with my backpack, the chest strap clip snapped.",
            "Please include the older models, not just the current ones.",
            "This is exactly what a good shop should do.",
        ),
        popularity=0.5,
    ),
    DemoIdea(
        category="Products",
        title="A fully waterproof commuter backpack",
        body="""I love the commuter backpack, but it's only water-resistant, and after 20
minutes of cycling in real rain my laptop sleeve is damp. I've started putting everything in a
plastic bag inside it, which rather defeats the point.

A roll-top or fully sealed version would be perfect for people who ride to work all year, and
I'd pay more for it. Please keep the laptop sleeve and the side bottle pocket though, they're
the best bits.""",
        status="under_review",
        status_notes=(
            (
                "Thanks for the detailed feedback. Our product team is looking at a sealed "
                "version and what it would mean for weight and price."
            ),
        ),
        comments=(
            "Yes, I cycle too and have the same problem.",
            "A rain cover that packs into the bottom would be a cheaper fix.",
            "I'd buy one tomorrow.",
        ),
        official=(
            "We're now trying out two options: a roll-top version and a rain cover that stows "
            "in the base. Your comments are helping us choose, so keep them coming."
        ),
        popularity=0.45,
    ),
    DemoIdea(
        category="Products",
        title="USB-C charging for the key finder",
        body="""The key finder is the only gadget I own that still charges with the old micro-
USB cable. Everything else I have, including your own speaker, uses USB-C. So I keep one old
cable around just for it, and of course it's never where I need it.

Please move it to USB-C in the next version. I'd even swap my old one for a new one at a
discount if you offered that.""",
        status="in_progress",
        status_notes=(
            "Thanks! Our hardware team agrees, and is checking the change with our supplier.",
            "Our supplier can make the switch, so USB-C is planned for the next key finder.",
            "The USB-C key finder is in production testing now. We'll share the launch date here.",
        ),
        comments=(
            "Finally, one cable for everything.",
            "A trade-in discount would be a nice touch.",
            "Still waiting for this, it's been months.",
        ),
        popularity=0.55,
    ),
    DemoIdea(
        category="Products",
        title="Bring back the olive rain jacket",
        body="""The olive green rain jacket disappeared from the shop last year, and the new
colours just aren't the same. Navy, black and grey are fine, but the olive was what made it
stand out.

Mine is finally wearing out at the cuffs and I'd happily buy the exact same one again. Any
chance of bringing it back, even as a limited run? I'm sure I'm not the only one.""",
        status="new",
        status_notes=(),
        comments=(
            "Not the only one! I'd buy it too.",
            "Or any green, honestly. Everything is so dark these days.",
        ),
        official=(
            "We've passed this on to our product team, who choose the colours for next year. "
            "No promises yet, but votes here really do count."
        ),
        popularity=0.35,
    ),
    DemoIdea(
        category="Products",
        title="Engraving on the leather bags",
        body="""I'd love to give one of your leather bags as a wedding present with the couple's
initials on it. Could you offer engraving or embossing as an option at checkout?

A few letters in a small corner would be enough. I know some shops charge extra for it, and that
would be fine with me.""",
        status="declined",
        status_notes=(
            "Thanks for the lovely idea. We're looking into what engraving would involve.",
            (
                "We've decided not to offer engraving for now. Personalised bags can't be "
                "returned or resold, and we'd need new equipment in our warehouse. Sorry to "
                "disappoint."
            ),
        ),
        comments=(
            "Would love this for gifts too.",
            "A local leather workshop might do it for you, mine did.",
        ),
        popularity=0.2,
    ),
    # Account & billing
    DemoIdea(
        category="Account & billing",
        title="Let me pause my Plus subscription",
        body="""I travel for two or three months every year and don't use Plus while I'm away,
but the only option is to cancel. Then I lose my member prices and have to sign up again when I
get back.

A pause button would be perfect:

- pause for one to three months
- no charge while paused
- it restarts on its own, with a reminder email a week before

I'd honestly stay a member for longer if I could do this.""",
        status="done",
        status_notes=(
            (
                "Thanks, this comes up a lot in support tickets too. We're looking at how "
                "pausing would work with billing."
            ),
            (
                "Pausing is planned: up to three months at a time, no charge while paused, "
                "and a reminder before it restarts."
            ),
            "We're building the pause option into Account > Billing now.",
            (
                "You can now pause your plan for one to three months under Account > Billing. "
                "We'll email you a week before it restarts."
            ),
        ),
        comments=(
            "This is the one I've been waiting for.",
            "Please make it work for Family too, not just Plus.",
            "I'd even pay a small fee to keep my member prices while paused.",
            "It would be good to be able to end the pause early.",
            "Finally. I cancelled last year just because of this.",
        ),
        official=(
            "Pausing works for Plus, Family and Team, and you can end a pause early at any "
            "time from the same page."
        ),
        popularity=0.9,
    ),
    DemoIdea(
        category="Account & billing",
        title="Switch between Family and Team without cancelling",
        body="""We started on Family for the household, but now my partner and I run a small
business and Team makes more sense for us. The only way to switch seems to be cancelling Family,
waiting for the period to end, starting Team from scratch and inviting everyone again.

Please let me change plan directly, keep the people I've invited and just adjust the price for
the rest of the month.""",
        status="planned",
        status_notes=(
            (
                "Thanks for explaining your situation so clearly. We're looking at what needs "
                "to change to allow direct switches."
            ),
            (
                "Planned: you'll be able to switch between Plus, Family and Team under "
                "Account > Billing, keep your members and pay only the difference for the "
                "rest of the period."
            ),
        ),
        comments=(
            "Same problem going the other way, from Team to Family.",
            "Keeping the invited members is the important bit.",
        ),
        official=(
            "Until this is ready, our support team can switch your plan by hand. Open a "
            "ticket and we'll make sure your members stay on it."
        ),
        popularity=0.4,
    ),
    DemoIdea(
        category="Account & billing",
        title="Download all my invoices at once",
        body="""At the end of the year I need all my invoices for my accounts, and right now I
have to open every single order and download its invoice one by one. For a year of Team renewals
plus a few orders, that's a lot of clicking.

A button that downloads all the invoices for a date range as one zip file, or one combined PDF,
would save me an hour every January.""",
        status="under_review",
        status_notes=("Thanks! We're looking at how to add a bulk download to Account > Orders.",),
        comments=(
            "Every January, the same pain.",
            "A monthly email with the invoice attached would also work for me.",
        ),
        popularity=0.3,
    ),
    DemoIdea(
        category="Account & billing",
        title="Remind me before my yearly renewal",
        body="""I was charged for another year of Plus that I'd honestly forgotten about. I'm
not saying it was wrong, the renewal date was in my account, but a year is a long time and a
quick heads-up would have been fair.

Could you send an email two weeks before a yearly renewal, with the date, the price and where to
cancel? Monthly plans probably don't need it.""",
        status="planned",
        status_notes=(
            (
                "Thank you for being so fair about this. We agree a reminder is the right "
                "thing to do."
            ),
            (
                "Planned: from next month we'll email you 14 days before any yearly renewal, "
                "with the date, the price and how to change or cancel your plan."
            ),
        ),
        comments=(
            "It caught me out too, a full year's price is a lot to see on your statement.",
            "This should really be standard everywhere.",
            "Please also tell me when a price changes.",
        ),
        official=(
            "As one of the comments suggests, we'll also email you before any price change. "
            "That goes out together with the renewal reminder."
        ),
        popularity=0.6,
    ),
    DemoIdea(
        category="Account & billing",
        title="Gift a Plus subscription",
        body="""My dad loves the gadgets and would definitely use the Plus member prices, but
he'd never sign up himself. I'd like to give him a year of Plus as a birthday present.

Something like a gift code I can print or email, which he can redeem on his own account without
needing my card details, would be perfect. A nice card design would be a bonus.""",
        status="new",
        status_notes=(),
        comments=(
            "Great idea for the holidays.",
            "Gift cards in general would be nice, not just for Plus.",
        ),
        popularity=0.3,
    ),
    DemoIdea(
        category="Account & billing",
        title="A cheaper Family plan for two people",
        body="""Family is priced for five people, but it's just me and my partner. Paying the
full Family price for two feels wasteful, and two separate Plus plans cost about the same.

Could you add a smaller plan for two people at a lower price? I think a lot of couples are in
the same situation, and it would make the choice much easier.""",
        status="declined",
        status_notes=(
            "Thanks for the suggestion. We're looking at the numbers for a two-person plan.",
            (
                "We've decided not to add a fourth plan. Family already costs less than two "
                "Plus plans, and another option would make choosing harder for everyone. "
                "Sorry this isn't the answer you hoped for."
            ),
        ),
        comments=(
            "Same here, two of us on a plan for five.",
            "Lots of services have a plan for two now, it seems a fair ask.",
            "I'd rather they kept it simple, three plans is plenty.",
        ),
        popularity=0.35,
    ),
    DemoIdea(
        category="Account & billing",
        title="Add my company's VAT number to invoices",
        body="""I buy bags and chargers for our small office on my own account and then claim
them back. Our accountant needs the company name and VAT number on the invoice, and there's
nowhere to add them.

At the moment I email support each time to get a corrected invoice, which they kindly do, but
it's slow for both of us. A field for the company name and VAT number in the account settings
would solve it.""",
        status="new",
        status_notes=(),
        comments=(
            "Same for us, our Team plan invoices need this too.",
            "Yes please, I've had to ask support three times.",
        ),
        official=(
            "Thanks for flagging this. Until there's a field for it, support can still "
            "reissue an invoice with your company details, usually within a working day."
        ),
        popularity=0.15,
    ),
    # Help & support
    DemoIdea(
        category="Help & support",
        title="Live chat at weekends",
        body="""Weekends are when I actually have time to shop and sort things out, but that's
exactly when live chat is closed. Last Saturday my payment kept failing, and the only option was
a ticket that wasn't answered until Monday. By then the jacket had sold out in my size.

Even reduced hours, say Saturday morning, would help. I'm not expecting the full team, just
someone who can help with orders and payments.""",
        status="under_review",
        status_notes=(
            (
                "Thanks, and sorry about the jacket. We're looking at our ticket numbers to "
                "see which weekend hours would help most."
            ),
        ),
        comments=(
            "Saturday mornings would cover most of my problems.",
            "Tickets are fine for me, I don't mind waiting until Monday.",
            "It's been months since I voted for this, any update?",
        ),
        official=(
            "A quick update: weekend tickets have gone up a lot, so we're trying out a "
            "Saturday morning shift. We'll report back here in a few weeks."
        ),
        popularity=0.55,
    ),
    DemoIdea(
        category="Help & support",
        title="Show where my ticket is in the queue",
        body="""When I open a ticket I get an automatic reply and then nothing until someone
answers, sometimes two days later. I never know whether it's been seen, whether it's waiting on
me or whether it got lost.

A simple status on the ticket page would help:

- received
- being looked at
- waiting for you
- answered

An estimated reply time would be even nicer, but I'd settle for knowing it hasn't vanished.""",
        status="new",
        status_notes=(),
        comments=(
            "An estimated wait would stop me sending follow-ups.",
            "I've never waited more than a day, so this doesn't bother me much.",
        ),
        popularity=0.2,
    ),
    DemoIdea(
        category="Help & support",
        title="Video guides for pairing the gadgets",
        body="""The pairing instructions in the help centre are just text, and they assume you
know which light means what. I spent half an hour trying to pair the earbuds before I worked out
that a fast blue blink and a slow blue blink mean completely different things.

Short videos, even a minute long, showing each gadget being paired with a phone would help a lot
of people. Maybe also one for resetting them when pairing goes wrong.""",
        status="done",
        status_notes=(
            (
                "Thanks for the idea. We're working out which guides would gain the most from "
                "a video."
            ),
            "Planned: short pairing and reset videos for every gadget we currently sell.",
            (
                "We're filming now, starting with the earbuds and the speaker, which get the "
                "most pairing questions."
            ),
            (
                "Pairing and reset videos are now on every gadget article in the help centre. "
                "The earbuds video also explains what each light means."
            ),
        ),
        comments=(
            "The light colours confused me too.",
            "A reset video would have saved me a return.",
            "Please add captions, I watch these with the sound off.",
        ),
        official="All the videos have captions now. Thanks for the reminder in the comments.",
        popularity=0.6,
    ),
    DemoIdea(
        category="Help & support",
        title="Help centre search that copes with typos",
        body="""The help centre search only finds articles if I type the exact words. I typed
'refnd' by accident and got nothing, and searching for 'send back' didn't find the returns
article either.

I'd like the search to forgive typos and understand a few common ways of saying the same thing:
return or send back, charge or payment, that kind of thing. Otherwise I end up opening a ticket
for things that are already answered.""",
        status="planned",
        status_notes=(
            "Thanks! We checked the searches that find nothing, and typos are a big part of them.",
            (
                "Planned: the help centre search will cope with small typos and common "
                "alternatives, like 'send back' for returns."
            ),
        ),
        comments=(
            "Happens to me on my phone all the time.",
            "Suggested articles while I type would help too.",
        ),
        popularity=0.4,
    ),
    DemoIdea(
        category="Help & support",
        title="Let me reply to support by email",
        body="""When support answers my ticket, I get an email telling me there's a reply, but I
can't just answer that email. I have to click through, log in and type my reply in the form,
which is a real pain on my phone.

It would be much easier if I could reply to the email directly and have it added to the ticket.
Photos, like pictures of a damaged parcel, should come through too.""",
        status="new",
        status_notes=(),
        comments=(
            "Yes, logging in just to say 'thanks, that worked' is silly.",
            "As long as it doesn't make tickets less secure.",
        ),
        popularity=0.25,
    ),
    DemoIdea(
        category="Help & support",
        title="Help centre articles in more languages",
        body="""You ship to several countries, but the help centre is only in English. My mother
is on our Family plan and her English isn't good enough for the more technical articles, like
setting up two-factor login, so I end up translating for her over the phone.

Even just the twenty most-read articles in two or three more languages would help. Machine
translation checked by a person would be fine.""",
        status="new",
        status_notes=(),
        comments=(),
        popularity=0.2,
    ),
)

DUPLICATES: tuple[tuple[str, str], ...] = (
    ("Please add a night theme to the app", "Dark mode in the app"),
    ("Remember my basket on my phone and laptop", "Keep my basket when I switch devices"),
    ("Let me pick the day my parcel arrives", "Choose a delivery day at checkout"),
)
