"""Checks on what people type, each naming the field at fault."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from models.errors import Refused
from models.messages import phrase, word

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")
_SHORT_SERVICE = re.compile(r"^(110|119|120|122|12110|12345)$")
_CODE = re.compile(r"^[A-Za-z0-9_-]+$")


def id_number_check_digit(first17: str) -> str:
    """GB 11643-1999 check character for the first 17 digits of a citizen ID number."""
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def id_number(value: str, field: str = "id_number") -> str:
    """Validate an 18-character citizen ID number (GB 11643); empty is allowed."""
    value = value.strip().upper()
    if not value:
        return ""
    if (
        len(value) != 18
        or not value[:17].isdigit()
        or not (value[17].isdigit() or value[17] == "X")
    ):
        raise Refused(word("input.id_number_shape"), field=field)
    try:
        dt.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        raise Refused(word("input.id_number_birth"), field=field) from None
    if id_number_check_digit(value[:17]) != value[17]:
        raise Refused(word("input.id_number_check"), field=field)
    return value


def phone(value: str, field: str = "phone") -> str:
    """A mainland mobile number, a landline with area code, or a short service number."""
    value = re.sub(r"[\s()（）]", "", value.strip())
    if value.startswith("+86"):
        value = value[3:]
    if not value:
        return ""
    if _MOBILE.match(value) or _LANDLINE.match(value) or _SHORT_SERVICE.match(value):
        return value
    raise Refused(word("input.not_phone"), field=field)


def text(value: object, field: str, *, max_len: int, required: bool = False) -> str:
    """Trimmed single-line text without control characters, within ``max_len``."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise Refused(word("input.not_text"), field=field)
    value = value.strip()
    if required and not value:
        raise Refused(word("input.required"), field=field)
    if len(value) > max_len:
        raise Refused(phrase("input.too_long", length=len(value), limit=max_len), field=field)
    if any(unicodedata.category(c) == "Cc" for c in value):
        raise Refused(word("input.control_characters"), field=field)
    return value


def long_text(value: object, field: str, *, max_len: int) -> str:
    """Multi-line text: newlines and tabs allowed, other control characters not."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise Refused(word("input.not_text"), field=field)
    if len(value) > max_len:
        raise Refused(phrase("input.too_long", length=len(value), limit=max_len), field=field)
    if any(unicodedata.category(c) == "Cc" and c not in "\n\t\r" for c in value):
        raise Refused(word("input.control_characters"), field=field)
    return value.strip()


def code(value: object, field: str, *, max_len: int = 16) -> str:
    value = text(value, field, max_len=max_len, required=True)
    if not _CODE.match(value):
        raise Refused(word("input.code_characters"), field=field)
    return value


def date(value: object, field: str, *, required: bool = True) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise Refused(word("input.required"), field=field)
        return None
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise Refused(phrase("input.not_date", value=value), field=field) from None


def date_range(start: dt.date, end: dt.date | None, field: str = "to") -> None:
    if end is not None and end < start:
        raise Refused(phrase("input.ends_before_start", end=end, start=start), field=field)


def integer(value: object, field: str, *, minimum: int = 0, maximum: int = 10**9) -> int:
    try:
        number = int(str(value).strip()) if not isinstance(value, int) else value
    except ValueError:
        raise Refused(phrase("input.not_whole_number", value=value), field=field) from None
    if not minimum <= number <= maximum:
        raise Refused(phrase("input.out_of_range", minimum=minimum, maximum=maximum), field=field)
    return number


#: the field a missing or bad reason for unmasking is refused under; each surface names it
#: its own way (the window marks its reason field, the command line says ``--reason``)
UNMASK_REASON = "unmask_reason"


def unmask_reason(value: object) -> str:
    """Why one record is shown whole: required, one line, at most 200 characters."""
    why = text(value, UNMASK_REASON, max_len=200)
    if not why:
        raise Refused(word("unmask.reason_missing"), field=UNMASK_REASON)
    return why


def mask_id_number(value: str) -> str:
    return value[:6] + "********" + value[-4:] if len(value) == 18 else value


def mask_phone(value: str) -> str:
    return value[:3] + "****" + value[-4:] if len(value) >= 11 else value
