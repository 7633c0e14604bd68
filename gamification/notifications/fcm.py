"""Firebase Cloud Messaging, HTTP v1: ``POST {url}/v1/projects/{project}/messages:send`` with an OAuth2
access token of a service account (google-auth, the ``fcm`` extra).

How FCM's answers are read (firebase.google.com/docs/reference/fcm/rest/v1/ErrorCode): 200 sent; 404 or
``UNREGISTERED``, and ``SENDER_ID_MISMATCH`` (a token of another project), the device is gone; 429, 5xx
and network errors are tried again later (``Retry-After`` respected); 401 too, with a fresh access token;
any other 4xx is refused for good for that device.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Protocol

import httpx

from domain.push import SendResult
from gamification.notifications.senders import Answer, Device, PushMessage

SCOPE = "https://www.googleapis.com/auth/firebase.messaging"
TIMEOUT_SECONDS = 10
GONE = frozenset({"UNREGISTERED", "SENDER_ID_MISMATCH"})


class AccessTokens(Protocol):
    async def token(self) -> str: ...

    def forget(self) -> None:
        """The token was refused: fetch a new one next time."""


class ServiceAccountTokens:
    """Access tokens of a service account's JSON key, refreshed by google-auth (off the event loop) shortly
    before they expire. The key file's ``token_uri`` is where tokens come from."""

    def __init__(self, credentials_file: str) -> None:
        from google.oauth2 import service_account  # the `fcm` extra

        self._credentials = service_account.Credentials.from_service_account_file(credentials_file, scopes=[SCOPE])
        self._lock = asyncio.Lock()

    async def token(self) -> str:
        async with self._lock:
            if not self._credentials.valid:  # no token yet, or it expires within google-auth's margin
                await asyncio.to_thread(self._refresh)
            return self._credentials.token

    def forget(self) -> None:
        self._credentials.token = None

    def _refresh(self) -> None:
        from google.auth.transport.requests import Request

        self._credentials.refresh(Request())


class FcmSender:
    def __init__(self, project: str, tokens: AccessTokens, url: str = "https://fcm.googleapis.com") -> None:
        self._endpoint = f"{url.rstrip('/')}/v1/projects/{project}/messages:send"
        self._tokens = tokens
        self._http = httpx.AsyncClient(timeout=TIMEOUT_SECONDS)

    async def send(self, device: Device, message: PushMessage) -> Answer:
        try:
            token = await self._tokens.token()
            response = await self._http.post(
                self._endpoint, json=fcm_message(device, message), headers={"Authorization": f"Bearer {token}"}
            )
        except (httpx.HTTPError, OSError) as error:
            return Answer(SendResult.RETRY, detail=f"{type(error).__name__}: {error}"[:200])
        except Exception as error:  # google-auth could not get a token (its endpoint down): try again later
            if type(error).__module__.startswith("google.auth"):
                return Answer(SendResult.RETRY, detail=f"access token: {error}"[:200])
            raise
        return self._answer(response)

    async def close(self) -> None:
        await self._http.aclose()

    def _answer(self, response: httpx.Response) -> Answer:
        status = response.status_code
        if status == 200:
            return Answer(SendResult.SENT)
        codes = _error_codes(response)
        if status == 404 or codes & GONE:
            return Answer(SendResult.UNREGISTERED, detail=",".join(sorted(codes)))
        if status == 401:
            self._tokens.forget()
            return Answer(SendResult.RETRY, detail="access token refused")
        if status == 429 or status >= 500:
            return Answer(SendResult.RETRY, _retry_after(response), detail=f"HTTP {status}")
        return Answer(SendResult.REJECTED, detail=f"HTTP {status} {','.join(sorted(codes))}")


def fcm_message(device: Device, message: PushMessage) -> dict:
    """The v1 message: what the phone shows, the data the app reads, and one collapse key per notification
    so that a second send of it replaces the first on the phone."""
    data = {key: str(value) for key, value in message.data.items()} | {
        "notification_id": str(message.notification_id),
        "kind": message.kind,
    }
    return {
        "message": {
            "token": device.token,
            "notification": {"title": message.title, "body": message.body},
            "data": data,
            "android": {"collapse_key": message.collapse_key, "notification": {"tag": message.collapse_key}},
            "apns": {"headers": {"apns-collapse-id": message.collapse_key}},
        }
    }


def _error_codes(response: httpx.Response) -> set[str]:
    try:
        error = response.json().get("error", {})
    except (ValueError, AttributeError):
        return set()
    if not isinstance(error, dict):
        return set()
    codes = {error.get("status")} if isinstance(error.get("status"), str) else set()
    for detail in error.get("details") or []:
        if isinstance(detail, dict) and isinstance(detail.get("errorCode"), str):
            codes.add(detail["errorCode"])
    return codes


def _retry_after(response: httpx.Response) -> dt.timedelta | None:
    value = response.headers.get("retry-after", "")
    return dt.timedelta(seconds=int(value)) if value.isdigit() else None
