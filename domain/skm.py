"""The Survei Kepuasan Masyarakat of PermenPANRB 14/2017 and its index (IKM); pure, no I/O.

Nine elements (unsur) U1..U9 are each scored 1–4. The NRR (nilai rata-rata) of an element is the mean of
its scores; the IKM is the mean of the nine NRR (the regulation's weight 1/9, which it prints as 0,111)
times 25, so it runs from 25 to 100. Arithmetic is exact (``Fraction``): the regulation's 0,111 would lose
0,1 % and move a unit across a grade boundary. What is shown is rounded half up: an NRR to 4 decimals (the
regulation's table prints its intervals so: 2,5996, 3,0644, 3,5324), a converted value and the IKM to 2
decimals; the grade is read from the IKM as shown, so that 88,305 (shown 88,31) is an A, as its reader
expects.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from fractions import Fraction

from domain.errors import InvalidInput


@dataclass(frozen=True)
class Element:
    code: str  # U1..U9
    column: str  # u1..u9 on the survey_answer row
    name: str


ELEMENTS = (
    Element("U1", "u1", "Persyaratan"),
    Element("U2", "u2", "Sistem, Mekanisme, dan Prosedur"),
    Element("U3", "u3", "Waktu Penyelesaian"),
    Element("U4", "u4", "Biaya/Tarif"),
    Element("U5", "u5", "Produk Spesifikasi Jenis Pelayanan"),
    Element("U6", "u6", "Kompetensi Pelaksana"),
    Element("U7", "u7", "Perilaku Pelaksana"),
    Element("U8", "u8", "Penanganan Pengaduan, Saran dan Masukan"),
    Element("U9", "u9", "Sarana dan Prasarana"),
)
ELEMENT_CODES = tuple(element.code for element in ELEMENTS)
MIN_SCORE, MAX_SCORE = 1, 4
CONVERSION = 25  # NRR × 25: the "nilai interval konversi", 25–100


@dataclass(frozen=True)
class Grade:
    letter: str  # mutu pelayanan
    label: str  # kinerja unit pelayanan
    lowest: Decimal  # the lowest IKM (two decimals) of the grade


GRADES = (  # best first
    Grade("A", "Sangat Baik", Decimal("88.31")),
    Grade("B", "Baik", Decimal("76.61")),
    Grade("C", "Kurang Baik", Decimal("65.00")),
    Grade("D", "Tidak Baik", Decimal("25.00")),
)


def half_up(value: Fraction, places: int) -> Decimal:
    """``value`` rounded half up (away from zero for these positive values) to ``places`` decimals."""
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def grade_of(shown: Decimal) -> Grade:
    """The grade of an IKM or converted value as shown (two decimals): A 88,31–100, B 76,61–88,30,
    C 65,00–76,60, D 25,00–64,99."""
    for grade in GRADES:
        if shown >= grade.lowest:
            return grade
    return GRADES[-1]  # below 25 cannot come out of scores 1–4


@dataclass(frozen=True)
class ElementScore:
    code: str
    name: str
    nrr: Decimal | None  # mean score, 4 decimals; None without answers
    converted: Decimal | None  # nrr × 25, 2 decimals
    grade: str | None


@dataclass(frozen=True)
class IkmScore:
    answers: int
    ikm: Decimal | None  # 2 decimals; None without answers
    grade: Grade | None
    elements: list[ElementScore]


def ikm_of(answers: int, totals: dict[str, int]) -> IkmScore:
    """The IKM of ``answers`` surveys whose scores add up to ``totals`` per element code (U1..U9)."""
    if answers <= 0:
        return IkmScore(0, None, None, [ElementScore(e.code, e.name, None, None, None) for e in ELEMENTS])
    nrrs = {e.code: Fraction(int(totals[e.code]), answers) for e in ELEMENTS}
    exact = sum(nrrs.values(), Fraction(0)) / len(ELEMENTS) * CONVERSION
    shown = half_up(exact, 2)
    elements = []
    for e in ELEMENTS:
        converted = half_up(nrrs[e.code] * CONVERSION, 2)
        elements.append(ElementScore(e.code, e.name, half_up(nrrs[e.code], 4), converted, grade_of(converted).letter))
    return IkmScore(answers, shown, grade_of(shown), elements)


# Krejcie & Morgan (1970), which the regulation's annex reproduces for the sample of a population:
# (population up to, sample). A population between two rows takes the larger row's sample.
KREJCIE_MORGAN = (
    (10, 10), (15, 14), (20, 19), (25, 24), (30, 28), (35, 32), (40, 36), (45, 40), (50, 44), (55, 48),
    (60, 52), (65, 56), (70, 59), (75, 63), (80, 66), (85, 70), (90, 73), (95, 76), (100, 80), (110, 86),
    (120, 92), (130, 97), (140, 103), (150, 108), (160, 113), (170, 118), (180, 123), (190, 127), (200, 132),
    (210, 136), (220, 140), (230, 144), (240, 148), (250, 152), (260, 155), (270, 159), (280, 162), (290, 165),
    (300, 169), (320, 175), (340, 181), (360, 186), (380, 191), (400, 196), (420, 201), (440, 205), (460, 210),
    (480, 214), (500, 217), (550, 226), (600, 234), (650, 242), (700, 248), (750, 254), (800, 260), (850, 265),
    (900, 269), (950, 274), (1000, 278), (1100, 285), (1200, 291), (1300, 297), (1400, 302), (1500, 306),
    (1600, 310), (1700, 313), (1800, 317), (1900, 320), (2000, 322), (2200, 327), (2400, 331), (2600, 335),
    (2800, 338), (3000, 341), (3500, 346), (4000, 351), (4500, 354), (5000, 357), (6000, 361), (7000, 364),
    (8000, 367), (9000, 368), (10000, 370), (15000, 375), (20000, 377), (30000, 379), (40000, 380),
    (50000, 381), (75000, 382), (1000000, 384),
)  # fmt: skip
LARGEST_SAMPLE = 384


def minimum_sample(population: int | None) -> int | None:
    """The answers the regulation asks for a population of ``population`` service users; None when the
    population is not known. A population of 10 or fewer is asked in full."""
    if population is None:
        return None
    if population <= 10:
        return max(population, 0)
    for up_to, sample in KREJCIE_MORGAN:
        if population <= up_to:
            return sample
    return LARGEST_SAMPLE


class SurveyPeriod(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


MONTHS = {SurveyPeriod.MONTH: 1, SurveyPeriod.QUARTER: 3, SurveyPeriod.YEAR: 12}
PERIOD_WORDS = {SurveyPeriod.MONTH: "bulan ini", SurveyPeriod.QUARTER: "triwulan ini", SurveyPeriod.YEAR: "tahun ini"}


def parse_survey_period(text: str) -> SurveyPeriod:
    try:
        return SurveyPeriod(text)
    except ValueError:
        raise InvalidInput("ikm_period_unknown", allowed="month, quarter, year") from None


def period_population(yearly_users: int | None, period: SurveyPeriod) -> int | None:
    """The users of a period, from the yearly estimate: a month is a twelfth, rounded up."""
    if yearly_users is None:
        return None
    return -(-max(yearly_users, 0) * MONTHS[period] // 12)


@dataclass(frozen=True)
class SurveyWindow:
    period: SurveyPeriod
    start: dt.date  # first local day
    end: dt.date  # the day after the last
    key: str  # "2026-12", "2026-Q4", "2026"

    @property
    def last_day(self) -> dt.date:
        return self.end - dt.timedelta(days=1)


def survey_window(period: SurveyPeriod, day: dt.date) -> SurveyWindow:
    """The month, quarter or year holding ``day`` (a local date)."""
    if period is SurveyPeriod.YEAR:
        start, months = dt.date(day.year, 1, 1), 12
        key = f"{day.year}"
    elif period is SurveyPeriod.QUARTER:
        quarter = (day.month - 1) // 3 + 1
        start, months = dt.date(day.year, 3 * quarter - 2, 1), 3
        key = f"{day.year}-Q{quarter}"
    else:
        start, months = day.replace(day=1), 1
        key = f"{day.year}-{day.month:02d}"
    following = start.month - 1 + months
    end = dt.date(start.year + following // 12, following % 12 + 1, 1)
    return SurveyWindow(period, start, end, key)


def previous_window(window: SurveyWindow) -> SurveyWindow:
    return survey_window(window.period, window.start - dt.timedelta(days=1))


_AT = re.compile(r"([0-9]{4})(?:-(?:Q([1-4])|([0-9]{2})))?")


def parse_at(text: str, period: SurveyPeriod) -> dt.date:
    """A day of the period asked for: ``2026``, ``2026-Q4`` or ``2026-12`` (any month of the quarter or year)."""
    match = _AT.fullmatch(text.strip())
    if not match:
        raise InvalidInput("ikm_at_format")
    year, quarter, month = int(match[1]), match[2], match[3]
    if not 2000 <= year <= 2100 or (month is not None and not 1 <= int(month) <= 12):
        raise InvalidInput("ikm_at_format")
    if quarter is not None and period is SurveyPeriod.MONTH:
        raise InvalidInput("ikm_at_format")
    if month is None and quarter is None and period is not SurveyPeriod.YEAR:
        raise InvalidInput("ikm_at_format")
    first_month = 3 * int(quarter) - 2 if quarter else int(month or 1)
    return dt.date(year, first_month, 1)


def shown_number(value: Decimal) -> str:
    """An Indonesian decimal: 87,50."""
    return f"{value:.2f}".replace(".", ",")


@dataclass(frozen=True)
class IkmLine:
    """The line an office display shows under its board."""

    text: str  # "IKM triwulan ini: 87,50 (B)"
    period_key: str
    answers: int
    ikm: float | None
    grade: str | None
