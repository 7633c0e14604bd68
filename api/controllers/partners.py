"""Partner organisations: their records, admissions by regions, people, machine keys, xAPI activities
and the report of statements whose actor is unknown."""

from __future__ import annotations

from typing import Annotated

import msgspec
from litestar import Controller, Request, delete, get, patch, post, put
from litestar.di import NamedDependency
from litestar.params import JSONBody, PathParameter

from api.http.guards import admin_guard
from api.http.params import PathId
from api.schemas.partners import ActivityEditIn, ActivityIn, CredentialIn, PartnerOrgEditIn, PartnerOrgIn
from gamification.partners.credentials import Credential, NewCredential, PartnerCredentials
from gamification.partners.organisations import OrgAdmission, OrgView, PartnerOrganisations, PartnerPage
from gamification.xapi.activities import Activity, XapiActivities
from gamification.xapi.reports import UnmatchedStatement, XapiReports

KeyId = Annotated[str, PathParameter(max_length=40)]
Orgs = NamedDependency[PartnerOrganisations]


class PartnerController(Controller):
    path = "/api/v1/partners"
    tags = ["partners"]

    @post("/")
    async def create(self, request: Request, data: JSONBody[PartnerOrgIn], partner_organisations: Orgs) -> OrgView:
        """A superadmin's organisation, or a region admin's (admitted to their region at once). ``kind``: university,
        government_training, training_body, vendor or other."""
        return await partner_organisations.create(request.user, **msgspec.structs.asdict(data))

    @get("/")
    async def list(self, request: Request, partner_organisations: Orgs) -> list[OrgView]:
        """Every organisation, for admins choosing one to admit."""
        return await partner_organisations.list(request.user)

    @get("/{org_id:int}")
    async def page(self, request: Request, org_id: PathId, partner_organisations: Orgs) -> PartnerPage:
        """The organisation's page: its regions, people, modules and xAPI activities (its own people, the admins
        of the regions that admitted it, superadmins)."""
        return await partner_organisations.page(request.user, org_id)

    @patch("/{org_id:int}")
    async def update(
        self, request: Request, org_id: PathId, data: JSONBody[PartnerOrgEditIn], partner_organisations: Orgs
    ) -> OrgView:
        """A superadmin updates (or deactivates: its keys then fail) an organisation."""
        fields = msgspec.structs.asdict(data)
        return await partner_organisations.update(request.user, org_id, fields.pop("active"), **fields)

    @put("/{org_id:int}/people/{person_id:int}")
    async def attach(
        self, request: Request, org_id: PathId, person_id: PathId, partner_organisations: Orgs
    ) -> PartnerPage:
        """Make a partner account one of the organisation's people."""
        return await partner_organisations.attach(request.user, org_id, person_id)

    @delete("/{org_id:int}/people/{person_id:int}")
    async def detach(self, request: Request, org_id: PathId, person_id: PathId, partner_organisations: Orgs) -> None:
        await partner_organisations.attach(request.user, org_id, person_id, attached=False)

    @post("/{org_id:int}/credentials")
    async def create_credential(
        self,
        request: Request,
        org_id: PathId,
        data: JSONBody[CredentialIn],
        partner_credentials: NamedDependency[PartnerCredentials],
    ) -> NewCredential:
        """A machine key for /xapi (HTTP Basic: key_id as the user, secret as the password). The secret is in
        this answer only."""
        return await partner_credentials.create(request.user, org_id, data.label)

    @get("/{org_id:int}/credentials")
    async def list_credentials(
        self, request: Request, org_id: PathId, partner_credentials: NamedDependency[PartnerCredentials]
    ) -> list[Credential]:
        return await partner_credentials.list(request.user, org_id)

    @delete("/{org_id:int}/credentials/{key_id:str}")
    async def revoke_credential(
        self, request: Request, org_id: PathId, key_id: KeyId, partner_credentials: NamedDependency[PartnerCredentials]
    ) -> None:
        await partner_credentials.revoke(request.user, org_id, key_id)

    @post("/{org_id:int}/xapi/activities")
    async def register_activity(
        self,
        request: Request,
        org_id: PathId,
        data: JSONBody[ActivityIn],
        xapi_activities: NamedDependency[XapiActivities],
    ) -> Activity:
        """An activity IRI whose ``completed``/``passed`` statements credit JP and XP in the admitting regions."""
        return await xapi_activities.register(request.user, org_id, **msgspec.structs.asdict(data))

    @get("/{org_id:int}/xapi/activities")
    async def list_activities(
        self, request: Request, org_id: PathId, xapi_activities: NamedDependency[XapiActivities]
    ) -> list[Activity]:
        return await xapi_activities.list(request.user, org_id)

    @patch("/{org_id:int}/xapi/activities/{activity_id:int}")
    async def update_activity(
        self,
        request: Request,
        org_id: PathId,
        activity_id: PathId,
        data: JSONBody[ActivityEditIn],
        xapi_activities: NamedDependency[XapiActivities],
    ) -> Activity:
        return await xapi_activities.update(request.user, org_id, activity_id, **msgspec.structs.asdict(data))

    @delete("/{org_id:int}/xapi/activities/{activity_id:int}")
    async def retire_activity(
        self, request: Request, org_id: PathId, activity_id: PathId, xapi_activities: NamedDependency[XapiActivities]
    ) -> None:
        """Retire: later completions credit nothing; earlier credits stand."""
        await xapi_activities.retire(request.user, org_id, activity_id)

    @get("/{org_id:int}/xapi/unmatched")
    async def unmatched(
        self, request: Request, org_id: PathId, xapi_reports: NamedDependency[XapiReports]
    ) -> list[UnmatchedStatement]:
        """Statements kept with an actor Tangkas could not map to a person (never credited), newest first."""
        return await xapi_reports.unmatched(request.user, org_id)


class PartnerOrgAdmissionController(Controller):
    path = "/api/v1/admin/regions/{region_id:int}/partner-orgs"
    tags = ["admin"]
    guards = [admin_guard]

    @get("/")
    async def list(self, request: Request, region_id: PathId, partner_organisations: Orgs) -> list[OrgAdmission]:
        return await partner_organisations.admissions(request.user, region_id)

    @put("/{org_id:int}")
    async def admit(
        self, request: Request, region_id: PathId, org_id: PathId, partner_organisations: Orgs
    ) -> OrgAdmission:
        """Admit an organisation (and so its people) to this region (idempotent)."""
        return await partner_organisations.admit(request.user, region_id, org_id)

    @delete("/{org_id:int}")
    async def withdraw(self, request: Request, region_id: PathId, org_id: PathId, partner_organisations: Orgs) -> None:
        await partner_organisations.withdraw(request.user, region_id, org_id)
