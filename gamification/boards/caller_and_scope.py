"""A board request's first read: the caller (refused as on any route), the board's scope and the label
epoch, in one statement. A scope left out is the caller's own unit, agency or region."""

from __future__ import annotations

from domain.access import Actor
from domain.errors import NotFound
from domain.leaderboards import Scope, board_timezone
from gamification.boards.scopes import ScopeRef
from gamification.identity.sign_in import TokenCaller, actor_of_row
from gamification.storage.tables import Person

_CALLER = """
SELECT p.id, p.roles, p.region, p.unit, u.path AS unit_path, u.agency AS agency, p.active, p.token_epoch,
       (SELECT MAX(e.value) FROM label_epoch e) AS label_epoch{scope_columns}
  FROM person p
  LEFT JOIN unit u ON u.id = p.unit{scope_joins}
 WHERE p.id = {{}}"""

# per scope: the columns (name, region, agency, path, timezone, found) and the joins that find it; the
# scope's id is the parameter, or the caller's own when it is NULL
_SCOPES = {
    Scope.NATIONAL: ("", ""),
    Scope.REGION: (
        "sr.name, sr.id, NULL, NULL, sr.timezone, sr.id",
        "LEFT JOIN region sr ON sr.id = COALESCE(CAST({} AS INTEGER), p.region)",
    ),
    Scope.AGENCY: (
        "sa.name, sa.region, sa.id, NULL, sr.timezone, sa.id",
        "LEFT JOIN agency sa ON sa.id = COALESCE(CAST({} AS INTEGER), u.agency) LEFT JOIN region sr ON sr.id = sa.region",
    ),
    Scope.UNIT: (
        "su.name, su.region, su.agency, su.path, sr.timezone, su.id",
        "LEFT JOIN unit su ON su.id = COALESCE(CAST({} AS INTEGER), p.unit) LEFT JOIN region sr ON sr.id = su.region",
    ),
}
_NAMES = ("scope_name", "scope_region", "scope_agency", "scope_path", "scope_timezone", "scope_found")


def _statement(scope: Scope) -> str:
    columns, joins = _SCOPES[scope]
    if not columns:
        return _CALLER.format(scope_columns="", scope_joins="")
    named = "".join(f", {column} AS {name}" for column, name in zip(columns.split(", "), _NAMES, strict=True))
    return _CALLER.format(scope_columns=named, scope_joins=f"\n  {joins}")


_STATEMENTS = {scope: _statement(scope) for scope in Scope}


async def caller_and_scope(
    caller: TokenCaller, scope: Scope, scope_id: int | None
) -> tuple[Actor, ScopeRef | None, int | None]:
    """The ``Actor``, the ``ScopeRef`` of the board asked for (None when no scope was named and the caller
    has none of their own to default to; 404 when the scope named does not exist), and the label epoch
    (``boards.labels``)."""
    args = [] if scope is Scope.NATIONAL else [scope_id]
    rows = await Person.raw(_STATEMENTS[scope], *args, caller.person_id)
    row = rows[0] if rows else None
    actor: Actor = await actor_of_row(row, caller)
    epoch = row["label_epoch"]
    if scope is Scope.NATIONAL:
        return actor, ScopeRef(scope, None, "Nasional", None, None, None, board_timezone(scope, None)), epoch
    if row["scope_found"] is None:
        if scope_id is None:
            return actor, None, epoch
        raise NotFound("board_scope_not_found")
    ref = ScopeRef(
        scope,
        row["scope_found"],
        row["scope_name"],
        row["scope_region"],
        row["scope_agency"],
        row["scope_path"],
        row["scope_timezone"],
    )
    return actor, ref, epoch
