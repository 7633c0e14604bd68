"""The JP transcript: a year's ledger issued as a CLR 2.0 credential, checked by an independent verifier (joserfc
with the published JWKS) and 1EdTech's JSON schemas (copies beside this file), then printed as a PDF whose text is
read back (pypdf) and whose QR code is decoded from the rendered page (pypdfium2 renders, zxing-cpp reads)."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import jsonschema
import pypdfium2
import pytest
import zxingcpp
from joserfc.errors import BadSignatureError
from pypdf import PdfReader

from gamification.learning.jp_ledger import JpSource, credit_jp, withdraw_jp
from gamification.organization.structure import OrganizationService
from gamification.storage.database import unit_of_work
from gamification.storage.tables import Person
from tests.credentials.test_open_badges_api import VERIFY, independently_verified, tampered
from tests.factories import build_region
from tests.module_payloads import attempt_body, published_module

HERE = Path(__file__).parent
CLR_SCHEMA = json.loads((HERE / "clr_v2p0_clrcredential_schema.json").read_text())
OB_SCHEMA = json.loads((HERE / "ob_v3p0_achievementcredential_schema.json").read_text())
CREDENTIAL = "/api/v1/me/jp-transcript/credential"
PDF = "/api/v1/me/jp-transcript/pdf"
WIT = ZoneInfo("Asia/Jayapura")
NOW = dt.datetime(2027, 1, 2, 10, 0, tzinfo=WIT)  # two days into 2027 in Jayapura
NEW_YEARS_EVE = dt.datetime(2026, 12, 31, 23, 30, tzinfo=WIT)  # still 2026 in Jayapura, 2027 in UTC+10 and on
NEW_YEAR = dt.datetime(2027, 1, 1, 0, 30, tzinfo=WIT)
FORMATS = jsonschema.Draft201909Validator.FORMAT_CHECKER


async def complete(client, headers, module: dict, at: dt.datetime) -> None:
    """A module passed offline on the phone at ``at``, synced now."""
    body = attempt_body(module, ago=dt.datetime.now(dt.UTC) - at)
    answer = await client.post(f"/api/v1/modules/{module['id']}/attempts", json=body, headers=headers)
    assert answer.status_code == 201, answer.text


@pytest.fixture
async def jayapura(client, world, as_, time_machine):
    """Jayapura (WIT): its ASN passed a module on New Year's Eve and one just after midnight, attended an event
    and had two certificates verified in 2026, one later found false; a colleague passed the first module too."""
    time_machine.move_to(NOW, tick=False)
    place = await build_region(OrganizationService(), "Kota Jayapura", "jayapura", "Asia/Jayapura")
    await Person.update({Person.created_at: dt.datetime(2026, 2, 1, tzinfo=dt.UTC)}).where(
        Person.region == place.region_id
    )
    admin = as_(place.admin)
    siber = await published_module(client, admin, title="Siber Akhir Tahun", jp=2.0)
    memimpin = await published_module(client, admin, title="Memimpin Rapat", jp=1.5, competency_type="manajerial")
    await complete(client, as_(place.asn), siber, NEW_YEARS_EVE)
    await complete(client, as_(place.asn), memimpin, NEW_YEAR)
    await complete(client, as_(place.asn_child), siber, NEW_YEARS_EVE)
    async with unit_of_work():
        for source, source_id, title, kind, centi, earned in (
            (JpSource.WORKSHOP, 7, "Lokakarya Inovasi Pelayanan", "sosial_kultural", 300, dt.datetime(2026, 6, 10, 9)),
            (JpSource.CERTIFICATE, 8, "Pelatihan Kepemimpinan Pengawas", "manajerial", 1000, dt.datetime(2026, 3, 1)),
            (JpSource.CERTIFICATE, 9, "Sertifikat Palsu", "teknis", 500, dt.datetime(2026, 4, 1)),
        ):
            await credit_jp(
                person_id=place.asn,
                source=source,
                source_id=source_id,
                title=title,
                competency_type=kind,
                jp_centi=centi,
                earned_at=earned.replace(tzinfo=WIT),
                timezone="Asia/Jayapura",
            )
        assert await withdraw_jp(person_id=place.asn, source=JpSource.CERTIFICATE, source_id=9)
    return place


def items_of(credential: dict) -> list[tuple[str, float, str]]:
    """Each item's name, JP and date in Jayapura, after the year's summary."""
    return [
        (vc["name"], vc["credentialSubject"]["creditsEarned"], local_date(vc["awardedDate"]))
        for vc in credential["credentialSubject"]["verifiableCredential"][1:]
    ]


def local_date(stamp: str) -> str:
    return dt.datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone(WIT).date().isoformat()


def results_of(credential: dict) -> dict[str, str]:
    summary = credential["credentialSubject"]["verifiableCredential"][0]["credentialSubject"]
    return {result["resultDescription"].rsplit("/", 1)[1]: result["value"] for result in summary["result"]}


async def test_the_transcript_verifies_and_holds_exactly_the_persons_items_of_the_year(client, jayapura, as_):
    learner = as_(jayapura.asn)
    answer = await client.post(CREDENTIAL, params={"year": 2026}, headers=learner)
    assert answer.status_code == 201, answer.text
    issued = answer.json()
    payload = await independently_verified(client, issued["jwt"])
    credential = payload["vc"]
    assert credential == issued["credential"] and payload["jti"] == credential["id"]
    jsonschema.validate(credential, CLR_SCHEMA, format_checker=FORMATS)
    for embedded in credential["credentialSubject"]["verifiableCredential"]:
        jsonschema.validate(embedded, OB_SCHEMA, format_checker=FORMATS)
    with pytest.raises(jsonschema.ValidationError):  # the schema refuses a transcript without its credentials
        subject = {k: v for k, v in credential["credentialSubject"].items() if k != "verifiableCredential"}
        jsonschema.validate(credential | {"credentialSubject": subject}, CLR_SCHEMA)
    assert credential["type"] == ["VerifiableCredential", "ClrCredential"]
    assert credential["credentialStatus"]["type"] == "BitstringStatusListEntry"

    # New Year's Eve at 23:30 WIT is 2026 in Jayapura; the module just after midnight, the colleague's and the
    # certificate found false are not there
    assert items_of(credential) == [
        ("Pelatihan Kepemimpinan Pengawas", 10.0, "2026-03-01"),
        ("Lokakarya Inovasi Pelayanan", 3.0, "2026-06-10"),
        ("Siber Akhir Tahun", 2.0, "2026-12-31"),
    ]
    assert results_of(credential) == {"total": "15.0", "teknis": "2.0", "manajerial": "10.0", "sosial_kultural": "3.0"}
    identities = {i["identityType"]: i["identityHash"] for i in credential["credentialSubject"]["identifier"]}
    nip = (await Person.select(Person.nip).where(Person.id == jayapura.asn).first())["nip"]
    assert identities == {"name": "ASN Kota Jayapura", "ext:NIP": nip}
    assert "/issuers/jayapura" in credential["issuer"]["id"]

    verdict = (await client.post(VERIFY, json={"credential": issued["jwt"]})).json()
    assert (verdict["valid"], verdict["status"]) == (True, "valid")
    assert verdict["achievement_name"] == "Transkrip JP 2026: ASN Kota Jayapura"
    assert verdict["message"].startswith("Kredensial sah: transkrip «Transkrip JP 2026: ASN Kota Jayapura»")
    for segment in (1, 2):
        changed = tampered(issued["jwt"], segment)
        assert (await client.post(VERIFY, json={"credential": changed})).json()["status"] == "tampered"
        with pytest.raises((BadSignatureError, ValueError)):
            await independently_verified(client, changed)

    again = (await client.post(CREDENTIAL, params={"year": 2026}, headers=learner)).json()
    assert (again["id"], again["jwt"]) == (issued["id"], issued["jwt"])  # unchanged: not issued twice
    this_year = (await client.post(CREDENTIAL, headers=learner)).json()["credential"]  # default: 2027 in Jayapura
    assert items_of(this_year) == [("Memimpin Rapat", 1.5, "2027-01-01")]
    assert this_year["name"] == "Transkrip JP 2027: ASN Kota Jayapura"
    colleague = (await client.post(CREDENTIAL, params={"year": 2026}, headers=as_(jayapura.asn_child))).json()
    assert items_of(colleague["credential"]) == [("Siber Akhir Tahun", 2.0, "2026-12-31")]
    assert colleague["credential"]["credentialSubject"]["id"] != credential["credentialSubject"]["id"]


async def test_the_printed_transcript_reads_right_and_its_qr_code_leads_to_the_verified_credential(
    client, jayapura, as_
):
    learner = as_(jayapura.asn)
    answer = await client.get(PDF, params={"year": 2026}, headers=learner)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "application/pdf"
    assert 'filename="transkrip-jp-2026.pdf"' in answer.headers["content-disposition"]
    reader = PdfReader(io.BytesIO(answer.content))
    assert reader.pages[0].mediabox.width == pytest.approx(595.28, abs=0.1)  # A4
    text = " ".join(page.extract_text() for page in reader.pages)
    nip = (await Person.select(Person.nip).where(Person.id == jayapura.asn).first())["nip"]
    for expected in (
        "TRANSKRIP JAM PELAJARAN (JP) TAHUN 2026",
        "ASN Kota Jayapura",
        nip,
        "Dinas Kominfo",
        "Kota Jayapura",
        "Pelatihan Kepemimpinan Pengawas",
        "Lokakarya Inovasi Pelayanan",
        "Siber Akhir Tahun",
        "31 Desember 2026",
        "Kompetensi Manajerial 10",
        "Jumlah: 15 JP dari target 20 JP (kurang 5 JP)",
        "Diterbitkan oleh Tangkas Kota Jayapura pada 2 Januari 2027",
    ):
        assert expected in text, expected
    for absent in ("Memimpin Rapat", "Sertifikat Palsu"):
        assert absent not in text

    page = pypdfium2.PdfDocument(answer.content)[0].render(scale=3).to_pil()
    codes = zxingcpp.read_barcodes(page)
    assert [code.format for code in codes] == [zxingcpp.BarcodeFormat.QRCode]
    url = codes[0].text
    base, token = url.split("/kredensial/")
    assert base == "http://tangkas.test" and token and url in text.replace("\n", "")
    shared = (await client.get(f"/api/v1/public/credentials/{token}")).json()
    issued = (await client.post(CREDENTIAL, params={"year": 2026}, headers=learner)).json()
    assert shared["jwt"] == issued["jwt"] and shared["verification"]["status"] == "valid"
    assert shared["verification"]["subject_name"] == "ASN Kota Jayapura"

    printed_again = await client.get(PDF, params={"year": 2026}, headers=learner)
    again = zxingcpp.read_barcodes(pypdfium2.PdfDocument(printed_again.content)[0].render(scale=3).to_pil())
    assert again[0].text == url  # the same credential, the same link: an earlier printout still scans
    assert (await client.delete(f"/api/v1/me/credentials/{issued['id']}/share", headers=learner)).status_code == 204
    assert (await client.get(f"/api/v1/public/credentials/{token}")).status_code == 404


async def test_a_year_not_begun_or_before_the_record_and_a_person_without_a_unit_are_refused(
    client, jayapura, world, as_
):
    learner = as_(jayapura.asn)
    for year, code in ((2028, "transcript_year_in_future"), (2025, "transcript_year_before_record")):
        for answer in (
            await client.post(CREDENTIAL, params={"year": year}, headers=learner),
            await client.get(PDF, params={"year": year}, headers=learner),
        ):
            assert (answer.status_code, answer.json()["code"]) == (422, code), answer.text
            assert str(year) in answer.json()["detail"]
    for bad in ("1999", "dua ribu", "2026.5"):
        answer = await client.post(CREDENTIAL, params={"year": bad}, headers=learner)
        assert 400 <= answer.status_code < 500 and answer.json()["code"], bad
    superadmin = as_(world.superadmin)
    for answer in (await client.post(CREDENTIAL, headers=superadmin), await client.get(PDF, headers=superadmin)):
        assert (answer.status_code, answer.json()["code"]) == (403, "learner_only")
    assert (await client.post(CREDENTIAL)).status_code == 401
