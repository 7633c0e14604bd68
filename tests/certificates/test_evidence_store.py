"""One contract, two evidence stores: the local directory and an S3-compatible server (moto's, run here,
spoken to over HTTP by boto3 as a MinIO or AWS S3 would be)."""

from __future__ import annotations

import pytest

from gamification.storage.evidence import LocalEvidenceStore, S3EvidenceStore, build_evidence_store
from gamification.storage.settings import Settings

KEY = "certificates/7/" + "ab" * 32 + ".pdf"


@pytest.fixture(scope="module")
def s3_endpoint():
    moto_server = pytest.importorskip("moto.server")
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture(params=["local", "s3"])
def store(request, tmp_path):
    if request.param == "local":
        return LocalEvidenceStore(tmp_path / "bukti")
    endpoint = request.getfixturevalue("s3_endpoint")
    settings = Settings(
        evidence_s3_bucket=f"tangkas-bukti-{tmp_path.name.lower().replace('_', '-')}"[:60],
        evidence_s3_endpoint=endpoint,
        evidence_s3_region="ap-southeast-3",
        evidence_s3_access_key="uji",
        evidence_s3_secret_key="rahasia-uji",
    )
    built = build_evidence_store(settings)
    assert isinstance(built, S3EvidenceStore)
    built._client.create_bucket(Bucket=built.bucket, CreateBucketConfiguration={"LocationConstraint": "ap-southeast-3"})
    return built


async def test_a_store_keeps_replaces_and_forgets_a_file(store):
    assert await store.get(KEY) is None
    await store.put(KEY, b"%PDF-1.4 pertama", "application/pdf")
    assert await store.get(KEY) == b"%PDF-1.4 pertama"
    await store.put(KEY, b"%PDF-1.4 kedua", "application/pdf")
    assert await store.get(KEY) == b"%PDF-1.4 kedua"
    await store.delete(KEY)
    await store.delete(KEY)  # nothing left to delete is no error
    assert await store.get(KEY) is None


@pytest.mark.parametrize("key", ["../../etc/passwd", "/etc/passwd", "certificates/../x", "a//b", "Certificates/1"])
async def test_a_key_never_leaves_the_store(store, key):
    with pytest.raises(ValueError):
        await store.put(key, b"x", "application/pdf")


def test_the_settings_choose_the_store(tmp_path):
    local = build_evidence_store(Settings(database_url=f"sqlite:///{tmp_path}/tangkas.sqlite"))
    assert isinstance(local, LocalEvidenceStore) and local.directory == tmp_path / "tangkas-evidence"
    chosen = Settings.from_env(
        {
            "TANGKAS_EVIDENCE_DIR": str(tmp_path / "x"),
            "TANGKAS_EVIDENCE_MAX_BYTES": "1000",
            "TANGKAS_JWT_SECRET": "k" * 48,
        }
    )
    assert (chosen.evidence_path, chosen.evidence_max_bytes) == (tmp_path / "x", 1000)
