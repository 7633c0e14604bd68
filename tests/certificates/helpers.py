"""Requests the certificate tests share."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import httpx

CERTIFICATES = "/api/v1/certificates"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def today(timezone: str = "Asia/Jakarta") -> dt.date:
    return dt.datetime.now(ZoneInfo(timezone)).date()


def record(**changes) -> dict:
    return {
        "issuer": "BPSDM Provinsi Kalimantan Barat",
        "number": "BPSDM-KB/2026/0012",
        "title": "Pelatihan Analisis Data untuk Pelayanan Publik",
        "completed_on": today().isoformat(),
        "jp_claimed": 24,
        "competency_type": "teknis",
    } | changes


async def create(client: httpx.AsyncClient, headers: dict, **changes) -> dict:
    answer = await client.post(CERTIFICATES, json=record(**changes), headers=headers)
    assert answer.status_code == 201, answer.text
    return answer.json()


async def upload(
    client: httpx.AsyncClient,
    headers: dict,
    certificate_id: int,
    content: bytes = PDF,
    content_type: str = "application/pdf",
    field: str = "file",
) -> httpx.Response:
    files = {field: ("sertifikat", content, content_type)}
    return await client.put(f"{CERTIFICATES}/{certificate_id}/evidence", files=files, headers=headers)


async def submitted(client: httpx.AsyncClient, headers: dict, **changes) -> dict:
    """A record with its evidence, waiting for a decision."""
    made = await create(client, headers, **changes)
    answer = await upload(client, headers, made["id"])
    assert answer.status_code == 200, answer.text
    return answer.json()
