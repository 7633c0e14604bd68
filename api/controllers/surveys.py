"""The citizens' survey of a service point, without sign-in: the HTML form a phone opens from the QR code,
and its JSON twin for apps. Both identify the device by a signed cookie set on the first GET, and take an
answer only with that cookie and the form token the GET gave."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, Request, Response, get, post
from litestar.datastructures import Cookie
from litestar.di import NamedDependency
from litestar.params import CookieParameter, JSONBody, PathParameter

from api.http.cross_site import is_cross_site, same_site_json
from api.http.guards import EXCLUDE_KEY
from api.http.messages import message
from api.http.rate_limit import client_address, rate_limited
from api.pages.survey import HEADERS, form_page, message_page, thanks_page
from api.pages.survey_form import MAX_BODY_BYTES, FormUnreadable, read_form
from api.schemas.service_points import SurveyAnswerBody
from domain.errors import Conflict, DomainError, Forbidden, InvalidInput, NotFound, TooManyRequests
from domain.survey import SurveyAnswerIn
from gamification.limits.request_budgets import RateLimiter
from gamification.surveys.devices import COOKIE, COOKIE_MAX_AGE
from gamification.surveys.intake import AnswerReceipt, PublicService, SurveyIntake

PublicKey = Annotated[str, PathParameter(max_length=32)]
DeviceCookie = Annotated[
    str | None, CookieParameter(name=COOKIE, max_length=100, description="The device cookie the GET set")
]
Intake = NamedDependency[SurveyIntake]


def device_cookie(request: Request, value: str) -> Cookie:
    """Signed, random, long-lived; never readable by script, never sent along with another site's request."""
    secure = request.url.scheme == "https"
    return Cookie(
        key=COOKIE, value=value, max_age=COOKIE_MAX_AGE, path="/", httponly=True, samesite="lax", secure=secure
    )


class PublicServiceController(Controller):
    path = "/api/v1/public/services/{public_key:str}"
    tags = ["public"]
    opt = {EXCLUDE_KEY: True, "problems": (404,)}

    @get("/", guards=[rate_limited("survey_page")])
    async def read(
        self, request: Request, public_key: PublicKey, survey_intake: Intake, device: DeviceCookie = None
    ) -> Response[PublicService]:
        """The survey of an active service point: its nine elements, the scale, the staff a citizen may name, and
        the ``form_token`` an answer carries back. Sets the device cookie when the request has none."""
        form = await survey_intake.form(public_key, device)
        cookies = [device_cookie(request, form.new_cookie)] if form.new_cookie else []
        return Response(form.service, cookies=cookies, headers={"Cache-Control": "no-store"})

    @post(
        "/answers",
        guards=[same_site_json, rate_limited("survey_answer")],
        request_max_body_size=MAX_BODY_BYTES,
        opt={"problems": (403, 404, 415)},
    )
    async def answer(
        self,
        request: Request,
        public_key: PublicKey,
        data: JSONBody[SurveyAnswerBody],
        survey_intake: Intake,
        device: DeviceCookie = None,
    ) -> Response[AnswerReceipt]:
        """One answer per device, service and day (409 ``survey_already_answered``), with the cookie and
        ``form_token`` of the GET (403 without). ``site_code``: the day's code when the point asks for it (422
        ``site_code_invalid``). ``contact`` only with ``contact_consent``; erased after a set time."""
        answer = SurveyAnswerIn(
            data.scores(), data.comment, data.served_by, data.contact, data.contact_consent, data.site_code
        )
        receipt = await survey_intake.answer(public_key, device, data.form_token, answer, client_address(request))
        return Response(receipt, status_code=201, headers={"Cache-Control": "no-store"})


