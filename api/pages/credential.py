"""The credential verification pages for people: the form to paste or upload a credential, and the result
(who, what, when, by whom, and the verdict in plain Indonesian). Everything taken from a credential goes
through ``html.escape`` here, once, as it is put into the page: a name holding ``<script>`` is shown as text."""

from __future__ import annotations

from html import escape
from importlib.resources import files
from string import Template

from api.pages.credential_form import UPLOAD_MAX
from api.schemas.credentials import CREDENTIAL_MAX
from domain.credential_details import CredentialDetails
from domain.credentials import Verdict, indonesian_date
from gamification.credentials.verification import CredentialReading

LAYOUT = Template(files("api").joinpath("templates/credential_page.html").read_text(encoding="utf-8"))
HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",  # a shared credential's token is in the address
    "X-Robots-Tag": "noindex",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    ),
}
# The verdict's word, its look, and what it means for the person reading it
VERDICTS = {
    Verdict.VALID: (
        "Sah",
        "valid",
        "Tanda tangan penerbit cocok, isinya tidak diubah, dan kredensial ini tidak dicabut.",
    ),
    Verdict.REVOKED: ("Dicabut", "invalid", None),
    Verdict.TAMPERED: ("Tidak sah", "invalid", None),
    Verdict.UNKNOWN_KEY: ("Penerbit tidak dikenal", "invalid", None),
    Verdict.EXPIRED: ("Kedaluwarsa", "caution", None),
    Verdict.NOT_YET_VALID: ("Belum berlaku", "caution", None),
}
TEXT_CLASS = ' class="text"'  # a description keeps its line breaks
NOT_FOUND = (
    "Tautan kredensial ini tidak dikenal, sudah diganti, atau pemiliknya berhenti membagikannya. Mintalah tautan "
    "terbaru kepada pemilik kredensial, atau periksa kredensialnya di halaman verifikasi."
)


def page(title: str, content: str) -> str:
    return LAYOUT.substitute(title=escape(title), content=content)


def form_page(error: str = "", typed: str = "") -> str:
    problem = f'<div class="card error" role="alert">{escape(error)}</div>' if error else ""
    return page(
        "Verifikasi kredensial",
        f"""<h1>Verifikasi kredensial</h1>
<p class="sub">Periksa keaslian lencana, sertifikat atau rekap JP yang diterbitkan Tangkas: siapa penerimanya, apa
pencapaiannya, kapan dan oleh siapa diterbitkan, serta apakah masih berlaku.</p>
{problem}
<form class="card" method="post" action="/verifikasi" enctype="multipart/form-data" accept-charset="utf-8">
  <label for="kredensial">Tempel teks kredensial <span class="hint">(VC-JWT: tiga bagian dipisah titik)</span></label>
  <textarea id="kredensial" name="kredensial" maxlength="{CREDENTIAL_MAX}" spellcheck="false" autocomplete="off"
    placeholder="eyJhbGciOiJFZERTQSIs...">{escape(typed)}</textarea>
  <p class="or">atau</p>
  <label for="berkas">Unggah berkas kredensial <span class="hint">(.jwt, .txt atau .json, paling besar
    {UPLOAD_MAX // 1024} KB)</span></label>
  <input type="file" id="berkas" name="berkas" accept=".jwt,.txt,.json,text/plain,application/json">
  <button type="submit">Periksa</button>
</form>
<p class="sub">Kredensial yang Anda periksa tidak disimpan.</p>""",
    )


def result_page(reading: CredentialReading) -> str:
    view, details = reading.verification, reading.details
    verdict = Verdict(view.status)
    word, look, meaning = VERDICTS[verdict]
    explanation = meaning if meaning else view.message
    parts = [
        "<h1>Hasil verifikasi</h1>",
        f'<div class="card verdict {look}" role="status" id="hasil" data-status="{verdict.value}">'
        f"<strong>{escape(word)}</strong><p>{escape(explanation)}</p></div>",
    ]
    if details is not None:
        if verdict is not Verdict.VALID:
            parts.append('<p class="sub">Keterangan di bawah ini tertera pada kredensial, tetapi kredensial ini tidak '
                         "berlaku.</p>")  # fmt: skip
        parts.append(_details_html(details))
    parts.append('<p><a href="/verifikasi">Periksa kredensial lain</a></p>')
    return page(f"Kredensial {word.lower()}", "\n".join(parts))


def message_page(title: str, text: str) -> str:
    return page(
        title,
        f'<h1>{escape(title)}</h1><div class="card error"><p>{escape(text)}</p></div>'
        '<p><a href="/verifikasi">Ke halaman verifikasi kredensial</a></p>',
    )


def _details_html(details: CredentialDetails) -> str:
    rows = [
        ("Diberikan kepada", details.subject_name, "subjek"),
        ("Pencapaian", details.achievement_name, "pencapaian"),
        ("Keterangan", details.achievement_description, "keterangan"),
        ("Jam pelajaran (JP)", _jp(details.jp), "jp"),
        ("Jenis kompetensi", details.competency, "kompetensi"),
        ("Tanggal diberikan", indonesian_date(details.awarded_on) if details.awarded_on else None, "tanggal"),
        ("Tanggal diterbitkan", indonesian_date(details.issued_on) if details.issued_on else None, "terbit"),
        ("Penerbit", details.issuer_name, "penerbit"),
    ]
    shown = "".join(
        f'<dt>{label}</dt><dd id="{key}"{TEXT_CLASS if key == "keterangan" else ""}>{escape(value)}</dd>'
        for label, value, key in rows
        if value
    )
    return f'<div class="card"><dl>{shown}</dl></div>'


def _jp(jp: float | None) -> str | None:
    if jp is None:
        return None
    return f"{jp:g} JP".replace(".", ",")
