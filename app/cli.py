"""The ``etiquette`` command.

- ``etiquette serve [--demo]``: run the service
- ``etiquette check MESSAGE.eml [--policy FILE] [--roster FILE] [--json]``
- ``etiquette audit MBOX_OR_DIR [--policy FILE] [--roster FILE] [--json]``
- ``etiquette policy show|validate FILE``
- ``etiquette names scan [--roster FILE] [--json]``
- ``etiquette manifest outlook|gmail --host https://...``
- ``etiquette school create|key|list|keys|revoke|rotate|disable|enable|delete``:
  schools and their API keys in the store named by ``DATABASE_URL``
- ``etiquette trust create|show|add-school|key``; ``etiquette policy show
  --school X --sender Y`` (``app.trusts.cli``)

Exit codes: 0 ok (``check``: allowed), 1 ``check`` found warn/block, 2 a user
error (a missing or invalid file, bad arguments, an unknown school, a bad
setting), printed as one line on stderr, never as a traceback and never
echoing a secret.
"""

from __future__ import annotations

import argparse
import json
import mailbox
import os
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from app.checker import Checker
from app.cli_common import (
    CliError,
    admin_email_arg,
    env_settings,
    load_csv,
    open_store,
    policy_arg,
    print_key,
)
from app.directory.csv_roster import load_groups_csv, load_roster_csv
from app.directory.model import Directory
from app.domain import Action, FixKind, email_domain
from app.eml import EmlError, read_bytes, read_eml
from app.policy import Policy
from app.rules.registry import RULES
from app.store import Store

if TYPE_CHECKING:
    pass


# -- shared loading -------------------------------------------------------------


def _directory(roster: str | None, groups: str | None) -> Directory:
    people = load_csv(roster, load_roster_csv) if roster else []
    grps = load_csv(groups, load_groups_csv) if groups else []
    return Directory.build(people, grps)


class _Files:
    """What the CLI checks against (a :class:`app.checker.Target`): the roster
    files, and the given policy or one per sender domain treating that domain
    as internal."""

    id = ""  # no school: nothing is audited

    def __init__(self, policy: Policy | None, directory: Directory) -> None:
        self.policy = policy
        self.directory = directory
        self._by_domain: dict[str, Policy] = {}

    def policy_for(self, sender: str) -> Policy:
        if self.policy is not None:
            return self.policy
        d = email_domain(sender)
        if d not in self._by_domain:
            self._by_domain[d] = Policy(internal_domains=(d,))
        return self._by_domain[d]

    def staff_group(self, sender: str) -> str:
        return ""


# -- commands -------------------------------------------------------------------


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from app.observability.logs import serve_log_config

    if args.demo:
        os.environ["ETIQUETTE_DEMO"] = "1"
    _preflight()
    uvicorn.run(
        "app.main:create_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        proxy_headers=True,
        log_config=serve_log_config(),
        # The app writes its own access line, opt-in (ETIQUETTE_ACCESS_LOG=1).
        access_log=False,
    )
    return 0


def _preflight() -> None:
    """What would stop the service starting, said in one line before uvicorn runs."""
    from app.demo import DemoIsolationError, check_isolation
    from app.store import Database

    settings = env_settings()
    try:
        db = Database(settings.store_url)
        db.migrate()
    except Exception as exc:
        raise CliError(
            f"cannot open the database ({type(exc).__name__}): check DATABASE_URL"
        ) from None
    try:
        check_isolation(Store(db), demo=settings.demo)
    except DemoIsolationError as exc:
        raise CliError(str(exc)) from None
    finally:
        db.dispose()


def cmd_check(args: argparse.Namespace) -> int:
    path = Path(args.message)
    try:
        message = read_eml(path, default_send_at=datetime.now(UTC))
    except FileNotFoundError:
        raise CliError(f"{path}: no such file") from None
    except EmlError as exc:
        raise CliError(f"{path}: {exc}") from None
    target = _Files(policy_arg(args.policy), _directory(args.roster, args.groups))
    verdict = Checker(None).check(target, message).verdict
    if args.json:
        # An admin's tool, like the dry-run: silent roll-out findings shown, apart.
        data = {**verdict.to_dict(), "silent": [f.to_dict() for f in verdict.silent]}
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        print(f"{verdict.action.value.upper()}: {path.name} ({len(verdict.findings)} finding(s))")
        for f in verdict.findings:
            print(f"  {f.code} {f.rule} [{f.severity.value}] {f.title}")
            print(f"      {f.message}")
            print(f"      ({f.policy_ref})")
            for fix in f.fixes:
                print(f"      fix: {fix.title}")
                if fix.kind is FixKind.REPLACE_SUBJECT:
                    print(f"           new subject: {fix.params.get('subject', '')}")
        for f in verdict.silent:  # silent roll-out: the sender would see nothing
            print(f"  {f.code} {f.rule} [silent, would {f.severity.value}] {f.title}")
    return 0 if verdict.action is Action.ALLOW else 1


