"""Reading YAML an admin wrote, safely: no aliases, errors without content.

``yaml.safe_load`` builds no objects but still expands aliases, so a few
hundred bytes (the "billion laughs") become gigabytes: a policy file never
needs them, so an alias is refused at the line it appears. Errors give the
line, column and the parser's problem, never the text around it.
"""

from __future__ import annotations

from typing import Any

import yaml

from app.errors import Invalid


class YamlFileError(Invalid):
    """The text is not acceptable YAML for a configuration file."""


class _NoAliasLoader(yaml.SafeLoader):
    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
            raise YamlFileError(
                f"YAML aliases (*name) are not allowed in policy files (line {mark.line + 1})"
            )
        return super().compose_node(parent, index)


def load_yaml(text: str) -> Any:
    try:
        return yaml.load(text, Loader=_NoAliasLoader)  # a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise YamlFileError(f"not valid YAML{where}: {exc.problem or 'unreadable'}") from None
    except yaml.YAMLError:
        raise YamlFileError("not valid YAML") from None
