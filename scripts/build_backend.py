"""The project's PEP 517 build backend: setuptools', plus mypy when the
build compiles the name finder (``ETIQUETTE_MYPYC=1``; see ``setup.py``), so
that a plain or editable install does not fetch a compiler it will not use."""

from __future__ import annotations

import os
from typing import Any

from setuptools.build_meta import *  # noqa: F403  (the rest of the backend, unchanged)

MYPYC_REQUIRES = ["mypy==2.4.1"]  # the version the dev environment type-checks with


def _compiler() -> list[str]:
    return MYPYC_REQUIRES if os.environ.get("ETIQUETTE_MYPYC") == "1" else []


# setuptools' own versions of these run setup.py to read its setup_requires
# (it has none), which would import mypyc before it is installed.


def get_requires_for_build_wheel(config_settings: dict[str, Any] | None = None) -> list[str]:
    return _compiler()


def get_requires_for_build_editable(config_settings: dict[str, Any] | None = None) -> list[str]:
    return _compiler()
