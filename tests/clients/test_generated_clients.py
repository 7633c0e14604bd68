"""The clients a mobile team generates from the served document: generated here, and used or read.

- Python (openapi-python-client): generated, imported, and used against a real server to sign in, read
  the signed-in person and list the modules.
- Dart (dio) and Kotlin (openapi-generator, a Java program shipped in its PyPI package): generated without
  a warning about the document, with one API class per tag and one method per operationId. The Dart one is
  not compiled: the Dart SDK is in none of the registries the machines this suite runs on reach (README,
  "For the mobile team"). The Kotlin one is compiled and run in test_kotlin_client.py.

Marked ``clients``: a minute of generation that does not change with the backends, so scripts/test runs
it in one variant (TANGKAS_TEST_CLIENTS=on runs it everywhere, off nowhere).
"""

from __future__ import annotations

import importlib
import json
import re
import shutil
import sys

import pytest

from tests.backends import IN_CI
from tests.clients.commands import BIN, run
from tests.factories import PASSWORD

pytestmark = pytest.mark.clients

PACKAGE = "tangkas_client"
# openapi-python-client reads a file of another type as bytes only when told it is one
PYTHON_CONFIG = {
    "post_hooks": [],
    "content_type_overrides": {kind: "application/octet-stream" for kind in ("application/pdf", "image/jpeg",
                                                                            "image/png", "image/webp", "image/svg+xml")}
    | {"application/vc+jwt": "text/plain"},  # a signed credential (a revocation list) is a compact JWS: text
}  # fmt: skip
# What openapi-generator warns about itself, not about the document: OpenAPI 3.1 being beta in the generator,
# file parts (format: binary) that have no enum type, and the unnamed multipart body schemas it names itself.
GENERATOR_NOTES = re.compile(
    r"OpenAPI 3\.1 support is still in beta|Could not compute datatypeWithEnum from (Uint8List|java\.io\.File)|"
    r"Failed to get the schema name: null"
)
# a few API classes and the methods in them, named from the tags and the operationIds
EXPECTED = {
    "dart-dio": ("lib/src/api/{tag}_api.dart", r"Future<Response<[^>]*>?>> {name}\("),
    "kotlin": ("src/main/kotlin/org/openapitools/client/apis/{Tag}Api.kt", r"fun {name}\("),
}
SAMPLES = {"auth": ["signIn", "refreshTokens"], "me": ["getMe"], "learning": ["listModules", "submitAttempt"]}


@pytest.fixture(scope="module")
def python_client(document, tmp_path_factory):
    _, path = document
    where = tmp_path_factory.mktemp("python-client")
    config = where / "config.json"
    config.write_text(json.dumps(PYTHON_CONFIG))
    output = run(
        BIN / "openapi-python-client", "generate", "--path", path, "--output-path", where / PACKAGE,
        "--meta", "none", "--config", config, cwd=where,
    )  # fmt: skip
    assert "Warning" not in output, output
    sys.path.insert(0, str(where))
    try:
        yield lambda name: importlib.import_module(f"{PACKAGE}.{name}")
    finally:
        sys.path.remove(str(where))
        for name in [m for m in sys.modules if m == PACKAGE or m.startswith(f"{PACKAGE}.")]:
            del sys.modules[name]


def test_the_python_client_signs_in_and_reads_me_and_the_modules(python_client, live, asn):
    asn_id, nip = asn
    client_module, models = python_client("client"), python_client("models")
    sign_in, get_me, list_modules = (python_client(f"api.{name}") for name in ("auth.sign_in", "me.get_me",
                                                                               "learning.list_modules"))  # fmt: skip

    with client_module.Client(base_url=live.base_url, raise_on_unexpected_status=True) as anonymous:
        tokens = sign_in.sync(client=anonymous, body=models.LoginRequest(login=nip, password=PASSWORD))
        wrong = sign_in.sync_detailed(client=anonymous, body=models.LoginRequest(login=nip, password="salah-sekali"))
    assert isinstance(tokens, models.TokenResponse), tokens
    assert wrong.status_code == 401 and isinstance(wrong.parsed, models.Problem)
    assert wrong.parsed.code == "login_failed" and wrong.parsed.title == "Perlu Masuk"

    with client_module.AuthenticatedClient(base_url=live.base_url, token=tokens.access_token) as signed_in:
        me = get_me.sync(client=signed_in)
        modules = list_modules.sync(client=signed_in, limit=5)
    assert isinstance(me, models.Profile) and me.id == asn_id and me.nip == nip
    assert len(modules.items) == 1 and modules.items[0].title


@pytest.mark.parametrize("generator", ["dart-dio", "kotlin"])
def test_openapi_generator_builds_a_client_named_by_the_operation_ids(document, tmp_path, generator):
    if shutil.which("java") is None:
        if IN_CI:
            pytest.fail("Java is not installed (CI=true: .ci/run installs Debian's default-jre-headless)")
        pytest.skip("Java is not installed (openapi-generator runs on it)")
    served, path = document
    log = run(BIN / "openapi-generator-cli", "generate", "-i", path, "-g", generator, "-o", tmp_path / "out",
              cwd=tmp_path)  # fmt: skip
    warnings = [line for line in log.splitlines() if re.search(r"\b(WARN|ERROR)\b", line)]
    assert [w for w in warnings if not GENERATOR_NOTES.search(w)] == []

    pattern, method = EXPECTED[generator]
    for tag, names in SAMPLES.items():
        source = (tmp_path / "out" / pattern.format(tag=tag, Tag=tag.capitalize())).read_text()
        for name in names:
            assert re.search(method.format(name=name), source), (generator, tag, name)
    apis = " ".join(p.read_text() for p in (tmp_path / "out").rglob("*") if p.is_file() and "api" in p.name.lower())
    operation_ids = {op["operationId"] for item in served["paths"].values() for op in item.values()}
    assert {name for name in operation_ids if not re.search(rf"\b{name}\(", apis)} == set()
