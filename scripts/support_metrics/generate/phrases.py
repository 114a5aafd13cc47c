"""Generic phrases, names, survey comments and cancel reasons, and the flat template registry.

Message rows carry a template number; SQL picks the text from one list literal, so no join
(and no row reordering) is needed when files are written.
"""

from __future__ import annotations

import numpy as np

from .catalog import INTENT_NAMES, N_INTENTS
from .texts import INTENT_TEXTS

GENERIC: dict[str, tuple[str, ...]] = {
    "greeting": ("hi", "hello?", "I need help", "hey there", "question", "?", "can someone help me"),
    "human_request": (
        "I want to talk to a person",
        "agent please",
        "can I speak to a human?",
        "this isn't helping, get me a real person",
        "REPRESENTATIVE",
        "human, please!!",
    ),
    "thanks": (
        "thanks!",
        "great, thank you",
        "perfect, that worked",
        "ok thx",
        "Thanks a lot, that solved it.",
    ),
    "fallback": (
        "Sorry, I didn't understand that. Could you rephrase?",
        "I'm not sure I got that. Can you say it differently?",
        "Hmm, I don't know how to help with that yet.",
    ),
    "clarify": (
        "Happy to help! What can I do for you today?",
        "Could you tell me a bit more about your question?",
        "Sure - is this about an order, your account or billing?",
    ),
    "bot_resolved": (
        "Glad I could help! Is there anything else?",
        "Great, I'll close this chat. Have a nice day!",
        "Happy to help. You can reopen this chat anytime.",
    ),
    "handoff": (
        "Let me connect you with a teammate. Someone will be with you shortly.",
        "I'm transferring you to our support team; please stay in the chat.",
        "A specialist will take it from here.",
    ),
    "lead_ask": (
        "Would you like one of our team to follow up? What's the best email to reach you?",
        "I can set up a demo for you. Can I have your email or phone number?",
        "Want to book a call with our sales team?",
    ),
    "lead_email": ("Sure, it's {email}", "you can email me at {email}", "{email}"),
    "lead_phone": ("call me on {phone}", "my number is {phone}, afternoons are best"),
    "lead_booking": ("Tuesday at 3pm works", "book me for Thursday morning please", "next Monday, 10:00"),
    "auto_ack": (
        "We received your email and will get back to you within 24 hours. Your ticket number is {order}.",
        "Thanks for contacting us! This is an automatic confirmation that we got your message.",
    ),
    "agent_reask": (
        "Hi, I'm taking over from our assistant. Could you tell me again what happened?",
        "Hello! Could you please share your order number and describe the issue once more?",
    ),
    "agent_close": (
        "Is there anything else I can help you with? Otherwise I'll close this conversation.",
        "Glad we sorted it out. Have a great day!",
        "You're all set. Thanks for your patience!",
    ),
    "agent_unresolved": (
        "I'm sorry, there's nothing more I can do on this one.",
        "Unfortunately this isn't something we can change. I'll close the ticket for now.",
        "I couldn't find a solution yet; I'm closing this but you can reply anytime.",
    ),
    "note": (
        "Customer repeated the issue, context from bot missing.",
        "Checked billing system, charge confirmed.",
        "Escalating to tier 2 if this comes back.",
        "VIP account - handle with care.",
        "Known bug, linked to the engineering ticket.",
    ),
    "reopen": (
        "Actually it's happening again",
        "Sorry, this is still not fixed",
        "It worked for a day, now it's broken again",
    ),
    "generic_subject": ("Help needed", "Question", "Support request", "(no subject)"),
    "chase": ("hello? anyone there?", "still waiting...", "is anybody reading this?"),
}

PER_INTENT_KINDS = ("subject", "opener", "followup", "bot_answer", "agent_answer")
KINDS: tuple[str, ...] = PER_INTENT_KINDS + tuple(GENERIC)
K = {name: k for k, name in enumerate(KINDS)}


def _registry() -> tuple[list[str], np.ndarray, np.ndarray]:
    texts: list[str] = []
    offset = np.zeros((len(KINDS), N_INTENTS), dtype=np.int32)
    count = np.zeros((len(KINDS), N_INTENTS), dtype=np.int32)
    for k, kind in enumerate(KINDS):
        for i, intent in enumerate(INTENT_NAMES):
            if kind in GENERIC and i > 0:
                offset[k, i], count[k, i] = offset[k, 0], count[k, 0]
                continue
            variants = GENERIC[kind] if kind in GENERIC else INTENT_TEXTS[intent][kind]
            offset[k, i], count[k, i] = len(texts), len(variants)
            texts.extend(variants)
    return texts, offset, count


TEMPLATES, TEMPLATE_OFFSET, TEMPLATE_COUNT = _registry()


