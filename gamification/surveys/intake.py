"""Citizens answering the survey of a service point, without signing in.

One answer per device, service and local day: the device is the signed cookie (``devices.py``), the day the
region's, and a unique index on (service point, device key, day) settles two answers sent at once. When the
point asks for it, the day's site code proves the answer was given at the counter; wrong codes are counted per
address and service point. Nothing about the citizen is stored but a contact given with consent, erased after
``TANGKAS_CITIZEN_CONTACT_DAYS``. An answer that comes to wait for moderation tells the deciders of the unit
(``moderation_notices.py``) in the transaction that records it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from domain.errors import Conflict, Forbidden, InvalidInput, TooManyRequests
from domain.moderation import CommentStatus
from domain.site_codes import check_site_code
from domain.survey import ELEMENTS, MAX_COMMENT, SCALE, SurveyAnswerIn, check_answer, comment_status, local_date
from domain.timezones import seconds_to_local_midnight
from domain.word_filter import is_flagged
from gamification.limits.window_counter import WindowCounter
from gamification.service_points.records import PublicPoint, public_point
from gamification.service_points.staff import NamedStaff, is_named_staff, named_staff
from gamification.storage.database import unit_of_work
from gamification.storage.db_errors import is_unique_violation
from gamification.storage.settings import Settings
from gamification.storage.tables import SurveyAnswer
from gamification.surveys.devices import DeviceCookies
from gamification.surveys.moderation_notices import tell_deciders

MAX_SITE_CODE_MISSES = 10  # wrong codes per address and service point in a window
MISS_WINDOW_SECONDS = 3600


@dataclass(frozen=True)
class Choice:
    value: int
    label: str


@dataclass(frozen=True)
class Element:
    key: str
    label: str


@dataclass(frozen=True)
class PublicService:
    """What the form shows, and the token its answer must carry back."""

    public_key: str
    name: str
    description: str
    unit: str
    agency: str
    region: str
    requires_site_code: bool
    elements: list[Element]
    scale: list[Choice]
    staff: list[NamedStaff]  # opted-in staff by first name; ``id`` is what ``served_by`` takes
    comment_max: int
    form_token: str  # tied to this device's cookie and this service
    answered_today: bool  # this device already answered this service today


@dataclass(frozen=True)
class SurveyForm:
    service: PublicService
    new_cookie: str | None  # a new device's cookie to set; None when the request carried a valid one


@dataclass(frozen=True)
class AnswerReceipt:
    service: str
    local_date: dt.date
    answered_at: dt.datetime
    comment_status: str  # none, or pending: a comment or a named ASN waits for moderation


class SurveyIntake:
    def __init__(self, settings: Settings, devices: DeviceCookies, counter: WindowCounter) -> None:
        self._devices = devices
        self._misses = counter
        self._contact_days = settings.citizen_contact_days
        self._per_address_day = settings.survey_answers_per_address_day

    @property
    def contact_days(self) -> int:
        return self._contact_days

    async def form(self, public_key: str, cookie: str | None) -> SurveyForm:
        """The form of an active service point; a device without a valid cookie gets a new one."""
        point = await public_point(public_key)
        device, new_cookie = self._devices.device_of(cookie), None
        if device is None:
            device, new_cookie = self._devices.new()
        today = local_date(dt.datetime.now(dt.timezone.utc), point.timezone)
        answered = await SurveyAnswer.exists().where(
            (SurveyAnswer.service_point == point.id)
            & (SurveyAnswer.device_key == self._devices.device_key(device))
            & (SurveyAnswer.local_date == today)
        )
        service = PublicService(
            public_key=point.public_key,
            name=point.name,
            description=point.description,
            unit=point.unit_name,
            agency=point.agency_name,
            region=point.region_name,
            requires_site_code=point.requires_site_code,
            elements=[Element(key, label) for key, label in ELEMENTS],
            scale=[Choice(value, label) for value, label in SCALE],
            staff=await named_staff(point.unit_path),
            comment_max=MAX_COMMENT,
            form_token=self._devices.form_token(device, point.public_key),
            answered_today=answered,
        )
        return SurveyForm(service, new_cookie)

    async def answer(
        self, public_key: str, cookie: str | None, form_token: str, answer: SurveyAnswerIn, address: str
    ) -> AnswerReceipt:
        """Records one answer: 403 without this device's cookie and form token, 422 for a wrong answer or site
        code, 409 ``survey_already_answered`` for the device's second answer to the service that day."""
        point = await public_point(public_key)
        device = self._devices.device_of(cookie)
        if device is None:
            raise Forbidden("survey_device_unknown")
        if not self._devices.form_token_matches(device, point.public_key, form_token):
            raise Forbidden("survey_form_token_invalid")
        checked = check_answer(answer)
        now = dt.datetime.now(dt.timezone.utc)
        if point.requires_site_code:
            await self._check_site_code(point, answer.site_code, now, address)
        if answer.served_by is not None and not await is_named_staff(point.unit_path, answer.served_by):
            raise InvalidInput("survey_served_by_invalid")
        day = local_date(now, point.timezone)
        day_key = await self._count_address_day(point, now, address)
        status = comment_status(checked.comment, answer.served_by)
        row = SurveyAnswer(
            service_point=point.id,
            region=point.region_id,
            unit=point.unit_id,
            answered_at=now,
            local_date=day,
            device_key=self._devices.device_key(device),
            comment=checked.comment,
            comment_status=status,
            comment_flagged=is_flagged(checked.comment),
            served_by=answer.served_by,
            contact=checked.contact,
            contact_consent=bool(checked.contact),
            contact_erase_at=now + dt.timedelta(days=self._contact_days) if checked.contact else None,
            **{key: score for (key, _), score in zip(ELEMENTS, checked.scores, strict=True)},
        )
        try:
            async with unit_of_work():
                await SurveyAnswer.insert(row)
                if status == CommentStatus.PENDING:
                    await tell_deciders(
                        point.region_id, point.unit_id, answer.served_by, point.name, point.unit_name, now
                    )
        except Exception as error:
            await self._misses.take_back(day_key)
            if is_unique_violation(error):
                raise Conflict("survey_already_answered") from None
            raise
        return AnswerReceipt(point.name, day, now, status)

    async def _count_address_day(self, point: PublicPoint, now: dt.datetime, address: str) -> str:
        """Answers per address and service point in the region's day: a new cookie is a new device, not a new
        address. The site code only proves someone saw today's code, so this is what bounds one sender."""
        key = f"survey-day:{point.id}:{address}"
        until_midnight = seconds_to_local_midnight(now, point.timezone)
        answers, _ = await self._misses.add(key, until_midnight)
        if answers > self._per_address_day:
            await self._misses.take_back(key)
            raise TooManyRequests("survey_address_daily_cap", retry_after=until_midnight)
        return key

    async def _check_site_code(self, point: PublicPoint, given: str, now: dt.datetime, address: str) -> None:
        """Counted before it is checked, so that guesses sent together are bounded too; only a wrong code stays
        counted."""
        key = f"site-code-miss:{point.id}:{address}"
        misses, seconds_left = await self._misses.add(key, MISS_WINDOW_SECONDS)
        if misses > MAX_SITE_CODE_MISSES:
            raise TooManyRequests("site_code_attempts_exhausted", retry_after=seconds_left)
        try:
            check_site_code(point.site_code_secret, given, now, point.timezone)
        except InvalidInput as error:
            if error.code != "site_code_invalid":
                await self._misses.take_back(key)
            raise
        await self._misses.take_back(key)
