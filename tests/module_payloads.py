"""Modules and attempts for tests: a valid authoring payload, publishing, and answering right or wrong."""

from __future__ import annotations

import datetime as dt
import itertools

ADMIN_MODULES = "/api/v1/admin/modules"
MODULES = "/api/v1/modules"
_client_ids = itertools.count(1)
# "²" is a digit to str.isdigit but no number to int(); "٣" (Arabic-Indic) is 3 to int(); 99999999999 is
# beyond the id column, where PostgreSQL refuses the parameter of the question lookup.
ANSWER_KEYS_THAT_ARE_NO_QUESTION_ID = ["²", "٣", "99999999999", "9" * 19, " 1", "+1", "1_0", "0"]


def module_payload(**overrides) -> dict:
    return {
        "title": "Mengenali Email Phishing",
        "summary": "Cara mengenali dan melaporkan email palsu yang menyasar pegawai OPD.",
        "competency_type": "teknis",
        "topics": ["keamanan-siber", "literasi-digital"],
        "value": "kompeten",
        "estimated_minutes": 5,
        "min_seconds": 60,
        "jp": 0.25,
        "xp": 30,
        "pass_mark": 70,
        "lessons": [
            {"kind": "text", "body": "Email phishing meniru pengirim resmi untuk mencuri kata sandi."},
            {"kind": "video", "body": "https://example.org/tangkas/phishing.mp4"},
        ],
        "questions": [
            {
                "text": "Apa tanda umum email phishing?",
                "kind": "single",
                "options": [
                    {"text": "Alamat pengirim yang mirip tetapi berbeda", "correct": True},
                    {"text": "Tanda tangan resmi kepala dinas", "correct": False},
                    {"text": "Dikirim pada jam kerja", "correct": False},
                ],
            },
            {
                "text": "Apa yang dilakukan bila menerima email mencurigakan?",
                "kind": "multiple",
                "options": [
                    {"text": "Laporkan ke tim keamanan", "correct": True},
                    {"text": "Jangan klik tautannya", "correct": True},
                    {"text": "Balas dengan kata sandi", "correct": False},
                ],
            },
            {
                "text": "Autentikasi dua faktor mengurangi risiko akun dibobol.",
                "kind": "single",
                "options": [{"text": "Benar", "correct": True}, {"text": "Salah", "correct": False}],
            },
        ],
    } | overrides


async def create_module(client, headers, **overrides) -> dict:
    response = await client.post(ADMIN_MODULES, json=module_payload(**overrides), headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def published_module(client, headers, **overrides) -> dict:
    """The author's view (with the answer key) of a newly published module."""
    module = await create_module(client, headers, **overrides)
    response = await client.post(f"{ADMIN_MODULES}/{module['id']}/publish", headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


def answers(module: dict, right: int | None = None) -> dict[str, int | list[int]]:
    """Answers to an authored module: the first ``right`` questions right (all by default), the rest wrong."""
    right = len(module["questions"]) if right is None else right
    chosen: dict[str, int | list[int]] = {}
    for index, question in enumerate(module["questions"]):
        correct = [o["id"] for o in question["options"] if o["correct"]]
        wrong = [o["id"] for o in question["options"] if not o["correct"]]
        picked = correct if index < right else wrong[:1]
        chosen[str(question["id"])] = picked if question["kind"] == "multiple" else picked[0]
    return chosen


def attempt_body(
    module: dict, right: int | None = None, seconds: int = 300, ago: dt.timedelta = dt.timedelta(0), **overrides
) -> dict:
    finished = dt.datetime.now(dt.timezone.utc) - ago
    return {
        "client_id": f"hp-{next(_client_ids):06d}-{finished.timestamp():.0f}",
        "answers": answers(module, right),
        "started_at": (finished - dt.timedelta(seconds=seconds)).isoformat(),
        "finished_at": finished.isoformat(),
    } | overrides


async def attempt(client, headers, module: dict, **body) -> dict:
    response = await client.post(
        f"{MODULES}/{module['id']}/attempts", json=attempt_body(module, **body), headers=headers
    )
    assert response.status_code == 201, response.text
    return response.json()