def _messages(source: Path) -> Iterator[tuple[str, bytes]]:
    if source.is_dir():
        # .eml, .EML, .Eml: Windows and some exporters upper-case extensions.
        for p in sorted(source.rglob("*")):
            if p.suffix.lower() == ".eml" and p.is_file():
                yield str(p), p.read_bytes()
        return
    box = mailbox.mbox(str(source), create=False)
    try:
        for i, key in enumerate(box.iterkeys()):
            yield f"{source.name}#{i}", box.get_bytes(key)
    finally:
        box.close()


def _nothing_found(source: Path) -> str:
    """Why an audit found no message, in one line."""
    if source.is_dir():
        return (
            f"{source}: no .eml files in this folder or below (audit reads .eml files "
            "or one mbox file)"
        )
    kind = source.suffix.lower()
    what = {".csv": "a CSV file", ".eml": "one message: use `etiquette check`"}.get(kind)
    return (
        f"{source}: no messages found: "
        + (f"this is {what}; " if what else "")
        + "audit reads an mbox file (each message after a 'From ' line) or a folder of .eml files"
    )


def cmd_audit(args: argparse.Namespace) -> int:
    source = Path(args.source)
    if not source.exists():
        raise CliError(f"{source}: no such file or folder")
    target = _Files(policy_arg(args.policy), _directory(args.roster, args.groups))
    checker = Checker(None)  # the null audit sink: evaluated and timed, nothing recorded
    now = datetime.now(UTC)
    actions: Counter[str] = Counter()
    per_rule: Counter[str] = Counter()
    unreadable = 0
    total = 0
    progress = args.progress or (sys.stderr.isatty() and not args.json)
    started = time.perf_counter()
    for _name, data in _messages(source):
        try:
            message = read_bytes(data, default_send_at=now)
        except (EmlError, ValueError):
            unreadable += 1
            continue
        verdict = checker.check(target, message).verdict
        total += 1
        actions[verdict.action.value] += 1
        for code in dict.fromkeys(verdict.codes):
            per_rule[code] += 1
        if progress and total % 500 == 0:
            print(f"\r{total} messages checked...", end="", file=sys.stderr, flush=True)
    if progress and total >= 500:
        print(file=sys.stderr)
    if total + unreadable == 0:
        raise CliError(_nothing_found(source))
    elapsed = time.perf_counter() - started
    summary = {
        "messages": total,
        "unreadable": unreadable,
        "by_action": {a.value: actions.get(a.value, 0) for a in Action},
        "by_rule": {r.code: {"name": r.name, "flagged": per_rule.get(r.code, 0)} for r in RULES},
        "seconds": round(elapsed, 3),
    }
    if args.json:
        print(json.dumps(summary, indent=2))
        return 0
    print(f"{total} messages checked in {elapsed:.1f}s ({unreadable} unreadable)")
    print("  " + "   ".join(f"{a.value} {actions.get(a.value, 0)}" for a in Action))
    print()
    print(f"  {'code':<7} {'rule':<40} {'flagged':>8} {'share':>7}")
    for r in RULES:
        n = per_rule.get(r.code, 0)
        share = f"{100 * n / total:.1f}%" if total else "-"
        print(f"  {r.code:<7} {r.name:<40} {n:>8} {share:>7}")
    return 0


def cmd_policy(args: argparse.Namespace) -> int:
    if args.school or args.sender:  # the effective policy from the store (app.trusts.cli)
        from app.trusts.cli import effective_policy

        if args.action != "show" or args.file or not (args.school and args.sender):
            raise CliError("policy show --school SLUG --sender ADDRESS (no FILE)")
        policy, groups = effective_policy(open_store(), args.school, args.sender)
        print(f"# staff groups: {', '.join(groups) or '-'}", file=sys.stderr)
    else:
        if not args.file:
            raise CliError(f"policy {args.action}: give a FILE (or --school and --sender)")
        loaded = policy_arg(args.file)
        assert loaded is not None
        policy = loaded
    if args.action == "validate":
        print(
            f"{args.file}: valid (school: {policy.school_name or '-'}, "
            f"{len(policy.internal_domains)} internal domain(s))"
        )
        return 0
    data = policy.model_dump(mode="json", exclude={"version"})
    if args.format == "json":
        print(json.dumps(data, indent=2))
    else:
        import yaml

        print(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), end="")
    return 0


