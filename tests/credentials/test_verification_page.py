"""The verification page for people: a credential pasted or uploaded is checked by the same verification as the
API and shown in Indonesian (who, what, when, by whom and the verdict); whatever the credential says is shown,
never run; a shared credential opens from its link (where a printed QR code leads), an unknown or ended link
is one and the same page; another site cannot post the form; the page spends the verification's budget."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from redis.asyncio import Redis

from api.app import create_app
from api.pages.credential_form import BODY_MAX, UPLOAD_MAX
from api.schemas.credentials import CREDENTIAL_MAX
from domain.credentials import jwt_claims
from domain.limits import RateLimit
from gamification.credentials.revocation import revoke_award_credentials
from gamification.storage.database import unit_of_work
from gamification.storage.tables import Person
from tests.conftest import empty_database, running
from tests.credentials.test_open_badges_api import earned_badges, issue, tampered

PAGE = "/verifikasi"
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>"\'&'
EVIL = {"origin": "https://evil.example", "sec-fetch-site": "cross-site"}


def status_of(page: httpx.Response) -> str | None:
    found = re.search(r'id="hasil" data-status="([a-z_]+)"', page.text)
    return found.group(1) if found else None


def shown(page: httpx.Response, field: str) -> str | None:
    found = re.search(rf'<dd id="{field}"[^>]*>([^<]*)</dd>', page.text)
    return found.group(1) if found else None


async def pasted(client, text: str, headers: dict | None = None) -> httpx.Response:
    return await client.post(PAGE, files={"kredensial": (None, text)}, headers=headers or {})


async def uploaded(client, name: str, content: bytes, media_type: str) -> httpx.Response:
    return await client.post(PAGE, files={"kredensial": (None, ""), "berkas": (name, content, media_type)})


async def a_credential(client, world, as_) -> tuple[dict, dict]:
    """The Pontianak ASN's first badge as a credential: the award and the issue's answer."""
    award = (await earned_badges(client, world, as_))[0]
    answer = await issue(client, as_(world.pontianak.asn), award["id"])
    assert answer.status_code == 201, answer.text
    return award, answer.json()


async def test_the_form_asks_for_text_or_a_file_and_needs_no_script(client):
    form = await client.get(PAGE)
    assert form.status_code == 200 and form.headers["content-type"].startswith("text/html")
    assert 'name="viewport"' in form.text and 'lang="id"' in form.text and "<script" not in form.text
    assert 'enctype="multipart/form-data"' in form.text and 'type="file"' in form.text and "Periksa" in form.text
    assert "default-src 'none'" in form.headers["content-security-policy"]
    assert form.headers["cache-control"] == "no-store"


async def test_a_valid_credential_pasted_or_uploaded_shows_who_what_when_and_by_whom(client, world, as_):
    award, issued = await a_credential(client, world, as_)
    page = await pasted(client, issued["jwt"])
    assert page.status_code == 200, page.text
    assert status_of(page) == "valid" and "<strong>Sah</strong>" in page.text
    assert shown(page, "subjek") == "ASN Kota Pontianak"
    assert shown(page, "pencapaian") == award["name"]
    assert shown(page, "penerbit") == "Tangkas Kota Pontianak"
    awarded = dt.datetime.fromisoformat(issued["credential"]["awardedDate"].replace("Z", "+00:00"))
    local = awarded.astimezone(dt.timezone(dt.timedelta(hours=7)))  # Pontianak: WIB
    months = "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember".split()
    assert shown(page, "tanggal") == f"{local.day} {months[local.month - 1]} {local.year}"
    assert "<script" not in page.text

    as_text = await client.post(PAGE, data={"kredensial": "\n  " + issued["jwt"] + "\n"})  # a plain form, too
    assert status_of(as_text) == "valid"
    for name, content, media_type in [
        ("lencana.jwt", issued["jwt"].encode(), "application/octet-stream"),
        ("lencana.txt", b"\xef\xbb\xbf" + issued["jwt"].encode() + b"\r\n", "text/plain"),
        ("lencana.json", json.dumps(issued).encode(), "application/json"),  # what the app hands out
        ("lencana.json", json.dumps({"credential": issued["jwt"]}).encode(), "application/json"),
    ]:
        page = await uploaded(client, name, content, media_type)
        assert (page.status_code, status_of(page)) == (200, "valid"), (name, page.text[-600:])
        assert shown(page, "subjek") == "ASN Kota Pontianak", name


async def test_one_changed_character_a_stranger_key_and_a_revocation_each_say_so(client, world, as_, app):
    award, issued = await a_credential(client, world, as_)
    changed = await pasted(client, tampered(issued["jwt"], 1))
    assert (changed.status_code, status_of(changed)) == (200, "tampered")
    assert "<strong>Tidak sah</strong>" in changed.text and "diubah" in changed.text
    assert shown(changed, "subjek") is None and "ASN Kota Pontianak" not in changed.text  # nothing unvouched

    now = dt.datetime.now(dt.UTC)
    stranger = jwt.encode(
        jwt_claims(issued["credential"], now), Ed25519PrivateKey.generate(), algorithm="EdDSA", headers={"kid": "x"}
    )
    unknown = await pasted(client, stranger)
    assert status_of(unknown) == "unknown_key" and "Penerbit tidak dikenal" in unknown.text
    assert "ASN Kota Pontianak" not in unknown.text

    key = await app.state.tangkas.services["issuer_keys"].signing_key(world.pontianak.region_id)
    ended = issued["credential"] | {"validUntil": "2020-01-01T00:00:00Z"}
    expired = jwt.encode(jwt_claims(ended, now), key.private_key, algorithm="EdDSA", headers={"kid": key.kid})
    assert status_of(page := await pasted(client, expired)) == "expired" and "Kedaluwarsa" in page.text

    async with unit_of_work():
        await revoke_award_credentials(award["id"])
    revoked = await pasted(client, issued["jwt"])
    assert (revoked.status_code, status_of(revoked)) == (200, "revoked")
    assert "<strong>Dicabut</strong>" in revoked.text and "dicabut oleh penerbitnya" in revoked.text
    assert shown(revoked, "subjek") == "ASN Kota Pontianak" and "tidak berlaku" in revoked.text


async def test_garbage_oversized_and_wrong_kinds_are_refused_with_a_reason_not_a_crash(client):
    for text in ["bukan kredensial", "a.b", "x" * 100, "é.é.é"]:
        page = await pasted(client, text)
        assert page.status_code == 422 and "bukan kredensial yang dapat dibaca" in page.text, text
        assert 'name="kredensial"' in page.text  # the form again
    empty = await pasted(client, "   ")
    assert empty.status_code == 422 and "terlebih dahulu" in empty.text
    garbage_file = await uploaded(client, "catatan.txt", b"halo dunia", "text/plain")
    assert garbage_file.status_code == 422 and "bukan kredensial" in garbage_file.text
    no_jwt = await uploaded(client, "data.json", b'{"nama": "Budi"}', "application/json")
    assert no_jwt.status_code == 422 and "tidak memuat kredensial" in no_jwt.text
    broken_json = await uploaded(client, "data.json", b'{"jwt": ', "application/json")
    assert broken_json.status_code == 422

    big = await uploaded(client, "besar.jwt", b"a" * (UPLOAD_MAX + 1), "application/octet-stream")
    assert (
        big.status_code == 413 and "terlalu besar" in big.text and big.headers["content-type"].startswith("text/html")
    )
    huge = await uploaded(client, "besar.jwt", b"a" * (BODY_MAX + 1), "application/octet-stream")
    assert huge.status_code == 413 and "terlalu besar" in huge.text
    long_text = await pasted(client, "a" * (CREDENTIAL_MAX + 1))
    assert long_text.status_code == 413 and "terlalu panjang" in long_text.text

    for name, content, media_type in [
        ("foto.png", b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png"),
        ("lencana.pdf", b"%PDF-1.7", "application/pdf"),
        ("lencana.txt", b"\x89PNG\r\n\x1a\n\xff\xfe", "text/plain"),  # not text at all
        ("lencana.jwt", b"eyJ.eyJ.x", "image/png"),
    ]:
        page = await uploaded(client, name, content, media_type)
        assert page.status_code == 415 and "Jenis berkas tidak didukung" in page.text, name
    as_json = await client.post(PAGE, json={"kredensial": "a.b.c"})
    assert as_json.status_code == 415 and as_json.headers["content-type"].startswith("text/html")
    both = await client.post(
        PAGE, files={"kredensial": (None, "a.b.c"), "berkas": ("k.jwt", b"a.b.c", "application/octet-stream")}
    )
    assert both.status_code == 422 and "salah satu saja" in both.text
    unknown_field = await client.post(PAGE, files={"kredensial": (None, "a.b.c"), "lain": (None, "x")})
    assert unknown_field.status_code == 400 and "Formulir tidak dapat dibaca" in unknown_field.text
    twice = await client.post(PAGE, content=b"kredensial=a.b.c&kredensial=d.e.f", headers=FORM)
    assert twice.status_code == 400
    bad_bytes = await client.post(PAGE, content=b"kredensial=%FF%FE.a.b", headers=FORM)
    assert 400 <= bad_bytes.status_code < 500 and bad_bytes.headers["content-type"].startswith("text/html")


FORM = {"content-type": "application/x-www-form-urlencoded"}


async def test_hostile_html_in_a_credential_is_shown_as_text(client, world, as_, app):
    await Person.update({Person.name: HOSTILE}).where(Person.id == world.pontianak.asn)
    _, issued = await a_credential(client, world, as_)
    page = await pasted(client, issued["jwt"])
    assert status_of(page) == "valid"
    assert "<script>" not in page.text and "<img" not in page.text and "onerror=alert(1)>" not in page.text
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page.text

    # signed by the region's own key but written by someone hostile: every field, still text
    key = await app.state.tangkas.services["issuer_keys"].signing_key(world.pontianak.region_id)
    credential = json.loads(json.dumps(issued["credential"]))
    achievement = credential["credentialSubject"]["achievement"]
    achievement |= {"name": HOSTILE, "description": HOSTILE + "\nbaris kedua", "creditsAvailable": 2.5}
    achievement["alignment"] = [{"type": ["Alignment"], "targetName": HOSTILE, "targetType": "ext:CompetencyType"}]
    signed = jwt.encode(
        jwt_claims(credential, dt.datetime.now(dt.UTC)), key.private_key, algorithm="EdDSA", headers={"kid": key.kid}
    )
    page = await pasted(client, signed)
    assert status_of(page) == "valid" and shown(page, "jp") == "2,5 JP"
    assert "<script>" not in page.text and "<img" not in page.text
    assert page.text.count("&lt;script&gt;") >= 4  # the name, the achievement, its description, the competency
    # what was typed comes back escaped too
    echoed = await pasted(client, HOSTILE)
    assert echoed.status_code == 422 and "<script>" not in echoed.text and "&lt;script&gt;" in echoed.text


async def test_the_date_is_the_issuing_regions_and_jp_and_competency_are_shown(client, world, as_, app):
    _, issued = await a_credential(client, world, as_)
    key = await app.state.tangkas.services["issuer_keys"].signing_key(world.palu.region_id)  # WITA, UTC+8
    credential = json.loads(json.dumps(issued["credential"])) | {"awardedDate": "2026-03-03T17:30:00Z"}
    achievement = credential["credentialSubject"]["achievement"]
    achievement |= {"creditsAvailable": 2}
    achievement["alignment"] = [
        {"type": ["Alignment"], "targetName": "Kompetensi Teknis", "targetType": "ext:CompetencyType"}
    ]
    signed = jwt.encode(
        jwt_claims(credential, dt.datetime.now(dt.UTC)), key.private_key, algorithm="EdDSA", headers={"kid": key.kid}
    )
    page = await pasted(client, signed)
    assert status_of(page) == "valid"
    assert shown(page, "tanggal") == "4 Maret 2026"  # 01:30 WITA; in UTC still the 3rd
    assert shown(page, "jp") == "2 JP" and shown(page, "kompetensi") == "Kompetensi Teknis"
    assert shown(page, "penerbit") == "Tangkas Kota Palu"  # the key's region, not what the payload claims


async def test_a_shared_credential_opens_from_its_link_and_an_unknown_or_ended_one_is_the_same_page(client, world, as_):
    learner = as_(world.pontianak.asn)
    _, issued = await a_credential(client, world, as_)
    share = f"/api/v1/me/credentials/{issued['id']}/share"
    link = (await client.post(share, headers=learner)).json()
    assert link["page_url"] == "http://tangkas.test/kredensial/" + link["url"].rsplit("/", 1)[1]
    path = "/" + link["page_url"].split("/", 3)[3]
    page = await client.get(path)
    assert page.status_code == 200 and status_of(page) == "valid"
    assert shown(page, "subjek") == "ASN Kota Pontianak" and page.headers["referrer-policy"] == "no-referrer"

    unknown = await client.get("/kredensial/" + "A" * 32)
    assert unknown.status_code == 404 and "Kredensial tidak ditemukan" in unknown.text
    assert unknown.headers["content-type"].startswith("text/html")
    for odd in ["A" * 300, "%3Cscript%3E", "a%00b"]:
        answer = await client.get("/kredensial/" + odd)
        assert answer.status_code in (400, 404) and "<script>" not in answer.text, odd
    assert (await client.delete(share, headers=learner)).status_code == 204
    ended = await client.get(path)
    assert (ended.status_code, ended.text) == (404, unknown.text)  # an ended link tells nothing more


async def test_another_site_cannot_post_the_form(client, world, as_):
    _, issued = await a_credential(client, world, as_)
    refused = await pasted(client, issued["jwt"], headers=EVIL)
    assert refused.status_code == 403 and "situs lain" in refused.text and status_of(refused) is None
    other_origin = await pasted(client, issued["jwt"], headers={"origin": "https://evil.example"})
    assert other_origin.status_code == 403
    assert status_of(await pasted(client, issued["jwt"], headers={"origin": "http://tangkas.test"})) == "valid"


@pytest.fixture
async def limited(settings):
    limits = dict(settings.rate_limits) | {"credential_verify": RateLimit(per_person=None, per_address=3)}
    application = create_app(dataclasses.replace(settings, rate_limits=limits))
    async with running(application):
        await empty_database()
        if settings.redis_url:
            async with Redis.from_url(settings.redis_url) as redis:
                await redis.flushdb()
        yield application


async def test_the_page_spends_the_verification_budget_of_the_address(limited):
    transport = httpx.ASGITransport(app=limited, client=("198.51.100.9", 40000))
    async with httpx.AsyncClient(transport=transport, base_url="http://tangkas.test") as http:
        assert (await http.post("/api/v1/credentials/verify", json={"credential": "a.b.c"})).status_code == 200
        assert (await pasted(http, "bukan kredensial")).status_code == 422
        assert (await http.get("/kredensial/" + "A" * 32)).status_code == 404
        refused = await pasted(http, "a.b.c")
        assert refused.status_code == 429 and "Coba lagi dalam" in refused.text
        assert 1 <= int(refused.headers["retry-after"]) <= 60
        shared = await http.get("/kredensial/" + "A" * 32)
        assert shared.status_code == 429 and shared.headers["content-type"].startswith("text/html")
