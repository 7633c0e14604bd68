"""The complaint pages for a citizen's phone: the form of a service point, the page with the tracking code,
the lookup and the status page. Server-rendered, no script, no outside assets; every value a citizen or a
unit typed is escaped here, once, as it is put into the page."""

from __future__ import annotations

import datetime as dt
import secrets
from html import escape
from importlib.resources import files
from string import Template
from typing import Annotated
from urllib.parse import quote
from zoneinfo import ZoneInfo

from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency
from litestar.params import PathParameter

from api.http.cross_site import is_cross_site
from api.http.guards import EXCLUDE_KEY
from api.http.rate_limit import client_address
from domain.complaints import BODY_MAX, BODY_MIN, CONTACT_MAX, normalise_code
from domain.errors import DomainError, Forbidden, InvalidInput, NotFound, TooManyRequests
from gamification.complaints.filing import ComplaintFiling
from gamification.complaints.records import CitizenComplaintView, FiledComplaint

Filing = NamedDependency[ComplaintFiling]
PathText = Annotated[str, PathParameter()]  # unbounded here: a long or odd one is a page saying "not found"
LAYOUT = Template(files("api").joinpath("templates/complaint_page.html").read_text(encoding="utf-8"))
HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",  # the tracking code is in the address
    "X-Robots-Tag": "noindex",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    ),
}
ZONE_NAMES = {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}
DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip
PROBLEM_TEXT = {
    "complaint_body_length": f"Isi pengaduan {BODY_MIN} sampai {BODY_MAX} karakter.",
    "complaint_contact_without_consent": "Kontak hanya disimpan bila Anda mencentang persetujuan.",
    "complaint_contact_format": f"Kontak paling banyak {CONTACT_MAX} karakter.",
    "text_bidi_control": "Teks memuat karakter pengatur arah yang tidak diperbolehkan.",
    "complaint_control_character": "Teks memuat karakter kendali yang tidak diperbolehkan. Hapus lalu kirim lagi.",
    "client_id_format": "Formulir tidak lengkap. Muat ulang halaman lalu kirim lagi.",
    "client_id_reused": "Formulir ini sudah dipakai untuk pengaduan lain. Muat ulang halaman lalu kirim lagi.",
}


class ComplaintFormController(Controller):
    path = "/layanan/{public_key:str}/pengaduan"
    include_in_schema = False
    opt = {EXCLUDE_KEY: True, "audit": False}

    @get("/", media_type="text/html")
    async def form(self, request: Request, public_key: PathText, complaint_filing: Filing) -> Response[str]:
        """The complaint form of a service point, with a fresh hidden ``client_id``: a form sent twice files once."""
        try:
            await _spend(request, "complaint_lookup")
            point = await complaint_filing.service(public_key)
        except DomainError as error:
            return _problem_page(error)
        return _page("Ajukan pengaduan", _form_html(point, public_key, secrets.token_urlsafe(18)))

    @post("/", media_type="text/html", status_code=200)
    async def file(self, request: Request, public_key: PathText, complaint_filing: Filing) -> Response[str]:
        """The form sent: the page with the tracking code, or the form again with what to correct."""
        form = await request.form()
        body, contact = _field(form, "isi", BODY_MAX + 200), _field(form, "kontak", CONTACT_MAX + 40)
        consent, client_id = _field(form, "setuju", 10) == "ya", _field(form, "client_id", 64)
        try:
            await _spend(request, "complaint")
            if is_cross_site(request):
                raise Forbidden("cross_site_request")
            point = await complaint_filing.service(public_key)
        except DomainError as error:
            return _problem_page(error)
        try:
            filed = await complaint_filing.file(
                public_key,
                body=body,
                contact=contact,
                contact_consent=consent,
                client_id=client_id or None,
                address=client_address(request),
            )
        except DomainError as error:
            if isinstance(error, InvalidInput) or error.code == "client_id_reused":
                message = PROBLEM_TEXT.get(error.code, "Periksa kembali isian Anda.")
                fields = {"isi": body, "kontak": contact, "setuju": consent}
                content = _form_html(point, public_key, secrets.token_urlsafe(18), message, fields)
                return _page("Ajukan pengaduan", content, 422)
            return _problem_page(error)
        return _page("Pengaduan terkirim", _filed_html(filed))


