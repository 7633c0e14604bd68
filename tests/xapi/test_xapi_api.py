"""The xAPI intake at /xapi: a partner's completion credits a mapped person through the JP and XP ledgers,
voiding takes it back; the protocol's headers, ids and conflicts; bad input refused with its code; org A
never reaches org B's statements; races store and credit once."""

import asyncio
import base64
import datetime as dt
import uuid

from gamification.storage.tables import JpCredit, Person, XapiStatement
from tests.awards import boards_ready
from tests.factories import add_person
from tests.invariants import books_balance
from tests.xapi.helpers import (
    EXPERIENCED,
    PASSED,
    by_nip,
    nip_of,
    partner_org,
    statement,
    voiding,
)

STATEMENTS = "/xapi/statements"


async def xp_and_jp(client, headers) -> tuple[int, float]:
    me = (await client.get("/api/v1/me", headers=headers)).json()
    return me["xp"], me["jp"]["earned"]


async def test_a_completion_credits_the_person_once_and_voiding_takes_it_back(client, world, as_):
    p = await partner_org(client, world, as_, "Universitas Tanjungpura", [world.pontianak.region_id])
    asn, learner = world.pontianak.asn, as_(world.pontianak.asn)
    await boards_ready()
    second = await client.post(
        f"/api/v1/partners/{p.org_id}/xapi/activities",
        json={
            "iri": "https://lms.untan.ac.id/course/data",
            "title": "Analitik Data",
            "competency_type": "teknis",
            "jp": 1,
            "xp": 25,
        },
        headers=as_(p.person),
    )
    first = statement(by_nip(await nip_of(asn)), p.iri, result={"score": {"scaled": 0.85}})
    answer = await client.post(STATEMENTS, json=first, headers=p.basic())
    assert (answer.status_code, answer.json()) == (200, [first["id"]])
    assert answer.headers["x-experience-api-version"] == "1.0.3"
    assert await xp_and_jp(client, learner) == (40, 2.0)
    learning = (await client.get("/api/v1/me/learning", headers=learner)).json()
    assert learning["jp"]["earned"] == 2.0 and learning["jp"]["by_competency"]["teknis"] == 2.0
    board = (
        await client.get("/api/v1/leaderboards", params={"scope": "region", "period": "all"}, headers=learner)
    ).json()
    assert board["me"]["xp"] == 40 and board["entries"][0]["xp"] == 40

    # the same statement again (POST and PUT), and another completion of the same activity: nothing doubled
    assert (await client.post(STATEMENTS, json=first, headers=p.basic())).status_code == 200
    put = await client.put(STATEMENTS, params={"statementId": first["id"]}, json=first, headers=p.basic())
    assert put.status_code == 204 and put.headers["x-experience-api-version"] == "1.0.3"
    again = statement({"mbox": "mailto:ASN@Pontianak.test"}, p.iri, verb=PASSED)
    other = statement({"mbox": "mailto:asn@pontianak.test"}, second.json()["iri"])
    assert (await client.post(STATEMENTS, json=[again, other], headers=p.basic())).status_code == 200
    assert await xp_and_jp(client, learner) == (65, 3.0)
    await books_balance({asn: 65})
    stored = await client.get(STATEMENTS, params={"statementId": first["id"]}, headers=p.basic())
    assert stored.status_code == 200
    assert (
        stored.json()["result"] == {"score": {"scaled": 0.85}} and stored.json()["authority"]["objectType"] == "Agent"
    )
    assert "stored" in stored.json()
    page = (await client.get(f"/api/v1/partners/{p.org_id}", headers=as_(p.person))).json()
    assert [a["credited_statements"] for a in page["activities"]] == [1, 1]

    # voiding the crediting statement takes its JP and XP back through the ledgers
    void = voiding(first["id"])
    assert (await client.post(STATEMENTS, json=void, headers=p.basic())).status_code == 200
    assert await xp_and_jp(client, learner) == (25, 1.0)
    board = (
        await client.get("/api/v1/leaderboards", params={"scope": "region", "period": "all"}, headers=learner)
    ).json()
    assert board["me"]["xp"] == 25
    await books_balance({asn: 25})
    gone = await client.get(STATEMENTS, params={"statementId": first["id"]}, headers=p.basic())
    assert (gone.status_code, gone.json()["code"]) == (404, "xapi_statement_not_found")
    voided = await client.get(STATEMENTS, params={"voidedStatementId": first["id"]}, headers=p.basic())
    assert voided.status_code == 200 and voided.json()["id"] == first["id"]
    # voiding again changes nothing; a voiding statement cannot itself be voided
    assert (await client.post(STATEMENTS, json=voiding(first["id"]), headers=p.basic())).status_code == 200
    refused = await client.post(STATEMENTS, json=voiding(void["id"]), headers=p.basic())
    assert (refused.status_code, refused.json()["code"]) == (400, "xapi_void_voiding")
    assert await xp_and_jp(client, learner) == (25, 1.0)
    assert len(await JpCredit.select().where(JpCredit.person == asn)) == 3  # two credits and one negative twin


