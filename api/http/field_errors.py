"""What a field of a refused request did wrong, said in the caller's language.

msgspec (bodies, decoded strictly in ``api.http.strict_input``) and Litestar (query, path and header
parameters) say why a value was refused in English of their own ("Expected `int | null`, got `str`").
Each of their sentences is matched here and said again in Indonesian or English, naming the field, with a
stable ``code`` per kind of fault for clients that show their own text. A sentence no rule knows becomes
``invalid`` ("tidak sesuai format"): the validator's English never reaches an Indonesian answer.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# msgspec's and Litestar's names of JSON types: (Bahasa Indonesia, English)
TYPES = {
    "int": ("bilangan bulat", "an integer"),
    "float": ("angka", "a number"),
    "str": ("teks", "a string"),
    "bool": ("true atau false", "true or false"),
    "array": ("daftar (array)", "an array"),
    "object": ("objek", "an object"),
    "null": ("null", "null"),
    "datetime": ("tanggal-waktu RFC 3339 (mis. 2026-12-07T08:00:00+07:00)", "an RFC 3339 date-time"),
    "date": ("tanggal (TTTT-BB-HH)", "a date (YYYY-MM-DD)"),
    "time": ("waktu (JJ:MM:DD)", "a time (HH:MM:SS)"),
    "uuid": ("UUID", "a UUID"),
    "bytes": ("data base64", "base64 data"),
    "decimal": ("angka desimal", "a decimal number"),
    "timedelta": ("durasi ISO 8601", "an ISO 8601 duration"),
}


class Rule(NamedTuple):
    pattern: re.Pattern[str]
    code: str
    indonesian: str
    english: str


def _rule(pattern: str, code: str, indonesian: str, english: str) -> Rule:
    return Rule(re.compile(pattern), code, indonesian, english)


RULES = [
    _rule(r"^Object missing required field `(?P<name>[^`]+)`", "required", "wajib diisi", "is required"),
    _rule(r"^Missing required \w+ parameter '(?P<name>[^']+)'", "required", "wajib diisi", "is required"),
    _rule(r"^Object contains unknown field `(?P<name>[^`]+)`", "unknown", "tidak dikenal", "is unknown"),
    _rule(r"^Expected `(?P<type>[^`]+)`, got `[^`]+`", "type", "harus berupa {type}", "must be {type}"),
    _rule(r"^Expected `str` of length <= (?P<n>\d+)", "too_long", "terlalu panjang (paling banyak {n} karakter)",
          "is too long (at most {n} characters)"),
    _rule(r"^Expected `str` of length >= 1$", "empty", "tidak boleh kosong", "must not be empty"),
    _rule(r"^Expected `str` of length >= (?P<n>\d+)", "too_short", "terlalu pendek (paling sedikit {n} karakter)",
          "is too short (at least {n} characters)"),
    _rule(r"^Expected `(array|object)` of (length <=|at most length) (?P<n>\d+)", "too_many",
          "terlalu banyak isinya (paling banyak {n})", "has too many items (at most {n})"),
    _rule(r"^Expected `(array|object)` of (length >=|at least length) (?P<n>\d+)", "too_few",
          "terlalu sedikit isinya (paling sedikit {n})", "has too few items (at least {n})"),
    _rule(r"^Expected `array` of length (?P<n>\d+)", "length", "harus berisi tepat {n}", "must hold exactly {n} items"),
    _rule(r"^Expected `(int|float)` >= (?P<n>-?[\d.e+]+)$", "too_small", "harus bernilai paling kecil {n}", "must be at least {n}"),
    _rule(r"^Expected `(int|float)` > (?P<n>-?[\d.e+]+)$", "too_small", "harus lebih dari {n}",
          "must be more than {n}"),
    _rule(r"^Expected `(int|float)` <= (?P<n>-?[\d.e+]+)$", "too_large", "harus bernilai paling besar {n}", "must be at most {n}"),
    _rule(r"^Expected `(int|float)` < (?P<n>-?[\d.e+]+)$", "too_large", "harus kurang dari {n}",
          "must be less than {n}"),
    _rule(r"^Expected `int` that's a multiple of (?P<n>\d+)", "multiple", "harus kelipatan {n}",
          "must be a multiple of {n}"),
    _rule(r"^Expected `str` matching regex", "format", "formatnya tidak sesuai", "does not have the expected format"),
    _rule(r"^Expected `\w+` with a timezone component", "timezone_required",
          "harus menyertakan zona waktu (mis. +07:00)", "must include a time zone (e.g. +07:00)"),
    _rule(r"^Expected `\w+` with no timezone component", "timezone_forbidden", "tidak boleh menyertakan zona waktu",
          "must not include a time zone"),
    _rule(r"^Invalid RFC3339 encoded datetime", "datetime", "bukan tanggal-waktu yang sah (RFC 3339, mis. "
          "2026-12-07T08:00:00+07:00)", "is not a valid date-time (RFC 3339, e.g. 2026-12-07T08:00:00+07:00)"),
    _rule(r"^Invalid RFC3339 encoded date", "date", "bukan tanggal yang sah (TTTT-BB-HH)",
          "is not a valid date (YYYY-MM-DD)"),
    _rule(r"^Invalid RFC3339 encoded time", "time", "bukan waktu yang sah (JJ:MM:DD)", "is not a valid time (HH:MM:SS)"),
    _rule(r"^Invalid epoch timestamp", "datetime", "bukan tanggal-waktu yang sah", "is not a valid date-time"),
    _rule(r"^Invalid ISO8601 duration", "duration", "bukan durasi ISO 8601 yang sah", "is not a valid ISO 8601 duration"),
    _rule(r"^Invalid UUID", "uuid", "bukan UUID yang sah", "is not a valid UUID"),
    _rule(r"^Invalid base64", "base64", "bukan data base64 yang sah", "is not valid base64 data"),
    _rule(r"^Invalid decimal", "number", "bukan angka yang sah", "is not a valid number"),
    _rule(r"^Invalid (enum )?value", "choice", "bukan salah satu nilai yang diperbolehkan", "is not one of the allowed values"),
    _rule(r"^(Number|Integer value) out of range", "out_of_range", "angkanya di luar jangkauan", "is out of range"),
]  # fmt: skip
FALLBACK = Rule(re.compile(""), "invalid", "tidak sesuai format", "does not match the expected format")


def field_error(field: str, raw_message: str, language: str) -> dict[str, str]:
    """One refused field: its name (a missing or unknown one named inside its object), a code and a sentence."""
    rule, match = next(((r, m) for r in RULES if (m := r.pattern.search(raw_message))), (FALLBACK, None))
    values = match.groupdict() if match else {}
    if name := values.get("name"):
        field = f"{field}.{name}" if field else name
    field = field[:200]  # a name the client sent
    english = language == "en"
    if type_ := values.get("type"):
        names = [TYPES.get(part.strip(), (part.strip(), part.strip())) for part in type_.split("|")]
        values["type"] = (" or " if english else " atau ").join(n[1] if english else n[0] for n in names)
    sentence = (rule.english if english else rule.indonesian).format(**values)
    if not field:
        subject = "The request body" if english else "Isi permintaan"
    else:
        subject = f"The field {field}" if english else f"Isian {field}"
    return {"field": field, "code": rule.code, "message": f"{subject} {sentence}."}
