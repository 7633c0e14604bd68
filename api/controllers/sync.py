"""Offline sync: a batch of attempts made without a connection, each answered on its own."""

from __future__ import annotations

import msgspec
from litestar import Controller, Request, post
from litestar.di import NamedDependency
from litestar.params import JSONBody
from litestar.status_codes import HTTP_200_OK

from api.http.errors import status_of
from api.http.messages import message, preferred_language
from api.http.rate_limit import rate_limited
from api.schemas.modules import ItemProblem, SyncIn, SyncItemOut, SyncOut
from gamification.learning.attempts import AttemptInput, AttemptService


class SyncController(Controller):
    path = "/api/v1/sync"
    tags = ["learning"]

    @post("/", status_code=HTTP_200_OK, guards=[rate_limited("sync")], opt={"audit": False})
    async def sync(
        self, request: Request, data: JSONBody[SyncIn], attempt_service: NamedDependency[AttemptService]
    ) -> SyncOut:
        """Up to 50 attempts; each gets 201, 200 (a replay) or a 4xx problem. Resending the batch is safe.

        As for a single attempt, the right options of each question are given only once the module is passed.
        """
        items = [
            (
                item.module_id,
                AttemptInput(**{k: v for k, v in msgspec.structs.asdict(item).items() if k != "module_id"}),
            )
            for item in data.attempts
        ]
        language = preferred_language(request.headers.get("accept-language"))
        results = []
        for outcome in await attempt_service.sync(request.user, items):
            if outcome.error is not None:
                error = outcome.error
                problem = ItemProblem(error.code, message(error.code, language, error.params))
                results.append(SyncItemOut(outcome.client_id, outcome.module_id, status_of(error), problem=problem))
            else:
                status = HTTP_200_OK if outcome.result.replayed else 201
                results.append(SyncItemOut(outcome.client_id, outcome.module_id, status, result=outcome.result))
        return SyncOut(results)