async def test_the_protocol_and_bad_input_get_clear_codes_and_store_nothing(client, world, as_):
    p = await partner_org(client, world, as_, "Politeknik Negeri", [world.pontianak.region_id])
    about = await client.get("/xapi/about")
    assert (about.status_code, about.json()) == (200, {"version": ["1.0.3"]})
    assert about.headers["x-experience-api-version"] == "1.0.3"
    nip = await nip_of(world.pontianak.asn)
    good = statement(by_nip(nip), p.iri)

    def basic(raw: str) -> dict:
        return {"Authorization": raw, "X-Experience-API-Version": "1.0.3"}

    for headers in (
        {"X-Experience-API-Version": "1.0.3"},
        basic("Basic !!!not-base64"),
        basic("Basic " + base64.b64encode(b"no-colon-here").decode()),
        basic("Basic " + base64.b64encode(b"\xff\xfe:x").decode()),
        basic("Bearer something"),
        p.basic(secret="wrong-secret"),
        # a key id not of the issued shape, a NUL or any control character: 401 (it once was a 500 on PostgreSQL)
        basic("Basic " + base64.b64encode(b"tkx\x00abc:secret").decode()),
        basic("Basic " + base64.b64encode(f"{p.key_id}\x00:{p.secret}".encode()).decode()),
        basic("Basic " + base64.b64encode(f"{p.key_id}\n:{p.secret}".encode()).decode()),
        basic("Basic " + base64.b64encode(f"{p.key_id.upper()}:{p.secret}".encode()).decode()),
        basic("Basic " + base64.b64encode(f"{p.key_id}:{p.secret}\x00".encode()).decode()),
    ):
        refused = await client.post(STATEMENTS, json=good, headers=headers)
        assert refused.status_code == 401, (headers, refused.text)
        assert refused.headers["www-authenticate"] == 'Basic realm="Tangkas xAPI"'
        assert refused.json()["code"] == "xapi_credentials_invalid"
        assert refused.headers["x-experience-api-version"] == "1.0.3"
    for version in (None, "0.95", "2.0.0"):
        refused = await client.post(STATEMENTS, json=good, headers=p.basic(version=version))
        assert (refused.status_code, refused.json()["code"]) == (400, "xapi_version_header")

    def without(key: str) -> dict:
        return {k: v for k, v in good.items() if k != key}

    future = (dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=1)).isoformat()
    cases = {
        "xapi_actor_invalid": without("actor"),
        "xapi_actor_ifi": good | {"actor": {"mbox": "mailto:a@b.test", "account": by_nip(nip)["account"]}},
        "xapi_actor_mbox": good | {"actor": {"mbox": "a@b.test"}},
        "xapi_actor_account": good | {"actor": {"account": {"homePage": "tangkas", "name": nip}}},
        "xapi_verb_invalid": good | {"verb": {"id": "completed"}},
        "xapi_object_invalid": without("object"),
        "xapi_id_not_uuid": good | {"id": "12345"},
        "xapi_timestamp_invalid": good | {"timestamp": "kemarin"},
        "xapi_timestamp_future": good | {"timestamp": future},
        "xapi_result_invalid": good | {"result": {"score": {"scaled": 5}}},
        "xapi_void_needs_statement_ref": good | {"verb": {"id": "http://adlnet.gov/expapi/verbs/voided"}},
        "xapi_void_target_unknown": voiding(str(uuid.uuid4())),
        "xapi_statement_not_object": [good | {"id": str(uuid.uuid4())}, "completed"],
        "xapi_statement_ids_repeated": [good, good],
        "xapi_no_statements": [],
    }
    for code, body in cases.items():
        refused = await client.post(STATEMENTS, json=body, headers=p.basic())
        assert (refused.status_code, refused.json()["code"]) == (400, code), refused.text
    for raw, code in (
        (b"{not json", "malformed_json"),
        (b"[" * 100_000 + b"]" * 100_000, "malformed_json"),  # deeper than the parser goes
        (b'{"actor": {"mbox": "mailto:\\ud800@b.test"}}', "malformed_json"),  # a lone surrogate
        (b'{"actor": {"mbox": "mailto:a\\u0000@b.test"}}', "nul_character"),
    ):
        malformed = await client.post(STATEMENTS, content=raw, headers=p.basic())
        assert (malformed.status_code, malformed.json()["code"]) == (400, code)
    unknown_query = await client.get(STATEMENTS, params={"agent": "x"}, headers=p.basic())
    assert (unknown_query.status_code, unknown_query.json()["code"]) == (400, "query_parameter_unknown")
    assert not await XapiStatement.count()  # the batch with one bad statement stored none of it

    no_id = await client.put(STATEMENTS, json=good, headers=p.basic())
    assert (no_id.status_code, no_id.json()["code"]) == (400, "xapi_statement_id_required")
    mismatch = await client.put(STATEMENTS, params={"statementId": str(uuid.uuid4())}, json=good, headers=p.basic())
    assert (mismatch.status_code, mismatch.json()["code"]) == (400, "xapi_statement_id_mismatch")
    assert (
        await client.put(STATEMENTS, params={"statementId": good["id"]}, json=good, headers=p.basic())
    ).status_code == 204
    reordered = {key: good[key] for key in reversed(good)}  # the same content in another order
    assert (
        await client.put(STATEMENTS, params={"statementId": good["id"]}, json=reordered, headers=p.basic())
    ).status_code == 204
    changed = good | {"verb": {"id": PASSED}}
    conflict = await client.put(STATEMENTS, params={"statementId": good["id"]}, json=changed, headers=p.basic())
    assert (conflict.status_code, conflict.json()["code"]) == (409, "xapi_statement_conflict")
    both = await client.get(
        STATEMENTS, params={"statementId": good["id"], "voidedStatementId": good["id"]}, headers=p.basic()
    )
    assert (both.status_code, both.json()["code"]) == (400, "xapi_statement_id_and_voided")
    latest = (await client.get(STATEMENTS, headers=p.basic())).json()
    assert [s["id"] for s in latest["statements"]] == [good["id"]] and latest["more"] == ""

    # kept and reported, never credited: unknown actors; not credited: other verbs, unregistered or old activities
    stranger = statement(by_nip("198001012005011999"), p.iri)
    elsewhere = statement(by_nip(nip, home_page="https://lms.lain.test"), p.iri)
    unknown_mail = statement({"mbox": "mailto:siapa@entah.test"}, p.iri)
    hashed = statement({"mbox_sha1sum": "a" * 40}, p.iri)
    read_only = statement(by_nip(await nip_of(world.pontianak.asn_child)), p.iri, verb=EXPERIENCED)
    unregistered = statement(by_nip(await nip_of(world.pontianak.asn_child)), "https://lms.lain.test/course/1")
    old = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=400)).isoformat()
    too_old = statement(by_nip(await nip_of(world.pontianak.asn_child)), p.iri, timestamp=old)
    batch = [stranger, elsewhere, unknown_mail, hashed, read_only, unregistered, too_old]
    assert (await client.post(STATEMENTS, json=batch, headers=p.basic())).status_code == 200
    assert await xp_and_jp(client, as_(world.pontianak.asn_child)) == (0, 0.0)
    expected = [hashed["id"], unknown_mail["id"], elsewhere["id"], stranger["id"]]
    for viewer in (p.person, world.pontianak.admin, world.superadmin):
        report = await client.get(f"/api/v1/partners/{p.org_id}/xapi/unmatched", headers=as_(viewer))
        assert [s["statement_id"] for s in report.json()] == expected
    assert report.json()[-1]["actor"] == "account:https://tangkas.go.id|198001012005011999"
    for outsider in (world.palu.admin, world.pontianak.asn):
        hidden = await client.get(f"/api/v1/partners/{p.org_id}/xapi/unmatched", headers=as_(outsider))
        assert (hidden.status_code, hidden.json()["code"]) == (404, "partner_org_not_found")
    by_id = {row["statement_id"]: row["credit"] for row in await XapiStatement.select()}
    assert (by_id[good["id"]], by_id[read_only["id"]], by_id[unregistered["id"]], by_id[too_old["id"]]) == (
        "credited",
        "not_credited_verb",
        "not_registered",
        "too_old",
    )


