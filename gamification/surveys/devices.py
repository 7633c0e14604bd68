"""A citizen's phone, known only by a signed random cookie: enough to allow one answer per service and day,
nothing that names the person.

The cookie is ``<id>.<signature>``: 16 random bytes and their HMAC under the server's device key, so a made-up
or altered cookie is refused. What is stored with an answer is ``device_key``, another keyed hash of the id:
the table alone can neither be turned back into cookies nor linked to one without the server key. The form
carries a token tied to the cookie and the service (``form_token``), which a page on another site cannot know:
it cannot make a visitor's browser answer in their name.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets

COOKIE = "tangkas_perangkat"
COOKIE_MAX_AGE = 2 * 365 * 24 * 3600  # long-lived: a device keeps its identity between visits
ID_BYTES = 16
ID_SHAPE = re.compile(r"[A-Za-z0-9_-]{22}")
MAX_COOKIE = 100


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


class DeviceCookies:
    def __init__(self, key: bytes) -> None:
        self._key = key

    def _mac(self, purpose: str, *parts: str) -> bytes:
        return hmac.new(self._key, ":".join((purpose, *parts)).encode(), hashlib.sha256).digest()

    def new(self) -> tuple[str, str]:
        """A new device: its id and the cookie value that carries it."""
        device_id = _b64(secrets.token_bytes(ID_BYTES))
        return device_id, f"{device_id}.{_b64(self._mac('device-cookie', device_id))}"

    def device_of(self, cookie: str | None) -> str | None:
        """The device id of a cookie this server signed; None for anything else."""
        if not cookie or len(cookie) > MAX_COOKIE:
            return None
        device_id, _, signature = cookie.partition(".")
        if not ID_SHAPE.fullmatch(device_id):
            return None
        expected = _b64(self._mac("device-cookie", device_id))
        return device_id if hmac.compare_digest(expected.encode(), signature.encode()) else None

    def device_key(self, device_id: str) -> str:
        """What an answer stores of its device (64 hex digits)."""
        return self._mac("device-key", device_id).hex()

    def form_token(self, device_id: str, public_key: str) -> str:
        return _b64(self._mac("survey-form", device_id, public_key))

    def form_token_matches(self, device_id: str, public_key: str, token: str) -> bool:
        if not token or len(token) > MAX_COOKIE or not token.isascii():
            return False
        return hmac.compare_digest(self.form_token(device_id, public_key).encode(), token.encode())
