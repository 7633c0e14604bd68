"""The Survei Kepuasan Masyarakat (SKM) of PermenPANRB 14/2017 as a citizen answers it: nine elements
U1..U9 scored 1-4, an optional comment, the ASN who served them (optional), and a contact only with
consent. Pure: no clock, no database; tested in tests/unit/domain/test_survey.py.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from domain.errors import InvalidInput
from domain.text import BIDI_CONTROLS

# The nine elements (unsur) of the SKM, in the regulation's order.
ELEMENTS: tuple[tuple[str, str], ...] = (
    ("u1", "Persyaratan"),
    ("u2", "Sistem, mekanisme dan prosedur"),
    ("u3", "Waktu penyelesaian"),
    ("u4", "Biaya/tarif"),
    ("u5", "Produk spesifikasi jenis pelayanan"),
    ("u6", "Kompetensi pelaksana"),
    ("u7", "Perilaku pelaksana"),
    ("u8", "Penanganan pengaduan, saran dan masukan"),
    ("u9", "Sarana dan prasarana"),
)
ELEMENT_KEYS = tuple(key for key, _ in ELEMENTS)
SCALE: tuple[tuple[int, str], ...] = ((1, "Tidak baik"), (2, "Kurang baik"), (3, "Baik"), (4, "Sangat baik"))
SCORES = frozenset(value for value, _ in SCALE)

MAX_COMMENT = 1000
MAX_CONTACT = 160  # the column's length
PHONE = re.compile(r"\+?[0-9][0-9 \-]{6,22}[0-9]")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})*\.[A-Za-z]{2,24}")
ALLOWED_CONTROLS = frozenset("\n\t")


@dataclass(frozen=True)
class SurveyAnswerIn:
    """What the citizen sent, before any check; scores as given (an int, or text from a form)."""

    scores: dict[str, object]
    comment: str = ""
    served_by: int | None = None
    contact: str = ""
    contact_consent: bool = False
    site_code: str = ""


@dataclass(frozen=True)
class CheckedAnswer:
    scores: tuple[int, ...]  # U1..U9
    comment: str
    contact: str  # empty unless consented


def check_scores(given: dict[str, object]) -> tuple[int, ...]:
    """U1..U9 as whole numbers 1-4. An element missing (or given anything else) is refused, naming them all."""
    scores, missing = [], []
    for key in ELEMENT_KEYS:
        value = _score(given.get(key))
        if value is None:
            missing.append(key.upper())
        scores.append(value or 0)
    if missing:
        raise InvalidInput("survey_scores_missing", elements=", ".join(missing))
    return tuple(scores)


def _score(value: object) -> int | None:
    """An int 1-4 (never a bool), or the text of one digit 1-4 as a form sends it."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value in SCORES else None
    if isinstance(value, str) and len(value) == 1 and value in "1234":
        return int(value)
    return None


def check_comment(text: str) -> str:
    """The comment trimmed; an empty one is no comment. Control characters (but newline and tab) and
    bidi controls are refused, and so is one longer than ``MAX_COMMENT`` characters."""
    text = text.replace("\r\n", "\n").strip()
    if len(text) > MAX_COMMENT:
        raise InvalidInput("survey_comment_too_long", max=MAX_COMMENT)
    if any(_is_control(char) for char in text) or not BIDI_CONTROLS.isdisjoint(text):
        raise InvalidInput("survey_comment_invalid")
    return text


def _is_control(char: str) -> bool:
    return char not in ALLOWED_CONTROLS and unicodedata.category(char) == "Cc"


def check_contact(contact: str, consent: bool) -> str:
    """A phone number or an email address, kept only with consent (UU PDP): a contact without consent
    is refused rather than dropped, so the citizen knows it was not kept."""
    contact = contact.strip()
    if not contact:
        return ""
    if not consent:
        raise InvalidInput("survey_contact_consent_required")
    if len(contact) > MAX_CONTACT or not (PHONE.fullmatch(contact) or EMAIL.fullmatch(contact)):
        raise InvalidInput("survey_contact_invalid")
    return contact


def check_answer(answer: SurveyAnswerIn) -> CheckedAnswer:
    return CheckedAnswer(
        check_scores(answer.scores),
        check_comment(answer.comment),
        check_contact(answer.contact, answer.contact_consent),
    )


def comment_status(comment: str, served_by: int | None) -> str:
    """``pending`` (moderation decides what is shown) when there is a comment or a named ASN, else ``none``."""
    return "pending" if comment or served_by is not None else "none"


def local_date(now: dt.datetime, timezone: str) -> dt.date:
    """The answer's day on the region's calendar: one answer per device, service and such day."""
    return now.astimezone(ZoneInfo(timezone)).date()


def first_name(name: str) -> str:
    """What a citizen sees of an ASN: the first word of the name, after any title ("H.", "Dr.", "Ir.")
    and without a trailing comma; never the whole name, a NIP or a photo."""
    words = [word.strip(",") for word in name.split()]
    words = [word for word in words if word]
    for word in words:
        if not word.endswith("."):
            return word
    return words[0] if words else "ASN"
