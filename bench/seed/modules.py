"""The published modules of a benchmark seed: national ones and a few of each region's own.

Each is validated by ``domain.modules.check_module`` like an author's, and small: one lesson and
five single-choice questions, so that scores come out as 60, 80 or 100 with a pass mark of 60.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from domain.modules import CompetencyType, CoreValue, ModuleContent, check_module
from gamification.learning.authoring import NATIONAL_PROVIDER
from gamification.learning.module_store import (
    ModuleDetail,
    OptionView,
    QuestionView,
    catalogue_fields,
    content_fields,
    content_hash,
    version_fields,
)

NATIONAL_MODULES = 300
MODULES_PER_REGION = 10
QUESTIONS = 5
PASS_MARK = 60
SUBJECTS = [
    ("pelayanan-publik", "Pelayanan Publik"),
    ("etika-asn", "Etika ASN"),
    ("manajemen-risiko", "Manajemen Risiko"),
    ("analisis-data", "Analisis Data"),
    ("keamanan-informasi", "Keamanan Informasi"),
    ("kearsipan", "Kearsipan Digital"),
    ("pengadaan", "Pengadaan Barang dan Jasa"),
    ("keuangan-daerah", "Pengelolaan Keuangan Daerah"),
    ("perencanaan", "Perencanaan Pembangunan"),
    ("kepemimpinan", "Kepemimpinan"),
    ("komunikasi", "Komunikasi Efektif"),
    ("inovasi", "Inovasi Pelayanan"),
    ("spbe", "Sistem Pemerintahan Berbasis Elektronik"),
    ("antikorupsi", "Pencegahan Korupsi"),
    ("manajemen-kinerja", "Manajemen Kinerja"),
    ("k3", "Keselamatan dan Kesehatan Kerja"),
    ("tata-naskah", "Tata Naskah Dinas"),
    ("wawasan-kebangsaan", "Wawasan Kebangsaan"),
    ("gender", "Pengarusutamaan Gender"),
    ("kebencanaan", "Kesiapsiagaan Bencana"),
    ("statistik", "Statistik Sektoral"),
    ("legal-drafting", "Penyusunan Produk Hukum"),
    ("pengaduan", "Pengelolaan Pengaduan"),
    ("kolaborasi", "Kolaborasi Lintas Instansi"),
    ("literasi-digital", "Literasi Digital"),
    ("perizinan", "Perizinan Berusaha"),
    ("kependudukan", "Administrasi Kependudukan"),
    ("pelayanan-kesehatan", "Mutu Pelayanan Kesehatan"),
    ("pendidikan", "Manajemen Sekolah"),
    ("lingkungan", "Pembangunan Berkelanjutan"),
]
FORMS = [
    "Dasar-dasar {}",
    "{} untuk Pemula",
    "{} Tingkat Lanjut",
    "Studi Kasus {}",
    "{} dalam Praktik",
    "Panduan Cepat {}",
    "Evaluasi {}",
    "{} di Era Digital",
]


@dataclass(frozen=True)
class BenchModule:
    """What the fact generator needs of a module."""

    id: int
    region: int | None
    title: str
    xp: int


@dataclass
class ModuleRows:
    modules: list[tuple] = field(default_factory=list)
    versions: list[tuple] = field(default_factory=list)
    questions: list[tuple] = field(default_factory=list)
    options: list[tuple] = field(default_factory=list)
    catalogue: list[BenchModule] = field(default_factory=list)


MODULE_COLUMNS = (
    "id",
    "region",
    "partner",
    "provider",
    "status",
    "version",
    "content_hash",
    "created_by",
    "created_at",
    "updated_at",
    "published_at",
    "archived_at",
    "title",
    "summary",
    "competency_type",
    "topics",
    "value",
    "estimated_minutes",
    "jp_centi",
    "xp",
)
VERSION_COLUMNS = (
    "id",
    "module",
    "version",
    "created_at",
    "title",
    "competency_type",
    "min_seconds",
    "jp_centi",
    "xp",
    "pass_mark",
    "lessons",
)
QUESTION_COLUMNS = ("id", "module_version", "position", "text", "kind")
OPTION_COLUMNS = ("id", "question", "position", "text", "correct")


@dataclass(frozen=True)
class ModulePlace:
    region_id: int | None
    region_name: str | None
    author_id: int


def build_modules(
    rng: random.Random, places: list[ModulePlace], first_ids: dict[str, int], published_at: dt.datetime
) -> ModuleRows:
    """One module per place, numbered from ``first_ids`` (module, module_version, module_question, module_option)."""
    rows = ModuleRows()
    ids = dict(first_ids)
    for number, place in enumerate(places):
        content = _content(rng, number, place.region_name)
        module_id, version_id = ids["module"], ids["module_version"]
        ids["module"] += 1
        ids["module_version"] += 1
        provider = NATIONAL_PROVIDER if place.region_id is None else f"BKPSDM {place.region_name}"
        module = {
            "id": module_id,
            "region": place.region_id,
            "partner": None,
            "provider": provider,
            "status": "published",
            "version": 1,
            "created_by": place.author_id,
            "created_at": published_at,
            "updated_at": published_at,
            "published_at": published_at,
            "archived_at": None,
            **catalogue_fields(content),
        }
        version = {"id": version_id, "module": module_id, "version": 1, "created_at": published_at}
        version |= version_fields(content)
        questions = []
        for position, question in enumerate(content.questions):
            question_id = ids["module_question"]
            ids["module_question"] += 1
            rows.questions.append((question_id, version_id, position, question.text, question.kind.value))
            options = []
            for index, option in enumerate(question.options):
                rows.options.append((ids["module_option"], question_id, index, option.text, option.correct))
                options.append(OptionView(ids["module_option"], option.text))
                ids["module_option"] += 1
            questions.append(QuestionView(question_id, question.text, question.kind.value, options))
        # The ETag from these rows, as module_store.refresh_content_hash computes it from the stored ones.
        module["content_hash"] = content_hash(ModuleDetail(**content_fields(module, version), questions=questions))
        rows.modules.append(tuple(module[column] for column in MODULE_COLUMNS))
        rows.versions.append(tuple(version[column] for column in VERSION_COLUMNS))
        rows.catalogue.append(BenchModule(module_id, place.region_id, content.title, content.xp))
    return rows


def _content(rng: random.Random, number: int, region_name: str | None) -> ModuleContent:
    slug, subject = SUBJECTS[number % len(SUBJECTS)]
    title = FORMS[(number // len(SUBJECTS)) % len(FORMS)].format(subject)
    series = number // (len(SUBJECTS) * len(FORMS))
    if region_name:
        title = f"{title} di {region_name}"
    elif series:
        title = f"{title} (Seri {series + 1})"
    minutes = rng.randint(5, 30)
    return check_module(
        title=title,
        summary=f"Modul {subject.lower()} untuk uji beban Tangkas.",
        competency_type=list(CompetencyType)[number % len(CompetencyType)].value,
        topics=[slug],
        value=rng.choice([None, *[value.value for value in CoreValue]]),
        estimated_minutes=minutes,
        min_seconds=min(60, minutes * 60),
        jp=rng.choice((0.25, 0.5, 0.75, 1, 1.5, 2)),
        xp=rng.randrange(10, 55, 5),
        pass_mark=PASS_MARK,
        lessons=[{"kind": "text", "body": f"Ringkasan materi {subject.lower()}."}],
        questions=[_question(rng, subject, position) for position in range(1, QUESTIONS + 1)],
    )


def _question(rng: random.Random, subject: str, position: int) -> dict:
    right = rng.randrange(3)
    return {
        "text": f"Pertanyaan {position} tentang {subject.lower()}?",
        "kind": "single",
        "options": [{"text": f"Pilihan {'ABC'[index]}", "correct": index == right} for index in range(3)],
    }
