"""Console roles and what each may do: the one table every page is checked against.

A role is held at a school or at a trust (then at every school of it), by a
person (their email) or by a group id from their sign-in token. What someone
may do at a school is the union of the permissions of every role that reaches
it; a school no role reaches does not exist for them (404).
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"  # everything
    SAFEGUARDING = "safeguarding"  # the safeguarding lead: pupil-rule events, notifications
    AUDITOR = "auditor"  # the DPO: reads everything, changes nothing
    HELPDESK = "helpdesk"  # keys and integrations


class Permission(StrEnum):
    VIEW = "view"  # the school's overview page
    KEYS_READ = "keys:read"
    KEYS_WRITE = "keys:write"  # check keys (for add-ins and machine clients)
    ADMIN_KEYS_WRITE = "admin-keys:write"  # admin keys hold the whole admin API: admins only
    ROLES_READ = "roles:read"
    ROLES_WRITE = "roles:write"
    CHANGES_READ = "changes:read"
    SAFEGUARDING_READ = "safeguarding:read"
    POLICY_READ = "policy:read"
    POLICY_WRITE = "policy:write"
    NOTIFICATIONS_READ = "notifications:read"
    NOTIFICATIONS_WRITE = "notifications:write"
    DASHBOARD_READ = "dashboard:read"  # every rule's figures (the safeguarding lead: pupil rules)
    AUDIT_READ = "audit:read"  # every event (the safeguarding lead: pupil-rule events)
    DIRECTORY_READ = "directory:read"  # sources, runs, and every person's entry
    DIRECTORY_WRITE = "directory:write"  # sources, sync now, approve or discard held runs
    DIRECTORY_PUPILS = "directory:pupils"  # pupils' and their parents' entries only


ROLE_LABELS: dict[Role, str] = {
    Role.ADMIN: "Admin",
    Role.SAFEGUARDING: "Safeguarding lead",
    Role.AUDITOR: "Auditor (DPO)",
    Role.HELPDESK: "Helpdesk",
}

_READ_ALL = frozenset(
    {
        Permission.VIEW,
        Permission.KEYS_READ,
        Permission.ROLES_READ,
        Permission.CHANGES_READ,
        Permission.SAFEGUARDING_READ,
        Permission.POLICY_READ,
        Permission.NOTIFICATIONS_READ,
        Permission.DASHBOARD_READ,
        Permission.AUDIT_READ,
        Permission.DIRECTORY_READ,
        Permission.DIRECTORY_PUPILS,
    }
)

PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.AUDITOR: _READ_ALL,
    Role.HELPDESK: frozenset({Permission.VIEW, Permission.KEYS_READ, Permission.KEYS_WRITE}),
    Role.SAFEGUARDING: frozenset(
        {
            Permission.VIEW,
            Permission.SAFEGUARDING_READ,
            Permission.NOTIFICATIONS_READ,
            Permission.DIRECTORY_PUPILS,
        }
    ),
}


def permissions(roles: frozenset[Role]) -> frozenset[Permission]:
    out: frozenset[Permission] = frozenset()
    for r in roles:
        out |= PERMISSIONS[r]
    return out
