"""Where evidence files live: one small port, a local-disk store (the embedded default) and an
S3-compatible one (production: AWS S3, MinIO, Ceph, Wasabi...), chosen by settings in api/bootstrap.py.

Keys are made by the caller from the file's content (``domain.evidence.Evidence.key``), never from a
client's file name, so a key can never climb out of the store's directory or bucket. Both stores are
blocking libraries underneath; their calls run in a worker thread.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Protocol

import anyio.to_thread

from gamification.storage.settings import Settings

SAFE_KEY = re.compile(r"[a-z0-9][a-z0-9/_.-]{0,250}")


class EvidenceStore(Protocol):
    async def put(self, key: str, content: bytes, content_type: str) -> None:
        """Store the file under ``key`` (replacing what was there)."""

    async def get(self, key: str) -> bytes | None:
        """The file, or None when there is none under ``key``."""

    async def delete(self, key: str) -> None:
        """Remove the file; nothing to remove is not an error."""


def checked(key: str) -> str:
    if not SAFE_KEY.fullmatch(key) or ".." in key or "//" in key:
        raise ValueError(f"not a store key: {key!r}")
    return key


class LocalEvidenceStore:
    """Files under one directory; written to a temporary name and renamed, so a reader never sees half a file."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def _path(self, key: str) -> Path:
        return self.directory / checked(key)

    async def put(self, key: str, content: bytes, content_type: str) -> None:
        await anyio.to_thread.run_sync(self._put, self._path(key), content)

    @staticmethod
    def _put(path: Path, content: bytes) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(content)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    async def get(self, key: str) -> bytes | None:
        path = self._path(key)
        try:
            return await anyio.to_thread.run_sync(path.read_bytes)
        except FileNotFoundError:
            return None

    async def delete(self, key: str) -> None:
        await anyio.to_thread.run_sync(lambda: self._path(key).unlink(missing_ok=True))


class S3EvidenceStore:
    """One bucket of an S3-compatible server, through boto3 (the ``s3`` extra: ``pip install tangkas[s3]``)."""

    def __init__(
        self,
        bucket: str,
        *,
        endpoint_url: str | None = None,
        region: str | None = None,
        access_key: str | None = None,
        secret_key: str | None = None,
        prefix: str = "",
    ) -> None:
        import boto3  # optional: only a deployment that stores evidence in S3 needs it
        from botocore.config import Config

        self.bucket, self.prefix = bucket, prefix
        self._client = boto3.client(
            "s3",
            endpoint_url=endpoint_url,
            region_name=region,
            aws_access_key_id=access_key,
            aws_secret_access_key=secret_key,
            config=Config(retries={"max_attempts": 3, "mode": "standard"}, connect_timeout=5, read_timeout=30),
        )
        self._missing = (self._client.exceptions.NoSuchKey,)

    async def put(self, key: str, content: bytes, content_type: str) -> None:
        await anyio.to_thread.run_sync(
            lambda: self._client.put_object(
                Bucket=self.bucket, Key=self.prefix + checked(key), Body=content, ContentType=content_type
            )
        )

    async def get(self, key: str) -> bytes | None:
        def read() -> bytes | None:
            try:
                answer = self._client.get_object(Bucket=self.bucket, Key=self.prefix + checked(key))
            except self._missing:
                return None
            return answer["Body"].read()

        return await anyio.to_thread.run_sync(read)

    async def delete(self, key: str) -> None:
        await anyio.to_thread.run_sync(
            lambda: self._client.delete_object(Bucket=self.bucket, Key=self.prefix + checked(key))
        )


def build_evidence_store(settings: Settings) -> EvidenceStore:
    """S3 when a bucket is named, the local directory otherwise."""
    if settings.evidence_s3_bucket:
        return S3EvidenceStore(
            settings.evidence_s3_bucket,
            endpoint_url=settings.evidence_s3_endpoint,
            region=settings.evidence_s3_region,
            access_key=settings.evidence_s3_access_key,
            secret_key=settings.evidence_s3_secret_key,
        )
    return LocalEvidenceStore(settings.evidence_path)
