"""Reading the credential a person sends on the verification page: pasted as text, or a file holding it (the
VC-JWT as .jwt or .txt, or a JSON with the JWT). Strict: the two fields only, once each, a bounded size, text
in UTF-8; anything else is refused with a reason a person can act on."""

from __future__ import annotations

import json
from pathlib import PurePath

from litestar.datastructures import UploadFile

from api.schemas.credentials import CREDENTIAL_MAX

# a file of one credential: the JWT (a transcript's is the longest), or a JSON download wrapping it
UPLOAD_MAX = CREDENTIAL_MAX + 16 * 1024
BODY_MAX = UPLOAD_MAX + CREDENTIAL_MAX + 16 * 1024  # the pasted text, the file and the multipart framing
FIELDS = frozenset({"kredensial", "berkas"})
FILE_SUFFIXES = frozenset({".jwt", ".txt", ".json"})
# what browsers and tools label such a file (a .jwt file is usually "application/octet-stream")
FILE_TYPES = frozenset(
    {"", "text/plain", "application/json", "application/jwt", "application/vc+jwt", "application/octet-stream"}
)
JSON_KEYS = ("jwt", "credential")  # what Tangkas's own answers call it (a credential, a shared credential, a request)


class Refused(Exception):
    """The send cannot be verified; ``status`` and an Indonesian ``message`` for the page."""

    def __init__(self, status: int, message: str, typed: str = "") -> None:
        super().__init__(message)
        self.status, self.message, self.typed = status, message, typed


TOO_LARGE = Refused(413, f"Berkas terlalu besar. Unggah berkas kredensial paling besar {UPLOAD_MAX // 1024} KB.")
WRONG_TYPE = Refused(
    415, "Jenis berkas tidak didukung. Unggah berkas .jwt, .txt atau .json yang berisi kredensial (VC-JWT)."
)
UNREADABLE = Refused(400, "Formulir tidak dapat dibaca. Muat ulang halaman lalu coba lagi.")


async def posted_credential(items: list[tuple[str, object]]) -> str:
    """The VC-JWT text sent, from the form's fields in the order sent."""
    fields: dict[str, object] = {}
    for name, value in items:
        if name not in FIELDS or name in fields:
            raise UNREADABLE
        fields[name] = value
    typed, upload = fields.get("kredensial", ""), fields.get("berkas", "")
    if not isinstance(typed, str) or not (isinstance(upload, UploadFile) or upload == ""):
        raise UNREADABLE  # a file where text belongs, or text where the file does
    if len(typed) > CREDENTIAL_MAX:
        raise Refused(
            413, f"Teks terlalu panjang. Kredensial paling banyak {CREDENTIAL_MAX:,} karakter.".replace(",", ".")
        )
    if isinstance(upload, UploadFile):
        if typed.strip():
            raise Refused(422, "Tempel teks kredensial atau unggah berkasnya, salah satu saja.", typed)
        return await _from_file(upload)
    if not typed.strip():
        raise Refused(422, "Tempel teks kredensial atau unggah berkasnya terlebih dahulu.")
    return typed


async def _from_file(upload: UploadFile) -> str:
    suffix = PurePath(upload.filename or "").suffix.lower()
    media_type = (upload.content_type or "").split(";")[0].strip().lower()
    if suffix not in FILE_SUFFIXES or media_type not in FILE_TYPES:
        raise WRONG_TYPE
    content = await upload.read(UPLOAD_MAX + 1)
    if len(content) > UPLOAD_MAX:
        raise TOO_LARGE
    try:
        text = content.decode("utf-8").removeprefix("\ufeff").strip()
    except UnicodeDecodeError:
        raise WRONG_TYPE from None
    if suffix == ".json" or media_type == "application/json" or text[:1] in ("{", '"'):
        return _from_json(text)
    return text


def _from_json(text: str) -> str:
    not_in_it = Refused(422, "Berkas JSON ini tidak memuat kredensial bertanda tangan (VC-JWT) yang dapat diperiksa.")
    try:
        document = json.loads(text)
    except (ValueError, RecursionError):
        raise not_in_it from None
    if isinstance(document, str):
        return document
    for key in JSON_KEYS if isinstance(document, dict) else ():
        if isinstance(document.get(key), str):
            return document[key]
    raise not_in_it
