"""How sure the text is about an event: asserted, reported, uncertain, planned or denied.

Cues are looked for in the trigger's sentence; negation only right before the trigger
("nie przekazała"), because a "nie" elsewhere in a long sentence usually negates something else.
"""

from __future__ import annotations

from kronika.model import Certainty, Token

UNCERTAIN = frozenset(
    "prawdopodobnie może mogą mógł mogła mogło mogli mogłyby mogłaby mógłby możliwe rzekomo najpewniej "
    "podobno przypuszczalnie niewykluczone ponoć prawdopodobny prawdopodobne".split())
UNCERTAIN_PHRASES = (("przypuszcza", "się"), ("nie", "wykluczają"), ("nie", "wyklucza"), ("istnieje", "ryzyko"))
PLANNED = frozenset(
    "planuje planują planował planowała zamierza zamierzają zapowiedział zapowiedziała zapowiedzieli zapowiada "
    "będzie będą ma mają chce chcą przygotowuje zobowiązał zobowiązała planowany planowana planowane "
    "zaplanowany zaplanowana zaplanowane".split())
DENIAL = frozenset("zaprzeczył zaprzeczyła zaprzeczyło zaprzeczają zdementował zdementowała dementuje "
                   "dementują zaprzecza".split())
NEGATIONS = frozenset({"nie", "ani"})
# "nie doszło do dostaw": a negated light verb negates the event noun it introduces.
LIGHT_VERBS = frozenset("doszło dojdzie dochodzi dochodziło doszłoby do".split())


def _negated_light_verb(tokens: list[Token], trigger_index: int) -> bool:
    """Walk back from the trigger over adjectives and a light verb: "nie doszło do znaczących dostaw"."""
    k = trigger_index - 1
    seen_light = False
    while k >= 0 and k >= trigger_index - 5:
        low = tokens[k].text.lower()
        if low in NEGATIONS:
            return seen_light
        if low in LIGHT_VERBS:
            seen_light = True
        elif not (tokens[k].tag or "").startswith("adj"):
            return False
        k -= 1
    return False


def is_future(token: Token) -> bool:
    """A perfective finite verb is future in Polish: "wyśle" (will send), "podpisze"."""
    tag = token.tag or ""
    return tag.startswith("fin:") and tag.endswith(":perf")


def _has_phrase(lows: list[str], phrases: tuple[tuple[str, str], ...]) -> bool:
    """Whether two neighbouring words of the sentence make one of ``phrases``."""
    if all(first not in lows for first, _ in phrases):
        return False  # the usual case, told without pairing up the sentence's words
    pairs = set(zip(lows, lows[1:], strict=False))
    return any(p in pairs for p in phrases)


def certainty_of(tokens: list[Token], trigger_index: int, attributed: bool, lows: list[str] | None = None) -> Certainty:
    """tokens: the sentence; trigger_index: the trigger's index in it; lows: the tokens' words in
    lower case, when the caller has them already."""
    if lows is None:
        lows = [t.text.lower() for t in tokens]
    # isdisjoint reads the list in C: no set of the sentence's words is built per trigger.
    before = lows[max(0, trigger_index - 2) : trigger_index]
    if not NEGATIONS.isdisjoint(before) or not DENIAL.isdisjoint(lows) \
            or _negated_light_verb(tokens, trigger_index):
        return Certainty.DENIED
    if not UNCERTAIN.isdisjoint(lows) or _has_phrase(lows, UNCERTAIN_PHRASES):
        return Certainty.UNCERTAIN
    window = lows[max(0, trigger_index - 4) : trigger_index + 1]
    if not PLANNED.isdisjoint(window) or is_future(tokens[trigger_index]):
        return Certainty.PLANNED
    return Certainty.REPORTED if attributed else Certainty.ASSERTED
