"""Reading YAML an admin wrote, safely and as they meant it.

- **No aliases.** ``yaml.safe_load`` builds no objects but still expands
  aliases, so a few hundred bytes (the "billion laughs") become gigabytes: a
  policy file never needs them, so an alias is refused at the line it appears.
- **YAML 1.2 core-schema scalars.** PyYAML reads YAML 1.1, where ``off``,
  ``on``, ``yes``, ``no`` (any case) are booleans, ``18:00`` is the integer
  1080 (base 60), ``010`` is 8 (octal) and ``<<`` merges mappings. In a policy
  file ``REC003: off`` is a severity and ``end: 18:00`` a time, so here only
  ``true``/``false`` are booleans, ``null``/``~``/nothing is null, integers
  are decimal (or ``0o``/``0x``), floats are ``1.5``/``1e3``/``.inf``/``.nan``
  and everything else unquoted is a string (dates too: the models parse them).
- **No duplicate keys.** YAML says keys are unique but PyYAML keeps the last
  one silently, so ``REC001`` written twice would lose the first; it is
  refused, naming the key and both lines.

Errors give the line, column and the parser's problem, never the text around
it (a duplicate key is named: keys are field names and rule codes).
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from app.errors import Invalid


class YamlFileError(Invalid):
    """The text is not acceptable YAML for a configuration file."""


# YAML 1.2.2 section 10.3.2 (core schema), tag resolution.
_CORE: list[tuple[str, re.Pattern[str], str | list[str]]] = [
    ("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF"),
    (
        "tag:yaml.org,2002:int",
        re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
        "-+0123456789",
    ),
    (
        "tag:yaml.org,2002:float",
        re.compile(
            r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
            r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
        ),
        "-+0123456789.",
    ),
]
_INT = _CORE[2][1]
_BOOLS = {"true": True, "false": False}
_SHOWN_KEY = 60


class _Loader(yaml.SafeLoader):
    """A SafeLoader with core-schema scalars, no aliases and unique keys."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
            raise YamlFileError(
                f"YAML aliases (*name) are not allowed in policy files (line {mark.line + 1})"
            )
        return super().compose_node(parent, index)

    def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
        if not isinstance(node, yaml.MappingNode):
            return super().construct_mapping(node, deep=deep)  # raises the usual error
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            try:
                first = seen.get(key)
                seen.setdefault(key, line)
            except TypeError:
                raise YamlFileError(f"a mapping key at line {line} is not a plain value") from None
            if first is not None:
                shown = str(key)
                if len(shown) > _SHOWN_KEY:
                    shown = shown[:_SHOWN_KEY] + "..."
                raise YamlFileError(
                    f"duplicate key {shown!r} at line {line} (first at line {first}): "
                    "write each key once"
                )
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_bool(self, node: Any) -> bool:
        value = self.construct_scalar(node)
        try:
            return _BOOLS[str(value).lower()]
        except KeyError:
            raise YamlFileError(
                f"not a boolean at line {node.start_mark.line + 1}: use true or false"
            ) from None

    def construct_yaml_int(self, node: Any) -> int:
        value = str(self.construct_scalar(node))
        if not _INT.match(value):
            raise YamlFileError(f"not an integer at line {node.start_mark.line + 1}")
        if value.startswith("0o"):
            return int(value[2:], 8)
        if value.startswith("0x"):
            return int(value[2:], 16)
        try:
            return int(value, 10)
        except ValueError:  # past int()'s 4,300-digit limit for decimal text
            raise YamlFileError(
                f"an integer at line {node.start_mark.line + 1} is too long"
            ) from None


_Loader.yaml_implicit_resolvers = {}  # none of YAML 1.1's: only the core schema's
for _tag, _regexp, _first in _CORE:
    _Loader.add_implicit_resolver(_tag, _regexp, list(_first))
_Loader.add_constructor("tag:yaml.org,2002:bool", _Loader.construct_yaml_bool)
_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_yaml_int)


def load_yaml(text: str) -> Any:
    try:
        return yaml.load(text, Loader=_Loader)  # a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise YamlFileError(f"not valid YAML{where}: {exc.problem or 'unreadable'}") from None
    except yaml.YAMLError:
        raise YamlFileError("not valid YAML") from None


def _unique_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            shown = key if len(key) <= _SHOWN_KEY else key[:_SHOWN_KEY] + "..."
            raise YamlFileError(f"duplicate key {shown!r}: write each key once")
        out[key] = value
    return out


def load_json(text: str) -> Any:
    """A JSON configuration file, refusing duplicate keys as :func:`load_yaml` does
    (``json.loads`` keeps the last one silently)."""
    import json

    try:
        return json.loads(text, object_pairs_hook=_unique_pairs)
    except json.JSONDecodeError as exc:
        raise YamlFileError(
            f"not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from None