class ComplaintStatusController(Controller):
    path = "/pengaduan"
    include_in_schema = False
    opt = {EXCLUDE_KEY: True, "audit": False}

    @get("/", media_type="text/html")
    async def lookup(self, request: Request) -> Response[str]:
        """The lookup form; with ``?kode=`` it goes to that complaint's page."""
        typed = request.query_params.get("kode", "")[:40]
        if not typed:
            return _page("Cek pengaduan", _lookup_html())
        code = normalise_code(typed)
        if code is None:
            return _page("Cek pengaduan", _lookup_html("Kode pelacakan tidak dikenali. Periksa kembali.", typed), 404)
        return Response("", status_code=303, headers=HEADERS | {"Location": f"/pengaduan/{quote(code)}"})

    @get("/{code:str}", media_type="text/html")
    async def status(self, request: Request, code: PathText, complaint_filing: Filing) -> Response[str]:
        """A complaint's state, deadline and the unit's answer, by its tracking code."""
        try:
            await _spend(request, "complaint_lookup")
            complaint = await complaint_filing.track(code)
        except NotFound:
            return _page("Cek pengaduan", _lookup_html("Pengaduan dengan kode itu tidak ditemukan.", code), 404)
        except DomainError as error:
            return _problem_page(error)
        return _page(f"Pengaduan {complaint.tracking_code}", _status_html(complaint))


async def _spend(request: Request, action: str) -> None:
    await request.app.state.rate_limiter.spend(action, None, client_address(request))


def _field(form, name: str, limit: int) -> str:
    value = form.get(name)
    return value[: limit + 1] if isinstance(value, str) else ""


def _page(title: str, content: str, status: int = 200, headers: dict | None = None) -> Response[str]:
    page = LAYOUT.substitute(title=escape(title), content=content)
    return Response(page, status_code=status, media_type="text/html; charset=utf-8", headers=HEADERS | (headers or {}))


def _problem_page(error: DomainError) -> Response[str]:
    if isinstance(error, TooManyRequests):
        text = f"Terlalu banyak permintaan. Coba lagi dalam {error.retry_after} detik."
        if error.code == "complaint_daily_cap":
            text = "Anda sudah mengirim banyak pengaduan untuk layanan ini hari ini. Silakan coba lagi besok."
        return _page("Coba lagi nanti", _notice(text), 429, {"Retry-After": str(error.retry_after)})
    if isinstance(error, NotFound):
        text = (
            "Tautan layanan ini tidak dikenal atau sudah diganti. Pindai kembali kode QR yang terpasang di loket, "
            "atau tanyakan kepada petugas."
        )
        return _page("Layanan tidak ditemukan", _notice(text), 404)
    if isinstance(error, Forbidden):
        text = "Formulir ini dikirim dari situs lain. Buka formulir pengaduan dari kode QR di loket, lalu isi kembali."
        return _page("Formulir tidak diterima", _notice(text), 403)
    return _page("Permintaan tidak dapat diproses", _notice("Permintaan tidak dapat diproses. Coba lagi."), 409)


def _notice(text: str) -> str:
    return (
        f'<h1>Maaf</h1><div class="card error"><p>{escape(text)}</p></div><p><a href="/pengaduan">Cek pengaduan</a></p>'
    )


