"""Reading the survey form a browser posts (``application/x-www-form-urlencoded``), strictly: UTF-8 only, no
NUL, no field twice, no field the form does not have, a bounded number of fields."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl

from domain.errors import InvalidInput
from domain.ids import parse_id
from domain.survey import ELEMENT_KEYS, SurveyAnswerIn

FIELDS = frozenset({"form_token", "kode", "komentar", "petugas", "kontak", "setuju", *ELEMENT_KEYS})
MAX_BODY_BYTES = 16_384  # the form at its fullest (a 1000-character comment, percent-encoded) is below 10 KB


class FormUnreadable(Exception):
    """The body is not what the form sends (400)."""


@dataclass(frozen=True)
class PostedForm:
    values: dict[str, str]  # as sent, to refill the form after an error
    form_token: str

    def answer(self) -> SurveyAnswerIn:
        """The answer the citizen meant; a chosen ASN that is not an id is a wrong choice (422)."""
        served_by = None
        if self.values.get("petugas"):
            served_by = parse_id(self.values["petugas"])
            if served_by is None:
                raise InvalidInput("survey_served_by_invalid")
        return SurveyAnswerIn(
            scores={key: self.values.get(key) for key in ELEMENT_KEYS},
            comment=self.values.get("komentar", ""),
            served_by=served_by,
            contact=self.values.get("kontak", ""),
            contact_consent=self.values.get("setuju") == "ya",
            site_code=self.values.get("kode", ""),
        )


def read_form(body: bytes) -> PostedForm:
    try:
        pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True, max_num_fields=len(FIELDS), errors="strict")
    except (UnicodeDecodeError, ValueError):
        raise FormUnreadable from None
    values: dict[str, str] = {}
    for name, value in pairs:
        if name not in FIELDS or name in values or "\x00" in value:
            raise FormUnreadable
        values[name] = value
    return PostedForm(values, values.get("form_token", ""))