def cmd_school(args: argparse.Namespace) -> int:
    from app.errors import Conflict, NotFound
    from app.schools import DomainError, SlugError, school_slug, sender_domains

    if args.action == "create":
        # Everything is checked before anything is written, then written in
        # one transaction: a bad roster leaves no half-made school behind.
        try:
            slug = school_slug(args.slug)
            domains = sender_domains(args.domain)
        except (SlugError, DomainError) as exc:
            hint = " (give --domain)" if not args.domain else ""
            raise CliError(f"{exc}{hint}") from None
        policy = policy_arg(args.policy) or Policy(internal_domains=tuple(domains))
        first = admin_email_arg(args.admin_email)
        people = load_csv(args.roster, load_roster_csv) if args.roster else None
        groups = load_csv(args.groups, load_groups_csv) if args.groups else None
        store = open_store()
        try:
            new_id, key = store.create_school(
                slug,
                args.name or slug,
                domains,
                policy=policy,
                people=people,
                groups=groups,
                key_role=args.role,
                key_label=args.label,
                by="cli",
            )
        except (Conflict, DomainError) as exc:
            raise CliError(str(exc)) from None
        print(f"created school {slug!r}")
        if first:
            from app.console.setup import first_admin
            from app.store.console import Scope

            first_admin(store.db, Scope(tenant_id=new_id), first)
            print(f"console admin: {first} (signs in at /console)")
        print_key(args.role, slug, key)
        return 0

    store = open_store()
    if args.action == "list":
        for school in store.schools():
            state = "  (disabled)" if school.disabled else ""
            print(
                f"{school.slug:<20} {school.name:<40} policy v{school.policy_version}  "
                f"domains: {', '.join(school.domains)}{state}"
            )
        return 0

    if not args.slug:
        raise CliError(f"school {args.action}: give the school's slug")
    tenant_id = store.tenant_id_for_slug(args.slug)
    if tenant_id is None:
        raise CliError(f"no school {args.slug!r}")
    slug = args.slug.casefold()
    try:
        return _school_action(args, store, tenant_id, slug)
    except NotFound as exc:
        raise CliError(str(exc)) from None
    except Conflict as exc:
        raise CliError(str(exc)) from None


def _school_action(args: argparse.Namespace, store: Store, tenant_id: str, slug: str) -> int:
    if args.action == "key":
        with store.db.session() as s:
            key = store.scoped(s, tenant_id).create_api_key(args.role, args.label)
        print_key(args.role, slug, key)
    elif args.action == "keys":
        with store.db.session() as s:
            keys = store.scoped(s, tenant_id).api_keys(include_revoked=args.all)
        print(f"{'id':>5}  {'role':<6} {'label':<24} {'created':<17} {'last used':<17} revoked")
        for k in keys:
            print(
                f"{k.id:>5}  {k.role:<6} {k.label[:24]:<24} {_when(k.created_at):<17} "
                f"{_when(k.last_used_at):<17} {_when(k.revoked_at) if k.revoked_at else ''}"
            )
    elif args.action in ("revoke", "rotate"):
        if args.id is None:
            raise CliError(f"school {args.action}: give the key's --id (see `school keys`)")
        with store.db.session() as s:
            repo = store.scoped(s, tenant_id)
            if args.action == "revoke":
                info = repo.revoke_key(args.id)
                print(f"revoked key {info.id} ({info.role}, {info.label or 'no label'})")
            else:
                info, key = repo.rotate_key(args.id)
                print(f"key {args.id} revoked; its replacement is key {info.id}")
                print_key(info.role, slug, key)
    elif args.action in ("disable", "enable"):
        store.set_disabled(tenant_id, args.action == "disable")
        print(f"{slug}: {args.action}d (live on every instance within a refresh)")
    elif args.action == "delete":
        _confirm_delete(args, slug)
        removed = store.delete_tenant(tenant_id)
        print(f"deleted school {slug!r}: " + ", ".join(f"{n} {t}" for t, n in removed.items()))
    return 0


def _confirm_delete(args: argparse.Namespace, slug: str) -> None:
    if args.yes:
        return
    if not sys.stdin.isatty():
        raise CliError(
            f"deleting {slug!r} removes its policy history, directory and audit trail: "
            "add --yes to confirm"
        )
    answer = input(
        f"Delete {slug!r} with its policy history, directory, keys and audit trail? "
        "Type its slug to confirm: "
    )
    if answer.strip().casefold() != slug:
        raise CliError("not confirmed: nothing deleted")