def _form_html(point: dict, public_key: str, client_id: str, error: str = "", fields: dict | None = None) -> str:
    fields = fields or {}
    problem = f'<div class="card error" role="alert">{escape(error)}</div>' if error else ""
    checked = " checked" if fields.get("setuju") else ""
    return f"""<h1>Pengaduan: {escape(point["name"])}</h1>
<p class="sub">{escape(point["unit.name"])}</p>
{problem}
<form class="card" method="post" action="/layanan/{quote(public_key, safe="")}/pengaduan">
  <input type="hidden" name="client_id" value="{escape(client_id)}">
  <label for="isi">Isi pengaduan <span class="hint">({BODY_MIN}–{BODY_MAX} karakter)</span></label>
  <textarea id="isi" name="isi" required minlength="{BODY_MIN}" maxlength="{BODY_MAX}">{escape(fields.get("isi", ""))}</textarea>
  <label for="kontak">Kontak <span class="hint">(tidak wajib: nomor HP atau email bila ingin dihubungi)</span></label>
  <input type="text" id="kontak" name="kontak" maxlength="{CONTACT_MAX}" autocomplete="off" value="{escape(fields.get("kontak", ""))}">
  <label class="check"><input type="checkbox" name="setuju" value="ya"{checked}>
    <span>Saya setuju kontak di atas disimpan untuk menindaklanjuti pengaduan ini dan dihapus setelah batas waktu
    penyimpanan. Tanpa persetujuan, kontak tidak disimpan.</span></label>
  <button type="submit">Kirim pengaduan</button>
</form>
<p class="sub">Identitas Anda tidak diminta. Simpan kode pelacakan yang muncul setelah mengirim untuk melihat jawaban.</p>
<p><a href="/pengaduan">Sudah punya kode? Cek pengaduan</a></p>"""


def _filed_html(filed: FiledComplaint) -> str:
    return f"""<h1>Pengaduan terkirim</h1>
<p class="sub">{escape(filed.service_name)}</p>
<div class="card">
  <p>Kode pelacakan Anda:</p>
  <div class="code" id="kode">{escape(filed.tracking_code)}</div>
  <p>Catat atau foto kode ini. Dengan kode ini Anda dapat melihat status dan jawaban pengaduan.</p>
  <dl><dt>Batas waktu jawaban</dt><dd>{_date(filed.due_on)}</dd></dl>
</div>
<p><a href="/pengaduan/{quote(filed.tracking_code)}">Lihat status pengaduan</a></p>"""


def _status_html(complaint: CitizenComplaintView) -> str:
    zone = complaint.time_zone
    late = ' <span class="late">(melewati batas waktu)</span>' if complaint.overdue else ""
    answer = ""
    if complaint.answer is not None:
        answer = f"""<div class="card" id="jawaban"><h2>Jawaban {escape(complaint.answered_by_unit or "")}</h2>
<p class="text">{escape(complaint.answer)}</p>
<dl><dt>Dijawab</dt><dd>{_moment(complaint.answered_at, zone)}</dd></dl></div>"""
    closed = f"<dt>Selesai</dt><dd>{_moment(complaint.closed_at, zone)}</dd>" if complaint.closed_at else ""
    return f"""<h1>Pengaduan <span id="kode">{escape(complaint.tracking_code)}</span></h1>
<p class="sub">{escape(complaint.service_name)} · {escape(complaint.unit_name)}</p>
<div class="card"><dl>
  <dt>Status</dt><dd><span class="status" id="status">{escape(complaint.status_label)}</span></dd>
  <dt>Diajukan</dt><dd>{_moment(complaint.filed_at, zone)}</dd>
  <dt>Batas waktu jawaban</dt><dd>{_date(complaint.due_on)}{late}</dd>
  {closed}
</dl></div>
{answer}
<p><a href="/pengaduan">Cek pengaduan lain</a></p>"""


def _lookup_html(error: str = "", typed: str = "") -> str:
    problem = f'<div class="card error" role="alert">{escape(error)}</div>' if error else ""
    return f"""<h1>Cek pengaduan</h1>
<p class="sub">Masukkan kode pelacakan yang Anda terima saat mengirim pengaduan.</p>
{problem}
<form class="card" method="get" action="/pengaduan">
  <label for="kode">Kode pelacakan</label>
  <input type="text" id="kode" name="kode" maxlength="40" autocomplete="off" autocapitalize="characters"
    placeholder="ABCDE-FGHJK" value="{escape(typed)}" required>
  <button type="submit">Cek</button>
</form>"""


def _date(day: dt.date) -> str:
    return f"{DAYS[day.weekday()]}, {day.day} {MONTHS[day.month - 1]} {day.year}"


def _moment(at: dt.datetime | None, zone: str) -> str:
    if at is None:
        return ""
    local = at.astimezone(ZoneInfo(zone))
    return f"{_date(local.date())}, {local:%H:%M} {ZONE_NAMES.get(zone, zone)}"
