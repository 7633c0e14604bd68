"""Every error code the code base can raise, or answer with ``problem()``, has a message in both languages."""

import ast
from pathlib import Path

from api.http.messages import MESSAGES

ROOT = Path(__file__).resolve().parents[2]
ERROR_KINDS = {
    "InvalidInput",
    "NotAuthenticated",
    "Forbidden",
    "NotFound",
    "Conflict",
    "Gone",
    "TooManyRequests",
    "ApiError",
    "TooLarge",  # certificates
    "UnsupportedType",  # certificates
}


def raised_codes() -> set[str]:
    codes = set()
    for package in ("api", "domain", "gamification"):
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ERROR_KINDS | {"problem"}:
                    literals = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
                    codes.update(literals[:1])
    return codes


def test_every_raised_code_has_a_message():
    codes = raised_codes()
    assert len(codes) > 40  # the scan finds the codes at all
    assert sorted(codes - MESSAGES.keys()) == []
