"""Office displays: admins and managers make and revoke them; a TV shows one with its token, no login."""

from __future__ import annotations

from importlib.resources import files
from typing import Annotated

import anyio
import msgspec
from litestar import Controller, Request, Response, delete, get, patch, post
from litestar.di import NamedDependency
from litestar.params import JSONBody, PathParameter
from litestar.response import ServerSentEvent, ServerSentEventMessage

from api.http.guards import display_maker_guard
from api.http.params import PathId
from api.http.rate_limit import client_address, rate_limited
from api.schemas.displays import DisplayChangeIn, DisplayIn
from domain.errors import DomainError
from domain.leaderboards import parse_period, parse_scope
from gamification.boards.display_feeds import Frame
from gamification.boards.displays import DisplayCreated, Displays, DisplayView, Screen, stream
from gamification.limits.stream_slots import StreamSlots
from gamification.storage.metrics import DISPLAY_STREAMS  # metrics

Token = Annotated[str, PathParameter(max_length=100)]
PAGE = files("api").joinpath("templates/display.html").read_text(encoding="utf-8")
PAGE_HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",  # the token is in the address
    "X-Robots-Tag": "noindex",
    "Content-Security-Policy": "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'",
}


class DisplayAdminController(Controller):
    path = "/api/v1/admin/displays"
    tags = ["admin"]
    guards = [display_maker_guard]

    @post("/")
    async def create(
        self, request: Request, data: JSONBody[DisplayIn], displays: NamedDependency[Displays]
    ) -> DisplayCreated:
        """A display of one board; the token in the answer is shown once. Open ``path`` on the TV."""
        scope, period = parse_scope(data.scope), parse_period(data.period)
        return await displays.create(request.user, scope, data.scope_id, data.name, period, data.show_ikm)

    @get("/")
    async def list(self, request: Request, displays: NamedDependency[Displays]) -> list[DisplayView]:
        """Displays of the admin's region, or those the manager made."""
        return await displays.list(request.user)

    @patch("/{display_id:int}")
    async def change(
        self, request: Request, display_id: PathId, data: JSONBody[DisplayChangeIn], displays: NamedDependency[Displays]
    ) -> DisplayView:
        """Shows or hides the line with this quarter's IKM of the board's scope (``show_ikm``)."""
        return await displays.set_show_ikm(request.user, display_id, data.show_ikm)

    @delete("/{display_id:int}", status_code=200)
    async def revoke(self, request: Request, display_id: PathId, displays: NamedDependency[Displays]) -> DisplayView:
        """Revokes the token: the page and its live stream stop at once."""
        return await displays.revoke(request.user, display_id)


class DisplayController(Controller):
    """Read with the display token alone: no login, names and units only."""

    path = "/api/v1/displays/{token:str}"
    tags = ["display"]
    guards = [rate_limited("display")]
    opt = {"problems": (404, 410)}  # no such token; a revoked one

    @get("/leaderboard")
    async def leaderboard(self, token: Token, displays: NamedDependency[Displays]) -> Screen:
        """What the screen shows now: the top 10 with level and badges, and the latest achievements."""
        return await displays.screen(await displays.shown(token))

    @get("/stream", opt={"problems": (404, 410, 429)})
    async def stream(
        self,
        request: Request,
        token: Token,
        displays: NamedDependency[Displays],
        stream_slots: NamedDependency[StreamSlots],
    ) -> ServerSentEvent:
        """Server-sent events: ``screen`` whenever the board changes, ``revoked`` when the token is revoked.
        Streams held open at once are capped per token and per address (429 ``display_streams_exhausted``:
        the page polls instead)."""
        display = await displays.shown(token)
        slot = await stream_slots.take(display.id, client_address(request))

        async def messages():
            DISPLAY_STREAMS.inc()  # metrics
            try:
                async for frame in stream(displays, display):
                    kind = frame[0]
                    if kind == "ping":
                        await stream_slots.renew(slot)
                        yield ServerSentEventMessage(comment="ping")
                    else:  # the same frame for every stream of the board: encoded by the first
                        yield _Encoded(frame.encoded(_event))
            finally:
                DISPLAY_STREAMS.dec()  # metrics
                with anyio.CancelScope(shield=True):  # a closed connection cancels the stream: still give back
                    await stream_slots.give_back(slot)

        return ServerSentEvent(messages(), headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})


def _event(frame: Frame) -> bytes:
    kind, screen = frame
    return ServerSentEventMessage(event=kind, data=msgspec.json.encode(screen).decode()).encode()


class _Encoded(ServerSentEventMessage):
    """An event encoded once and sent as it is to every stream that shows it."""

    def __init__(self, encoded: bytes) -> None:
        self.encoded = encoded

    def encode(self) -> bytes:
        return self.encoded


class DisplayPageController(Controller):
    path = "/display/{token:str}"
    include_in_schema = False
    guards = [rate_limited("display")]

    @get("/", media_type="text/html")
    async def page(self, token: Token, displays: NamedDependency[Displays]) -> Response[str]:
        """The TV page; it loads the board and follows the stream (polling when streaming fails)."""
        try:
            await displays.shown(token)
            status = 200
        except DomainError as error:
            status = 410 if error.code == "display_revoked" else 404
        return Response(PAGE, status_code=status, media_type="text/html", headers=PAGE_HEADERS)
