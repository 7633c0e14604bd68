"""The FCM HTTP v1 sender against a local fake of Google's token endpoint and FCM (never the internet):
a real service-account key, google-auth's real token exchange, and FCM's answers read as documented."""

import datetime as dt
import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from domain.push import SendResult
from gamification.notifications.fcm import FcmSender, ServiceAccountTokens
from gamification.notifications.inbox import notify
from gamification.notifications.outbox import PushOutbox
from gamification.notifications.senders import Device, PushMessage
from gamification.storage.database import unit_of_work
from gamification.storage.tables import Notification, PushDevice

PROJECT = "tangkas-uji"


class FakeGoogle(BaseHTTPRequestHandler):
    """``/token`` answers an access token; ``/v1/projects/{p}/messages:send`` answers from ``answers`` by token."""

    answers: dict[str, tuple[int, dict, dict]] = {}
    token_requests: list[str] = []
    messages: list[tuple[str, dict]] = []
    issued = 0

    def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if self.path == "/token":
            FakeGoogle.issued += 1
            FakeGoogle.token_requests.append(body.decode())
            return self._answer(200, {"access_token": f"ya29.fake-{FakeGoogle.issued}", "expires_in": 3600}, {})
        assert self.path == f"/v1/projects/{PROJECT}/messages:send", self.path
        message = json.loads(body)
        FakeGoogle.messages.append((self.headers["Authorization"], message))
        status, answer, headers = FakeGoogle.answers.get(message["message"]["token"], (200, {"name": "m/1"}, {}))
        self._answer(status, answer, headers)

    def _answer(self, status: int, body: dict, headers: dict) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def google(tmp_path):
    FakeGoogle.answers, FakeGoogle.token_requests, FakeGoogle.messages, FakeGoogle.issued = {}, [], [], 0
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeGoogle)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    credentials = tmp_path / "service-account.json"
    credentials.write_text(
        json.dumps(
            {
                "type": "service_account",
                "project_id": PROJECT,
                "private_key_id": "k1",
                "private_key": pem.decode(),
                "client_email": f"push@{PROJECT}.iam.gserviceaccount.com",
                "client_id": "1",
                "token_uri": f"{url}/token",
            }
        )
    )
    yield url, str(credentials)
    server.shutdown()
    server.server_close()


def error(status: str, code: str | None = None) -> dict:
    details = [{"@type": "type.googleapis.com/google.firebase.fcm.v1.FcmError", "errorCode": code}] if code else []
    return {"error": {"code": 0, "status": status, "message": "x", "details": details}}


MESSAGE = PushMessage(41, "badge", "Lencana baru", "Anda mendapat lencana", {"badge": "7"})


async def test_a_send_carries_the_service_accounts_token_and_one_collapse_key(google):
    url, credentials = google
    sender = FcmSender(PROJECT, ServiceAccountTokens(credentials), url)
    try:
        assert (await sender.send(Device(1, "tok-1", "android"), MESSAGE)).result is SendResult.SENT
        assert (await sender.send(Device(2, "tok-2", "ios"), MESSAGE)).result is SendResult.SENT
    finally:
        await sender.close()
    assert len(FakeGoogle.token_requests) == 1  # one access token for both, until it expires
    assert "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer" in FakeGoogle.token_requests[0]
    authorization, sent = FakeGoogle.messages[0]
    assert authorization == "Bearer ya29.fake-1"
    assert sent == {
        "message": {
            "token": "tok-1",
            "notification": {"title": "Lencana baru", "body": "Anda mendapat lencana"},
            "data": {"badge": "7", "notification_id": "41", "kind": "badge"},
            "android": {"collapse_key": "tangkas-41", "notification": {"tag": "tangkas-41"}},
            "apns": {"headers": {"apns-collapse-id": "tangkas-41"}},
        }
    }


async def test_fcms_answers_are_read_as_documented(google):
    url, credentials = google
    FakeGoogle.answers = {
        "gone": (404, error("NOT_FOUND", "UNREGISTERED"), {}),
        "gone-400": (400, error("INVALID_ARGUMENT", "UNREGISTERED"), {}),
        "other-project": (403, error("PERMISSION_DENIED", "SENDER_ID_MISMATCH"), {}),
        "busy": (503, error("UNAVAILABLE", "UNAVAILABLE"), {"Retry-After": "120"}),
        "quota": (429, error("RESOURCE_EXHAUSTED", "QUOTA_EXCEEDED"), {}),
        "broken": (500, {"not": "json error"}, {}),
        "bad": (400, error("INVALID_ARGUMENT", "INVALID_ARGUMENT"), {}),
        "stale-token": (401, error("UNAUTHENTICATED"), {}),
    }
    sender = FcmSender(PROJECT, ServiceAccountTokens(credentials), url)
    try:
        answers = {token: await sender.send(Device(1, token, "android"), MESSAGE) for token in FakeGoogle.answers}
        assert (await sender.send(Device(1, "fine", "android"), MESSAGE)).result is SendResult.SENT
    finally:
        await sender.close()
    assert {token: answer.result for token, answer in answers.items()} == {
        "gone": SendResult.UNREGISTERED,
        "gone-400": SendResult.UNREGISTERED,
        "other-project": SendResult.UNREGISTERED,
        "busy": SendResult.RETRY,
        "quota": SendResult.RETRY,
        "broken": SendResult.RETRY,
        "bad": SendResult.REJECTED,
        "stale-token": SendResult.RETRY,
    }
    assert answers["busy"].retry_after == dt.timedelta(seconds=120)
    assert len(FakeGoogle.token_requests) == 2  # the refused access token was replaced
    assert FakeGoogle.messages[-1][0] == "Bearer ya29.fake-2"


async def test_a_network_error_is_tried_again_later(google):
    _, credentials = google
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    sender = FcmSender(PROJECT, ServiceAccountTokens(credentials), f"http://127.0.0.1:{port}")
    try:
        answer = await sender.send(Device(1, "tok", "android"), MESSAGE)
    finally:
        await sender.close()
    assert answer.result is SendResult.RETRY  # the token endpoint (google-auth) or FCM unreachable alike


async def test_the_outbox_through_fcm_removes_an_unregistered_device(app, world, google):
    url, credentials = google
    p = world.pontianak
    await PushDevice.insert(
        PushDevice(person=p.asn, token="alive", platform="android"),
        PushDevice(person=p.asn, token="gone", platform="ios"),
    )
    FakeGoogle.answers = {"gone": (404, error("NOT_FOUND", "UNREGISTERED"), {})}
    async with unit_of_work():
        await notify(p.asn, "badge", "Lencana baru", "isi")
    sender = FcmSender(PROJECT, ServiceAccountTokens(credentials), url)
    try:
        assert await PushOutbox(sender).drain() == {"sent": 1}
    finally:
        await sender.close()
    assert await PushDevice.select(PushDevice.token).output(as_list=True) == ["alive"]
    assert (await Notification.select(Notification.push_result).first())["push_result"] == "sent"
