"""The ``etiquette`` command.

- ``etiquette serve [--demo]``: run the service
- ``etiquette check MESSAGE.eml [--policy FILE] [--roster FILE] [--json]``
- ``etiquette audit MBOX_OR_DIR [--policy FILE] [--roster FILE] [--json]``
- ``etiquette policy show|validate FILE``
- ``etiquette names scan [--roster FILE] [--json]``
- ``etiquette manifest outlook|gmail --host https://...``
- ``etiquette school create|key|list``: set up schools and API keys in the store
  named by ``DATABASE_URL``

Exit codes: 0 ok (``check``: allowed), 1 ``check`` found warn/block or a file
was invalid, 2 usage errors.
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
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select

from app.directory.csv_roster import RosterError, load_groups_csv, load_roster_csv
from app.directory.model import Directory
from app.domain import Action, Message, Verdict
from app.eml import EmlError, read_bytes, read_eml
from app.engine import evaluate
from app.policy import Policy, load_policy_file
from app.rules.registry import RULES
from app.store import Store
from app.store.models import Tenant


class CliError(Exception):
    pass


# -- shared loading -------------------------------------------------------------


def _policy(path: str | None) -> Policy | None:
    if path is None:
        return None
    try:
        return load_policy_file(Path(path))
    except FileNotFoundError:
        raise CliError(f"{path}: no such file") from None
    except ValidationError as exc:
        raise CliError(f"{path}: invalid policy:\n{_errors(exc)}") from None
    except ValueError as exc:
        raise CliError(f"{path}: {exc}") from None


def _errors(exc: ValidationError) -> str:
    return "\n".join(
        f"  {'.'.join(str(p) for p in e['loc']) or '(top)'}: {e['msg']}" for e in exc.errors()
    )


def _directory(roster: str | None, groups: str | None) -> Directory:
    try:
        people = load_roster_csv(Path(roster)) if roster else []
        grps = load_groups_csv(Path(groups)) if groups else []
    except FileNotFoundError as exc:
        raise CliError(f"{exc.filename}: no such file") from None
    except RosterError as exc:
        raise CliError(f"roster: {exc}") from None
    return Directory.build(people, grps)


class _PolicyFor:
    """The given policy, or one per sender domain treating that domain as internal."""

    def __init__(self, policy: Policy | None) -> None:
        self.policy = policy
        self._by_domain: dict[str, Policy] = {}

    def __call__(self, message: Message) -> Policy:
        if self.policy is not None:
            return self.policy
        d = message.sender.domain
        if d not in self._by_domain:
            self._by_domain[d] = Policy(internal_domains=(d,))
        return self._by_domain[d]


def _verdict_json(verdict: Verdict) -> dict[str, Any]:
    return {
        "action": verdict.action.value,
        "findings": [f.to_dict() for f in verdict.findings],
        "policy_version": verdict.policy_version,
        "duration_ms": verdict.duration_ms,
    }


# -- commands -------------------------------------------------------------------


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    if args.demo:
        os.environ["ETIQUETTE_DEMO"] = "1"
    uvicorn.run(
        "app.main:create_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        proxy_headers=True,
        log_level="info",
    )
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    path = Path(args.message)
    try:
        message = read_eml(path, default_send_at=datetime.now(UTC))
    except FileNotFoundError:
        raise CliError(f"{path}: no such file") from None
    except EmlError as exc:
        raise CliError(f"{path}: {exc}") from None
    policy = _PolicyFor(_policy(args.policy))(message)
    directory = _directory(args.roster, args.groups)
    t0 = time.perf_counter()
    verdict = evaluate(message, policy, directory)
    verdict = replace(verdict, duration_ms=round((time.perf_counter() - t0) * 1000, 3))
    if args.json:
        print(json.dumps(_verdict_json(verdict), indent=2, ensure_ascii=False))
    else:
        print(f"{verdict.action.value.upper()}: {path.name} ({len(verdict.findings)} finding(s))")
        for f in verdict.findings:
            print(f"  {f.code} {f.rule} [{f.severity.value}] {f.title}")
            print(f"      {f.message}")
            print(f"      ({f.policy_ref})")
            for fix in f.fixes:
                print(f"      fix: {fix.title}")
    return 0 if verdict.action is Action.ALLOW else 1


def _messages(source: Path) -> Iterator[tuple[str, bytes]]:
    if source.is_dir():
        for p in sorted(source.rglob("*.eml")):
            yield str(p), p.read_bytes()
        return
    box = mailbox.mbox(str(source), create=False)
    try:
        for i, key in enumerate(box.iterkeys()):
            yield f"{source.name}#{i}", box.get_bytes(key)
    finally:
        box.close()


def cmd_audit(args: argparse.Namespace) -> int:
    source = Path(args.source)
    if not source.exists():
        raise CliError(f"{source}: no such file or folder")
    policy_for = _PolicyFor(_policy(args.policy))
    directory = _directory(args.roster, args.groups)
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
        verdict = evaluate(message, policy_for(message), directory)
        total += 1
        actions[verdict.action.value] += 1
        for code in dict.fromkeys(verdict.codes):
            per_rule[code] += 1
        if progress and total % 500 == 0:
            print(f"\r{total} messages checked...", end="", file=sys.stderr, flush=True)
    if progress and total >= 500:
        print(file=sys.stderr)
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
    policy = _policy(args.file)
    assert policy is not None
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


def _store() -> Store:
    from app.config import Settings
    from app.store import Database

    # Setting up a store needs no secret key: nothing is hashed here.
    settings = Settings(environment="development")
    db = Database(settings.database_url)
    db.migrate()
    return Store(db)


def cmd_school(args: argparse.Namespace) -> int:
    from app.store.repository import Conflict

    store = _store()
    if args.action == "list":
        with store.db.session() as s:
            for t in s.scalars(select(Tenant).order_by(Tenant.slug)):
                repo = store.scoped(s, t.id)
                print(
                    f"{t.slug:<20} {t.name:<40} policy v{repo.current_version()}  "
                    f"domains: {', '.join(repo.domains())}"
                )
        return 0
    if args.action == "create":
        policy = _policy(args.policy) or Policy(internal_domains=tuple(args.domain))
        try:
            tenant_id = store.create_tenant(
                args.slug, args.name or args.slug, args.domain, policy=policy, by="cli"
            )
        except Conflict as exc:
            raise CliError(str(exc)) from None
        if args.roster:
            people = load_roster_csv(Path(args.roster))
            with store.db.session() as s:
                store.scoped(s, tenant_id).replace_directory(people, None)
        print(f"created school {args.slug!r}")
    tenant_id_or_none = store.tenant_id_for_slug(args.slug)
    if tenant_id_or_none is None:
        raise CliError(f"no school {args.slug!r}")
    with store.db.session() as s:
        key = store.scoped(s, tenant_id_or_none).create_api_key(args.role, args.label)
    print(f"{args.role} API key for {args.slug} (shown once; only its hash is stored):")
    print(key)
    return 0


# -- parser ---------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    from app.directory.sync.cli import add_parser as add_sync_parser
    from app.integrations.gmail import cli as gmail_cli
    from app.integrations.outlook import cli as outlook_cli
    from app.names_cli import add_parser as add_names_parser

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
    pol.add_argument("file")
    pol.add_argument("--format", choices=["yaml", "json"], default="yaml")
    pol.set_defaults(func=cmd_policy)

    add_names_parser(sub)
    add_sync_parser(sub)

    sc = sub.add_parser("school", help="create schools and API keys (uses DATABASE_URL)")
    sc.add_argument("action", choices=["create", "key", "list"])
    sc.add_argument("slug", nargs="?", default="", help="short id used in admin URLs")
    sc.add_argument("--name", help="display name (create)")
    sc.add_argument(
        "--domain",
        action="append",
        default=[],
        help="a sender domain of this school (create; repeatable)",
    )
    sc.add_argument("--policy", help="initial policy file (create)")
    sc.add_argument("--roster", help="initial people CSV (create)")
    sc.add_argument(
        "--role",
        choices=["admin", "check"],
        default="admin",
        help="role of the key printed (create, key)",
    )
    sc.add_argument("--label", default="cli", help="who the key is for, kept with changes")
    sc.set_defaults(func=cmd_school)

    m = sub.add_parser("manifest", help="generate add-in manifests for your host")
    msub = m.add_subparsers(dest="host_app", required=True)
    outlook_cli.add_manifest_parser(msub)
    gmail_cli.add_manifest_parser(msub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.func(args)
    except CliError as exc:
        print(f"etiquette: {exc}", file=sys.stderr)
        return 1
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
