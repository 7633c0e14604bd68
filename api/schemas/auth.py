from __future__ import annotations

from typing import Annotated

import msgspec

Login = Annotated[str, msgspec.Meta(min_length=1, max_length=254)]
Secret = Annotated[str, msgspec.Meta(min_length=1, max_length=256)]


class LoginRequest(msgspec.Struct, forbid_unknown_fields=True):
    login: Login
    password: Secret


class RefreshRequest(msgspec.Struct, forbid_unknown_fields=True):
    refresh_token: Secret


class LogoutRequest(msgspec.Struct, forbid_unknown_fields=True):
    refresh_token: Secret | None = None


class TokenResponse(msgspec.Struct):
    access_token: str
    refresh_token: str
    token_type: str
    expires_in: int