async def test_one_organisation_never_reaches_another_ones_statements_people_or_activities(client, world, as_):
    a = await partner_org(client, world, as_, "Universitas Tadulako", [world.pontianak.region_id])
    b = await partner_org(client, world, as_, "Vendor Palu", [world.palu.region_id])
    await boards_ready()
    asn = world.pontianak.asn
    credited = statement(by_nip(await nip_of(asn)), a.iri)
    assert (await client.post(STATEMENTS, json=credited, headers=a.basic())).status_code == 200
    # B neither reads nor voids A's statement, nor credits A's activity, nor a person of a region that did not admit B
    hidden = await client.get(STATEMENTS, params={"statementId": credited["id"]}, headers=b.basic())
    assert (hidden.status_code, hidden.json()["code"]) == (404, "xapi_statement_not_found")
    refused = await client.post(STATEMENTS, json=voiding(credited["id"]), headers=b.basic())
    assert (refused.status_code, refused.json()["code"]) == (400, "xapi_void_target_unknown")
    taken = await client.put(STATEMENTS, params={"statementId": credited["id"]}, json=credited, headers=b.basic())
    assert (taken.status_code, taken.json()["code"]) == (409, "xapi_statement_conflict")
    stolen = statement(by_nip(await nip_of(world.pontianak.asn_child)), a.iri)
    unadmitted = statement(by_nip(await nip_of(world.pontianak.asn_child)), b.iri)
    assert (await client.post(STATEMENTS, json=[stolen, unadmitted], headers=b.basic())).status_code == 200
    assert await xp_and_jp(client, as_(world.pontianak.asn_child)) == (0, 0.0)
    report = (await client.get(f"/api/v1/partners/{b.org_id}/xapi/unmatched", headers=as_(b.person))).json()
    assert [s["statement_id"] for s in report] == [unadmitted["id"]]  # the person is not told apart from a stranger
    for other in (world.pontianak.admin, a.person):
        page = await client.get(f"/api/v1/partners/{b.org_id}", headers=as_(other))
        assert (page.status_code, page.json()["code"]) == (404, "partner_org_not_found")
    assert (await client.get(f"/api/v1/partners/{b.org_id}/credentials", headers=as_(a.person))).status_code == 404
    assert await xp_and_jp(client, as_(asn)) == (40, 2.0)

    # a deactivated person is unknown; a revoked key fails at once
    await Person.update({Person.active: False}).where(Person.id == world.pontianak.manager)
    gone = statement(by_nip(await nip_of(world.pontianak.manager)), a.iri)
    assert (await client.post(STATEMENTS, json=gone, headers=a.basic())).status_code == 200
    report = (await client.get(f"/api/v1/partners/{a.org_id}/xapi/unmatched", headers=as_(a.person))).json()
    assert [s["statement_id"] for s in report] == [gone["id"]]
    revoked = await client.delete(f"/api/v1/partners/{a.org_id}/credentials/{a.key_id}", headers=as_(a.person))
    assert revoked.status_code == 204
    after = await client.get(STATEMENTS, params={"statementId": credited["id"]}, headers=a.basic())
    assert (after.status_code, after.headers["www-authenticate"]) == (401, 'Basic realm="Tangkas xAPI"')
    keys = (await client.get(f"/api/v1/partners/{a.org_id}/credentials", headers=as_(a.person))).json()
    assert keys[0]["revoked_at"] is not None and "secret" not in keys[0] and "secret_hmac" not in keys[0]
    await books_balance({asn: 40})


