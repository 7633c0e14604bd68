"""The survey as a page a phone opens from the counter's QR code: the device cookie it sets, the form and its
errors in Indonesian, the thanks, and a friendly page for every refusal; everything anyone wrote escaped, and a
form posted from another site refused."""

from __future__ import annotations

import pytest

from gamification.storage.tables import SurveyAnswer
from gamification.surveys.devices import COOKIE
from tests.surveys.helpers import citizen, form_fields, make_point, open_page, opt_in, post_page


@pytest.fixture
async def point(client, world, as_) -> dict:
    return await make_point(client, as_(world.pontianak.manager), world.pontianak.head_unit)


async def test_the_form_sets_a_signed_long_lived_device_cookie_once_and_keeps_the_page_to_itself(app, point):
    async with citizen(app) as phone:
        page, token = await open_page(phone, point["public_key"])
        assert page.status_code == 200 and token
        cookie = page.headers["set-cookie"]
        assert cookie.startswith(f"{COOKIE}=") and "HttpOnly" in cookie and "SameSite=lax" in cookie
        assert "Max-Age=63072000" in cookie and "Path=/" in cookie
        again, same_token = await open_page(phone, point["public_key"])
        assert "set-cookie" not in again.headers and same_token == token
    headers = page.headers
    assert headers["content-type"].startswith("text/html")
    assert headers["x-frame-options"] == "DENY" and "frame-ancestors 'none'" in headers["content-security-policy"]
    assert "script-src" not in headers["content-security-policy"] and "<script" not in page.text
    assert headers["referrer-policy"] == "no-referrer" and headers["cache-control"] == "no-store"
    assert 'name="viewport"' in page.text and 'lang="id"' in page.text
    assert len(page.content) < 12_000
    for label in ("Persyaratan", "Sarana dan prasarana", "Tidak baik", "Sangat baik", "Kirim penilaian"):
        assert label in page.text


async def test_a_filled_form_is_thanked_and_a_second_one_that_day_is_told_kindly(app, point, world):
    await opt_in(world.pontianak.asn)
    async with citizen(app) as phone:
        _, token = await open_page(phone, point["public_key"])
        fields = form_fields(token, komentar="Ramah sekali", petugas=str(world.pontianak.asn), u5="4")
        thanks = await post_page(phone, point["public_key"], fields)
        assert thanks.status_code == 200, thanks.text
        assert "Terima kasih!" in thanks.text and "ditampilkan setelah diperiksa" in thanks.text
        again = await post_page(phone, point["public_key"], fields)
        assert again.status_code == 409 and "sudah mengisi survei" in again.text
        reopened, _ = await open_page(phone, point["public_key"])
        assert reopened.status_code == 200 and "sudah mengisi survei" in reopened.text and "<form" not in reopened.text
    row = await SurveyAnswer.select().first()
    assert (row["u5"], row["u1"], row["comment"], row["served_by"]) == (4, 3, "Ramah sekali", world.pontianak.asn)


async def test_errors_come_back_in_indonesian_with_the_answers_kept_and_escaped(app, point):
    async with citizen(app) as phone:
        _, token = await open_page(phone, point["public_key"])
        fields = form_fields(token, komentar='<script>alert("x")</script>', kontak="0812 3456 7890")
        del fields["u2"], fields["u8"]
        fields["u4"] = "5"
        first = await post_page(phone, point["public_key"], fields)
        assert first.status_code == 422
        assert "Mohon beri nilai 1 sampai 4 untuk setiap unsur pelayanan (belum: U2, U4, U8)" in first.text
        assert "<script>alert" not in first.text and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in first.text
        assert 'name="u1" value="3" checked' in first.text and 'value="0812 3456 7890"' in first.text
        fields |= {"u2": "1", "u4": "2", "u8": "4"}
        second = await post_page(phone, point["public_key"], fields)
        assert second.status_code == 422 and "Kontak hanya disimpan dengan persetujuan Anda" in second.text
        assert (await post_page(phone, point["public_key"], fields | {"setuju": "ya"})).status_code == 200
    row = await SurveyAnswer.select().first()
    assert (row["u2"], row["u4"], row["contact"], row["comment"]) == (
        1,
        2,
        "0812 3456 7890",
        '<script>alert("x")</script>',
    )


async def test_a_service_named_with_markup_is_shown_as_text(app, client, world, as_):
    point = await make_point(
        client,
        as_(world.pontianak.admin),
        world.pontianak.head_unit,
        name="<img src=x onerror=alert(1)>",
        description="<i>",
    )
    async with citizen(app) as phone:
        page, _ = await open_page(phone, point["public_key"])
    assert "<img" not in page.text and "&lt;img src=x onerror=alert(1)&gt;" in page.text and "&lt;i&gt;" in page.text


