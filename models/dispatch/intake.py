"""Checking an alert as it is taken, before anything is written.

The same checks serve the intake form, ``alert add`` and a feed import, so a bad row is
refused the same way everywhere, naming the field. What is checked: the fields the
command room needs are there, words are from the known lists, times carry an offset
and are neither in the future nor before the station existed, a phone number looks
like one, text has no control characters and no field is absurdly long.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import asdict, dataclass

from models import validation
from models.dispatch.deadlines import check_category, check_priority
from models.dispatch.lifecycle import CLOCK_TOLERANCE
from models.errors import Refused
from models.messages import phrase, word

SOURCES: tuple[str, ...] = ("county_feed", "phone", "walk_in", "patrol")

MAX_LENGTHS: Mapping[str, int] = {
    "external_number": 64,
    "beat": 32,
    "community": 100,
    "address": 200,
    "caller_name": 50,
    "caller_phone": 32,
    "party": 50,
    "description": 4000,
}
MAX_PARTIES = 20

#: The keys of an alert document, in the order a feed file lists them.
FIELDS: tuple[str, ...] = (
    "external_number", "received_at", "source", "category", "priority", "beat", "community",
    "address", "caller_name", "caller_phone", "parties", "description", "needs_two",
)  # fmt: skip
KNOWN_FIELDS = frozenset(FIELDS)

#: Control, format, surrogate, private-use and unassigned code points, line separators.
_NOT_TEXT = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
_EXTERNAL_NUMBER = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-/]*")


@dataclass(frozen=True, slots=True)
class AlertInput:
    """An alert as taken, checked; times are UTC-aware."""

    received_at: dt.datetime
    source: str
    category: str
    priority: int
    address: str
    description: str
    external_number: str | None = None
    beat: str | None = None
    community: str | None = None
    caller_name: str | None = None
    caller_phone: str | None = None
    parties: tuple[str, ...] = ()
    needs_two: bool | None = None

    def digest(self) -> str:
        """A fingerprint of what the call said, to tell a repeated feed row from a changed one.

        The beat, community and whether two are needed are left out: they are the
        station's reading of the call (an export names them), not what was reported.
        """
        data = asdict(self)
        for decided in ("beat", "community", "needs_two"):
            del data[decided]
        data["received_at"] = self.received_at.astimezone(dt.UTC).isoformat()
        canonical = json.dumps(data, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(canonical.encode()).hexdigest()


def parse_instant(value: object, field: str) -> dt.datetime:
    """An ISO 8601 time with an offset, as a UTC-aware datetime."""
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, str):
        try:
            moment = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            raise Refused(phrase("time.not_time", value=repr(value)), field=field) from None
    else:
        raise Refused(word("time.how_written"), field=field)
    if moment.tzinfo is None:
        raise Refused(phrase("time.no_offset", value=str(value)), field=field)
    return moment.astimezone(dt.UTC)


def clean_text(value: object, field: str, *, required: bool, multiline: bool = False) -> str:
    """The station's text rule, and no invisible or unassigned characters; '' if absent."""
    limit = MAX_LENGTHS[field]
    if multiline:
        text = validation.long_text(value, field, max_len=limit)
        if required and not text:
            raise Refused(word("input.required"), field=field)
    else:
        text = validation.text(value, field, max_len=limit, required=required)
    text = unicodedata.normalize("NFC", text)
    for ch in text:
        if ch not in "\n\t\r" and unicodedata.category(ch) in _NOT_TEXT:
            raise Refused(phrase("input.control_character", code=f"{ord(ch):04X}"), field=field)
    return text


def check_alert(
    document: Mapping[str, object],
    *,
    now: dt.datetime,
    station_since: dt.datetime | None = None,
) -> AlertInput:
    """Check one alert document (the keys of ``alert add``); refuse the first fault found."""
    if not isinstance(document, Mapping):
        raise Refused(word("intake.not_object"))
    unknown = sorted(set(document) - KNOWN_FIELDS)
    if unknown:
        raise Refused(word("intake.not_a_field"), field=unknown[0])

    received_raw = document.get("received_at")
    received_at = now if received_raw in (None, "") else parse_instant(received_raw, "received_at")
    if received_at > now + CLOCK_TOLERANCE:
        raise Refused(phrase("time.in_future", time=received_raw), field="received_at")
    if station_since is not None and received_at < station_since:
        raise Refused(phrase("intake.before_station", time=received_raw,
                             since=station_since.isoformat()), field="received_at")

    source = document.get("source")
    if source in (None, ""):
        raise Refused(word("input.required"), field="source")
    if source not in SOURCES:
        raise Refused(phrase("intake.unknown_source", value=repr(source), allowed=", ".join(SOURCES)),
                      field="source")
    category_raw = document.get("category")
    if not isinstance(category_raw, str) or not category_raw.strip():
        raise Refused(word("input.required"), field="category")
    category = check_category(category_raw.strip())
    priority_raw = document.get("priority")
    if isinstance(priority_raw, str) and priority_raw.strip().isdigit():
        priority_raw = int(priority_raw.strip())
    if priority_raw is None:
        raise Refused(word("input.required"), field="priority")
    priority = check_priority(priority_raw)

    external = clean_text(document.get("external_number"), "external_number", required=False)
    if external and not _EXTERNAL_NUMBER.fullmatch(external):
        raise Refused(phrase("intake.not_feed_number", value=repr(external)), field="external_number")
    if source == "county_feed" and not external:
        raise Refused(word("intake.feed_number_required"), field="external_number")

    phone = clean_text(document.get("caller_phone"), "caller_phone", required=False)
    if phone:
        phone = validation.phone(phone, "caller_phone")

    parties_raw = document.get("parties") or []
    if isinstance(parties_raw, str):
        parties_raw = [p for p in re.split(r"[;,，；、]", parties_raw) if p.strip()]
    if not isinstance(parties_raw, list | tuple):
        raise Refused(word("intake.parties_list"), field="parties")
    if len(parties_raw) > MAX_PARTIES:
        raise Refused(phrase("intake.too_many_parties", count=len(parties_raw), limit=MAX_PARTIES),
                      field="parties")  # fmt: skip
    parties = tuple(clean_text(p, "party", required=True) for p in parties_raw)

    needs_two = document.get("needs_two")
    if needs_two is not None and not isinstance(needs_two, bool):
        raise Refused(word("input.true_or_false"), field="needs_two")

    return AlertInput(
        received_at=received_at,
        source=str(source),
        category=category,
        priority=priority,
        address=clean_text(document.get("address"), "address", required=True),
        description=clean_text(
            document.get("description"), "description", required=True, multiline=True
        ),
        external_number=external or None,
        beat=clean_text(document.get("beat"), "beat", required=False) or None,
        community=clean_text(document.get("community"), "community", required=False) or None,
        caller_name=clean_text(document.get("caller_name"), "caller_name", required=False) or None,
        caller_phone=phone or None,
        parties=parties,
        needs_two=needs_two,
    )
