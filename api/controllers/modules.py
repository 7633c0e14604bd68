"""The learner's catalogue, module content (with an ETag) and quiz attempts."""

from __future__ import annotations

from typing import Annotated

import msgspec
from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency
from litestar.openapi import ResponseSpec
from litestar.params import FromPath, HeaderParameter, JSONBody, QueryParameter
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED, HTTP_304_NOT_MODIFIED

from api.http.guards import READS_CALLER_ITSELF
from api.http.paging import ListResponse, list_response, page_request
from api.http.params import Cursor, Limit, PathId
from api.http.rate_limit import rate_limited
from api.schemas.modules import AttemptIn
from gamification.learning.attempts import AttemptInput, AttemptResult, AttemptService
from gamification.learning.catalogue import Catalogue, CatalogueFilter, ModuleCard
from gamification.learning.module_store import ModuleDetail

Filter = Annotated[str | None, QueryParameter(max_length=100)]
IfNoneMatch = Annotated[str | None, HeaderParameter(name="If-None-Match", max_length=2000)]


class ModuleController(Controller):
    path = "/api/v1/modules"
    tags = ["learning"]

    @get("/")
    async def list(
        self,
        request: Request,
        catalogue: NamedDependency[Catalogue],
        topic: Filter = None,
        competency_type: Filter = None,
        q: Annotated[str | None, QueryParameter(max_length=100, description="Part of the title or summary")] = None,
        progress: Annotated[
            str | None, QueryParameter(max_length=20, description="not_started, in_progress or completed")
        ] = None,
        cursor: Cursor = None,
        limit: Limit = 20,
    ) -> ListResponse[ModuleCard]:
        """Published modules of the caller's region and national ones, newest first, with the caller's progress."""
        wanted = CatalogueFilter(topic=topic, competency_type=competency_type, text=q, progress=progress)
        return list_response(await catalogue.list(request.user, page_request(cursor, limit), wanted))

    @get("/{module_id:int}", responses={304: ResponseSpec(None, description="Not modified: the ETag sent is current")})
    async def read(
        self,
        request: Request,
        module_id: FromPath[PathId],
        catalogue: NamedDependency[Catalogue],
        if_none_match: IfNoneMatch = None,
    ) -> Response[ModuleDetail]:
        """Lessons and questions without the answers. Send the ETag back in ``If-None-Match`` for a 304."""
        wanted = _etags(if_none_match)
        detail, digest = await catalogue.read(request.user, module_id, {tag.strip('"') for tag in wanted})
        headers = {"ETag": f'"{digest}"', "Cache-Control": "private, no-cache"}
        if detail is None:
            return Response(content=None, status_code=HTTP_304_NOT_MODIFIED, headers=headers)
        return Response(content=detail, headers=headers)

    @post(
        "/{module_id:int}/attempts",
        status_code=HTTP_201_CREATED,
        guards=[rate_limited("attempt")],
        opt={"audit": False, READS_CALLER_ITSELF: True},
    )
    async def attempt(
        self,
        request: Request,
        module_id: FromPath[PathId],
        data: JSONBody[AttemptIn],
        attempt_service: NamedDependency[AttemptService],
    ) -> Response[AttemptResult]:
        """Grade an attempt. 201 for a new one; a replay of the same ``client_id`` answers 200 with the first result.

        Each question says whether it was answered right; its right options (``correct_option_ids``) are given only
        once the caller has passed the module, by this attempt or an earlier one, and are null before.
        """
        result = await attempt_service.submit(request.user, module_id, AttemptInput(**msgspec.structs.asdict(data)))
        return Response(content=result, status_code=HTTP_200_OK if result.replayed else HTTP_201_CREATED)


def _etags(header: str | None) -> set[str]:
    if not header:
        return set()
    return {tag.strip().removeprefix("W/") for tag in header.split(",")}