def pick(rng: np.random.Generator, kind: np.ndarray, intent: np.ndarray) -> np.ndarray:
    """A template number for each (kind, intent) pair, variants drawn uniformly."""
    k, i = kind.astype(np.int64), np.maximum(intent, 0).astype(np.int64)
    n = TEMPLATE_COUNT[k, i]
    return (TEMPLATE_OFFSET[k, i] + (rng.random(len(k)) * n).astype(np.int64)).astype(np.int16)


KB_TITLES: list[tuple[int, str]] = [
    (i, title) for i, intent in enumerate(INTENT_NAMES) for title in INTENT_TEXTS[intent]["kb_title"]
]
RELEASE_ARTICLE = "Known issue after the latest release: sync and export errors"

FIRST_NAMES = (
    "jane",
    "john",
    "maria",
    "wei",
    "aisha",
    "lucas",
    "emma",
    "noah",
    "olivia",
    "liam",
    "sofia",
    "mateo",
    "yuki",
    "arjun",
    "fatima",
    "david",
    "chloe",
    "omar",
    "anna",
    "pedro",
    "lea",
    "tom",
    "nina",
    "sam",
    "ines",
    "ravi",
    "mia",
    "jonas",
    "eva",
    "ali",
    "grace",
    "hugo",
    "zara",
    "ben",
    "lina",
    "max",
)
LAST_NAMES = (
    "doe",
    "smith",
    "garcia",
    "chen",
    "khan",
    "muller",
    "rossi",
    "novak",
    "silva",
    "kim",
    "nguyen",
    "brown",
    "martin",
    "lopez",
    "sato",
    "patel",
    "dubois",
    "jansen",
    "costa",
    "larsen",
    "ivanova",
    "cohen",
    "okafor",
    "berg",
    "moreau",
    "fischer",
    "haddad",
    "tanaka",
    "walsh",
    "meyer",
    "romero",
    "quinn",
)
AGENT_FIRST = (
    "José",
    "Zoë",
    "Jürgen",
    "Søren",
    "Chloé",
    "Ana",
    "Mark",
    "Priya",
    "Kwame",
    "Lena",
    "Tomás",
    "Hana",
    "Björn",
    "Amélie",
    "Diego",
    "Ngozi",
    "Elif",
    "Paul",
    "Mei",
    "Rafael",
)
EMAIL_DOMAINS = ("example.com", "example.org", "example.net", "mail.example.com")
ACCOUNT_WORDS = (
    ("Blue", "Bright", "North", "Silver", "Green", "Swift", "Urban", "Golden", "Clear", "Red"),
    ("Harbor", "Peak", "Leaf", "Stone", "River", "Bay", "Oak", "Field", "Pixel", "Maple"),
    ("Labs", "Co", "Group", "Studio", "Supply", "Health", "Foods", "Legal", "Homes", "Systems"),
)

CSAT_COMMENTS = {
    "good": (
        "Quick and easy, thanks!",
        "The assistant solved it in a minute.",
        "Great agent, very friendly",
        "Fast answer, 5 stars",
    ),
    "mid": ("OK but took a while", "Fine.", "Got there in the end"),
    "bad": (
        "I had to explain everything twice",
        "The bot kept sending me in circles",
        "Still not fixed, waited hours for a reply",
        "Useless, nobody answered my actual question",
        "Nobody called me back on {date}",
    ),
}
NPS_COMMENTS = {
    "promoter": ("Love the product, support is great", "Works well for our team", "Best tool we use"),
    "passive": ("Good product, support could be faster", "Fine overall", "Pricing is a bit high"),
    "detractor": (
        "Support never fixed our billing issue",
        "Too many bugs lately",
        "Getting help takes forever",
        "The chatbot is useless, I want a human",
    ),
}
CANCEL_REASONS = {
    "support": (
        "support never fixed our billing issue",
        "we had to contact support again and again",
        "slow support responses",
        "the chatbot kept giving wrong answers",
        "nobody answered our tickets",
    ),
    "price": ("too expensive", "found a cheaper alternative", "budget cuts"),
    "product": ("missing feature X", "no integration with our CRM", "missing bulk export"),
    "other": ("company closed", "project ended", "payment failed", "moved to another tool chosen by HQ"),
}

# Personal data for dirty text (must be masked), and look-alikes that must not be masked.
PII_SNIPPETS = (
    "You can reach me at jane.doe@example.com.",
    "Call me on +1 415 555 0100 please.",
    "My number is (415) 555-0100.",
    "text me at +14155550100",
    "my card 4111 1111 1111 1111 was charged twice",
    "card number 4111-1111-1111-1111",
    "or call the office: 0171 234 5678",
    "email j.smith+support@mail.example.org",
)
DECOY_SNIPPETS = ("(see order 12345678)", "since 2025-01-10", "ticket 20250110 still open", "version 4.2.1")
