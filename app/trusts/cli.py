"""``etiquette trust create|show|add-school|key|keys|revoke`` and ``etiquette policy show
--school X --sender Y`` (the effective policy, as a check would use it).

All use the store named by ``DATABASE_URL``. User errors are one line and exit 2.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from app.policy import Policy


def add_parser(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "trust",
        help="multi-academy trusts: shared domains, schools, policy (uses DATABASE_URL)",
        description=__doc__.splitlines()[0] if __doc__ else None,
    )
    p.add_argument(
        "action",
        choices=["create", "show", "add-school", "key", "keys", "revoke"],
        help="key: a new trust admin key; keys: list them; revoke --id N",
    )
    p.add_argument("slug", help="the trust's slug (same rules as a school's)")
    p.add_argument("school", nargs="?", default="", help="add-school: the school's slug")
    p.add_argument("--name", help="display name (create; add-school of a new school)")
    p.add_argument(
        "--domain",
        action="append",
        default=[],
        help="create: a shared sender domain of the trust; add-school: the new school's own "
        "domain (optional: the trust's are shared). Repeatable",
    )
    p.add_argument("--entra-tenant-id", help="the trust's Entra (Microsoft 365) tenant id (create)")
    p.add_argument("--google-domain", help="the trust's Google Workspace domain (create)")
    p.add_argument(
        "--policy",
        help="create: the trust's policy (YAML or JSON); add-school: the school's overrides",
    )
    p.add_argument("--roster", help="add-school of a new school: its people CSV")
    p.add_argument("--groups", help="add-school of a new school: its groups CSV")
    p.add_argument("--label", default="cli", help="who the key is for, kept with changes")
    p.add_argument("--id", type=int, help="revoke: the key's id (see `trust keys`)")
    p.add_argument("--json", action="store_true", help="show: machine-readable output")
    p.add_argument("--admin-email", help="create: the first console admin's email (whole trust)")
    p.set_defaults(func=cmd_trust)


def _overlay_file(path: str) -> dict[str, Any]:
    from pathlib import Path

    from app.cli_common import CliError

    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CliError(f"{path}: cannot read ({type(exc).__name__})") from None
    try:
        from app.yaml_files import load_json, load_yaml

        data = load_json(text) if path.lower().endswith(".json") else load_yaml(text)
    except ValueError as exc:
        raise CliError(f"{path}: {exc}") from None
    if not isinstance(data, dict):
        raise CliError(f"{path}: a policy file holds a mapping at the top level")
    return data


def cmd_trust(args: argparse.Namespace) -> int:
    from app.cli_common import CliError, open_store
    from app.errors import Conflict, NotFound
    from app.schools import DomainError, SlugError
    from app.store.trusts import IdentityError, TrustStore
    from app.trusts.overlay import OverlayError

    store = open_store()
    trusts = TrustStore(store.db)
    try:
        if args.action == "create":
            from app.cli_common import admin_email_arg

            overlay = _overlay_file(args.policy) if args.policy else None
            first = admin_email_arg(args.admin_email)
            new_id, key = trusts.create_trust(
                args.slug,
                args.name or args.slug,
                args.domain,
                entra_tenant_id=args.entra_tenant_id,
                google_domain=args.google_domain,
                policy=overlay,
                key_label=args.label,
                by="cli",
            )
            print(f"created trust {args.slug.casefold()!r}")
            if first:
                from app.console.setup import first_admin
                from app.store.console import Scope

                first_admin(store.db, Scope(trust_id=new_id), first)
                print(f"console admin: {first} (signs in at /console)")
            print(
                f"trust admin API key for {args.slug.casefold()} "
                "(shown once; only its hash is stored):"
            )
            print(key)
            return 0
        trust_id = trusts.trust_id_for_slug(args.slug)
        if trust_id is None:
            raise CliError(f"no trust {args.slug!r}")
        if args.action == "show":
            return _show(trusts, trust_id, as_json=args.json)
        if args.action == "key":
            with store.db.session() as s:
                key = trusts.scoped(s, trust_id).create_admin_key(args.label)
            print(f"trust admin API key for {args.slug.casefold()} (shown once):")
            print(key)
            return 0
        if args.action == "keys":
            with store.db.session() as s:
                for key_id, label, at in trusts.scoped(s, trust_id).api_keys():
                    print(f"{key_id:>4}  {label:<30} created {at:%Y-%m-%d %H:%M} UTC")
            return 0
        if args.action == "revoke":
            if args.id is None:
                raise CliError("trust revoke: give --id (see `trust keys`)")
            with store.db.session() as s:
                trusts.scoped(s, trust_id).revoke_key(args.id)
            print(f"revoked trust admin key {args.id}")
            return 0
        return _add_school(args, store, trusts, trust_id)
    except (Conflict, DomainError, SlugError, OverlayError, NotFound, IdentityError) as exc:
        raise CliError(str(exc)) from None


def _show(trusts: Any, trust_id: str, *, as_json: bool) -> int:
    rec = trusts.load(trust_id)
    data = {
        "slug": rec.slug,
        "name": rec.name,
        "domains": list(rec.domains),
        "entra_tenant_id": rec.entra_tenant_id,
        "google_domain": rec.google_domain,
        "policy_version": rec.policy_version,
        "policy": dict(rec.policy),
        "staff_groups": [
            {"name": g.name, "roles": list(g.roles), "departments": list(g.departments)}
            for g in rec.groups
        ],
        "schools": [slug for _, slug in rec.schools],
        "admin_keys": len(rec.keys),
    }
    if as_json:
        print(json.dumps(data, indent=2))
        return 0
    print(f"{rec.slug}  {rec.name}")
    print(f"  domains:  {', '.join(rec.domains) or '-'}")
    print(f"  entra:    {rec.entra_tenant_id or '-'}   google: {rec.google_domain or '-'}")
    print(f"  policy:   v{rec.policy_version} {json.dumps(dict(rec.policy), sort_keys=True)}")
    for g in rec.groups:
        print(
            f"  group:    {g.name} (roles: {';'.join(g.roles) or '-'}; "
            f"departments: {';'.join(g.departments) or '-'})"
        )
    print(f"  schools:  {', '.join(s for _, s in rec.schools) or '-'}")
    return 0


def _add_school(args: argparse.Namespace, store: Any, trusts: Any, trust_id: str) -> int:
    from app.cli_common import CliError, load_csv, policy_arg, print_key
    from app.directory.csv_roster import load_groups_csv, load_roster_csv
    from app.schools import school_slug

    if not args.school:
        raise CliError("trust add-school: give the school's slug")
    slug = school_slug(args.school)
    existing = store.tenant_id_for_slug(slug)
    if existing is not None:
        if args.domain or args.policy or args.roster or args.groups:
            raise CliError(f"school {slug!r} exists: it is added as it is (no --domain/--policy)")
        with store.db.session() as s:
            trusts.scoped(s, trust_id).adopt_school(existing)
        print(f"school {slug!r} is now under trust {args.slug.casefold()!r}")
        return 0
    policy = policy_arg(args.policy) or Policy()
    people = load_csv(args.roster, load_roster_csv) if args.roster else None
    groups = load_csv(args.groups, load_groups_csv) if args.groups else None
    _, key = trusts.create_school(
        trust_id,
        slug,
        args.name or slug,
        args.domain,
        policy=policy,
        people=people,
        groups=groups,
        key_label=args.label,
        by="cli",
    )
    print(f"created school {slug!r} under trust {args.slug.casefold()!r}")
    print_key("admin", slug, key)
    return 0


def effective_policy(store: Any, slug: str, sender: str) -> tuple[Policy, tuple[str, ...]]:
    """(the sender's effective policy at the school, their staff groups), built by
    the same code the service runs at load time."""
    from app.cli_common import CliError
    from app.store.trusts import TrustStore
    from app.tenant_state import TenantState

    tenant_id = store.tenant_id_for_slug(slug)
    if tenant_id is None:
        raise CliError(f"no school {slug!r}")
    rec = store.load(tenant_id)
    trusts = TrustStore(store.db)
    trust = trusts.load(rec.trust_id) if rec.trust_id else None
    state = TenantState.from_record(rec, trust=trust, groups=tuple(trusts.school_groups(tenant_id)))
    address = sender.strip().lower()
    groups = state.policies.groups_for(address) if state.policies else ()
    return state.policy_for(address), groups
