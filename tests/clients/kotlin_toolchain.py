"""What the generated Kotlin client is compiled with: Java, a Kotlin 2 compiler from PyPI, OkHttp and Gson from Debian.

openapi-generator's Kotlin client is written for Kotlin 2 and OkHttp 5 from Maven Central, which our
machines do not reach. Debian's kotlin (1.3.31) cannot read it (trailing commas, enum ``entries``,
``lowercase``); PyPI's kotlin-jupyter-kernel ships a whole Kotlin 2 compiler as jars, which can. Debian
has OkHttp 3.13 (libokhttp-java, with okio) and Gson (libgoogle-gson-java): the client is generated with
``serializationLibrary=gson``, and from openapi-generator's own ApiClient template only the imports of
OkHttp 4's Kotlin companions are dropped; tests/clients/kotlin/OkHttp3*.kt give those names for OkHttp 3.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

DEBIAN_JARS = Path("/usr/share/java")
DEBIAN_LIBRARIES = ("okhttp", "okio", "gson")  # libokhttp-java (okio comes with it), libgoogle-gson-java
SOURCES = Path(__file__).parent / "kotlin"  # the OkHttp 3 spellings and the program run against a server
API_CLIENT_TEMPLATE = "libraries/jvm-okhttp/infrastructure/ApiClient.kt.mustache"
COMPANION_IMPORT = re.compile(r"import okhttp3\.\w+\.Companion\.")
# A short compile of many small files: the JIT's first tier and no bytecode optimisation halve its time.
JVM_OPTIONS = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")
COMPILER_OPTIONS = ("-no-stdlib", "-no-reflect", "-nowarn", "-Xno-optimize")


@dataclass(frozen=True)
class KotlinToolchain:
    java: str
    compiler: Path  # the kernel's jar, which holds the Kotlin compiler
    libraries: tuple[Path, ...]  # kotlin-stdlib, then Debian's OkHttp, okio and Gson

    def compile(self, sources: list[Path], classes: Path) -> list[str | Path]:
        classpath = ":".join(map(str, self.libraries))
        return [self.java, *JVM_OPTIONS, "-cp", self.compiler, "org.jetbrains.kotlin.cli.jvm.K2JVMCompiler",
                *COMPILER_OPTIONS, "-cp", classpath, "-d", classes, *sources]  # fmt: skip

    def run(self, classes: Path, main: str, *arguments: str) -> list[str | Path]:
        return [self.java, "-cp", ":".join(map(str, (classes, *self.libraries))), main, *arguments]


def find_toolchain() -> KotlinToolchain | str:
    """The toolchain, or what is missing from it."""
    java = shutil.which("java")
    if java is None:
        return "Java is not installed (Debian's default-jre-headless)"
    kernel = importlib.util.find_spec("run_kotlin_kernel")
    jars = Path(kernel.submodule_search_locations[0]) / "jars" if kernel else None
    compiler = next(iter(sorted(jars.glob("kotlin-jupyter-kernel-*-all.jar"))), None) if jars else None
    stdlib = next(iter(sorted(jars.glob("kotlin-stdlib-[0-9]*.jar"))), None) if jars else None
    if compiler is None or stdlib is None:
        return "no Kotlin compiler (PyPI's kotlin-jupyter-kernel, in the test extra)"
    missing = [name for name in DEBIAN_LIBRARIES if not (DEBIAN_JARS / f"{name}.jar").is_file()]
    if missing:
        return f"Debian's {', '.join(missing)} jars are not installed (libokhttp-java, libgoogle-gson-java)"
    return KotlinToolchain(java, compiler, (stdlib, *(DEBIAN_JARS / f"{name}.jar" for name in DEBIAN_LIBRARIES)))


def okhttp3_templates(where: Path) -> Path:
    """A template folder for openapi-generator's ``-t``: its own ApiClient template without the companion imports."""
    generator = importlib.util.find_spec("openapi_generator_cli")
    jar = Path(generator.submodule_search_locations[0]) / "openapi-generator.jar"
    with zipfile.ZipFile(jar) as archive:
        template = archive.read(f"kotlin-client/{API_CLIENT_TEMPLATE}").decode()
    lines = template.splitlines(keepends=True)
    kept = [line for line in lines if not COMPANION_IMPORT.match(line)]
    assert len(kept) < len(lines), "openapi-generator's ApiClient no longer imports OkHttp 4's companions"
    target = where / API_CLIENT_TEMPLATE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("".join(kept))
    return where
