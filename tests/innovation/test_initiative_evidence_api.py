"""Evidence files of an initiative (photos and PDFs beside the report's links): added and removed by the team
while it works on the initiative, judged by their bytes, read by whoever may see the initiative (issue 19)."""

from __future__ import annotations

import asyncio
import dataclasses

import pytest

from gamification.storage.tables import InitiativeEvidence
from tests.certificates.helpers import JPEG, PDF, PNG
from tests.innovation.test_initiatives_api import INITIATIVES, draft, make_verified, post

WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 24


@pytest.fixture
def settings(settings, tmp_path):
    return dataclasses.replace(settings, evidence_dir=str(tmp_path / "bukti"), evidence_max_bytes=50_000)


def problem(answer) -> tuple[int, str | None]:
    return answer.status_code, answer.json().get("code")


async def upload(client, headers, initiative_id: int, content=PDF, content_type="application/pdf", field="file"):
    files = {field: ("bukti", content, content_type)}
    return await client.post(f"{INITIATIVES}/{initiative_id}/evidence", files=files, headers=headers)


async def a_draft(client, as_, p) -> int:
    made = await post(client, INITIATIVES, as_(p.asn), **draft(p.head_unit, [p.asn_child]))
    assert made.status_code == 201, made.text
    return made.json()["id"]


def stored_files(settings, initiative_id: int) -> list[str]:
    folder = settings.evidence_path / "initiatives" / str(initiative_id)
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


async def test_the_team_adds_photos_and_pdfs_and_the_deciders_read_them(client, world, as_, settings):
    p = world.pontianak
    iid = await a_draft(client, as_, p)
    added = []
    for content, kind in ((PDF, "application/pdf"), (JPEG, "image/jpeg"), (PNG, ""), (WEBP, "image/webp")):
        answer = await upload(client, as_(p.asn), iid, content, kind or "application/octet-stream")
        assert answer.status_code == 201, answer.text
        added.append(answer.json())
    assert [a["content_type"] for a in added] == ["application/pdf", "image/jpeg", "image/png", "image/webp"]
    assert added[0]["size"] == len(PDF) and added[0]["uploaded_by"] == "ASN Kota Pontianak"
    assert len(stored_files(settings, iid)) == 4
    again = await upload(client, as_(p.asn_child), iid, PDF)  # the same file again is the same file
    assert (again.status_code, again.json()["id"]) == (200, added[0]["id"])
    assert await InitiativeEvidence.count() == 4

    listed = await client.get(f"{INITIATIVES}/{iid}/evidence", headers=as_(p.manager))
    assert [e["id"] for e in listed.json()] == [a["id"] for a in added]
    detail = await client.get(f"{INITIATIVES}/{iid}", headers=as_(p.admin))
    assert [e["id"] for e in detail.json()["evidence"]] == [a["id"] for a in added]
    file = await client.get(f"{INITIATIVES}/{iid}/evidence/{added[1]['id']}", headers=as_(p.asn_child))
    assert (file.status_code, file.content, file.headers["content-type"]) == (200, JPEG, "image/jpeg")
    assert file.headers["x-content-type-options"] == "nosniff" and "attachment" in file.headers["content-disposition"]


async def test_evidence_of_a_draft_is_hidden_from_those_who_may_not_see_it(client, world, as_):
    p, palu = world.pontianak, world.palu
    made = await post(client, INITIATIVES, as_(p.asn), **draft(p.head_unit, []))
    iid = made.json()["id"]
    evidence_id = (await upload(client, as_(p.asn), iid)).json()["id"]
    outsider_manager = as_(palu.manager)
    for who in (p.asn_child, palu.admin, palu.asn):  # another unit's ASN, another region's admin and ASN
        for path in (f"{INITIATIVES}/{iid}/evidence", f"{INITIATIVES}/{iid}/evidence/{evidence_id}"):
            assert problem(await client.get(path, headers=as_(who))) == (404, "initiative_not_found"), (who, path)
        assert problem(await upload(client, as_(who), iid, PNG, "image/png")) == (404, "initiative_not_found")
        removed = await client.delete(f"{INITIATIVES}/{iid}/evidence/{evidence_id}", headers=as_(who))
        assert problem(removed) == (404, "initiative_not_found")
    assert (await client.get(f"{INITIATIVES}/{iid}/evidence", headers=outsider_manager)).status_code == 404
    # deciders over the unit read it, but only the team adds or removes files
    for who in (p.manager, p.admin):
        assert (await client.get(f"{INITIATIVES}/{iid}/evidence/{evidence_id}", headers=as_(who))).status_code == 200
        assert problem(await upload(client, as_(who), iid, PNG, "image/png")) == (403, "initiative_team_only")
        removed = await client.delete(f"{INITIATIVES}/{iid}/evidence/{evidence_id}", headers=as_(who))
        assert problem(removed) == (403, "initiative_team_only")
    assert await InitiativeEvidence.count() == 1


