"""Writes the audit log for every successful change made by someone with an admin, manager, partner
or superadmin role (gamification/organization/audit.py).

A handler opts out with ``opt={"audit": False}`` when the route is self-service (one's own attempt
or redemption, whoever makes it), and opts in with ``opt={"audit": True}`` when a read hands out
personal data in bulk (an export). The row is written before the response's last byte is sent:
an admin who saw "done" can find it in the log. A refused request changes nothing and is not logged.
"""

from __future__ import annotations

import logging

import msgspec
from litestar.enums import ScopeType
from litestar.middleware import ASGIMiddleware
from litestar.types import ASGIApp, Message, Receive, Scope, Send

from api.http.rate_limit import client_address_of_scope
from domain.access import Actor
from domain.roles import Role
from gamification.organization import audit

log = logging.getLogger("tangkas.audit")

CHANGES = frozenset({"POST", "PUT", "PATCH", "DELETE"})
ACCOUNTABLE = frozenset({Role.ADMIN, Role.SUPERADMIN, Role.MANAGER, Role.PARTNER})


def audited(scope: Scope) -> bool:
    actor = scope.get("user")
    if not isinstance(actor, Actor) or not actor.roles & ACCOUNTABLE:
        return False
    choice = scope["route_handler"].opt.get("audit")
    return choice if choice is not None else scope["method"] in CHANGES


class AuditMiddleware(ASGIMiddleware):
    scopes = (ScopeType.HTTP,)

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        if not audited(scope):
            await next_app(scope, receive, send)
            return
        status, json_body, held = 0, False, []

        async def send_audited(message: Message) -> None:
            nonlocal status, json_body
            if message["type"] == "http.response.start":
                status = message["status"]
                json_body = any(k == b"content-type" and b"json" in v for k, v in message.get("headers", []))
            elif message["type"] == "http.response.body" and 200 <= status < 300:
                # Held to the last chunk: the log names what was created or changed (and in which region).
                held.append(message.get("body", b""))
                if message.get("more_body", False):
                    return
                body = b"".join(held)
                await _record(scope, status, body if json_body else b"")
                message = {**message, "body": body}
            await send(message)

        await next_app(scope, receive, send_audited)


async def _record(scope: Scope, status: int, body: bytes) -> None:
    actor: Actor = scope["user"]
    params = {name: value for name, value in scope["path_params"].items() if isinstance(value, int)}
    answer = _decoded(body)
    target = dict(params)
    if status == 201 and isinstance(answer.get("id"), int):
        target["id"] = answer["id"]
    # The region the change was made in: named in the path, else in the answer (a superadmin's
    # changes then show in that region's log), else the actor's own.
    region_id = params.get("region_id", answer.get("region_id") if isinstance(answer.get("region_id"), int) else None)
    region_id = region_id if region_id is not None else actor.region_id
    action = f"{scope['method']} {_template(scope)}"
    try:
        await audit.record(actor, region_id, action, target, status, client_address_of_scope(scope))
    except Exception:  # the change is already made; a lost log row must be loud, not a failed request
        log.exception("audit row not written: %s by person %s", action, actor.person_id)


def _decoded(body: bytes) -> dict:
    try:
        answer = msgspec.json.decode(body) if body else None
    except msgspec.DecodeError:
        return {}
    return answer if isinstance(answer, dict) else {}


def _template(scope: Scope) -> str:
    """``/api/v1/admin/users/{user_id:int}/deactivate`` → ``/api/v1/admin/users/{user_id}/deactivate``."""
    template = scope.get("path_template") or scope["path"]
    parts = []
    for part in template.split("/"):
        if part.startswith("{") and ":" in part:
            part = part.split(":")[0] + "}"
        parts.append(part)
    return "/".join(parts).rstrip("/") or "/"
