"""The office display in a real headless Chromium against a real server process: the page shows the
top 10, a completion moves someone up without a reload, and revoking the display stops the page.

Without Redis the completion is an attempt sent to the server, and reaches the page from within
that process; with Redis it is recorded by another process (the test's own), and reaches the page
only through the Redis fan-out, as it would from another API replica or the scheduler.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import shutil
import socket
import subprocess

import httpx
import pytest
from playwright.async_api import async_playwright

from tests.awards import WIB, award, this_week_at
from tests.backends import IN_CI
from tests.clock import python_command
from tests.conftest import TEST_SECRET
from tests.factories import add_person, bearer
from tests.module_payloads import attempt_body, module_payload
from tests.satisfaction.helpers import HAND_ANSWERS, add_answers, add_service_point, today_in  # satisfaction

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# Importing the app takes seconds on two cores busy with four test workers.
STARTUP_SECONDS = 60


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def start_server(settings, port: int) -> subprocess.Popen:
    env = os.environ | {
        "TANGKAS_DATABASE_URL": settings.database_url,
        "TANGKAS_REDIS_URL": settings.redis_url or "",
        "TANGKAS_JWT_SECRET": TEST_SECRET,
        "TANGKAS_SCHEDULER": "off",
    }
    server = subprocess.Popen(
        python_command(
            "-m",
            "uvicorn",
            "api.app:create_app",
            "--factory",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ),
        env=env,
    )
    deadline = asyncio.get_running_loop().time() + STARTUP_SECONDS
    async with httpx.AsyncClient() as http:
        while asyncio.get_running_loop().time() < deadline and server.poll() is None:
            try:
                if (await http.get(f"http://127.0.0.1:{port}/health")).status_code == 200:
                    return server
            except httpx.TransportError:
                await asyncio.sleep(0.05)
    server.kill()
    server.wait()
    raise RuntimeError(f"the server did not start within {STARTUP_SECONDS} s")


@pytest.fixture
def chromium() -> str:
    if CHROMIUM is None:
        if IN_CI:
            pytest.fail("Chromium is not installed (CI=true: .ci/run installs Debian's chromium)", pytrace=False)
        pytest.skip("Chromium is not installed")
    return CHROMIUM


async def test_the_tv_page_follows_a_completion_live_and_stops_when_revoked(app, world, settings, chromium, tmp_path):
    p = world.pontianak
    people = [await add_person(f"Pegawai {n:02d}", p.head_unit, p.region_id) for n in range(11)]
    for n, person in enumerate(people):
        await award(person, 200 - 10 * n, this_week_at(WIB, 0, 8) + dt.timedelta(minutes=n))
    climber = people[10]  # 100 XP: eleventh, off the screen
    service = await add_service_point(p.head_unit)  # satisfaction: citizens' answers this quarter, IKM 86,81 (B)
    await add_answers(service, today_in(WIB), HAND_ANSWERS)
    port = free_port()
    server = await start_server(settings, port)
    base = f"http://127.0.0.1:{port}"
    as_ = lambda person: bearer(settings, person)  # noqa: E731
    try:
        async with httpx.AsyncClient(base_url=base) as http:
            made = await http.post("/api/v1/admin/modules", json=module_payload(xp=150), headers=as_(p.admin))
            assert made.status_code == 201, made.text
            module = made.json()
            assert (await http.post(f"/api/v1/admin/modules/{module['id']}/publish", headers=as_(p.admin))).is_success
            display = await http.post(
                "/api/v1/admin/displays",
                json={"name": "TV Lobi Bidang", "scope": "unit", "scope_id": p.head_unit, "show_ikm": True},
                headers=as_(p.admin),
            )
            assert display.status_code == 201, display.text
            display = display.json()

            async with async_playwright() as playwright:
                browser = await playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
                try:
                    # the page forbids eval; the test harness evaluates its checks as strings
                    page = await browser.new_page(viewport={"width": 1920, "height": 1080}, bypass_csp=True)
                    await page.goto(base + display["path"])
                    await page.wait_for_function("document.querySelectorAll('#rows tr').length === 10")
                    names = await page.locator("#rows .name").all_inner_texts()
                    assert [n.splitlines()[0] for n in names] == [f"Pegawai {n:02d}" for n in range(10)]
                    assert await page.locator("#title").inner_text() == "TV Lobi Bidang"
                    assert "Kota Pontianak" in await page.locator("#subtitle").inner_text()
                    assert await page.locator("#ikm").inner_text() == "IKM triwulan ini: 86,81 (B)"
                    await page.wait_for_function("document.getElementById('status-text').textContent === 'Langsung'")
                    await page.evaluate("window.notReloaded = true")

                    if settings.redis_url:
                        # recorded by another process (this one): the event crosses processes through Redis
                        await award(climber, 160, this_week_at(WIB, 0, 9), label="Mengenali Email Phishing")
                    else:
                        result = await http.post(
                            f"/api/v1/modules/{module['id']}/attempts", json=attempt_body(module), headers=as_(climber)
                        )
                        assert result.status_code == 201, result.text  # 150 + 10: now 260, first
                    await page.wait_for_function(
                        "document.querySelector('#rows tr .name').firstChild.textContent === 'Pegawai 10'",
                        timeout=10_000,
                    )
                    assert await page.evaluate("window.notReloaded") is True
                    first_row = await page.locator("#rows tr").first.inner_text()
                    assert first_row.split("\t")[-3:] == ["Pembelajar", "0", "260 XP"], first_row
                    assert "menyelesaikan modul" in await page.locator("#ticker").inner_text()
                    await page.screenshot(
                        path=str(settings.sqlite_path.parent / "display.png")
                    ) if not settings.is_postgres else None

                    revoked = await http.delete(f"/api/v1/admin/displays/{display['id']}", headers=as_(p.admin))
                    assert revoked.status_code == 200
                    await page.wait_for_function(
                        "document.getElementById('notice').style.display === 'flex'", timeout=10_000
                    )
                    assert "dicabut" in await page.locator("#notice").inner_text()
                finally:
                    await browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