class SurveyPageController(Controller):
    """The same survey as a page: every refusal is a page in Indonesian too, never a bare error."""

    path = "/layanan/{public_key:str}"
    include_in_schema = False
    opt = {EXCLUDE_KEY: True}

    @get("/", media_type="text/html")
    async def form(self, request: Request, public_key: PublicKey, survey_intake: Intake) -> Response[str]:
        """The form; ``?kode=`` (from the counter's QR) is carried along as the day's site code."""
        try:
            await _spend(request, "survey_page")
            form = await survey_intake.form(public_key, request.cookies.get(COOKIE))
        except DomainError as error:
            return _refusal(error, public_key)
        if form.service.answered_today:
            return _html(_ALREADY, 200)
        code = request.query_params.get("kode", "")[:12]
        cookies = [device_cookie(request, form.new_cookie)] if form.new_cookie else []
        return _html(form_page(form.service, {}, [], code, survey_intake.contact_days), 200, cookies)

    @post("/", media_type="text/html", request_max_body_size=MAX_BODY_BYTES)
    async def answer(self, request: Request, public_key: PublicKey, survey_intake: Intake) -> Response[str]:
        """The posted form: the thanks, the form again with what to correct (422), or a page saying why not."""
        cookie = request.cookies.get(COOKIE)
        try:
            await _spend(request, "survey_answer")
            if is_cross_site(request):
                raise Forbidden("survey_form_token_invalid")
            if request.headers.get("content-type", "").split(";")[0].strip() != "application/x-www-form-urlencoded":
                return _html(message_page("Permintaan tidak dapat dibaca", _UNREADABLE), 415)
            posted = read_form(await request.body())
            receipt = await survey_intake.answer(
                public_key, cookie, posted.form_token, posted.answer(), client_address(request)
            )
        except FormUnreadable:
            return _html(message_page("Permintaan tidak dapat dibaca", _UNREADABLE), 400)
        except InvalidInput as error:
            try:
                form = await survey_intake.form(public_key, cookie)
            except DomainError as refusal:
                return _refusal(refusal, public_key)
            errors = [message(error.code, "id", error.params)]
            page = form_page(
                form.service, posted.values, errors, posted.values.get("kode", ""), survey_intake.contact_days
            )
            return _html(page, 422)
        except DomainError as error:
            return _refusal(error, public_key)
        return _html(thanks_page(receipt), 200)


_UNREADABLE = "Isian formulir tidak dapat dibaca. Buka kembali halaman survei dari kode QR, lalu isi ulang."
_ALREADY = message_page(
    "Anda sudah mengisi survei ini hari ini",
    "Terima kasih! Setiap perangkat dapat menilai layanan ini sekali sehari. Silakan kembali lain hari.",
)
_NOT_FOUND = message_page(
    "Layanan tidak ditemukan",
    "Tautan atau kode QR ini tidak dikenal atau sudah tidak berlaku. Mintalah kode QR terbaru di loket layanan.",
)


def _refusal(error: DomainError, public_key: str) -> Response[str]:
    back = f"/layanan/{public_key}"
    if isinstance(error, NotFound):
        return _html(_NOT_FOUND, 404)
    if isinstance(error, Conflict):
        return _html(_ALREADY, 409)
    if isinstance(error, TooManyRequests):
        text = f"Terlalu banyak permintaan dari jaringan Anda. Coba lagi dalam {error.retry_after} detik."
        if error.code == "survey_address_daily_cap":
            text = message(error.code, "id")
        return _html(message_page("Mohon tunggu sebentar", text), 429, headers={"Retry-After": str(error.retry_after)})
    if isinstance(error, Forbidden):
        text = (
            "Formulir ini tidak dapat diterima: bukalah halaman survei lagi (cookie harus diaktifkan di peramban), "
            "lalu isi kembali."
        )
        return _html(message_page("Formulir perlu dimuat ulang", text, back), 403)
    return _html(message_page("Permintaan tidak dapat diproses", message(error.code, "id", error.params), back), 400)


async def _spend(request: Request, action: str) -> None:
    limiter: RateLimiter = request.app.state.rate_limiter
    await limiter.spend(action, None, client_address(request))


def _html(body: str, status: int, cookies: list[Cookie] | None = None, headers: dict | None = None) -> Response[str]:
    return Response(
        body, status_code=status, media_type="text/html", headers=HEADERS | (headers or {}), cookies=cookies or []
    )