async def test_the_site_code_rides_in_from_the_qr_or_is_typed(app, client, world, as_):
    point = await make_point(client, as_(world.pontianak.manager), world.pontianak.head_unit, requires_site_code=True)
    shown = (
        await client.get(f"/api/v1/service-points/{point['id']}/site-code", headers=as_(world.pontianak.manager))
    ).json()
    async with citizen(app) as phone:
        page, token = await open_page(phone, point["public_key"], shown["code"])
        assert f'type="hidden" name="kode" value="{shown["code"]}"' in page.text
        wrong = await post_page(
            phone, point["public_key"], form_fields(token, kode="000000" if shown["code"] != "000000" else "1")
        )
        assert wrong.status_code == 422 and "Kode loket tidak berlaku" in wrong.text
        assert (await post_page(phone, point["public_key"], form_fields(token, kode=shown["code"]))).status_code == 200
    async with citizen(app) as phone:
        page, token = await open_page(phone, point["public_key"])
        assert 'id="kode" name="kode" inputmode="numeric"' in page.text  # no code in the link: typed from the counter
        missing = await post_page(phone, point["public_key"], form_fields(token))
        assert missing.status_code == 422 and "kode loket hari ini" in missing.text
    assert await SurveyAnswer.count() == 1


async def test_an_unknown_renewed_or_malformed_link_is_a_friendly_404(app, client, point, world, as_):
    await client.post(f"/api/v1/service-points/{point['id']}/link", headers=as_(world.pontianak.manager))
    async with citizen(app) as phone:
        for key in (point["public_key"], "A" * 22, "%3Cscript%3E", "x" * 32):
            page = await phone.get(f"/layanan/{key}")
            assert page.status_code == 404 and "Layanan tidak ditemukan" in page.text, key
            assert "set-cookie" not in page.headers
        assert (await phone.get("/layanan/" + "x" * 40)).status_code in (400, 404)


async def test_a_form_posted_from_another_site_or_without_the_devices_token_is_refused(app, point):
    key = point["public_key"]
    async with citizen(app) as victim, citizen(app, "198.51.100.66") as attacker:
        _, victims_token = await open_page(victim, key)
        _, attackers_token = await open_page(attacker, key)
        # another site makes the victim's browser post: it cannot know the victim's token
        forged = await post_page(victim, key, form_fields(attackers_token))
        assert forged.status_code == 403 and "Formulir perlu dimuat ulang" in forged.text
        cross = await post_page(victim, key, form_fields(victims_token), **{"sec-fetch-site": "cross-site"})
        assert cross.status_code == 403
        foreign = await post_page(victim, key, form_fields(victims_token), origin="https://jahat.example")
        assert foreign.status_code == 403
        victim.cookies.clear()
        no_cookie = await post_page(victim, key, form_fields(victims_token))
        assert no_cookie.status_code == 403
    assert await SurveyAnswer.count() == 0
    async with citizen(app) as phone:  # the page's own post: no referrer, so its Origin is "null"
        _, token = await open_page(phone, key)
        own = await post_page(phone, key, form_fields(token), origin="null", **{"sec-fetch-site": "same-origin"})
        assert own.status_code == 200


@pytest.mark.parametrize(
    "body, content_type, status",
    [
        (b"u1=3&u1=4", "application/x-www-form-urlencoded", 400),  # a field twice
        (b"hacker=1", "application/x-www-form-urlencoded", 400),
        (b"komentar=%00", "application/x-www-form-urlencoded", 400),
        (b"komentar=%FF%FE", "application/x-www-form-urlencoded", 400),
        (b"\xff\xfe", "application/x-www-form-urlencoded", 400),
        (b"&".join([b"u1=1"] * 100), "application/x-www-form-urlencoded", 400),
        (b"u1=" + b"4" * 20_000, "application/x-www-form-urlencoded", 413),
        (b'{"u1": 4}', "application/json", 415),
        (b"u1=4", "multipart/form-data; boundary=x", 415),
    ],
)
async def test_a_body_the_form_does_not_send_is_a_clear_4xx(app, point, body, content_type, status):
    async with citizen(app) as phone:
        await open_page(phone, point["public_key"])
        answer = await phone.post(
            f"/layanan/{point['public_key']}", content=body, headers={"content-type": content_type}
        )
    assert answer.status_code == status, answer.text
    assert await SurveyAnswer.count() == 0


async def test_hostile_values_in_a_well_formed_form_are_answered_on_the_form(app, point):
    async with citizen(app) as phone:
        _, token = await open_page(phone, point["public_key"])
        for fields in (
            {"u1": "0"},
            {"u1": "04"},
            {"u1": "٣"},
            {"u1": "99999999999999999999999"},
            {"petugas": "1e9"},
            {"petugas": "99999999999999999999"},
            {"komentar": "x" * 1001},
            {"komentar": "\x1b[31m"},
            {"kontak": "<script>", "setuju": "ya"},
        ):
            answer = await post_page(phone, point["public_key"], form_fields(token, **fields))
            assert answer.status_code == 422, fields
            assert "Mohon periksa kembali" in answer.text and "<script>" not in answer.text
    assert await SurveyAnswer.count() == 0


async def test_a_code_in_the_link_is_carried_as_text_whatever_it_holds(app, client, world, as_):
    point = await make_point(client, as_(world.pontianak.manager), world.pontianak.head_unit, requires_site_code=True)
    async with citizen(app) as phone:
        page, _ = await open_page(phone, point["public_key"], '"><script>x')
    assert page.status_code == 200 and "<script>" not in page.text
    assert 'name="kode" value="&quot;&gt;&lt;script&gt;x"' in page.text
