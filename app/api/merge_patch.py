"""JSON Merge Patch (RFC 7386), used by the admin API's PATCH routes.

A patch object's members replace the target's, ``null`` deletes a member
(for a policy or settings field: back to its default), and objects merge
member by member; anything that is not an object (a list, a string)
replaces the target whole.
"""

from __future__ import annotations

from typing import Any


def merge_patch(target: Any, patch: Any) -> Any:
    if not isinstance(patch, dict):
        return patch
    out = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            out.pop(key, None)
        else:
            out[key] = merge_patch(out.get(key), value)
    return out
