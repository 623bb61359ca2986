"""Build script: everything is in pyproject.toml, except the optional
compiled build of the subject-line name finder.

With ``ETIQUETTE_MYPYC=1`` (the Dockerfile and ``scripts/check-image.sh``
set it), the modules in :data:`COMPILED` are compiled to C extensions with
mypyc, the compiler that ships with mypy, from the same type-checked source:
``NameIndex.find`` runs about 1.6 times faster (README, "Benchmarks"). The
build then needs a C compiler and the Python headers; the in-tree backend
(``scripts/build_backend.py``) asks for the pinned mypy only then. Without
it (``make``'s editable install, the test suite) the package is plain
Python. ``scripts/check-image.sh`` builds the compiled wheel and requires
it to find exactly what the source finds; ``app.names.build()`` (and
``/readyz``) say which build a process runs.
"""

from __future__ import annotations

import os

from setuptools import setup

# The name finder's hot path: no monkeypatching, no dynamic attributes, and
# every function typed under mypy --strict, as mypyc needs.
COMPILED = [
    "app/names/_tokens.py",
    "app/names/_lexicon.py",
    "app/names/_evidence.py",
    "app/names/_detector.py",
    "app/names/_directory.py",
    "app/names/_initials.py",
    "app/names/_vocab.py",
    "app/names/api.py",
]

ext_modules = []
if os.environ.get("ETIQUETTE_MYPYC") == "1":
    from mypyc.build import mypycify

    ext_modules = mypycify(["--config-file", "scripts/mypyc.ini", *COMPILED], opt_level="3")

setup(ext_modules=ext_modules)
