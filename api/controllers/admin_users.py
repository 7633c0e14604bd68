"""People of a region: kept by its admins, one by one or from a CSV file."""

from __future__ import annotations

from typing import Annotated

import msgspec
from litestar import Controller, Request, Response, get, patch, post
from litestar.datastructures import UploadFile
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody, MultipartBody, QueryParameter
from litestar.status_codes import HTTP_200_OK

from api.http.errors import ApiError
from api.http.guards import admin_guard
from api.http.messages import message, preferred_language
from api.http.paging import ListResponse, list_response, page_request
from api.http.params import Cursor, Limit, OptionalId, PathId
from api.schemas.people import ImportResponse, ImportRowError, UserCreate, UserUpdate
from gamification.organization.people import PeopleService, PersonView
from gamification.organization.personal_data import PersonalData
from gamification.organization.user_export import users_csv
from gamification.organization.user_import import UserImport

Text = Annotated[str | None, QueryParameter(max_length=100, description="Part of a name, email or NIP")]
IMPORT_MAX_BYTES = 5_000_000


class UserController(Controller):
    path = "/api/v1/admin/users"
    tags = ["admin"]
    guards = [admin_guard]

    @post("/")
    async def create(
        self, request: Request, data: JSONBody[UserCreate], people_service: NamedDependency[PeopleService]
    ) -> PersonView:
        """Create a person in a unit of the caller's region."""
        return await people_service.create(request.user, **msgspec.structs.asdict(data))

    @get("/")
    async def list(
        self,
        request: Request,
        people_service: NamedDependency[PeopleService],
        unit_id: OptionalId = None,
        region_id: OptionalId = None,
        q: Text = None,
        cursor: Cursor = None,
        limit: Limit = 20,
    ) -> ListResponse[PersonView]:
        """People of the caller's region, filtered by unit, region and text."""
        page = page_request(cursor, limit)
        return list_response(
            await people_service.list(request.user, page, unit_id=unit_id, region_id=region_id, text=q)
        )

    @get("/export.csv", media_type="text/csv", opt={"audit": True})
    async def export_csv(self, request: Request, region_id: OptionalId = None) -> Response[str]:
        """Active people of the region as CSV in the import's own columns (name, nip, email, staff_type,
        unit, roles): the file imports back as it is, into this region or a new one with the same units."""
        body = await users_csv(request.user, region_id)
        headers = {"Content-Disposition": 'attachment; filename="pegawai-tangkas.csv"', "Cache-Control": "no-store"}
        return Response("\ufeff" + body, media_type="text/csv; charset=utf-8", headers=headers)

    @get("/{user_id:int}")
    async def read(
        self, request: Request, user_id: FromPath[PathId], people_service: NamedDependency[PeopleService]
    ) -> PersonView:
        return await people_service.get(request.user, user_id)

    @patch("/{user_id:int}")
    async def update(
        self,
        request: Request,
        user_id: FromPath[PathId],
        data: JSONBody[UserUpdate],
        people_service: NamedDependency[PeopleService],
    ) -> PersonView:
        """Change the fields sent; deactivating ends the person's sessions."""
        return await people_service.update(request.user, user_id, data.changes())

    @post("/{user_id:int}/deactivate", status_code=HTTP_200_OK)
    async def deactivate(
        self, request: Request, user_id: FromPath[PathId], people_service: NamedDependency[PeopleService]
    ) -> PersonView:
        """Deactivate a person: they can no longer sign in; their history stays."""
        return await people_service.deactivate(request.user, user_id)

    @post("/{user_id:int}/anonymise", status_code=HTTP_200_OK)
    async def anonymise(
        self, request: Request, user_id: FromPath[PathId], personal_data: NamedDependency[PersonalData]
    ) -> PersonView:
        """Erase a departed (deactivated) person's name, NIP, email and sign-in; their points and history stay."""
        return await personal_data.anonymise(request.user, user_id)

    @post("/import", status_code=HTTP_200_OK, request_max_body_size=IMPORT_MAX_BYTES)
    async def import_csv(
        self,
        request: Request,
        user_import: NamedDependency[UserImport],
        data: MultipartBody[dict[str, UploadFile]],
    ) -> ImportResponse:
        """Import people from a CSV file (columns name, nip, unit[, email, staff_type, roles, password]).

        ``unit`` is a unit's number or its name (unique in the region); ``roles`` are separated by ``|``,
        ``,`` or ``;``. Bad rows are reported with their line number and reason; good rows are imported.
        """
        upload = data.get("file")
        if not isinstance(upload, UploadFile):
            raise ApiError(400, "csv_file_required")
        report = await user_import.run(request.user, await upload.read())
        language = preferred_language(request.headers.get("accept-language"))
        errors = [ImportRowError(e.line, e.code, message(e.code, language, e.params)) for e in report.errors]
        return ImportResponse(report.imported, len(errors), report.created_ids, errors)
