"""Repeated calls about the same quarrel.

Calls about the same address, the same parties or from the same phone within a window
(30 days unless the station sets another) are linked, and links chain: if the second
call shares the address with the first and a party with the third, all three are one
quarrel. On the third call the quarrel is flagged as a repeated dispute (重复矛盾纠纷,
Art. 76 asks for ≥ 95 % of them flagged) and escalation is offered: repeated calls over
marriage, family, neighbour or debt quarrels risk turning criminal and are reported
upwards (Art. 74(三)). Whether to escalate stays the duty officer's decision.

Addresses and names are written many ways, so they are compared in a normal form:
full-width characters folded, spaces and punctuation dropped, Chinese numerals before a
house-number word turned into digits, 幢/号楼 read as 栋, and trailing words that only
say "near" (附近, 门口 …) dropped. Names like 王先生 or 李女士 identify nobody and are
not used for linking.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass, field

from models.messages import Phrase, phrase, word

DEFAULT_WINDOW = dt.timedelta(days=30)
#: Calls of these kinds can be about a quarrel (a fight from a quarrel is a
#: public-security case, Art. 74's last paragraph).
QUARREL_CATEGORIES = frozenset({"dispute", "public_security_case"})


@dataclass(frozen=True, slots=True)
class RepeatPolicy:
    window: dt.timedelta = DEFAULT_WINDOW
    categories: frozenset[str] = QUARREL_CATEGORIES
    #: The call that makes the quarrel a repeated dispute (the third, by default).
    flag_at: int = 3


_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
           "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}  # fmt: skip
_UNITS = {"十": 10, "百": 100, "千": 1000}
_NUMERAL_BEFORE_UNIT = re.compile(
    r"([〇零一二两三四五六七八九十百千]+)(?=号|栋|幢|楼|单元|室|层|组|巷|弄)"
)
_SYNONYMS = (("号楼", "栋"), ("幢", "栋"))
_VAGUE_ENDINGS = ("附近", "门口", "旁边", "对面", "楼下", "周边")
_HONORIFICS = ("先生", "女士", "小姐", "师傅", "阿姨", "大爷", "大妈", "老板", "同志")
_PLACEHOLDER_NAMES = frozenset({"匿名", "未知", "不详", "无", "某某", "群众", "报警人"})


def chinese_numeral(text: str) -> int:
    """二十三 → 23, 一百零五 → 105, 十二 → 12; a plain digit string 二〇三 → 203."""
    if not any(ch in _UNITS for ch in text):
        return int("".join(str(_DIGITS[ch]) for ch in text))
    total, digit = 0, None
    for ch in text:
        if ch in _UNITS:
            total += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
        else:
            digit = _DIGITS[ch]
    return total + (digit or 0)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in text if unicodedata.category(ch)[0] in "LN")


def normalise_address(address: str | None) -> str | None:
    """The comparable form of an address, or None when nothing usable is left."""
    if not address:
        return None
    text = _fold(address)
    text = _NUMERAL_BEFORE_UNIT.sub(lambda m: str(chinese_numeral(m.group(1))), text)
    for old, new in _SYNONYMS:
        text = text.replace(old, new)
    changed = True
    while changed:
        changed = False
        for ending in _VAGUE_ENDINGS:
            if text.endswith(ending) and len(text) > len(ending):
                text = text[: -len(ending)]
                changed = True
    if text.endswith("室") and len(text) > 1 and text[-2].isdigit():
        text = text[:-1]
    return text if len(text) >= 4 else None


def normalise_name(name: str | None) -> str | None:
    """The comparable form of a person's name, or None when it identifies nobody."""
    if not name:
        return None
    text = _fold(name)
    if len(text) < 2 or text in _PLACEHOLDER_NAMES:
        return None
    if len(text) <= 4 and text.endswith(_HONORIFICS):
        return None
    return text