async def test_a_partner_never_credits_its_own_people_nor_any_partner(client, world, as_):
    p = world.pontianak
    org = await partner_org(client, world, as_, "Universitas Tanjungpura", [p.region_id])
    unit = (await Person.select(Person.unit).where(Person.id == p.admin).first())["unit"]
    # a lecturer who is also an ASN of an admitting region, attached to the organisation, with a key of their own
    dual = await add_person("Dosen ASN", unit, p.region_id, "partner;asn", email="dosen.asn@untan.test")
    assert (await client.put(f"/api/v1/partners/{org.org_id}/people/{dual}", headers=as_(world.superadmin))).is_success
    key = await client.post(f"/api/v1/partners/{org.org_id}/credentials", json={"label": "x"}, headers=as_(dual))
    token = base64.b64encode(f"{key.json()['key_id']}:{key.json()['secret']}".encode()).decode()
    own_key = {"Authorization": f"Basic {token}", "X-Experience-API-Version": "1.0.3"}
    himself = statement(by_nip(await nip_of(dual)), org.iri)
    assert (await client.post(STATEMENTS, json=himself, headers=own_key)).status_code == 200
    # a partner of no organisation (or another one) who is also an ASN there: not credited either
    other = await add_person("Mitra ASN", unit, p.region_id, "partner;asn", email="mitra.asn@lain.test")
    colleague = statement(by_nip(await nip_of(other)), org.iri, verb=PASSED)
    assert (await client.post(STATEMENTS, json=colleague, headers=org.basic())).status_code == 200
    assert await xp_and_jp(client, as_(dual)) == (0, 0.0)
    assert await xp_and_jp(client, as_(other)) == (0, 0.0)
    assert not await JpCredit.exists().where(JpCredit.person.is_in([dual, other]))
    report = (await client.get(f"/api/v1/partners/{org.org_id}/xapi/unmatched", headers=as_(org.person))).json()
    assert [(s["statement_id"], s["credit"]) for s in report] == [
        (colleague["id"], "own_people"),
        (himself["id"], "own_people"),
    ]
    # an ASN of the region is still credited by the same key
    asn = statement(by_nip(await nip_of(p.asn_child)), org.iri)
    assert (await client.post(STATEMENTS, json=asn, headers=own_key)).status_code == 200
    assert await xp_and_jp(client, as_(p.asn_child)) == (40, 2.0)


async def test_racing_sends_store_once_and_credit_once(client, world, as_):
    p = await partner_org(client, world, as_, "Universitas Sumatera", [world.pontianak.region_id])
    nip = await nip_of(world.pontianak.asn)
    await boards_ready()
    same = statement(by_nip(nip), p.iri)
    answers = await asyncio.gather(*[client.post(STATEMENTS, json=same, headers=p.basic()) for _ in range(4)])
    assert [a.status_code for a in answers] == [200] * 4
    assert await XapiStatement.count().where(XapiStatement.statement_id == same["id"]) == 1
    others = [statement(by_nip(nip), p.iri, verb=PASSED) for _ in range(4)]
    answers = await asyncio.gather(*[client.post(STATEMENTS, json=s, headers=p.basic()) for s in others])
    assert [a.status_code for a in answers] == [200] * 4
    credits = [r["credit"] for r in await XapiStatement.select(XapiStatement.credit)]
    assert sorted(credits) == ["credited"] + ["duplicate"] * 4
    assert await xp_and_jp(client, as_(world.pontianak.asn)) == (40, 2.0)
    assert await JpCredit.count().where(JpCredit.person == world.pontianak.asn) == 1
    await books_balance({world.pontianak.asn: 40})
