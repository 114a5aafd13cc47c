"""Per-intent text templates: subjects, customer questions, bot and agent answers, article titles.

A few variants each, so that "top unanswered questions" finds repeats. Placeholders ({order},
{date}, {amount}) are filled in SQL; order numbers and dates must survive personal-data masking.
"""

from __future__ import annotations

# intent: (subjects, openers, follow-ups, bot answers, agent answers, article titles)
INTENT_TEXTS: dict[str, tuple[tuple[str, ...], ...]] = {
    "order_status": (
        ("Where is my order {order}?", "Order {order} status", "Still waiting for my order"),
        (
            "Where is my order?",
            "Hi, where is my order {order}? It was supposed to arrive on {date}.",
            "has my order shipped yet",
            "Can you tell me the status of order {order}?",
            "¿Dónde está mi pedido?",
            "Wo ist meine Bestellung?",
        ),
        ("It still says processing", "The tracking link doesn't work", "when will it arrive"),
        (
            "Your order {order} is on its way and should arrive within 2 business days.",
            "Order {order} was handed to the carrier on {date}. Here is your tracking link: https://track.example.com/{order}",
            "I can see order {order} is packed and ships today.",
        ),
        (
            "I checked with the warehouse: order {order} left on {date}, tracking is updated now.",
            "Sorry for the delay! Order {order} was stuck at the depot; it is back in transit.",
        ),
        ("Track your order", "Order statuses explained", "Why is my order late?"),
    ),
    "password_reset": (
        ("Can't log in", "Password reset not working", "Locked out of my account"),
        (
            "I forgot my password",
            "I can't log in, the reset email never arrives",
            "how do I reset my password",
            "My account is locked after too many attempts",
            "Je n'arrive pas à me connecter",
        ),
        ("I didn't get the email", "The link says expired", "still can't get in"),
        (
            "I've sent a password reset link to the email on your account. It is valid for 30 minutes.",
            'You can reset your password from the login page: click "Forgot password" and follow the steps.',
            "Your account was unlocked. Try logging in again in a minute.",
        ),
        (
            "I reset the login manually and sent you a temporary password.",
            "The reset emails were going to an old address; I updated it and sent a new link.",
        ),
        ("Reset your password", "Unlock a locked account"),
    ),
    "shipping": (
        ("Shipping question", "Delivery options", "Shipping to my country"),
        (
            "Do you ship to Canada?",
            "how much is express shipping",
            "Can I change my delivery address for {order}?",
            "What are the shipping costs?",
            "Can I pick a delivery date?",
        ),
        ("What about weekends?", "and for international orders?", "ok but how long does it take"),
        (
            "We ship to 40 countries; standard delivery takes 3-5 business days, express 1-2.",
            "Express shipping costs {amount} and is available at checkout.",
            "You can change the delivery address until the order ships, from your account page.",
        ),
        (
            "I changed the delivery address for order {order}; the carrier has the new one.",
            "Express is available for your area; I applied it to order {order} at no cost.",
        ),
        ("Shipping times and costs", "Change a delivery address", "Countries we ship to"),
    ),
    "returns": (
        ("Return request", "How do I return an item", "Return label for {order}"),
        (
            "I want to return an item",
            "How do I return order {order}?",
            "can I exchange for another size",
            "The item arrived damaged, I want to send it back",
            "what is your return policy",
        ),
        ("I don't have a printer", "it's been more than 30 days", "where do I drop it off"),
        (
            "You can return items within 30 days. Here is your return label for order {order}.",
            "Start a return from your orders page; we'll email you a prepaid label.",
            "Exchanges are free: choose the new size when you start the return.",
        ),
        (
            "I created the return for order {order} and emailed you the label.",
            "Since the item arrived damaged, no need to send it back; a replacement is on the way.",
        ),
        ("Start a return", "Return policy", "Exchanges"),
    ),
    "refund_exception": (
        ("Refund outside the return window", "Refund request", "I want my money back"),
        (
            "I need a refund but it's past 30 days",
            "I was charged {amount} for something I returned",
            "Can I get a refund for order {order}? It broke after 2 months",
            "I want a refund, the product never worked",
            "refund for a gift I received",
        ),
        ("but the policy is unfair", "I already returned it on {date}", "the item is defective"),
        (
            "Refunds are possible within 30 days of delivery. Your order is outside that window.",
            "I can't process this refund myself. Let me see what I can do.",
            "Our refund policy covers unused items returned within 30 days.",
        ),
        (
            "I made an exception and refunded {amount} to your original payment method.",
            "I approved a one-time refund of {amount}; you'll see it in 5-10 business days.",
            "I'm sorry, this order isn't eligible, but I added a {amount} credit to your account.",
        ),
        ("Refund policy", "Refund exceptions"),
    ),
    "billing_dispute": (
        ("Wrong charge on my card", "Billing dispute", "Double charged"),
        (
            "I was charged twice this month",
            "Why was I charged {amount}?",
            "There is a charge of {amount} on {date} I don't recognise",
            "my invoice is wrong",
            "You billed me after I cancelled",
        ),
        ("I want this fixed today", "I never agreed to the price increase", "this is the second time"),
        (
            "I see two charges on your account. Disputes are handled by our billing team.",
            "Charges appear as pending for up to 3 days before they drop off.",
            "Your plan renewed on {date} for {amount}.",
        ),
        (
            "You were right, the second charge of {amount} was an error; I refunded it.",
            "The charge was the annual renewal; I switched you to monthly and refunded the difference.",
            "I escalated the dispute to finance; they confirmed the refund of {amount}.",
        ),
        ("Understand your invoice", "Report a wrong charge"),
    ),
    "technical_troubleshooting": (
        ("App keeps crashing", "Error when syncing", "Integration stopped working"),
        (
            "The app crashes when I open settings",
            "I get error 500 when I export",
            "Sync stopped working since the last update",
            "the integration with our CRM is broken",
            "Nothing loads after the update on {date}",
        ),
        ("I already tried that", "It happens on every device", "here is the error: timeout after 30s"),
        (
            "Please try clearing your cache and signing in again.",
            "Make sure you're on the latest version of the app, then restart it.",
            "Could you try disconnecting and reconnecting the integration?",
        ),
        (
            "Our engineers found the cause; a fix was released, please update the app.",
            "I reset the integration token on our side; sync works again.",
            "It was a known bug in version 4.2; the workaround is to disable offline mode.",
        ),
        ("Fix sync errors", "Troubleshoot app crashes", "Reconnect an integration"),
    ),
    "account_update": (
        ("Update my details", "Change email address", "Add a user"),
        (
            "How do I change my email address?",
            "I need to update our billing address",
            "can I add a colleague to our account",
            "change the name on the account",
            "How do I enable 2FA?",
        ),
        ("where is that setting", "it says I don't have permission", "ok done, thanks"),
        (
            "You can change your email under Settings > Profile.",
            "Admins can add users under Settings > Team > Invite.",
            "Two-factor authentication is under Settings > Security.",
        ),
        (
            "I updated the account details for you.",
            "I gave you admin rights so you can invite your colleague.",
        ),
        ("Update your profile", "Manage team members", "Turn on two-factor authentication"),
    ),
    "product_question": (
        ("Question about features", "Does it support exports?", "Product question"),
        (
            "Does your product support CSV export?",
            "Can I use it offline?",
            "is there an API",
            "What's the difference between Starter and Growth?",
            "Does it integrate with Shopify?",
        ),
        ("what about bulk export?", "and on mobile?", "is that included in my plan"),
        (
            "Yes, you can export any report as CSV from the Reports page.",
            "Our API is documented at https://developer.example.com.",
            "Growth adds automations, integrations and priority support.",
        ),
        (
            "Bulk export is on our roadmap; I added your vote to the request.",
            "Yes, the Shopify integration is included in Growth; I enabled a trial for you.",
        ),
        ("Plans compared", "API overview", "Export your data"),
    ),
    "cancel_subscription": (
        ("Cancel my subscription", "Cancellation", "Stop my plan"),
        (
            "I want to cancel my subscription",
            "How do I cancel?",
            "please cancel my account",
            "cancel my plan before the next renewal on {date}",
        ),
        ("no I don't want a discount", "just cancel it please", "why is this so hard"),
        (
            "Before you go: we can offer you 2 months at 50% off.",
            "You can cancel anytime under Settings > Billing > Cancel plan.",
            "I'm sorry to see you go. May I ask why you're cancelling?",
        ),
        (
            "I cancelled your subscription; you keep access until the end of the billing period.",
            "Your plan is cancelled and no further charges will be made.",
        ),
        ("Cancel your plan", "Pause instead of cancelling"),
    ),
    "invoice_request": (
        ("Invoice copy", "Need an invoice with VAT number", "Receipt for {date}"),
        (
            "Can I get a copy of my invoice?",
            "I need an invoice with our VAT number",
            "where do I download invoices",
            "Please send the receipt for the payment on {date}",
        ),
        ("for last month", "our accountant needs a PDF", "the company name is wrong on it"),
        (
            "You can download every invoice under Settings > Billing > Invoices.",
            "I've emailed you the invoice for {amount} paid on {date}.",
            "Add your VAT number under Billing details; new invoices will show it.",
        ),
        (
            "I re-issued the invoice with your VAT number and emailed it.",
            "Here is the corrected invoice; the company name is fixed.",
        ),
        ("Download invoices", "Add a VAT number"),
    ),
    "pricing_inquiry": (
        ("Pricing question", "Discount for nonprofits?", "Enterprise pricing"),
        (
            "How much does it cost?",
            "Do you have a discount for annual plans?",
            "What does the enterprise plan cost for 50 users?",
            "Is there a free trial?",
            "do you offer nonprofit pricing",
        ),
        ("and for 10 seats?", "can I talk to sales", "is there a setup fee"),
        (
            "Starter is 49 per month; Growth starts at 99 plus 15 per seat.",
            "Annual plans get two months free.",
            "Yes: every plan starts with a 14-day free trial.",
        ),
        (
            "I sent you a quote for 50 seats with the annual discount.",
            "We offer 30% off for nonprofits; I applied it to your trial.",
        ),
        ("Pricing and plans", "Free trial"),
    ),
}

SUBJECT, OPENER, FOLLOWUP, BOT_ANSWER, AGENT_ANSWER, KB_TITLE = range(6)
