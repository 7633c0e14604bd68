"""The verification pages for people (issue 21): ``/verifikasi`` to paste or upload a credential and see it
checked, ``/kredensial/{token}`` for a credential its holder shared (where a printed QR code leads). Server
rendered, in Indonesian, no script; the checking is ``CredentialVerification``'s, the escaping api/pages'."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency
from litestar.exceptions import HTTPException
from litestar.params import PathParameter

from api.http.cross_site import is_cross_site
from api.http.guards import EXCLUDE_KEY
from api.http.rate_limit import client_address
from api.pages.credential import HEADERS, NOT_FOUND, form_page, message_page, result_page
from api.pages.credential_form import BODY_MAX, TOO_LARGE, UNREADABLE, Refused, posted_credential
from domain.errors import InvalidInput, NotFound, TooManyRequests
from gamification.credentials.sharing import CredentialSharing
from gamification.credentials.verification import CredentialVerification

PathText = Annotated[str, PathParameter()]  # unbounded here: a long or odd token is a page saying "not found"
TOKEN_MAX = 64
FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")
MALFORMED = (
    "Teks ini bukan kredensial yang dapat dibaca. Kredensial Tangkas (VC-JWT) terdiri atas tiga bagian huruf dan "
    "angka yang dipisahkan titik; salin seluruhnya tanpa spasi, atau unggah berkasnya."
)


class CredentialVerifyPageController(Controller):
    path = "/verifikasi"
    include_in_schema = False
    opt = {EXCLUDE_KEY: True, "audit": False}

    @get("/", media_type="text/html")
    async def form(self) -> Response[str]:
        """The form: paste the credential's text or upload its file."""
        return _page(form_page())

    @post("/", media_type="text/html", status_code=200, request_max_body_size=BODY_MAX)
    async def verify(
        self, request: Request, credential_verification: NamedDependency[CredentialVerification]
    ) -> Response[str]:
        """The credential sent, checked: the result page, or the form again with what to correct."""
        if is_cross_site(request):
            text = "Formulir ini dikirim dari situs lain. Buka halaman verifikasi Tangkas, lalu periksa kembali."
            return _page(message_page("Formulir tidak diterima", text), 403)
        typed = ""
        try:
            await _spend(request)
            token = await posted_credential(await _form_items(request))
            typed = token
            reading = await credential_verification.read(token)
        except TooManyRequests as error:
            return _too_many(error)
        except Refused as refusal:
            return _page(form_page(refusal.message, refusal.typed), refusal.status)
        except InvalidInput:  # not a compact JWS at all
            return _page(form_page(MALFORMED, typed), 422)
        return _page(result_page(reading))


class SharedCredentialPageController(Controller):
    path = "/kredensial"
    include_in_schema = False
    opt = {EXCLUDE_KEY: True, "audit": False}

    @get("/{token:str}", media_type="text/html")
    async def shared(
        self, request: Request, token: PathText, credential_sharing: NamedDependency[CredentialSharing]
    ) -> Response[str]:
        """A credential its holder shared, checked; an unknown, replaced or ended link is one and the same page."""
        try:
            await _spend(request)
            if len(token) > TOKEN_MAX:
                raise NotFound("credential_not_found")
            reading = await credential_sharing.read_shared(token)
        except TooManyRequests as error:
            return _too_many(error)
        except NotFound:
            return _page(message_page("Kredensial tidak ditemukan", NOT_FOUND), 404)
        return _page(result_page(reading))


async def _spend(request: Request) -> None:
    await request.app.state.rate_limiter.spend("credential_verify", None, client_address(request))


async def _form_items(request: Request) -> list[tuple[str, object]]:
    """The form's fields as sent; a body too large, not a form, or not readable is refused before any check."""
    if request.headers.get("content-type", "").split(";")[0].strip().lower() not in FORM_TYPES:
        raise Refused(415, "Kirim kredensial melalui formulir di halaman ini.")
    if (request.content_length or 0) > BODY_MAX:
        raise TOO_LARGE
    try:
        return list((await request.form()).multi_items())
    except HTTPException as error:
        raise (TOO_LARGE if error.status_code == 413 else UNREADABLE) from None
    except (UnicodeDecodeError, ValueError):
        raise UNREADABLE from None


def _too_many(error: TooManyRequests) -> Response[str]:
    text = f"Terlalu banyak pemeriksaan dari alamat Anda. Coba lagi dalam {error.retry_after} detik."
    return _page(message_page("Coba lagi nanti", text), 429, {"Retry-After": str(error.retry_after)})


def _page(html: str, status: int = 200, headers: dict | None = None) -> Response[str]:
    return Response(html, status_code=status, media_type="text/html; charset=utf-8", headers=HEADERS | (headers or {}))