def normalise_phone(phone: str | None) -> str | None:
    if not phone:
        return None
    digits = "".join(ch for ch in unicodedata.normalize("NFKC", phone) if ch.isdigit())
    for prefix in ("0086", "86"):
        if digits.startswith(prefix) and len(digits) - len(prefix) == 11:
            digits = digits[len(prefix) :]
    return digits if len(digits) >= 7 else None


@dataclass(frozen=True, slots=True)
class CallKeys:
    """What identifies a quarrel in one call, in normal form."""

    address: str | None = None
    parties: frozenset[str] = frozenset()
    phone: str | None = None

    def tokens(self) -> set[tuple[str, str]]:
        found: set[tuple[str, str]] = {("party", p) for p in self.parties}
        if self.address:
            found.add(("address", self.address))
        if self.phone:
            found.add(("phone", self.phone))
        return found


def call_keys(
    address: str | None,
    parties: Iterable[str] = (),
    caller_name: str | None = None,
    caller_phone: str | None = None,
) -> CallKeys:
    names = {n for n in (normalise_name(p) for p in (*parties, caller_name)) if n}
    return CallKeys(normalise_address(address), frozenset(names), normalise_phone(caller_phone))


@dataclass(frozen=True, slots=True)
class EarlierCall:
    alert_id: int
    number: str
    received_at: dt.datetime
    category: str
    keys: CallKeys


@dataclass(frozen=True, slots=True)
class Link:
    """An earlier call this one is directly linked to, and why."""

    alert_id: int
    number: str
    phrases: tuple[Phrase, ...]


@dataclass(frozen=True, slots=True)
class RepeatFinding:
    links: tuple[Link, ...] = ()
    #: Every earlier call in the same quarrel (directly or through others), oldest first.
    chain: tuple[int, ...] = ()
    calls: int = 1
    repeated: bool = False
    offer_escalation: bool = False
    phrases: tuple[Phrase, ...] = field(default_factory=tuple)


def _why(shared: set[tuple[str, str]]) -> tuple[Phrase, ...]:
    words = []
    for kind, value in sorted(shared):
        if kind == "address":
            words.append(word("repeat.same_address"))
        elif kind == "party":
            words.append(phrase("repeat.same_party", name=value))
        else:
            words.append(word("repeat.same_phone"))
    return tuple(words)


def find_repeats(
    keys: CallKeys,
    category: str,
    received_at: dt.datetime,
    earlier: Iterable[EarlierCall],
    policy: RepeatPolicy = RepeatPolicy(),
) -> RepeatFinding:
    """Link a new call to earlier calls about the same quarrel."""
    if category not in policy.categories:
        return RepeatFinding()
    since = received_at - policy.window
    calls = {
        c.alert_id: c
        for c in earlier
        if c.category in policy.categories and since <= c.received_at <= received_at
    }
    by_key: dict[tuple[str, str], list[int]] = defaultdict(list)
    for call in calls.values():
        for key in call.keys.tokens():
            by_key[key].append(call.alert_id)

    own = keys.tokens()
    links = []
    for call in calls.values():
        shared = own & call.keys.tokens()
        if shared:
            links.append(Link(call.alert_id, call.number, _why(shared)))
    links.sort(key=lambda link: calls[link.alert_id].received_at, reverse=True)

    seen: set[int] = set()
    queue = deque(link.alert_id for link in links)
    seen.update(queue)
    while queue:
        for key in calls[queue.popleft()].keys.tokens():
            for other in by_key[key]:
                if other not in seen:
                    seen.add(other)
                    queue.append(other)
    chain = tuple(sorted(seen, key=lambda i: (calls[i].received_at, i)))
    count = len(chain) + 1
    repeated = count >= policy.flag_at
    phrases: tuple[Phrase, ...] = ()
    if repeated:
        phrases = (
            phrase("repeat.flag", count=count, days=policy.window.days),
            word("repeat.escalate"),
        )
    return RepeatFinding(tuple(links), chain, count, repeated, repeated, phrases)
