"""One school as a check sees it: :class:`TenantState`, built from the store's records.

Below both the runtime (``app.runtime`` caches one per school and swaps it on
reload) and trust routing (``app.trusts.routing`` builds a trust's fallback
view as one), so neither imports the other to name it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from app.directory.model import Directory
from app.policy import Policy
from app.store.repository import TenantRecord
from app.store.trusts import TrustRecord
from app.tenants import TenantSettings
from app.trusts.overlay import Layers, SenderPolicies, StaffGroup, effective


@dataclass(frozen=True, slots=True)
class TenantState:
    """One school as a check sees it. Immutable: a reload swaps the whole object."""

    id: str
    slug: str
    name: str
    revision: int
    settings: TenantSettings
    domains: frozenset[str]
    policy: Policy
    directory: Directory
    keys: Mapping[str, tuple[str, str]] = field(default_factory=dict)  # hash -> (role, label)
    # Trusts (app.trusts): the school's trust, whether this is a trust's fallback
    # view (see app.trusts.routing), and the effective policy per sender,
    # precomputed here so a check does one dict look-up.
    trust_id: str | None = None
    trust_view: bool = False
    policies: SenderPolicies | None = None

    def policy_for(self, sender: str) -> Policy:
        """The effective policy for a sender (trust → school → staff groups)."""
        return self.policy if self.policies is None else self.policies.policy_for(sender.lower())

    def staff_group(self, sender: str) -> str:
        """The sender's staff groups for the audit ("level:name", comma-separated,
        at most 200 characters; ``""`` for none): one dict look-up, computed
        with the policies. A group's key, never the person."""
        if self.policies is None:
            return ""
        return ",".join(self.policies.groups_for(sender.lower()))[:200]

    @classmethod
    def from_record(
        cls,
        rec: TenantRecord,
        directory: Directory | None = None,
        *,
        trust: TrustRecord | None = None,
        groups: tuple[StaffGroup, ...] = (),
    ) -> TenantState:
        # The domains that identify the school are its own: mail to them is
        # internal whatever the policy lists (policy.internal_domains adds more).
        # A trust's shared domains are internal to each of its schools.
        internal = frozenset(rec.domains) | frozenset(trust.domains if trust else ())
        if directory is None:
            directory = Directory.build(
                rec.people,
                rec.groups,
                internal_domains=internal,
                version=rec.directory_version,
            )
        elif directory.internal_domains != internal:
            directory = replace(directory, internal_domains=internal)
        policies: SenderPolicies | None = None
        policy = rec.policy
        if trust is not None or groups:
            layers = Layers(
                trust=trust.policy if trust is not None else None,
                school=rec.policy.content_dict(),
                school_version=rec.policy.version,
                groups=(*(trust.groups if trust else ()), *groups),
            )
            policies = effective(layers, directory.people, school_policy=rec.policy)
            policy = policies.default
        return cls(
            id=rec.id,
            slug=rec.slug,
            name=rec.name,
            revision=rec.revision,
            settings=rec.settings,
            domains=frozenset(rec.domains),
            policy=policy,
            directory=directory,
            keys=rec.keys,
            trust_id=rec.trust_id if trust is not None else None,
            policies=policies,
        )
