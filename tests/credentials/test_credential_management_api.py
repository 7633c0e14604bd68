"""A holder's list of their credentials (never anyone else's), and a credential revoked by the admin of the region
that issued it: with a reason the holder is told, never one's own, another region's not found, revoked once (asked
again, answered as it stands), then reported revoked by Tangkas and by the published status list read with joserfc."""

from __future__ import annotations

from gamification.credentials.revocation import revoke_award_credentials
from gamification.storage.database import unit_of_work
from gamification.storage.tables import Badge, IssuedCredential, Notification, Person, PersonBadge
from tests.credentials.test_open_badges_api import VERIFY, earned_badges, issue, revoked_bit

MINE = "/api/v1/me/credentials"
REASON = "Lencana diberikan karena kesalahan data modul"


def revoke_path(credential_id: int) -> str:
    return f"/api/v1/admin/credentials/{credential_id}/revoke"


def held_by_path(person_id: int) -> str:
    return f"/api/v1/admin/users/{person_id}/credentials"


def problem(answer) -> tuple[int, str]:
    return answer.status_code, answer.json().get("code")


def path_of(url: str) -> str:
    return "/" + url.split("/", 3)[3]


async def badge_credential_of(client, as_, person_id: int) -> dict:
    """A credential of a badge of the demo catalogue (present already) awarded to the person directly."""
    badge = await Badge.select(Badge.id).first()
    award = await PersonBadge.insert(
        PersonBadge(person=person_id, badge=badge["id"], period_key="", reason={})
    ).returning(PersonBadge.id)
    answer = await issue(client, as_(person_id), award[0]["id"])
    assert answer.status_code == 201, answer.text
    return answer.json()


async def test_the_holder_lists_their_own_credentials_newest_first_in_pages(client, world, as_):
    learner = as_(world.pontianak.asn)
    first, second = (await earned_badges(client, world, as_))[:2]
    older = (await issue(client, learner, first["id"])).json()
    newer = (await issue(client, learner, second["id"])).json()
    transcript = await client.post("/api/v1/me/jp-transcript/credential", headers=learner)
    assert transcript.status_code == 201, transcript.text
    someone_elses = await badge_credential_of(client, as_, world.pontianak.asn_child)

    page = await client.get(MINE, params={"limit": 2}, headers=learner)
    assert page.status_code == 200, page.text
    items = page.json()["items"]
    assert [item["id"] for item in items] == [transcript.json()["id"], newer["id"]]
    assert [item["kind"] for item in items] == ["transcript", "badge"]
    assert items[0]["title"].startswith("Transkrip JP ")
    assert items[1]["title"] == second["name"] and items[1]["kid"] == newer["kid"]
    assert (items[1]["revoked"], items[1]["revoked_at"], items[1]["revoked_reason"], items[1]["shared"]) == (
        False,
        None,
        None,
        False,
    )
    rest = await client.get(MINE, params={"limit": 2, "cursor": page.json()["next_cursor"]}, headers=learner)
    assert [item["id"] for item in rest.json()["items"]] == [older["id"]] and rest.json()["next_cursor"] is None
    assert problem(await client.get(MINE, params={"cursor": "bukan-kursor"}, headers=learner)) == (
        400,
        "cursor_invalid",
    )

    # shared and revoked, as the holder reads them; the link's token is never answered again
    link = (await client.post(f"{MINE}/{older['id']}/share", headers=learner)).json()
    async with unit_of_work():
        assert await revoke_award_credentials(second["id"]) == 1
    listed = {item["id"]: item for item in (await client.get(MINE, headers=learner)).json()["items"]}
    token = link["url"].rsplit("/", 1)[1]
    assert listed[older["id"]]["shared"] is True and listed[older["id"]]["revoked"] is False
    assert listed[newer["id"]]["revoked"] is True and listed[newer["id"]]["revoked_at"]
    assert listed[newer["id"]]["revoked_reason"] == "Pemberian lencana ini dibatalkan."
    assert token not in (await client.get(MINE, headers=learner)).text

    # another person's credentials never appear, nor theirs in another's list
    assert someone_elses["id"] not in listed
    theirs = (await client.get(MINE, headers=as_(world.pontianak.asn_child))).json()["items"]
    assert [item["id"] for item in theirs] == [someone_elses["id"]]
    assert (await client.get(MINE, headers=as_(world.pontianak.admin))).json()["items"] == []


