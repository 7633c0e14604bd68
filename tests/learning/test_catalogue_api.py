from tests.module_payloads import ADMIN_MODULES, MODULES, attempt, module_payload, published_module


async def test_the_catalogue_filters_by_topic_type_text_and_my_progress(client, world, as_):
    admin, learner = as_(world.pontianak.admin), as_(world.pontianak.asn)
    phishing = await published_module(client, admin)
    data = await published_module(
        client, admin, title="Tabel Pivot untuk Antrean", competency_type="teknis", topics=["analitik-data"]
    )
    feedback = await published_module(
        client, admin, title="Memberi Umpan Balik", competency_type="manajerial", topics=["soft-skills"], pass_mark=100
    )
    await attempt(client, learner, phishing)
    await attempt(client, learner, feedback, right=1)

    async def ids(**params) -> list[int]:
        response = await client.get(MODULES, params=params, headers=learner)
        assert response.status_code == 200, response.text
        return [item["id"] for item in response.json()["items"]]

    assert await ids() == [feedback["id"], data["id"], phishing["id"]]
    assert await ids(topic="keamanan-siber") == [phishing["id"]]
    assert await ids(topic="data") == []  # a whole tag, not part of one
    assert await ids(competency_type="manajerial") == [feedback["id"]]
    assert await ids(q="PIVOT") == [data["id"]]
    assert await ids(q="%") == [feedback["id"], data["id"], phishing["id"]]  # a wildcard is just text
    assert await ids(progress="completed") == [phishing["id"]]
    assert await ids(progress="in_progress") == [feedback["id"]]
    assert await ids(progress="not_started") == [data["id"]]
    cards = (await client.get(MODULES, headers=learner)).json()["items"]
    assert [(c["progress"], c["best_score"]) for c in cards] == [
        ("in_progress", 33),
        ("not_started", None),
        ("completed", 100),
    ]
    assert "questions" not in cards[0] and "lessons" not in cards[0]


async def test_bad_catalogue_filters_have_their_own_codes(client, world, as_):
    learner = as_(world.pontianak.asn)
    for params, status, code in [
        ({"progress": "setengah"}, 422, "progress_unknown"),
        ({"competency_type": "spiritual"}, 422, "module_competency_type_unknown"),
        ({"topic": "Bukan Topik"}, 422, "module_topic_format"),
        ({"limit": 0}, 400, "validation_failed"),
        ({"cursor": "!!"}, 400, "cursor_invalid"),
        ({"cursor": "aWQ6wrI"}, 400, "cursor_invalid"),  # id:² (a digit to isdigit, no number to int)
        ({"cursor": "aWQ6OTk5OTk5OTk5OTk5OQ"}, 400, "cursor_invalid"),  # id:9999999999999, beyond the id column
    ]:
        response = await client.get(MODULES, params=params, headers=learner)
        assert (response.status_code, response.json()["code"]) == (status, code), params


async def test_the_catalogue_pages_with_a_cursor_and_hides_other_regions(client, world, as_):
    admin = as_(world.pontianak.admin)
    made = [await published_module(client, admin, title=f"Modul {n}") for n in range(5)]
    await published_module(client, as_(world.palu.admin), title="Modul Palu")
    await client.post(ADMIN_MODULES, json=module_payload(title="Masih Draf"), headers=admin)
    seen, cursor = [], None
    while True:
        page = (
            await client.get(
                MODULES, params={"limit": 2} | ({"cursor": cursor} if cursor else {}), headers=as_(world.pontianak.asn)
            )
        ).json()
        seen += [item["title"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [m["title"] for m in reversed(made)]


async def test_module_content_answers_304_to_its_etag_until_it_changes(client, world, as_):
    admin, learner = as_(world.pontianak.admin), as_(world.pontianak.asn)
    module = await published_module(client, admin)
    first = await client.get(f"{MODULES}/{module['id']}", headers=learner)
    etag = first.headers["etag"]
    assert first.status_code == 200 and etag.startswith('"') and first.headers["cache-control"] == "private, no-cache"
    again = await client.get(f"{MODULES}/{module['id']}", headers=learner | {"If-None-Match": etag})
    assert (again.status_code, again.content, again.headers["etag"]) == (304, b"", etag)
    weak = await client.get(f"{MODULES}/{module['id']}", headers=learner | {"If-None-Match": f'"x", W/{etag}'})
    assert weak.status_code == 304

    await client.put(f"{ADMIN_MODULES}/{module['id']}", json=module_payload(title="Phishing, versi 2"), headers=admin)
    changed = await client.get(f"{MODULES}/{module['id']}", headers=learner | {"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["etag"] != etag
    assert changed.json()["title"] == "Phishing, versi 2"
    palu = await client.get(f"{MODULES}/{module['id']}", headers=as_(world.palu.asn) | {"If-None-Match": etag})
    assert (palu.status_code, palu.json()["code"]) == (404, "module_not_found")  # no 304 leaks a module's existence
