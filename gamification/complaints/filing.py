"""The citizen's side, without signing in: file a complaint on a service point and follow it by its code.

Nothing about the citizen is kept but the text and, with their explicit consent, a contact (erased after
``TANGKAS_CITIZEN_CONTACT_DAYS``). A phone that resends a filing with the same ``client_id`` (and a form sent
twice: its hidden ``client_id``) gets the first complaint back; two sent at once meet at the unique index
(service point, client id), and the loser reads the winner's.
"""

from __future__ import annotations

import datetime as dt

from domain.attempts import check_client_id
from domain.complaints import Status, check_body, check_contact, due_at, new_tracking_code, normalise_code
from domain.errors import Conflict, NotFound, TooManyRequests
from domain.timezones import seconds_to_local_midnight
from gamification.complaints.notices import tell_managers
from gamification.complaints.records import (
    CitizenComplaintView,
    FiledComplaint,
    citizen_view,
    filed_view,
    load,
    load_by_code,
)
from gamification.limits.window_counter import WindowCounter
from gamification.service_points.records import PUBLIC_KEY_SHAPE
from gamification.storage.database import unit_of_work
from gamification.storage.db_errors import is_unique_violation
from gamification.storage.tables import Complaint, ComplaintEvent, Holiday, ServicePoint

MAX_TRIES = 3  # a tracking code drawn twice (never seen) or a resend racing its first


class ComplaintFiling:
    def __init__(self, contact_days: int, per_address_day: int, counter: WindowCounter) -> None:
        self._contact_days = contact_days
        self._per_address_day = per_address_day
        self._counter = counter

    async def service(self, public_key: str) -> dict:
        """The active service point behind a citizen's link, with its unit's name; ``404`` for an unknown or
        renewed link."""
        if not PUBLIC_KEY_SHAPE.fullmatch(public_key):
            raise NotFound("complaint_service_not_found")
        row = (
            await ServicePoint.select(*ServicePoint.all_columns(), ServicePoint.unit.name, ServicePoint.region.timezone)
            .where((ServicePoint.public_key == public_key) & ServicePoint.active.eq(True))
            .first()
        )
        if row is None:
            raise NotFound("complaint_service_not_found")
        return row

    async def file(
        self,
        public_key: str,
        *,
        body: str,
        contact: str | None = None,
        contact_consent: bool = False,
        client_id: str | None = None,
        address: str = "unknown",
    ) -> FiledComplaint:
        """A complaint on the service point; the same ``client_id`` again answers the first (``replayed``)."""
        point = await self.service(public_key)
        text, kept = check_body(body), check_contact(contact, contact_consent)
        if client_id is not None:
            check_client_id(client_id)
            previous = await _filed_with(point["id"], client_id, text)
            if previous is not None:
                return previous
        now = dt.datetime.now(dt.timezone.utc)
        await self._check_daily_cap(point, now, address)
        holidays = await _holidays_from(point["region"], now)
        due = due_at(now, point["complaint_answer_days"], point["region.timezone"], holidays)
        for _ in range(MAX_TRIES):
            try:
                complaint_id = await self._insert(point, text, kept, client_id, now, due)
                return filed_view(await load(complaint_id), replayed=False)
            except Exception as error:
                if not is_unique_violation(error):
                    raise
                if client_id is not None and (previous := await _filed_with(point["id"], client_id, text)):
                    return previous  # the same filing raced in
        raise Conflict("complaint_busy")

    async def track(self, typed_code: str) -> CitizenComplaintView:
        """A complaint by its tracking code, typed in any case, with spaces or dashes."""
        code = normalise_code(typed_code) if len(typed_code) <= 40 else None
        row = await load_by_code(code) if code else None
        if row is None:
            raise NotFound("complaint_not_found")
        return citizen_view(row, dt.datetime.now(dt.timezone.utc))

    async def _check_daily_cap(self, point: dict, now: dt.datetime, address: str) -> None:
        """Complaints per address and service point in the region's day: one address cannot shut a service's
        complaints for everyone, as a cap per service would."""
        until_midnight = seconds_to_local_midnight(now, point["region.timezone"])
        filed, _ = await self._counter.add(f"complaint-day:{point['id']}:{address}", until_midnight)
        if filed > self._per_address_day:
            raise TooManyRequests("complaint_daily_cap", retry_after=until_midnight)

    async def _insert(self, point: dict, text: str, kept, client_id: str | None, now: dt.datetime, due) -> int:
        async with unit_of_work():
            rows = await Complaint.insert(
                Complaint(
                    service_point=point["id"],
                    region=point["region"],
                    unit=point["unit"],
                    tracking_code=new_tracking_code(),
                    client_id=client_id,
                    body=text,
                    status=Status.RECEIVED.value,
                    filed_at=now,
                    due_at=due,
                    contact=kept.value,
                    contact_consent=kept.consent,
                    contact_erase_at=now + dt.timedelta(days=self._contact_days) if kept.value else None,
                )
            ).returning(Complaint.id)
            complaint_id = rows[0]["id"]
            await ComplaintEvent.insert(
                ComplaintEvent(complaint=complaint_id, actor=None, to_status=Status.RECEIVED.value, created_at=now)
            )
            row = {"id": complaint_id, "unit": point["unit"], "region": point["region"]}
            await tell_managers(
                row,
                "complaint_filed",
                f"Pengaduan baru: {point['name']}",
                text[:300],
            )
        return complaint_id


async def _filed_with(service_point_id: int, client_id: str, text: str) -> FiledComplaint | None:
    row = (
        await Complaint.select(Complaint.id, Complaint.body)
        .where((Complaint.service_point == service_point_id) & (Complaint.client_id == client_id))
        .first()
    )
    if row is None:
        return None
    if row["body"] != text:
        raise Conflict("client_id_reused")
    return filed_view(await load(row["id"]), replayed=True)


async def _holidays_from(region_id: int, now: dt.datetime) -> set[dt.date]:
    since = (now - dt.timedelta(days=2)).date()
    return set(
        await Holiday.select(Holiday.day)
        .where((Holiday.region == region_id) & (Holiday.day >= since))
        .output(as_list=True)
    )