async def test_the_issuing_regions_admin_revokes_a_credential_with_a_reason_the_holder_is_told(client, world, as_):
    p = world.pontianak
    learner, admin = as_(p.asn), as_(p.admin)
    award = (await earned_badges(client, world, as_))[0]
    issued = (await issue(client, learner, award["id"])).json()
    status = issued["credential"]["credentialStatus"]
    list_path = path_of(status["statusListCredential"])
    key_set = (await client.get("/.well-known/jwks.json")).json()
    assert revoked_bit((await client.get(list_path)).text, int(status["statusListIndex"]), key_set) is False
    link = (await client.post(f"{MINE}/{issued['id']}/share", headers=learner)).json()
    assert (await client.get(path_of(link["url"]))).status_code == 200

    revoke = revoke_path(issued["id"])
    body = {"reason": REASON}
    assert problem(await client.post(revoke, json=body, headers=as_(world.palu.admin))) == (404, "credential_not_found")
    assert problem(await client.post(revoke_path(issued["id"] + 99), json=body, headers=admin)) == (
        404,
        "credential_not_found",
    )
    for not_an_admin in (p.asn, p.manager):  # the holder included
        assert problem(await client.post(revoke, json=body, headers=as_(not_an_admin))) == (403, "admin_required")
    for no_reason in ({}, {"reason": "  "}):
        answer = await client.post(revoke, json=no_reason, headers=admin)
        assert problem(answer) == (422, "credential_revoke_reason_required")
        assert answer.json()["detail"] == "Jelaskan mengapa kredensial ini dicabut; pemegangnya akan diberi tahu."
    assert problem(await client.post(revoke, json={"reason": "x" * 1001}, headers=admin)) == (400, "validation_failed")
    assert await IssuedCredential.count().where(IssuedCredential.revoked_at.is_not_null()) == 0

    answer = await client.post(revoke, json={"reason": f"  {REASON} "}, headers=admin)
    assert answer.status_code == 200, answer.text
    revoked = answer.json()
    assert (revoked["id"], revoked["revoked"], revoked["revoked_reason"], revoked["shared"]) == (
        issued["id"],
        True,
        REASON,
        False,
    )
    assert revoked["person_id"] == p.asn and revoked["region_id"] == p.region_id

    # every verifier now says revoked: Tangkas, and the published list read independently; the link is gone
    verdict = (await client.post(VERIFY, json={"credential": issued["jwt"]})).json()
    assert (verdict["valid"], verdict["status"]) == (False, "revoked")
    assert revoked_bit((await client.get(list_path)).text, int(status["statusListIndex"]), key_set) is True
    assert problem(await client.get(path_of(link["url"]))) == (404, "credential_not_found")
    assert problem(await client.post(f"{MINE}/{issued['id']}/share", headers=learner)) == (409, "credential_revoked")
    # nor is it issued again for the same award, even under a new key: that would undo the admin's decision
    rotate = f"/api/v1/admin/regions/{p.region_id}/issuer-key/rotate"
    assert (await client.post(rotate, headers=admin)).status_code == 200
    assert problem(await issue(client, learner, award["id"])) == (409, "credential_revoked_by_admin")
    mine = (await client.get(MINE, headers=learner)).json()["items"][0]
    assert (mine["revoked"], mine["revoked_reason"]) == (True, REASON)

    # the holder is told once, in Indonesian; asked again, the same state and no second notice
    again = await client.post(revoke, json={"reason": "Alasan lain"}, headers=as_(world.superadmin))
    assert again.status_code == 200 and again.json() == revoked
    notices = await Notification.select().where(Notification.person == p.asn, Notification.kind == "credential_revoked")
    assert len(notices) == 1
    assert notices[0]["title"] == f"Kredensial “{award['name']}” dicabut" and notices[0]["body"] == REASON

    # audited like every admin change, in the issuing region's log
    audit = (await client.get("/api/v1/admin/audit", headers=admin)).json()["items"]
    actions = [(e["action"], e["actor_id"], e["target"]) for e in audit if "credentials" in e["action"]]
    assert ("POST /api/v1/admin/credentials/{credential_id}/revoke", p.admin, {"credential_id": issued["id"]}) in (
        actions
    )