def _when(moment: datetime | None) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M") if moment else "never"


# -- parser ---------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    from app.directory.sync.cli import add_parser as add_sync_parser
    from app.integrations.gmail import cli as gmail_cli
    from app.integrations.outlook import cli as outlook_cli
    from app.names_cli import add_parser as add_names_parser
    from app.ops_cli import add_parser as add_ops_parser
    from app.trusts.cli import add_parser as add_trust_parser

    p = argparse.ArgumentParser(
        prog="etiquette", description=__doc__.splitlines()[0] if __doc__ else None
    )
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("serve", help="run the HTTP service")
    s.add_argument(
        "--demo", action="store_true", help="load the demo school; /v1/check needs no key"
    )
    s.add_argument("--host", default=os.environ.get("ETIQUETTE_HOST", "127.0.0.1"))
    s.add_argument("--port", type=int, default=int(os.environ.get("ETIQUETTE_PORT", "8000")))
    s.add_argument("--workers", type=int, default=1)
    s.set_defaults(func=cmd_serve)

    def directory_args(sp: argparse.ArgumentParser) -> None:
        sp.add_argument(
            "--policy",
            help="policy file (YAML or JSON); default: the sender's "
            "domain is the only internal domain, every rule at its default",
        )
        sp.add_argument("--roster", help="people CSV (MIS export; columns in the README)")
        sp.add_argument("--groups", help="groups CSV (email,name,member_count,kind)")
        sp.add_argument("--json", action="store_true", help="machine-readable output")

    c = sub.add_parser("check", help="check one .eml message")
    c.add_argument("message")
    directory_args(c)
    c.set_defaults(func=cmd_check)

    a = sub.add_parser("audit", help="run the policy over a folder of .eml files or an mbox")
    a.add_argument("source")
    directory_args(a)
    a.add_argument("--progress", action="store_true", help="print progress to stderr")
    a.set_defaults(func=cmd_audit)

    pol = sub.add_parser("policy", help="show or validate a policy file")
    pol.add_argument("action", choices=["show", "validate"])
    pol.add_argument("file", nargs="?", default="")
    pol.add_argument("--school", help="show: a school's effective policy from the store")
    pol.add_argument("--sender", help="show --school: for this sender (staff groups applied)")
    pol.add_argument("--format", choices=["yaml", "json"], default="yaml")
    pol.set_defaults(func=cmd_policy)

    add_names_parser(sub)
    add_sync_parser(sub)
    add_trust_parser(sub)

    sc = sub.add_parser("school", help="schools and their API keys (uses DATABASE_URL)")
    sc.add_argument(
        "action",
        choices=[
            "create",
            "key",
            "list",
            "keys",
            "revoke",
            "rotate",
            "disable",
            "enable",
            "delete",
        ],
        help="create a school (all or nothing); key: a new key; keys: list them; "
        "revoke/rotate --id N; disable/enable; delete (with --yes or a typed confirmation)",
    )
    sc.add_argument(
        "slug",
        nargs="?",
        default="",
        help="short id used in admin URLs: 1-63 lower-case letters, digits and single "
        "hyphens (case-folded)",
    )
    sc.add_argument("--name", help="display name (create)")
    sc.add_argument(
        "--domain",
        action="append",
        default=[],
        help="a sender domain of this school (create; repeatable)",
    )
    sc.add_argument("--policy", help="initial policy file (create)")
    sc.add_argument("--roster", help="initial people CSV (create)")
    sc.add_argument("--groups", help="initial groups CSV (create)")
    sc.add_argument("--id", type=int, help="the key's id (revoke, rotate; see `school keys`)")
    sc.add_argument("--all", action="store_true", help="include revoked keys (keys)")
    sc.add_argument("--yes", action="store_true", help="confirm without asking (delete)")
    sc.add_argument(
        "--role",
        choices=["admin", "check"],
        default="admin",
        help="role of the key printed (create, key)",
    )
    sc.add_argument("--label", default="cli", help="who the key is for, kept with changes")
    sc.add_argument("--admin-email", help="the first console admin's email (create)")
    sc.set_defaults(func=cmd_school)

    m = sub.add_parser("manifest", help="generate add-in manifests for your host")
    msub = m.add_subparsers(dest="host_app", required=True)
    outlook_cli.add_manifest_parser(msub)
    gmail_cli.add_manifest_parser(msub)
    add_ops_parser(sub)  # migrate, retention (app/ops_cli.py)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.func(args)
    except CliError as exc:
        print(f"etiquette: {exc}", file=sys.stderr)
        return 2
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