async def test_verified_evidence_is_in_the_showcase_and_frozen(client, world, as_, settings):
    p, palu = world.pontianak, world.palu
    verified = await make_verified(client, world, as_)
    iid = verified["id"]
    assert problem(await upload(client, as_(p.asn), iid)) == (409, "initiative_wrong_state")
    assert await InitiativeEvidence.count() == 0 and stored_files(settings, iid) == []  # nothing left behind
    row = await InitiativeEvidence.insert(
        InitiativeEvidence(initiative=iid, key=f"initiatives/{iid}/a.pdf", content_type="application/pdf", size=3)
    ).returning(InitiativeEvidence.id)
    evidence_id = row[0]["id"]
    shown = await client.get(f"{INITIATIVES}/{iid}/evidence", headers=as_(palu.asn))  # the showcase: every region
    assert [e["id"] for e in shown.json()] == [evidence_id]
    missing = await client.get(f"{INITIATIVES}/{iid}/evidence/{evidence_id}", headers=as_(palu.asn))
    assert problem(missing) == (404, "initiative_evidence_not_found")  # the row without its file
    removed = await client.delete(f"{INITIATIVES}/{iid}/evidence/{evidence_id}", headers=as_(p.asn))
    assert problem(removed) == (409, "initiative_wrong_state")


async def test_the_team_removes_a_file_and_it_leaves_the_store(client, world, as_, settings):
    p = world.pontianak
    iid = await a_draft(client, as_, p)
    first = (await upload(client, as_(p.asn), iid)).json()
    second = (await upload(client, as_(p.asn), iid, PNG, "image/png")).json()
    removed = await client.delete(f"{INITIATIVES}/{iid}/evidence/{first['id']}", headers=as_(p.asn_child))
    assert removed.status_code == 204
    assert stored_files(settings, iid) == [key.split("/")[-1] for key in await keys(iid)]
    assert len(stored_files(settings, iid)) == 1
    assert [e["id"] for e in (await client.get(f"{INITIATIVES}/{iid}/evidence", headers=as_(p.asn))).json()] == [
        second["id"]
    ]
    gone = await client.get(f"{INITIATIVES}/{iid}/evidence/{first['id']}", headers=as_(p.asn))
    assert problem(gone) == (404, "initiative_evidence_not_found")
    again = await client.delete(f"{INITIATIVES}/{iid}/evidence/{first['id']}", headers=as_(p.asn))
    assert problem(again) == (404, "initiative_evidence_not_found")
    other = await a_draft(client, as_, p)  # a file id of another initiative is not found under this one
    crossed = await client.get(f"{INITIATIVES}/{other}/evidence/{second['id']}", headers=as_(p.asn))
    assert problem(crossed) == (404, "initiative_evidence_not_found")


async def keys(initiative_id: int) -> list[str]:
    rows = await InitiativeEvidence.select(InitiativeEvidence.key).where(InitiativeEvidence.initiative == initiative_id)
    return [r["key"] for r in rows]


@pytest.mark.parametrize(
    ("content", "content_type", "status", "code"),
    [
        (b"", "application/pdf", 422, "evidence_empty"),
        (b"<html><script>alert(1)</script></html>", "application/pdf", 415, "evidence_type_not_allowed"),
        (b"PK\x03\x04" + b"\x00" * 30, "application/zip", 415, "evidence_type_not_allowed"),
        (JPEG, "application/pdf", 415, "evidence_type_mismatch"),
        (PDF + b"\x00" * 50_000, "application/pdf", 413, "evidence_too_large"),
    ],
)
async def test_bad_files_are_refused_and_nothing_is_stored(
    client, world, as_, settings, content, content_type, status, code
):
    p = world.pontianak
    iid = await a_draft(client, as_, p)
    assert problem(await upload(client, as_(p.asn), iid, content, content_type)) == (status, code)
    assert await InitiativeEvidence.count() == 0 and stored_files(settings, iid) == []


async def test_a_form_without_a_file_part_is_refused(client, world, as_):
    p = world.pontianak
    iid = await a_draft(client, as_, p)
    assert problem(await upload(client, as_(p.asn), iid, field="berkas")) == (400, "evidence_file_required")


async def test_at_most_ten_files_even_when_racing(client, world, as_, settings):
    p = world.pontianak
    iid = await a_draft(client, as_, p)
    for n in range(8):
        assert (await upload(client, as_(p.asn), iid, PDF + str(n).encode())).status_code == 201
    racing = await asyncio.gather(*[upload(client, as_(p.asn), iid, PNG + bytes([n]), "image/png") for n in range(4)])
    statuses = sorted(r.status_code for r in racing)
    assert statuses == [201, 201, 409, 409], [r.text for r in racing]
    assert {r.json()["code"] for r in racing if r.status_code == 409} == {"initiative_evidence_full"}
    assert await InitiativeEvidence.count() == 10 and len(stored_files(settings, iid)) == 10


async def test_evidence_is_added_again_after_approval_and_frozen_while_verified(client, world, as_):
    p = world.pontianak
    iid = await a_draft(client, as_, p)
    await post(client, f"{INITIATIVES}/{iid}/submit", as_(p.asn))
    assert problem(await upload(client, as_(p.asn), iid)) == (409, "initiative_wrong_state")  # under review
    await post(client, f"{INITIATIVES}/{iid}/review", as_(p.manager), decision="approve")
    assert (await upload(client, as_(p.asn), iid)).status_code == 201  # beside the report's links
