"""A training body's completion list imported by the region's admin: verified certificates crediting JP
and XP, bad rows reported by line, and the same file again crediting nothing twice."""

from __future__ import annotations

from gamification.storage.tables import Certificate, JpCredit, PartnerOrganisation, Person
from tests.certificates.helpers import today

IMPORT = "/api/v1/admin/certificates/import"


async def nip_of(person_id: int) -> str:
    return (await Person.select(Person.nip).where(Person.id == person_id).first())["nip"]


async def test_an_admin_imports_a_diklat_list_once(client, world, as_):
    p = world.pontianak
    body = await PartnerOrganisation.insert(PartnerOrganisation(name="BPSDM Kalbar", kind="government")).returning(
        PartnerOrganisation.id
    )
    partner_org = body[0]["id"]
    day = today().isoformat()
    lines = [
        "nip;title;issuer;number;completed_on;jp;competency_type",
        f"{await nip_of(p.asn)};Pelatihan Kepemimpinan Pengawas;BPSDM Kalbar;PKP/001;{day};20;manajerial",
        f"{await nip_of(p.asn_child)};Pelatihan Kepemimpinan Pengawas;BPSDM Kalbar;PKP/002;{day};2,5;",
        f"{await nip_of(world.palu.asn)};Pelatihan Kepemimpinan Pengawas;BPSDM Kalbar;PKP/003;{day};20;",
        f"{await nip_of(p.admin)};Pelatihan Kepemimpinan Pengawas;BPSDM Kalbar;PKP/004;{day};20;",
        f"198504122010031777;Pelatihan Kepemimpinan Pengawas;BPSDM Kalbar;PKP/005;{day};20;",
        f"{await nip_of(p.asn)};Pelatihan Kepemimpinan Pengawas;BPSDM Kalbar;;{day};20;",
        f"{await nip_of(p.asn)};Pelatihan Kepemimpinan Pengawas;BPSDM Kalbar;PKP/006;31-12-2026;20;",
        f"{await nip_of(p.asn)};Pelatihan Kepemimpinan Pengawas;bpsdm  kalbar;PKP 001;{day};20;",
        f"12345;Pelatihan Kepemimpinan Pengawas;BPSDM Kalbar;PKP/007;{day};20;",
        f"{await nip_of(p.asn)};Pelatihan Kepemimpinan Pengawas;BPSDM Kalbar;PKP/008;{day};1e308;",  # 100x is inf
    ]
    csv = ("\n".join(lines) + "\n").encode()
    files = {"file": ("lulusan.csv", csv, "text/csv")}
    first = await client.post(IMPORT, params={"partner_org_id": partner_org}, files=files, headers=as_(p.admin))
    assert first.status_code == 200, first.text
    report = first.json()
    assert (report["imported"], report["failed"]) == (2, 8)
    assert [(e["line"], e["code"]) for e in report["errors"]] == [
        (4, "certificate_person_unknown"),  # Palu's ASN: not this admin's region
        (5, "self_decision"),
        (6, "certificate_person_unknown"),  # nobody has this NIP
        (7, "certificate_number_required"),
        (8, "certificate_date_format"),
        (9, "certificate_duplicate"),  # the first row again, spelt otherwise
        (10, "nip_format"),
        (11, "certificate_jp_range"),
    ]
    me = (await client.get("/api/v1/me", headers=as_(p.asn))).json()
    assert (me["xp"], me["jp"]["earned"], me["jp"]["by_competency"]["manajerial"]) == (100, 20.0, 20.0)
    child = (await client.get("/api/v1/me", headers=as_(p.asn_child))).json()
    assert (child["xp"], child["jp"]["earned"]) == (100, 2.5)
    rows = await Certificate.select().where(Certificate.id.is_in(report["created_ids"]))
    assert {(r["status"], r["decided_by"], r["partner_org"]) for r in rows} == {("verified", p.admin, partner_org)}

    again = (await client.post(IMPORT, files=files, headers=as_(p.admin))).json()
    assert again["imported"] == 0 and {e["code"] for e in again["errors"] if e["line"] in (2, 3)} == {
        "certificate_duplicate"
    }
    assert await JpCredit.count() == 2
    refused = await client.post(IMPORT, files=files, headers=as_(p.manager))
    assert (refused.status_code, refused.json()["code"]) == (403, "admin_required")
    unknown = await client.post(IMPORT, params={"partner_org_id": 999}, files=files, headers=as_(p.admin))
    assert (unknown.status_code, unknown.json()["code"]) == (422, "certificate_partner_org_unknown")
    header = await client.post(IMPORT, files={"file": ("x.csv", b"nip,judul\n1,2\n", "text/csv")}, headers=as_(p.admin))
    assert (header.status_code, header.json()["code"]) == (422, "csv_header")
