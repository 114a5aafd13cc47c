"""Per-intent text templates: subjects, customer questions, follow-ups, bot and agent answers, article titles.

A few variants each, so that "top unanswered questions" finds repeats. Placeholders ({order},
{date}, {amount}) are filled in SQL; order numbers and dates must survive personal-data masking.
"""

from __future__ import annotations

KINDS = ("subject", "opener", "followup", "bot_answer", "agent_answer", "kb_title")

# Under each [intent], every kind of KINDS in that order: its first variant after its name, the others below.
_TABLE = """
[order_status]
subject       Where is my order {order}?
              Order {order} status
              Still waiting for my order
opener        Where is my order?
              Hi, where is my order {order}? It was supposed to arrive on {date}.
              has my order shipped yet
              Can you tell me the status of order {order}?
              ¿Dónde está mi pedido?
              Wo ist meine Bestellung?
followup      It still says processing
              The tracking link doesn't work
              when will it arrive
bot_answer    Your order {order} is on its way and should arrive within 2 business days.
              Order {order} was handed to the carrier on {date}. Here is your tracking link: https://track.example.com/{order}
              I can see order {order} is packed and ships today.
agent_answer  I checked with the warehouse: order {order} left on {date}, tracking is updated now.
              Sorry for the delay! Order {order} was stuck at the depot; it is back in transit.
kb_title      Track your order
              Order statuses explained
              Why is my order late?

[password_reset]
subject       Can't log in
              Password reset not working
              Locked out of my account
opener        I forgot my password
              I can't log in, the reset email never arrives
              how do I reset my password
              My account is locked after too many attempts
              Je n'arrive pas à me connecter
followup      I didn't get the email
              The link says expired
              still can't get in
bot_answer    I've sent a password reset link to the email on your account. It is valid for 30 minutes.
              You can reset your password from the login page: click "Forgot password" and follow the steps.
              Your account was unlocked. Try logging in again in a minute.
agent_answer  I reset the login manually and sent you a temporary password.
              The reset emails were going to an old address; I updated it and sent a new link.
kb_title      Reset your password
              Unlock a locked account

[shipping]
subject       Shipping question
              Delivery options
              Shipping to my country
opener        Do you ship to Canada?
              how much is express shipping
              Can I change my delivery address for {order}?
              What are the shipping costs?
              Can I pick a delivery date?
followup      What about weekends?
              and for international orders?
              ok but how long does it take
bot_answer    We ship to 40 countries; standard delivery takes 3-5 business days, express 1-2.
              Express shipping costs {amount} and is available at checkout.
              You can change the delivery address until the order ships, from your account page.
agent_answer  I changed the delivery address for order {order}; the carrier has the new one.
              Express is available for your area; I applied it to order {order} at no cost.
kb_title      Shipping times and costs
              Change a delivery address
              Countries we ship to

[returns]
subject       Return request
              How do I return an item
              Return label for {order}
opener        I want to return an item
              How do I return order {order}?
              can I exchange for another size
              The item arrived damaged, I want to send it back
              what is your return policy
followup      I don't have a printer
              it's been more than 30 days
              where do I drop it off
bot_answer    You can return items within 30 days. Here is your return label for order {order}.
              Start a return from your orders page; we'll email you a prepaid label.
              Exchanges are free: choose the new size when you start the return.
agent_answer  I created the return for order {order} and emailed you the label.
              Since the item arrived damaged, no need to send it back; a replacement is on the way.
kb_title      Start a return
              Return policy
              Exchanges

[refund_exception]
subject       Refund outside the return window
              Refund request
              I want my money back
opener        I need a refund but it's past 30 days
              I was charged {amount} for something I returned
              Can I get a refund for order {order}? It broke after 2 months
              I want a refund, the product never worked
              refund for a gift I received
followup      but the policy is unfair
              I already returned it on {date}
              the item is defective
bot_answer    Refunds are possible within 30 days of delivery. Your order is outside that window.
              I can't process this refund myself. Let me see what I can do.
              Our refund policy covers unused items returned within 30 days.
agent_answer  I made an exception and refunded {amount} to your original payment method.
              I approved a one-time refund of {amount}; you'll see it in 5-10 business days.
              I'm sorry, this order isn't eligible, but I added a {amount} credit to your account.
kb_title      Refund policy
              Refund exceptions

[billing_dispute]
subject       Wrong charge on my card
              Billing dispute
              Double charged
opener        I was charged twice this month
              Why was I charged {amount}?
              There is a charge of {amount} on {date} I don't recognise
              my invoice is wrong
              You billed me after I cancelled
followup      I want this fixed today
              I never agreed to the price increase
              this is the second time
bot_answer    I see two charges on your account. Disputes are handled by our billing team.
              Charges appear as pending for up to 3 days before they drop off.
              Your plan renewed on {date} for {amount}.
agent_answer  You were right, the second charge of {amount} was an error; I refunded it.
              The charge was the annual renewal; I switched you to monthly and refunded the difference.
              I escalated the dispute to finance; they confirmed the refund of {amount}.
kb_title      Understand your invoice
              Report a wrong charge

[technical_troubleshooting]
subject       App keeps crashing
              Error when syncing
              Integration stopped working
opener        The app crashes when I open settings
              I get error 500 when I export
              Sync stopped working since the last update
              the integration with our CRM is broken
              Nothing loads after the update on {date}
followup      I already tried that
              It happens on every device
              here is the error: timeout after 30s
bot_answer    Please try clearing your cache and signing in again.
              Make sure you're on the latest version of the app, then restart it.
              Could you try disconnecting and reconnecting the integration?
agent_answer  Our engineers found the cause; a fix was released, please update the app.
              I reset the integration token on our side; sync works again.
              It was a known bug in version 4.2; the workaround is to disable offline mode.
kb_title      Fix sync errors
              Troubleshoot app crashes
              Reconnect an integration

[account_update]
subject       Update my details
              Change email address
              Add a user
opener        How do I change my email address?
              I need to update our billing address
              can I add a colleague to our account
              change the name on the account
              How do I enable 2FA?
followup      where is that setting
              it says I don't have permission
              ok done, thanks
bot_answer    You can change your email under Settings > Profile.
              Admins can add users under Settings > Team > Invite.
              Two-factor authentication is under Settings > Security.
agent_answer  I updated the account details for you.
              I gave you admin rights so you can invite your colleague.
kb_title      Update your profile
              Manage team members
              Turn on two-factor authentication

[product_question]
subject       Question about features
              Does it support exports?
              Product question
opener        Does your product support CSV export?
              Can I use it offline?
              is there an API
              What's the difference between Starter and Growth?
              Does it integrate with Shopify?
followup      what about bulk export?
              and on mobile?
              is that included in my plan
bot_answer    Yes, you can export any report as CSV from the Reports page.
              Our API is documented at https://developer.example.com.
              Growth adds automations, integrations and priority support.
agent_answer  Bulk export is on our roadmap; I added your vote to the request.
              Yes, the Shopify integration is included in Growth; I enabled a trial for you.
kb_title      Plans compared
              API overview
              Export your data

[cancel_subscription]
subject       Cancel my subscription
              Cancellation
              Stop my plan
opener        I want to cancel my subscription
              How do I cancel?
              please cancel my account
              cancel my plan before the next renewal on {date}
followup      no I don't want a discount
              just cancel it please
              why is this so hard
bot_answer    Before you go: we can offer you 2 months at 50% off.
              You can cancel anytime under Settings > Billing > Cancel plan.
              I'm sorry to see you go. May I ask why you're cancelling?
agent_answer  I cancelled your subscription; you keep access until the end of the billing period.
              Your plan is cancelled and no further charges will be made.
kb_title      Cancel your plan
              Pause instead of cancelling

[invoice_request]
subject       Invoice copy
              Need an invoice with VAT number
              Receipt for {date}
opener        Can I get a copy of my invoice?
              I need an invoice with our VAT number
              where do I download invoices
              Please send the receipt for the payment on {date}
followup      for last month
              our accountant needs a PDF
              the company name is wrong on it
bot_answer    You can download every invoice under Settings > Billing > Invoices.
              I've emailed you the invoice for {amount} paid on {date}.
              Add your VAT number under Billing details; new invoices will show it.
agent_answer  I re-issued the invoice with your VAT number and emailed it.
              Here is the corrected invoice; the company name is fixed.
kb_title      Download invoices
              Add a VAT number

[pricing_inquiry]
subject       Pricing question
              Discount for nonprofits?
              Enterprise pricing
opener        How much does it cost?
              Do you have a discount for annual plans?
              What does the enterprise plan cost for 50 users?
              Is there a free trial?
              do you offer nonprofit pricing
followup      and for 10 seats?
              can I talk to sales
              is there a setup fee
bot_answer    Starter is 49 per month; Growth starts at 99 plus 15 per seat.
              Annual plans get two months free.
              Yes: every plan starts with a 14-day free trial.
agent_answer  I sent you a quote for 50 seats with the annual discount.
              We offer 30% off for nonprofits; I applied it to your trial.
kb_title      Pricing and plans
              Free trial
"""


def _parse(table: str) -> dict[str, dict[str, tuple[str, ...]]]:
    """The template table as {intent: {kind: variants}}."""
    texts: dict[str, dict[str, list[str]]] = {}
    intent: dict[str, list[str]] = {}
    variants: list[str] = []
    for line in filter(None, table.splitlines()):
        if line.startswith("["):
            intent = texts[line.strip("[]")] = {}
        elif line[0].isspace():
            variants.append(line.strip())
        else:
            kind, first = line.split(maxsplit=1)
            variants = intent[kind] = [first.strip()]
    assert all(tuple(kinds) == KINDS for kinds in texts.values()), "every intent lists every kind, in order"
    return {name: {kind: tuple(v) for kind, v in kinds.items()} for name, kinds in texts.items()}


INTENT_TEXTS = _parse(_TABLE)
