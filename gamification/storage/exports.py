"""How a feature package presents its services in one import without importing them all at once:
features use one another's modules, and an eager ``__init__`` would meet a half-imported one."""

from __future__ import annotations

import importlib
from collections.abc import Callable


def exports(package: str, where: dict[str, str]) -> tuple[Callable[[str], object], list[str]]:
    """``__getattr__`` and ``__all__`` for ``package``: each name loaded from its module when first asked for."""

    def __getattr__(name: str) -> object:
        if name not in where:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(f"{package}.{where[name]}"), name)

    return __getattr__, sorted(where)
