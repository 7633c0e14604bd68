"""The survey pages of a service point: the form, the thanks, and a friendly page for every refusal.

Everything a citizen or a unit wrote (the service's name and description, a comment sent back with an error,
staff first names) goes through ``html.escape``: a comment holding ``<script>`` is shown as text.
"""

from __future__ import annotations

from html import escape
from importlib.resources import files
from string import Template

from domain.survey import ELEMENTS, MAX_COMMENT, MAX_CONTACT, SCALE
from gamification.surveys.intake import AnswerReceipt, PublicService

BASE = Template(files("api").joinpath("templates/survey_base.html").read_text(encoding="utf-8"))
HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",  # the key and the day's code are in the address
    "X-Robots-Tag": "noindex",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",  # no other site may frame the form and trick a tap
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
}


def page(title: str, body: str) -> str:
    return BASE.substitute(title=escape(title), body=body)


def form_page(
    service: PublicService, values: dict[str, str], errors: list[str], site_code: str, contact_days: int
) -> str:
    """The nine elements, the optional ASN, comment and contact; ``values`` refill what was sent, ``errors`` above."""
    parts = [_heading(service)]
    if errors:
        items = "".join(f"<li>{escape(error)}</li>" for error in errors)
        parts.append(f'<div class="errors" role="alert"><b>Mohon periksa kembali:</b><ul>{items}</ul></div>')
    parts.append(f'<form method="post" action="/layanan/{escape(service.public_key)}" accept-charset="utf-8">')
    parts.append(f'<input type="hidden" name="form_token" value="{escape(service.form_token)}">')
    parts.append(_site_code_field(service, site_code))
    parts.append('<p class="note">Pilih satu nilai untuk setiap unsur pelayanan.</p>')
    for number, (key, label) in enumerate(ELEMENTS, start=1):
        parts.append(_element(number, key, label, values.get(key, "")))
    if service.staff:
        parts.append(_staff_field(service, values.get("petugas", "")))
    parts.append(
        '<fieldset><legend><label for="komentar">Saran atau masukan (tidak wajib)</label></legend>'
        f'<textarea id="komentar" name="komentar" rows="4" maxlength="{MAX_COMMENT}">'
        f"{escape(values.get('komentar', ''))}</textarea>"
        '<p class="note">Komentar ditampilkan setelah diperiksa petugas.</p></fieldset>'
    )
    consent = " checked" if values.get("setuju") == "ya" else ""
    parts.append(
        '<fieldset><legend><label for="kontak">Kontak untuk tindak lanjut (tidak wajib)</label></legend>'
        f'<input type="text" id="kontak" name="kontak" maxlength="{MAX_CONTACT}" inputmode="email" '
        f'autocomplete="off" placeholder="Nomor HP atau email" value="{escape(values.get("kontak", ""))}">'
        f'<label class="check"><input type="checkbox" name="setuju" value="ya"{consent}>'
        f"<span>Saya setuju kontak ini disimpan hanya untuk menindaklanjuti masukan saya, dan dihapus setelah "
        f"{contact_days} hari.</span></label></fieldset>"
    )
    parts.append('<button type="submit">Kirim penilaian</button></form>')
    parts.append('<p class="note">Survei tanpa nama. Satu penilaian per perangkat per layanan per hari.</p>')
    return page(f"Survei Kepuasan: {service.name}", "\n".join(parts))


def thanks_page(receipt: AnswerReceipt) -> str:
    pending = (
        "<p>Komentar Anda akan ditampilkan setelah diperiksa petugas.</p>"
        if receipt.comment_status == "pending"
        else ""
    )
    body = (
        '<div class="box"><h1>Terima kasih!</h1>'
        f"<p>Penilaian Anda untuk layanan <b>{escape(receipt.service)}</b> sudah kami terima "
        f"({receipt.local_date.strftime('%d-%m-%Y')}).</p>{pending}"
        "<p>Masukan Anda membantu kami memperbaiki pelayanan.</p></div>"
    )
    return page("Terima kasih", body)


def message_page(title: str, text: str, back: str | None = None) -> str:
    link = f'<p><a href="{escape(back)}">Kembali ke formulir survei</a></p>' if back else ""
    return page(title, f'<div class="box"><h1>{escape(title)}</h1><p>{escape(text)}</p>{link}</div>')


def _heading(service: PublicService) -> str:
    description = f"<p>{escape(service.description)}</p>" if service.description else ""
    return (
        '<p class="sub">Survei Kepuasan Masyarakat</p>'
        f"<h1>{escape(service.name)}</h1>"
        f'<p class="sub">{escape(service.unit)}, {escape(service.agency)}, {escape(service.region)}</p>{description}'
    )


def _site_code_field(service: PublicService, site_code: str) -> str:
    if not service.requires_site_code:
        return ""
    if site_code:
        return f'<input type="hidden" name="kode" value="{escape(site_code)}">'
    return (
        '<fieldset><legend><label for="kode">Kode loket hari ini</label></legend>'
        '<input type="text" id="kode" name="kode" inputmode="numeric" maxlength="6" autocomplete="off" required>'
        '<p class="note">Enam angka yang tertera di loket layanan, atau pindai kode QR di loket.</p></fieldset>'
    )


def _element(number: int, key: str, label: str, chosen: str) -> str:
    options = "".join(
        f'<label><input type="radio" name="{key}" value="{value}"{" checked" if chosen == str(value) else ""}'
        f" required>{escape(text)}</label>"
        for value, text in SCALE
    )
    return (
        f'<fieldset id="{key}"><legend>U{number}. {escape(label)}</legend><div class="scale">{options}</div></fieldset>'
    )


def _staff_field(service: PublicService, chosen: str) -> str:
    options = ['<option value="">Tidak memilih</option>']
    for staff in service.staff:
        selected = " selected" if chosen == str(staff.id) else ""
        options.append(f'<option value="{staff.id}"{selected}>{escape(staff.first_name)}</option>')
    return (
        '<fieldset><legend><label for="petugas">Petugas yang melayani Anda (tidak wajib)</label></legend>'
        f'<select id="petugas" name="petugas">{"".join(options)}</select></fieldset>'
    )
