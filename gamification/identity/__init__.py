"""Sign-in: passwords, access and refresh tokens, the login throttle.

The feature's services, in one import (``from gamification.identity import ...``); each is loaded when
first asked for, so that features which use one another's modules never meet half-imported.
"""

from __future__ import annotations

import importlib

_WHERE = {
    "AuthService": "gamification.identity.sign_in",
    "LoginThrottle": "gamification.identity.login_throttle",
}
__all__ = sorted(_WHERE)


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(_WHERE[name]), name)