async def test_a_superadmin_revokes_any_regions_credential(client, world, as_):
    award = (await earned_badges(client, world, as_))[0]
    issued = (await issue(client, as_(world.pontianak.asn), award["id"])).json()
    answer = await client.post(revoke_path(issued["id"]), json={"reason": REASON}, headers=as_(world.superadmin))
    assert answer.status_code == 200 and answer.json()["revoked"] is True
    verdict = (await client.post(VERIFY, json={"credential": issued["jwt"]})).json()
    assert verdict["status"] == "revoked"


async def test_an_admin_never_revokes_their_own_credential(client, world, as_):
    await earned_badges(client, world, as_)
    own = await badge_credential_of(client, as_, world.pontianak.admin)
    refused = await client.post(revoke_path(own["id"]), json={"reason": REASON}, headers=as_(world.pontianak.admin))
    assert problem(refused) == (403, "self_decision")
    assert (await client.post(VERIFY, json={"credential": own["jwt"]})).json()["status"] == "valid"
    assert await Notification.count().where(Notification.kind == "credential_revoked") == 0


async def test_the_admin_finds_the_credentials_their_region_issued_to_a_person(client, world, as_):
    p, palu = world.pontianak, world.palu
    award = (await earned_badges(client, world, as_))[0]
    issued = (await issue(client, as_(p.asn), award["id"])).json()

    for admin in (p.admin, world.superadmin):
        answer = await client.get(held_by_path(p.asn), headers=as_(admin))
        assert answer.status_code == 200, answer.text
        assert [(item["id"], item["kind"], item["title"]) for item in answer.json()["items"]] == [
            (issued["id"], "badge", award["name"])
        ]
    assert problem(await client.get(held_by_path(p.asn), headers=as_(palu.admin))) == (404, "user_not_found")
    assert problem(await client.get(held_by_path(p.asn), headers=as_(p.asn_child))) == (403, "admin_required")
    assert problem(await client.get(held_by_path(10**6), headers=as_(p.admin))) == (404, "user_not_found")

    # moved to Palu: Pontianak's admin still finds what Pontianak issued, Palu's admin none of it
    await Person.update({Person.region: palu.region_id, Person.unit: None}).where(Person.id == p.asn)
    assert [i["id"] for i in (await client.get(held_by_path(p.asn), headers=as_(p.admin))).json()["items"]] == [
        issued["id"]
    ]
    assert (await client.get(held_by_path(p.asn), headers=as_(palu.admin))).json()["items"] == []
    assert problem(await client.get(held_by_path(p.asn_child), headers=as_(palu.admin))) == (404, "user_not_found")


async def test_anonymising_the_holder_erases_the_admins_reason(client, world, as_):
    p = world.pontianak
    award = (await earned_badges(client, world, as_))[0]
    issued = (await issue(client, as_(p.asn), award["id"])).json()
    reason = {"reason": f"Diterbitkan untuk {p.asn} karena kekeliruan"}  # an admin's words may name the person
    assert (await client.post(revoke_path(issued["id"]), json=reason, headers=as_(p.admin))).status_code == 200
    users = "/api/v1/admin/users"
    assert (await client.post(f"{users}/{p.asn}/deactivate", headers=as_(p.admin))).status_code == 200
    assert (await client.post(f"{users}/{p.asn}/anonymise", headers=as_(p.admin))).status_code == 200
    row = await IssuedCredential.select().where(IssuedCredential.id == issued["id"]).first()
    assert (row["revoked_note"], row["jwt"], row["revoked_reason"]) == (None, "", "admin_revoked")
    listed = (await client.get(held_by_path(p.asn), headers=as_(p.admin))).json()["items"]
    assert (listed[0]["title"], listed[0]["revoked_reason"]) == (None, "Dicabut oleh admin wilayah penerbit.")
