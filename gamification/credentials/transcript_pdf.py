"""The JP transcript printed: an A4 page (or more) in Indonesian with the person, the year's items, JP per competency
type against the 20 JP target, and a QR code leading to the page where anyone verifies the signed transcript."""

from __future__ import annotations

import datetime as dt
import unicodedata

import segno
from fpdf import FPDF

from domain.credentials import COMPETENCY_NAMES, indonesian_date
from domain.jp import YEARLY_TARGET_JP
from domain.jp_transcript import SOURCE_LABELS, Transcript, jp_text

QR_SIZE = 34.0  # mm, with its quiet zone: scans from paper held at arm's length
# the PDF's standard fonts cover Latin-1 only (no font file to ship or install); the rest is spelled near enough
PUNCTUATION = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "...", "•": "-"})


def latin1(text: str) -> str:
    text = text.translate(PUNCTUATION)
    if all(ord(char) < 256 for char in text):
        return text
    return "".join(char if ord(char) < 256 else _near(char) for char in text)


def _near(char: str) -> str:
    """A letter without its accent (ź → z), else a question mark."""
    return "".join(part for part in unicodedata.normalize("NFKD", char) if ord(part) < 256) or "?"


class _Page(FPDF):
    footer_text = ""

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("Helvetica", size=7)
        self.set_text_color(90)
        self.cell(0, 4, latin1(self.footer_text), align="L")
        self.cell(0, 4, f"Halaman {self.page_no()} dari {{nb}}", align="R")


def transcript_pdf(transcript: Transcript, *, issuer_name: str, issued_on: dt.date, verify_url: str) -> bytes:
    pdf = _Page(format="A4", unit="mm")
    pdf.set_title(latin1(f"Transkrip JP {transcript.year} - {transcript.person_name}"))
    pdf.set_author(latin1(issuer_name))
    pdf.set_creator("Tangkas")
    pdf.set_lang("id")
    pdf.footer_text = (
        f"Transkrip JP {transcript.year} - {transcript.person_name} - diterbitkan {indonesian_date(issued_on)}"
    )
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.set_margins(18, 16, 18)
    pdf.add_page()

    _qr(pdf, verify_url, x=pdf.w - pdf.r_margin - QR_SIZE, y=pdf.t_margin)
    text_width = pdf.w - pdf.l_margin - pdf.r_margin - QR_SIZE - 4
    pdf.set_font("Helvetica", "B", 14)
    pdf.multi_cell(
        text_width, 7, f"TRANSKRIP JAM PELAJARAN (JP) TAHUN {transcript.year}", new_x="LMARGIN", new_y="NEXT"
    )
    pdf.set_font("Helvetica", size=10)
    pdf.multi_cell(text_width, 5, latin1(f"Pengembangan Kompetensi ASN - {issuer_name}"), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    for label, value in (
        ("Nama", transcript.person_name),
        ("NIP", transcript.nip or "-"),
        ("Unit kerja", transcript.unit_name or "-"),
        ("Instansi", transcript.agency_name or "-"),
        ("Wilayah", transcript.region_name),
    ):
        pdf.set_font("Helvetica", "B", 10)
        pdf.cell(24, 5.5, latin1(label))
        pdf.set_font("Helvetica", size=10)
        pdf.multi_cell(text_width - 24, 5.5, latin1(f": {value}"), new_x="LMARGIN", new_y="NEXT")
    below_text = pdf.get_y()
    pdf.set_xy(pdf.w - pdf.r_margin - QR_SIZE, pdf.t_margin + QR_SIZE)
    pdf.set_font("Helvetica", size=7)
    pdf.multi_cell(QR_SIZE, 3.2, "Pindai untuk memeriksa keaslian", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(max(below_text, pdf.get_y()) + 4)

    _items(pdf, transcript)
    pdf.ln(5)
    _totals(pdf, transcript)
    pdf.ln(5)
    pdf.set_font("Helvetica", size=8)
    pdf.multi_cell(
        0,
        4,
        latin1(
            f"Diterbitkan oleh {issuer_name} pada {indonesian_date(issued_on)}. Transkrip ini juga diterbitkan sebagai "
            "kredensial digital bertanda tangan elektronik (Comprehensive Learner Record 2.0); keasliannya dapat "
            f"diperiksa dengan memindai kode QR atau membuka {verify_url}"
        ),
    )
    return bytes(pdf.output())


def _qr(pdf: FPDF, url: str, *, x: float, y: float) -> None:
    """The QR drawn as vector squares: sharp at any printer's resolution."""
    matrix = segno.make(url, error="m").matrix
    quiet = 4
    module = QR_SIZE / (len(matrix) + 2 * quiet)
    pdf.set_fill_color(0, 0, 0)
    for row, line in enumerate(matrix):
        for column, dark in enumerate(line):
            if dark:
                pdf.rect(x + (column + quiet) * module, y + (row + quiet) * module, module, module, style="F")


def _items(pdf: FPDF, transcript: Transcript) -> None:
    pdf.set_font("Helvetica", "B", 11)
    pdf.cell(0, 7, "Rincian kegiatan", new_x="LMARGIN", new_y="NEXT")
    if not transcript.items:
        pdf.set_font("Helvetica", size=10)
        pdf.cell(
            0, 6, latin1(f"Belum ada JP yang tercatat pada tahun {transcript.year}."), new_x="LMARGIN", new_y="NEXT"
        )
        return
    pdf.set_font("Helvetica", size=9)
    with pdf.table(
        col_widths=(8, 31, 20, 67, 30, 14),
        text_align=("RIGHT", "LEFT", "LEFT", "LEFT", "LEFT", "RIGHT"),
        line_height=5,
        first_row_as_headings=True,
    ) as table:
        table.row(("No", "Tanggal", "Jenis", "Kegiatan", "Kompetensi", "JP"))
        for number, item in enumerate(transcript.items, start=1):
            competency = COMPETENCY_NAMES.get(item.competency_type, item.competency_type).removeprefix("Kompetensi ")
            table.row(
                (
                    str(number),
                    indonesian_date(item.local_date),
                    SOURCE_LABELS.get(item.source, item.source),
                    latin1(item.title),
                    competency,
                    jp_text(item.jp_centi),
                )
            )


def _totals(pdf: FPDF, transcript: Transcript) -> None:
    pdf.set_font("Helvetica", "B", 11)
    pdf.cell(0, 7, "JP per jenis kompetensi", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=9)
    with pdf.table(col_widths=(60, 20), width=80, align="LEFT", text_align=("LEFT", "RIGHT"), line_height=5) as table:
        table.row(("Jenis kompetensi", "JP"))
        for kind, centi in transcript.centi_by_competency().items():
            table.row((COMPETENCY_NAMES.get(kind, kind), jp_text(centi)))
    total = transcript.total_centi
    short = YEARLY_TARGET_JP * 100 - total
    verdict = "target tercapai" if short <= 0 else f"kurang {jp_text(short)} JP"
    pdf.ln(3)
    pdf.set_font("Helvetica", "B", 11)
    pdf.cell(
        0,
        6,
        f"Jumlah: {jp_text(total)} JP dari target {YEARLY_TARGET_JP} JP ({verdict})",
        new_x="LMARGIN",
        new_y="NEXT",
    )
