"""A partner organisation set up through the API as its people would: admitted, a key, an activity."""

from __future__ import annotations

import base64
import uuid
from dataclasses import dataclass

from gamification.storage.tables import Person
from tests.factories import add_person

HOME_PAGE = "https://tangkas.go.id"
COMPLETED = "http://adlnet.gov/expapi/verbs/completed"
PASSED = "http://adlnet.gov/expapi/verbs/passed"
VOIDED = "http://adlnet.gov/expapi/verbs/voided"
EXPERIENCED = "http://adlnet.gov/expapi/verbs/experienced"


@dataclass
class Partner:
    org_id: int
    person: int
    key_id: str
    secret: str
    activity_id: int
    iri: str

    def basic(self, secret: str | None = None, version: str | None = "1.0.3") -> dict[str, str]:
        token = base64.b64encode(f"{self.key_id}:{secret or self.secret}".encode()).decode()
        return {"Authorization": f"Basic {token}"} | ({"X-Experience-API-Version": version} if version else {})


async def partner_org(client, world, as_, name: str, regions: list[int], jp: float = 2, xp: int = 40) -> Partner:
    sup = as_(world.superadmin)
    created = await client.post("/api/v1/partners", json={"name": name, "kind": "university"}, headers=sup)
    assert created.status_code == 201, created.text
    org_id = created.json()["id"]
    for region in regions:
        admin = world.pontianak.admin if region == world.pontianak.region_id else world.palu.admin
        admitted = await client.put(f"/api/v1/admin/regions/{region}/partner-orgs/{org_id}", headers=as_(admin))
        assert admitted.status_code == 200, admitted.text
    slug = name.lower().replace(" ", "-")
    person = await add_person(f"Dosen {name}", None, None, "partner", email=f"lpm@{slug}.test")
    attached = await client.put(f"/api/v1/partners/{org_id}/people/{person}", headers=sup)
    assert attached.status_code == 200, attached.text
    key = await client.post(f"/api/v1/partners/{org_id}/credentials", json={"label": "LMS"}, headers=as_(person))
    assert key.status_code == 201, key.text
    iri = f"https://lms.{slug}.ac.id/course/keamanan-siber"
    activity = await client.post(
        f"/api/v1/partners/{org_id}/xapi/activities",
        json={"iri": iri, "title": "Keamanan Siber Dasar", "competency_type": "teknis", "jp": jp, "xp": xp},
        headers=as_(person),
    )
    assert activity.status_code == 201, activity.text
    return Partner(org_id, person, key.json()["key_id"], key.json()["secret"], activity.json()["id"], iri)


async def nip_of(person_id: int) -> str:
    return (await Person.select(Person.nip).where(Person.id == person_id).first())["nip"]


def statement(actor: dict, object_id: str, verb: str = COMPLETED, **extra) -> dict:
    return {
        "id": str(uuid.uuid4()),
        "actor": {"objectType": "Agent", **actor},
        "verb": {"id": verb, "display": {"en-US": verb.rsplit("/", 1)[-1]}},
        "object": {"objectType": "Activity", "id": object_id},
        **extra,
    }


def by_nip(nip: str, home_page: str = HOME_PAGE) -> dict:
    return {"account": {"homePage": home_page, "name": nip}}


def voiding(target_id: str) -> dict:
    return statement(by_nip("lms"), target_id, verb=VOIDED) | {
        "object": {"objectType": "StatementRef", "id": target_id}
    }
