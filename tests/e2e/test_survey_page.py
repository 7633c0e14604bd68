"""A citizen's survey in a real headless Chromium on a phone-sized screen against a real server process: the
form opens from the counter's QR link (with the day's code), the nine elements are tapped, the ASN who served is
picked, a comment typed, the form sent; the thanks page shows and the answer is stored. No script runs on the
page (its policy allows none), so this is exactly what a cheap phone does."""

from __future__ import annotations

import httpx
from playwright.async_api import async_playwright

from domain.survey import ELEMENT_KEYS
from gamification.storage.tables import SurveyAnswer
from gamification.surveys.devices import COOKIE
from tests.e2e.test_display_page import CHROMIUM_FLAGS, chromium, free_port, start_server  # noqa: F401
from tests.factories import add_person, bearer
from tests.surveys.helpers import opt_in

PHONE = {"width": 360, "height": 640}


async def test_a_citizen_answers_the_survey_on_a_small_phone(app, world, settings, chromium):  # noqa: F811
    p = world.pontianak
    served_by = await add_person("Siti Rahmawati", p.head_unit, p.region_id, "asn", nip="199001012015032001")
    await opt_in(served_by)
    port = free_port()
    server = await start_server(settings, port)
    base = f"http://127.0.0.1:{port}"
    try:
        async with httpx.AsyncClient(base_url=base) as http:
            made = await http.post(
                "/api/v1/service-points",
                json={"unit_id": p.head_unit, "name": "Perekaman KTP-el", "requires_site_code": True},
                headers=bearer(settings, p.manager),
            )
            assert made.status_code == 201, made.text
            point = made.json()
            shown = await http.get(
                f"/api/v1/service-points/{point['id']}/site-code", headers=bearer(settings, p.manager)
            )
            link = shown.json()["path"]  # what the counter's QR holds

        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
            try:
                context = await browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="id-ID")
                page = await context.new_page()
                response = await page.goto(base + link)
                assert response.status == 200
                assert await page.locator("h1").inner_text() == "Perekaman KTP-el"
                assert (
                    await page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
                )  # no sideways scroll
                cookies = {cookie["name"]: cookie for cookie in await context.cookies()}
                assert cookies[COOKIE]["httpOnly"] and cookies[COOKIE]["sameSite"] == "Lax"
                for n, key in enumerate(ELEMENT_KEYS):
                    await page.locator(f"#{key} label").nth(3 if n % 2 else 2).tap()  # Sangat baik / Baik
                await page.select_option("#petugas", label="Siti")
                await page.fill("#komentar", "Petugas ramah <b>dan</b> cepat.")
                assert "Rahmawati" not in await page.content() and "199001012015032001" not in await page.content()
                await page.locator("button[type=submit]").tap()
                await page.wait_for_selector("text=Terima kasih!")
                assert "ditampilkan setelah diperiksa" in await page.locator("main").inner_text()
                if not settings.is_postgres:
                    await page.screenshot(path=str(settings.sqlite_path.parent / "survey.png"), full_page=True)

                await page.goto(base + link)  # the same phone, the same day
                assert "sudah mengisi survei" in await page.locator("main").inner_text()
            finally:
                await browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    rows = await SurveyAnswer.select()
    assert len(rows) == 1
    row = rows[0]
    assert [row[key] for key in ELEMENT_KEYS] == [3, 4, 3, 4, 3, 4, 3, 4, 3]
    assert (row["served_by"], row["comment"], row["comment_status"]) == (
        served_by,
        "Petugas ramah <b>dan</b> cepat.",
        "pending",
    )
    assert row["service_point"] == point["id"]
