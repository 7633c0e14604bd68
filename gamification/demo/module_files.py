"""The demo's learning modules, one file each in content/modules/, checked by the module rules authors meet."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from domain.modules import check_module
from gamification.demo.entries import (
    NUMBER,
    TABLES,
    TEXT,
    TEXTS,
    WHOLE,
    YES_NO,
    Where,
    each,
    fields,
    read,
    rules,
    unique,
)

MODULE_KEYS = {
    "title": TEXT,
    "summary": TEXT,
    "competency_type": TEXT,
    "topics": TEXTS,
    "estimated_minutes": WHOLE,
    "min_seconds": WHOLE,
    "jp": NUMBER,
    "xp": WHOLE,
    "pass_mark": WHOLE,
    "lessons": TABLES,
    "questions": TABLES,
}


@dataclass(frozen=True)
class DemoModule:
    region: str | None  # the slug of the one region whose staff see it; None: national
    fields: dict  # as ModuleAuthoring.create takes them


def load_modules(folder: Path, region_slugs: set[str]) -> list[DemoModule]:
    """Every ``*.toml`` in ``folder``, one module each, in file-name order (the order they are published in)."""
    modules = [_module(path, region_slugs) for path in sorted(folder.glob("*.toml"))]
    if not modules:
        raise Where(folder).error("holds no module (*.toml)")
    unique([module.fields["title"] for module in modules], Where(folder), "module title")
    return modules


def _module(path: Path, region_slugs: set[str]) -> DemoModule:
    raw, where = read(path), Where(path)
    fields(raw, where, MODULE_KEYS, {"region": TEXT, "value": TEXT})
    for lesson, at in each(raw, "lessons", where, "lesson"):
        fields(lesson, at, {"kind": TEXT, "body": TEXT})
    for question, at in each(raw, "questions", where, "question"):
        fields(question, at, {"text": TEXT, "kind": TEXT, "options": TABLES})
        for option, option_at in each(question, "options", at, "option"):
            fields(option, option_at, {"text": TEXT, "correct": YES_NO})
    region = raw.pop("region", None)
    if region is not None and region not in region_slugs:
        raise where.error(f"region {region!r} is not a region of places.toml ({', '.join(sorted(region_slugs))})")
    module = {"value": None, **raw}  # without a value, a module stands for no BerAKHLAK value in particular
    with rules(where):
        check_module(**module)
    return DemoModule(region, module)
