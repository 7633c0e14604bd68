"""A citizen files a complaint from a phone-sized headless Chromium against a real server process, and reads its
status page by the tracking code it was given, before and after the unit answers."""

from __future__ import annotations

import httpx
from playwright.async_api import async_playwright

from tests.complaints.helpers import add_service_point
from tests.e2e.test_display_page import CHROMIUM_FLAGS, chromium, free_port, start_server  # noqa: F401
from tests.factories import bearer

PHONE = {"width": 360, "height": 640}


async def test_a_citizen_files_from_a_phone_and_reads_the_answer_by_the_code(app, world, settings, chromium):  # noqa: F811
    p = world.pontianak
    key = await add_service_point(p.region_id, p.head_unit, name="Perekaman KTP-el")
    port = free_port()
    server = await start_server(settings, port)
    base = f"http://127.0.0.1:{port}"
    try:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
            try:
                page = await browser.new_page(viewport=PHONE, is_mobile=True, has_touch=True)
                await page.goto(f"{base}/layanan/{key}/pengaduan")
                assert "Perekaman KTP-el" in await page.locator("h1").inner_text()
                # nothing wider than the phone: no sideways scrolling on a 360 px screen
                assert await page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
                await page.fill("#isi", "Nomor antrean perekaman KTP-el habis sebelum jam sembilan pagi.")
                await page.fill("#kontak", "0812 3456 7890")
                await page.check("input[name=setuju]")
                await page.click("button[type=submit]")
                await page.wait_for_selector("#kode")
                code = (await page.locator("#kode").inner_text()).strip()
                assert len(code) == 11 and code[5] == "-"
                assert "Batas waktu jawaban" in await page.locator("main").inner_text()

                await page.click("text=Lihat status pengaduan")
                await page.wait_for_selector("#status")
                assert await page.locator("#status").inner_text() == "Diterima"

                async with httpx.AsyncClient(base_url=base, headers=bearer(settings, p.manager)) as http:
                    listed = (await http.get("/api/v1/complaints")).json()["items"]
                    assert [item["tracking_code"] for item in listed] == [code]
                    assert listed[0]["contact"] == "0812 3456 7890"
                    answer = "Mulai Senin tersedia 150 nomor antrean dan antrean daring."
                    answered = await http.post(f"/api/v1/complaints/{listed[0]['id']}/answer", json={"answer": answer})
                    assert answered.status_code == 200, answered.text

                await page.goto(f"{base}/pengaduan")
                await page.fill("#kode", code.lower().replace("-", " "))
                await page.click("button[type=submit]")
                await page.wait_for_selector("#jawaban")
                assert await page.locator("#status").inner_text() == "Sudah dijawab"
                assert answer in await page.locator("#jawaban").inner_text()
                assert "0812" not in await page.content()  # the contact is the unit's, never on the citizen's page
                assert await page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
            finally:
                await browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
