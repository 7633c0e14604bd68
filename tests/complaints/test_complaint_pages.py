"""The complaint pages a citizen's phone opens: the form files once however often it is sent, the tracking code
leads to the status page, and whatever anyone typed (citizen, unit, service name) is shown, never run."""

from __future__ import annotations

import re

from gamification.storage.tables import Complaint
from tests.complaints.helpers import COMPLAINTS, add_service_point, complaint_id, ok

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>"\'&'


def hidden_client_id(page: str) -> str:
    return re.search(r'name="client_id" value="([^"]+)"', page).group(1)


def shown_code(page: str) -> str:
    return re.search(r'id="kode">([^<]+)<', page).group(1)


async def test_the_form_files_once_when_sent_twice_and_its_code_leads_to_the_status_page(client, world, as_):
    p = world.pontianak
    key = await add_service_point(p.region_id, p.head_unit, name="Perekaman KTP-el")
    form = await client.get(f"/layanan/{key}/pengaduan")
    assert form.status_code == 200 and form.headers["content-type"].startswith("text/html")
    assert 'name="viewport"' in form.text and "<script" not in form.text and "http" not in form.text.split("<main>")[0]
    assert "default-src 'none'" in form.headers["content-security-policy"]
    client_id = hidden_client_id(form.text)
    assert hidden_client_id((await client.get(f"/layanan/{key}/pengaduan")).text) != client_id  # fresh each time

    fields = {"isi": "Loket tutup sebelum jam pelayanan berakhir.", "kontak": "", "client_id": client_id}
    first = await client.post(f"/layanan/{key}/pengaduan", data=fields)
    second = await client.post(f"/layanan/{key}/pengaduan", data=fields)
    assert first.status_code == second.status_code == 200, first.text
    code = shown_code(first.text)
    assert shown_code(second.text) == code and await Complaint.count() == 1
    assert "Batas waktu jawaban" in first.text

    lookup = await client.get("/pengaduan", params={"kode": code.lower().replace("-", " ")})
    assert lookup.status_code == 303 and lookup.headers["location"] == f"/pengaduan/{code.replace('-', '')}"
    status = await client.get(lookup.headers["location"])
    assert status.status_code == 200 and "Diterima" in status.text and shown_code(status.text) == code

    cid = await complaint_id(client, as_(p.manager), code)
    answer = "Jam layanan kini sampai 15.00 WIB."
    await ok(await client.post(f"{COMPLAINTS}/{cid}/answer", json={"answer": answer}, headers=as_(p.manager)))
    status = await client.get(f"/pengaduan/{code}")
    assert "Sudah dijawab" in status.text and answer in status.text and "Bidang E-Government" in status.text
    assert "Manajer" not in status.text


async def test_a_form_with_something_to_correct_comes_back_with_what_was_typed(client, world):
    p = world.pontianak
    key = await add_service_point(p.region_id, p.head_unit)
    client_id = hidden_client_id((await client.get(f"/layanan/{key}/pengaduan")).text)
    fields = {"isi": "Loket tutup sebelum waktunya.", "kontak": "0812 000 111", "client_id": client_id}
    refused = await client.post(f"/layanan/{key}/pengaduan", data=fields)
    assert (
        refused.status_code == 422 and "persetujuan" in refused.text and "Loket tutup sebelum waktunya." in refused.text
    )
    assert await Complaint.count() == 0
    fields |= {"setuju": "ya", "client_id": hidden_client_id(refused.text)}
    assert (await client.post(f"/layanan/{key}/pengaduan", data=fields)).status_code == 200
    assert (await Complaint.select(Complaint.contact).first())["contact"] == "0812 000 111"
    too_short = await client.post(f"/layanan/{key}/pengaduan", data={"isi": "x", "client_id": "abcdefgh12"})
    assert too_short.status_code == 422 and "karakter" in too_short.text


async def test_unknown_links_and_codes_get_a_friendly_page(client, world):
    p = world.pontianak
    inactive = await add_service_point(p.region_id, p.head_unit, active=False)
    for key in ("tidak-ada", inactive, "x" * 300, "%3Cscript%3E"):
        for answer in (
            await client.get(f"/layanan/{key}/pengaduan"),
            await client.post(f"/layanan/{key}/pengaduan", data={"isi": "Loket tutup sebelum waktunya."}),
        ):
            assert answer.status_code == 404 and "Pindai kembali" in answer.text, key
            assert "<script>" not in answer.text
    missing = await client.get("/pengaduan/ABCDE-FGHJK")
    assert missing.status_code == 404 and "tidak ditemukan" in missing.text
    odd = await client.get("/pengaduan", params={"kode": HOSTILE})
    assert odd.status_code == 404 and "<script>" not in odd.text and "&lt;script&gt;" in odd.text
    assert await Complaint.count() == 0


async def test_hostile_text_is_shown_escaped_on_every_page(client, world, as_):
    p = world.pontianak
    key = await add_service_point(p.region_id, p.head_unit, name=f"Layanan {HOSTILE}")
    form = await client.get(f"/layanan/{key}/pengaduan")
    body = f"Keluhan {HOSTILE} di loket"
    filed = await client.post(f"/layanan/{key}/pengaduan", data={"isi": body, "client_id": hidden_client_id(form.text)})
    code = shown_code(filed.text)
    cid = await complaint_id(client, as_(p.manager), code)
    await ok(
        await client.post(f"{COMPLAINTS}/{cid}/answer", json={"answer": f"Jawab {HOSTILE}"}, headers=as_(p.manager))
    )
    status = await client.get(f"/pengaduan/{code}")
    for page in (form, filed, status):
        assert page.status_code == 200
        assert "<script>" not in page.text and "<img" not in page.text, page.text
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in status.text  # the answer and the service name
    stored = await Complaint.select(Complaint.body).first()
    assert stored["body"] == body  # kept as typed; escaped when shown
