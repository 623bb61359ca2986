"""The console's Policy page: the schema-generated editor, review-then-save through
the API's service layer, the YAML view, versions and roll-back, the dry-run
(pasted fields, .eml, mbox; nothing stored), permissions, CSRF, other schools and
bad input (a 4xx page, never a 500)."""

from __future__ import annotations

import html
import json
import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.api.rules import catalogue
from app.console.policy import DRY_RUN_MAX, as_yaml, diff_lines
from app.runtime import Runtime
from app.store.console import Scope
from tests.console.conftest import SignIn, school_scope, store_of
from tests.console.test_console_pages import as_role, runtime_of

S = "/console/schools/stmarys"
P = f"{S}/policy"
ADMIN_KEY = {"X-API-Key": "etq_demo_admin_key"}


def editor_form(page: str) -> dict[str, str]:
    """Every field of the editor as the browser would send it, unchanged."""
    form: dict[str, str] = {}
    for m in re.finditer(
        r'<input type="(?:number|text)" id="[^"]+" name="([^"]+)" value="([^"]*)"', page
    ):
        form[m.group(1)] = html.unescape(m.group(2))
    for m in re.finditer(r'<textarea id="[^"]+" name="([^"]+)"[^>]*>([^<]*)</textarea>', page):
        form[m.group(1)] = html.unescape(m.group(2))
    for m in re.finditer(r'<select id="[^"]+" name="([^"]+)"[^>]*>(.*?)</select>', page, re.S):
        sel = re.search(r'<option value="([^"]*)" selected', m.group(2))
        form[m.group(1)] = sel.group(1) if sel else ""
    for m in re.finditer(r'<input type="checkbox" id="[^"]+" name="([^"]+)"( checked)?', page):
        if m.group(2):
            form[m.group(1)] = "on"
    form["csrf"] = re.search(r'name="csrf" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    return form


def hidden(page: str, name: str) -> str:
    m = re.search(rf'<input type="hidden" name="{name}" value="([^"]*)"', page)
    assert m, f"no hidden {name}"
    return html.unescape(m.group(1))


def api_policy(c: TestClient) -> dict[str, Any]:
    r = c.get("/v1/admin/schools/stmarys/policy", headers=ADMIN_KEY)
    assert r.status_code == 200
    out: dict[str, Any] = r.json()
    return out


def versions(c: TestClient) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = c.get(
        "/v1/admin/schools/stmarys/policy/versions", headers=ADMIN_KEY
    ).json()
    return out


def changes(c: TestClient) -> list[str]:
    return [f"{x.code} {x.target}" for x in store_of(c).changes(school_scope(c), limit=50)]


# -- the editor is the schema ------------------------------------------------------


def test_the_editor_has_every_option_of_every_rule_with_its_bounds_and_citation(
    app_client: TestClient, sign_in: SignIn
) -> None:
    as_role(app_client, sign_in, "admin")
    page = app_client.get(P).text
    for rule in catalogue():
        assert f'id="rule-{rule["code"]}"' in page
        assert html.escape(rule["policy_ref"]) in page
        for option in rule["options_schema"]["properties"]:
            assert f'name="rules.{rule["code"]}.{option}"' in page, (rule["code"], option)
    # Bounds from the schema; an enum as a select; booleans as checkboxes; lists one per line.
    assert re.search(r'name="rules.REC001.max_recipients" value="25" min="1" max="100000"', page)
    assert re.search(r'<select id="f-rules-REC003-severity" name="rules.REC003.severity"', page)
    assert re.search(
        r'type="checkbox" id="f-rules-SUB001-detector" name="rules.SUB001.detector" checked', page
    )
    assert re.search(r'<textarea id="f-rules-SUB002-placeholders"[^>]*>no subject\nuntitled', page)
    # Each field is described by its hint: description, default and the policy paragraph.
    m = re.search(r'<p id="f-rules-REC001-max_recipients-hint" class="hint">(.*?)</p>', page, re.S)
    assert m and "Default: 25" in m.group(1) and "§4.5" in m.group(1)
    assert 'aria-describedby="f-rules-REC001-max_recipients-hint"' in page


def test_a_field_the_schema_adds_appears_without_a_change_to_the_page(
    app_client: TestClient, sign_in: SignIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Roll-out mode, say: whatever the options schema serves is drawn."""
    import app.console.policy as page_module

    def more() -> list[dict[str, Any]]:
        rules = catalogue()
        props = rules[0]["options_schema"]["properties"]
        props["mode"] = {
            "enum": ["silent", "advise"],
            "default": "advise",
            "description": "Roll-out.",
        }
        props["reason_required"] = {"type": "boolean", "default": False, "description": "Why."}
        return rules

    monkeypatch.setattr(page_module, "catalogue", more)
    as_role(app_client, sign_in, "admin")
    page = app_client.get(P).text
    code = catalogue()[0]["code"]
    assert f'<select id="f-rules-{code}-mode" name="rules.{code}.mode"' in page
    assert f'type="checkbox" id="f-rules-{code}-reason_required"' in page


# -- review, save, versions, roll-back ------------------------------------------------


def test_edit_review_confirm_then_roll_back(app_client: TestClient, sign_in: SignIn) -> None:
    as_role(app_client, sign_in, "admin")
    before = api_policy(app_client)
    form = editor_form(app_client.get(P).text)
    form["rules.REC001.max_recipients"] = "40"
    form["rules.REC002.severity"] = "block"
    review = app_client.post(f"{P}/review", data=form)
    assert review.status_code == 200 and "Review changes" in review.text
    # The diff: text labels and signs, not colour only.
    assert re.search(
        r"Removed</td><td>\d+</td><td></td><td><code>    max_recipients: 25</code>", review.text
    )
    assert re.search(
        r"Added</td><td></td><td>\d+</td><td><code>    max_recipients: 40</code>", review.text
    )
    assert api_policy(app_client)["version"] == before["version"]  # nothing saved yet
    confirm = {
        "csrf": form["csrf"],
        "draft": hidden(review.text, "draft"),
        "base": hidden(review.text, "base"),
        "comment": "bigger classes",
    }
    r = app_client.post(f"{P}/save", data=confirm, follow_redirects=False)
    assert r.status_code == 303
    after = api_policy(app_client)
    assert after["version"] == before["version"] + 1
    assert after["set_by_school"]["rules"]["REC001"] == {"max_recipients": 40}
    assert after["set_by_school"]["rules"]["REC002"] == {"severity": "block"}
    # Only what changed became a school setting: untouched defaults stay defaults.
    assert "SUB002" not in after["set_by_school"]["rules"]
    assert {k: v for k, v in after["set_by_school"].items() if k != "rules"} == {
        k: v for k, v in before["set_by_school"].items() if k != "rules"
    }
    latest = versions(app_client)[0]
    assert latest["created_by"] == "person@stmarys.sch.uk" and latest["comment"] == "bigger classes"
    # Live at once: a check under the new policy.
    runtime: Runtime = runtime_of(app_client)
    school = next(s for s in runtime.tenants() if s.slug == "stmarys")
    assert school.policy.version == after["version"]
    page = app_client.get(r.headers["location"]).text
    assert f"Saved as version {after['version']}." in page
    assert f"Roll back to version {before['version']}" in page
    # Saving the same draft again: no new version.
    again = app_client.post(f"{P}/save", data={**confirm, "base": str(after["version"])})
    assert "Nothing changed" in again.text and api_policy(app_client)["version"] == after["version"]
    # Roll back: a new version equal to the old one, logged.
    r = app_client.post(
        f"{P}/versions/{before['version']}/rollback",
        data={"csrf": form["csrf"]},
        follow_redirects=False,
    )
    assert r.status_code == 303
    rolled = api_policy(app_client)
    assert rolled["version"] == after["version"] + 1
    assert rolled["set_by_school"] == before["set_by_school"]
    assert versions(app_client)[0]["comment"] == f"roll back to version {before['version']}"
    log = changes(app_client)
    assert log[0] == f"policy.rollback v{before['version']}->v{rolled['version']}"
    assert log[1] == f"policy.save v{after['version']}"
    # Rolling back to what is current changes nothing.
    r = app_client.post(f"{P}/versions/{rolled['version']}/rollback", data={"csrf": form["csrf"]})
    assert (
        "nothing to roll back" in r.text and api_policy(app_client)["version"] == rolled["version"]
    )


def test_an_unchanged_form_is_no_change(app_client: TestClient, sign_in: SignIn) -> None:
    as_role(app_client, sign_in, "admin")
    r = app_client.post(f"{P}/review", data=editor_form(app_client.get(P).text))
    assert (
        r.status_code == 200
        and "No changes" in r.text
        and 'action="/console/schools/stmarys/policy/save"' not in r.text
    )


def test_a_save_after_someone_else_saved_is_refused(
    app_client: TestClient, sign_in: SignIn
) -> None:
    as_role(app_client, sign_in, "admin")
    form = editor_form(app_client.get(P).text)
    form["rules.REC001.max_recipients"] = "30"
    review = app_client.post(f"{P}/review", data=form).text
    r = app_client.patch(
        "/v1/admin/schools/stmarys/policy",
        headers=ADMIN_KEY,
        json={"policy": {"rules": {"REC002": "warn"}}},
    )
    assert r.status_code == 200 and r.json()["changed"]
    r = app_client.post(
        f"{P}/save",
        data={
            "csrf": form["csrf"],
            "draft": hidden(review, "draft"),
            "base": hidden(review, "base"),
        },
    )
    assert r.status_code == 409 and "changed meanwhile" in r.text
    assert api_policy(app_client)["set_by_school"]["rules"]["REC002"] == {"severity": "warn"}


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("rules.REC001.max_recipients", "0", "greater than or equal to 1"),
        ("rules.REC001.max_recipients", "many", "Enter a whole number."),
        ("rules.REC001.max_recipients", "100001", "less than or equal to 100000"),
        ("rules.SUB001.min_score", "1.5", "less than or equal to 1"),
        ("rules.SUB001.min_score", "nan", "Enter a number."),
        ("rules.REC003.severity", "loud", "Input should be"),
        ("rules.REC003.allow", "not an address", "allow-list entries"),
        ("policy.timezone", "Mars/Base", "unknown time zone"),
        ("policy.internal_domains", "two words", "not a domain"),
    ],
)
def test_problems_are_shown_beside_their_field(
    app_client: TestClient, sign_in: SignIn, field: str, value: str, message: str
) -> None:
    as_role(app_client, sign_in, "admin")
    version = api_policy(app_client)["version"]
    form = editor_form(app_client.get(P).text)
    form[field] = value
    r = app_client.post(f"{P}/review", data=form)
    assert r.status_code == 422, r.text[:300]
    fid = "f-" + field.replace(".", "-")
    m = re.search(rf'<p id="{fid}-error" class="error">(.*?)</p>', r.text)
    assert m and message in html.unescape(m.group(1)), r.text[:2000]
    assert re.search(
        rf'id="{fid}"[^>]*aria-describedby="{fid}-error {fid}-hint"[^>]*aria-invalid="true"', r.text
    )
    assert f'href="#{fid}"' in r.text  # the summary links to it
    if not field.endswith("severity"):  # a select keeps its choices
        assert html.escape(value) in r.text  # what was typed is kept
    assert api_policy(app_client)["version"] == version


# -- YAML ---------------------------------------------------------------------------


def test_the_yaml_view_shows_the_policy_and_edits_it(
    app_client: TestClient, sign_in: SignIn
) -> None:
    csrf = as_role(app_client, sign_in, "admin")
    before = api_policy(app_client)
    page = app_client.get(f"{P}/yaml").text
    assert as_yaml(before["set_by_school"]) in html.unescape(page)
    text = as_yaml({**before["set_by_school"], "rules": {"large-audience": {"max_recipients": 60}}})
    review = app_client.post(f"{P}/yaml", data={"csrf": csrf, "yaml": text})
    assert review.status_code == 200 and "max_recipients: 60" in review.text
    r = app_client.post(
        f"{P}/save",
        data={
            "csrf": csrf,
            "draft": hidden(review.text, "draft"),
            "base": hidden(review.text, "base"),
        },
        follow_redirects=False,
    )
    assert r.status_code == 303
    assert api_policy(app_client)["set_by_school"]["rules"] == {"REC001": {"max_recipients": 60}}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: &x [1]\nb: *x\n", "aliases"),
        ("rules: [unclosed\n", "not valid YAML at line"),
        ("- a list\n", "a mapping"),
        ("rules:\n  NOPE1: warn\n", "unknown rule"),
        ("fail_mode: sideways\n", "fail_mode"),
        ('school_name: "a\\0b"\n', "NUL"),
        ("rules:\n  REC003: off\n  REC003: block\n", "duplicate key 'REC003' at line 3"),
        ("rules:\n  SUB002: {min_length: 3, min_length: 4}\n", "duplicate key 'min_length'"),
        ("working_hours: {start: 7:30}\n", "working_hours"),
    ],
)
def test_bad_yaml_is_a_422_beside_the_textarea(
    app_client: TestClient, sign_in: SignIn, text: str, message: str
) -> None:
    csrf = as_role(app_client, sign_in, "admin")
    r = app_client.post(f"{P}/yaml", data={"csrf": csrf, "yaml": text})
    assert r.status_code == 422
    m = re.search(r'<ul id="policy-yaml-error" class="error">(.*?)</ul>', r.text, re.S)
    assert m and message in html.unescape(m.group(1)), r.text[:1500]
    assert 'aria-describedby="policy-yaml-error policy-yaml-hint" aria-invalid="true"' in r.text


def test_off_in_the_yaml_view_is_a_severity(app_client: TestClient, sign_in: SignIn) -> None:
    csrf = as_role(app_client, sign_in, "admin")
    text = "rules:\n  REC003: off\n  PUP003: {severity: off}\n  SUB001: {detector: no}\n"
    review = app_client.post(f"{P}/yaml", data={"csrf": csrf, "yaml": text})
    assert review.status_code == 200, review.text[:1500]
    draft = json.loads(hidden(review.text, "draft"))
    assert draft["rules"]["REC003"]["severity"] == "off"
    assert draft["rules"]["PUP003"]["severity"] == "off"
    assert draft["rules"]["SUB001"]["detector"] is False


def test_a_dry_run_draft_with_a_duplicate_key_is_refused(
    app_client: TestClient, sign_in: SignIn
) -> None:
    csrf = as_role(app_client, sign_in, "admin")
    r = dry_run(app_client, {"csrf": csrf, "draft": "rules:\n  REC003: warn\n  REC003: off\n"})
    assert r.status_code == 422
    assert "duplicate key 'REC003' at line 3 (first at line 2)" in html.unescape(r.text)


def into_trust(c: TestClient, policy: dict[str, Any]) -> None:
    """The demo school joins a new trust whose policy is ``policy``."""
    from app.store.trusts import TrustStore

    runtime = runtime_of(c)
    trusts = TrustStore(runtime.store.db)
    trust_id, _ = trusts.create_trust("oak", "Oak Trust", ["oak.org.uk"], policy=policy)
    with runtime.store.db.session() as s:
        school = next(t for t in runtime.tenants() if t.slug == "stmarys")
        trusts.scoped(s, trust_id).adopt_school(school.id)
    runtime.refresh_sync()


def test_a_save_that_breaks_with_the_trusts_policy_is_refused_naming_it(
    app_client: TestClient, sign_in: SignIn
) -> None:
    into_trust(app_client, {"working_hours": {"start": "08:00"}})
    csrf = as_role(app_client, sign_in, "admin")
    before = versions(app_client)
    # 07:45 is after the default 07:30 start, so the draft is a policy on its own, but
    # not after the trust's 08:00 start: the review says so beside the YAML...
    text = "working_hours: {end: '07:45'}\n"
    review = app_client.post(f"{P}/yaml", data={"csrf": csrf, "yaml": text})
    assert review.status_code == 422
    m = re.search(r'<ul id="policy-yaml-error" class="error">(.*?)</ul>', review.text, re.S)
    assert m and "working_hours: " in html.unescape(m.group(1))
    assert "(with the trust's policy)" in html.unescape(m.group(1))
    # the API's PUT of the same policy is a 422 as well
    bad = app_client.put(
        "/v1/admin/schools/stmarys/policy",
        headers=ADMIN_KEY,
        json={"policy": {"working_hours": {"end": "07:45"}}},
    )
    assert bad.status_code == 422 and "with the trust's policy" in bad.text
    # a save posted without a review (or after the trust changed) is refused too
    r = app_client.post(
        f"{P}/save",
        data={
            "csrf": csrf,
            "draft": json.dumps({"working_hours": {"end": "07:45"}}),
            "base": str(versions(app_client)[0]["version"]),
        },
        follow_redirects=False,
    )
    assert r.status_code == 422
    page = html.unescape(r.text)
    assert "Not valid with the policy above it" in page
    assert "working_hours: " in page and "(with the trust's policy)" in page
    assert versions(app_client) == before and "policy.save" not in " ".join(changes(app_client))


# -- diff -----------------------------------------------------------------------------


def test_diff_lines_mark_every_change_in_words_and_signs() -> None:
    before = "a: 1\nb: 2\nc: 3\nd: 4\ne: 5\nf: 6\ng: 7\nh: 8\ni: 9\n"
    after = "a: 1\nb: 20\nc: 3\nd: 4\ne: 5\nf: 6\ng: 7\nh: 8\ni: 9\nj: 10\n"
    rows = [(d.kind, d.old, d.new, d.text) for d in diff_lines(before, after, context=1)]
    assert rows == [
        ("same", 1, 1, "a: 1"),
        ("removed", 2, None, "b: 2"),
        ("added", None, 2, "b: 20"),
        ("same", 3, 3, "c: 3"),
        ("gap", None, None, "unchanged lines not shown"),
        ("same", 9, 9, "i: 9"),
        ("added", None, 10, "j: 10"),
    ]
    assert [d.label for d in diff_lines("x\n", "y\n")] == ["Removed", "Added"]
    assert diff_lines("same\n", "same\n") == []


# -- dry-run --------------------------------------------------------------------------

EML = (
    b"From: s.jones@stmarys.sch.uk\r\nTo: p1@gmail.com, p2@gmail.com, p3@gmail.com\r\n"
    b"Subject: Year 9 trip\r\nDate: Mon, 30 Nov 2026 10:00:00 +0000\r\n\r\nHello\r\n"
)


def multipart(fields: dict[str, str], file: tuple[str, bytes] | None = None) -> tuple[bytes, str]:
    b = "----etq-test-boundary"
    out = b""
    for k, v in fields.items():
        out += f'--{b}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
    if file:
        out += (
            (
                f'--{b}\r\nContent-Disposition: form-data; name="file"; filename="{file[0]}"\r\n'
                "Content-Type: message/rfc822\r\n\r\n"
            ).encode()
            + file[1]
            + b"\r\n"
        )
    out += f"--{b}--\r\n".encode()
    return out, f"multipart/form-data; boundary={b}"


def dry_run(c: TestClient, fields: dict[str, str], file: tuple[str, bytes] | None = None) -> Any:
    body, ctype = multipart(fields, file)
    return c.post(f"{P}/dry-run", content=body, headers={"content-type": ctype})


def verdict_rows(page: str) -> list[list[str]]:
    table = re.search(r'<table class="verdicts">.*?</table>', page, re.S)
    assert table, page[:2000]
    rows = []
    for tr in re.findall(r"<tr>(.*?)</tr>", table.group(0), re.S):
        cells = [
            re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", c)).strip()
            for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr, re.S)
        ]
        rows.append(cells)
    return rows


def test_dry_run_pasted_fields_side_by_side_and_nothing_recorded(
    app_client: TestClient, sign_in: SignIn
) -> None:
    csrf = as_role(app_client, sign_in, "admin")
    page = app_client.get(f"{P}/dry-run")
    assert page.status_code == 200 and 'enctype="multipart/form-data"' in page.text
    audit_before = app_client.get("/v1/admin/schools/stmarys/audit", headers=ADMIN_KEY).json()
    draft = "rules:\n  REC003: block\n"
    r = dry_run(
        app_client,
        {
            "csrf": csrf,
            "from": "s.jones@stmarys.sch.uk",
            "to": "p1@gmail.com, p2@gmail.com p3@gmail.com",
            "subject": "Year 9 trip",
            "sizes": "20, 30",
            "sent": "2026-11-30T10:00",
            "draft": draft,
        },
    )
    assert r.status_code == 200, r.text[:500]
    rows = verdict_rows(r.text)
    assert rows[1][0].startswith("Pasted message 3 recipients, 2 attachments")
    assert rows[1][1].startswith("Warn") and "REC003 warn" in rows[1][1]
    assert rows[1][2].startswith("Block") and "REC003 block" in rows[1][2]
    assert rows[1][3] == "Yes"
    # No audit event, nothing stored; the address is not in any log (nothing is logged).
    runtime_of(app_client).audit.flush()  # type: ignore[attr-defined]
    assert (
        app_client.get("/v1/admin/schools/stmarys/audit", headers=ADMIN_KEY).json() == audit_before
    )


def test_dry_run_of_an_eml_and_an_mbox(app_client: TestClient, sign_in: SignIn) -> None:
    csrf = as_role(app_client, sign_in, "admin")
    r = dry_run(app_client, {"csrf": csrf, "draft": ""}, ("trip.eml", EML))
    rows = verdict_rows(r.text)
    assert rows[1][0].startswith("The uploaded message 3 recipients")
    assert rows[1][3] == "No"  # no draft: the current policy on both sides
    second = EML.replace(b"p2@gmail.com, p3@gmail.com", b"colleague@stmarys.sch.uk").replace(
        b"Hello", b">From the office\r\nHello"
    )
    mbox = (
        b"From a@b Mon Nov 30 10:00:00 2026\r\n"
        + EML
        + b"\r\nFrom a@b Mon Nov 30 10:01:00 2026\r\n"
        + second
    )
    mbox += b"From x Mon Nov 30 10:02:00 2026\r\nNot: a message\r\n\r\n"
    r = dry_run(
        app_client, {"csrf": csrf, "draft": "rules:\n  REC003: 'off'\n"}, ("box.mbox", mbox)
    )
    rows = verdict_rows(r.text)
    assert [row[0].split(" ")[:4] for row in rows[1:]] == [
        ["Message", "1", "of", "the"],
        ["Message", "2", "of", "the"],
        ["Message", "3", "of", "the"],
    ]
    assert rows[1][2].startswith("Allow") and rows[1][3] == "Yes"
    assert rows[3][1] == "Not checked: no From address"


@pytest.mark.parametrize(
    ("fields", "where", "message"),
    [
        ({"from": "", "to": "a@b.org"}, "from", "sender"),
        ({"from": "s.jones@stmarys.sch.uk", "to": "nonsense"}, "to", ""),
        ({"from": "s.jones@stmarys.sch.uk", "sizes": "big"}, "sizes", "KB"),
        ({"from": "s.jones@stmarys.sch.uk", "sent": "yesterday"}, "sent", "YYYY-MM-DD"),
    ],
)
def test_dry_run_field_problems_are_beside_the_field(
    app_client: TestClient, sign_in: SignIn, fields: dict[str, str], where: str, message: str
) -> None:
    csrf = as_role(app_client, sign_in, "admin")
    r = dry_run(app_client, {"csrf": csrf, **fields})
    assert r.status_code == 422, r.text[:500]
    m = re.search(rf'<p id="dr-{where}-error" class="error">(.*?)</p>', r.text)
    assert m and message in m.group(1)
    assert f'aria-describedby="dr-{where}-error dr-{where}-hint" aria-invalid="true"' in r.text


def test_a_trust_schools_dry_run_puts_the_draft_over_the_trusts_policy(
    app_client: TestClient, sign_in: SignIn
) -> None:
    """The current policy of a trust's school is the trust's with the school's over it;
    the draft (the school's document) is put over the trust's the same way, so a draft
    that changes nothing gives the same verdict as the current policy."""
    into_trust(
        app_client,
        {"working_hours": {"start": "08:00"}, "rules": {"REC003": {"min_visible": 10}}},
    )
    csrf = as_role(app_client, sign_in, "admin")
    same = "rules:\n  REC003: {severity: warn}\n"  # the school's own REC003, unchanged
    rows = verdict_rows(dry_run(app_client, {"csrf": csrf, "draft": same}, ("t.eml", EML)).text)
    # 3 outside addresses, fewer than the trust's 10: no REC003 under either policy
    assert rows[1][1] == rows[1][2] and rows[1][1].startswith("Allow"), rows
    lower = "rules:\n  REC003: {severity: warn, min_visible: 2}\n"  # the school's own threshold
    rows = verdict_rows(dry_run(app_client, {"csrf": csrf, "draft": lower}, ("t.eml", EML)).text)
    assert rows[1][1].startswith("Allow") and rows[1][2].startswith("Warn"), rows
    # a draft that is not a policy with the trust's is refused, saying so
    r = dry_run(app_client, {"csrf": csrf, "draft": "working_hours: {end: '07:45'}\n"})
    assert r.status_code == 422 and "(with the trust&#39;s policy)" in r.text
    # the API's dry-run (replace mode) does the same
    body = {
        "mode": "replace",
        "policy": {"rules": {"REC003": {"severity": "warn"}}},
        "message": {
            "sender": {"email": "s.jones@stmarys.sch.uk"},
            "to": [{"email": f"p{i}@gmail.com"} for i in range(3)],
            "subject": "Year 9 trip",
        },
    }
    r = app_client.post("/v1/admin/schools/stmarys/policy/dry-run", headers=ADMIN_KEY, json=body)
    assert r.status_code == 200, r.text
    assert r.json()["draft"]["action"] == r.json()["current"]["action"] == "allow", r.text
    body["policy"] = {"working_hours": {"end": "07:45"}}
    r = app_client.post("/v1/admin/schools/stmarys/policy/dry-run", headers=ADMIN_KEY, json=body)
    assert r.status_code == 422 and "(with the trust's policy)" in r.text, r.text


def test_dry_run_bounds_and_csrf(app_client: TestClient, sign_in: SignIn) -> None:
    csrf = as_role(app_client, sign_in, "admin")
    # Over the bound: a 413 page (by the declared length, and as it streams).
    big = dry_run(app_client, {"csrf": csrf}, ("big.eml", EML + b"x" * DRY_RUN_MAX))
    assert (
        big.status_code == 413
        and "Upload too large" in big.text
        and "text/html" in big.headers["content-type"]
    )

    def chunks() -> Any:
        body, _ = multipart({"csrf": csrf}, ("big.eml", EML + b"x" * (DRY_RUN_MAX + 10)))
        for i in range(0, len(body), 1_000_000):
            yield body[i : i + 1_000_000]

    _, ctype = multipart({})
    r = app_client.post(f"{P}/dry-run", content=chunks(), headers={"content-type": ctype})
    assert r.status_code == 413 and "Upload too large" in r.text
    # Multipart needs the CSRF token too.
    for fields in ({"from": "s.jones@stmarys.sch.uk"}, {"csrf": "x" + csrf}):
        r = dry_run(app_client, fields, ("trip.eml", EML))
        assert r.status_code == 403 and "Form expired" in r.text
    # Not a multipart form; a broken one.
    r = app_client.post(f"{P}/dry-run", data={"csrf": csrf})
    assert r.status_code == 415
    r = app_client.post(
        f"{P}/dry-run", content=b"junk", headers={"content-type": "multipart/form-data"}
    )
    assert r.status_code == 400
    r = app_client.post(
        f"{P}/dry-run",
        content=b"--b\r\nno blank line",
        headers={"content-type": "multipart/form-data; boundary=b"},
    )
    assert r.status_code == 400


# -- who may do what ----------------------------------------------------------------

PAGES = ["", "/yaml", "/dry-run", "/versions", "/versions/1"]


@pytest.mark.parametrize(
    ("role", "read", "write"),
    [
        ("admin", 200, True),
        ("auditor", 200, False),
        ("safeguarding", 403, False),
        ("helpdesk", 403, False),
    ],
)
def test_permissions(
    app_client: TestClient, sign_in: SignIn, role: str, read: int, write: bool
) -> None:
    csrf = as_role(app_client, sign_in, role)
    for page in PAGES:
        r = app_client.get(P + page)
        assert r.status_code == read, (page, r.text[:300])
        if read == 200:
            assert ("Review changes" in r.text or "Roll back" in r.text) == (
                write and page in ("", "/yaml")
            ), page
    nav = app_client.get(f"{S}/").text
    assert (f'href="{P}"' in nav) == (read == 200)
    version = api_policy(app_client)["version"]
    posts = {
        "/review": {"rules.REC001.max_recipients": "41"},
        "/yaml": {"yaml": "rules:\n  REC001: block\n"},
        "/save": {
            "draft": json.dumps({"rules": {"REC001": {"max_recipients": 41}}}),
            "base": str(version),
        },
        "/versions/1/rollback": {},
    }
    for path, data in posts.items():
        r = app_client.post(P + path, data={**data, "csrf": csrf}, follow_redirects=False)
        assert r.status_code == (r.status_code if write else 403), (path, r.status_code)
        if not write:
            assert "Not allowed" in r.text
    if write:
        assert api_policy(app_client)["version"] > version
    else:
        assert api_policy(app_client)["version"] == version
    # The dry-run changes nothing: whoever reads the policy may try it.
    r = dry_run(app_client, {"csrf": csrf}, ("trip.eml", EML))
    assert r.status_code == (200 if read == 200 else 403)


def test_another_schools_policy_is_404(app_client: TestClient, sign_in: SignIn) -> None:
    runtime = runtime_of(app_client)
    other, _ = runtime.store.create_school("oakfield", "Oakfield", ["oakfield.sch.uk"])
    runtime.reload_tenant(other)
    store_of(app_client).assign(
        Scope(tenant_id=other),
        principal_kind="email",
        principal="o@oakfield.sch.uk",
        role="admin",
        by="t",
    )
    csrf = as_role(app_client, sign_in, "admin")
    for page in PAGES:
        assert app_client.get(f"/console/schools/oakfield/policy{page}").status_code == 404
    r = app_client.post(
        "/console/schools/oakfield/policy/save",
        data={"csrf": csrf, "draft": "{}", "base": "0"},
    )
    assert r.status_code == 404
    r = dry_run(app_client, {"csrf": csrf}, ("trip.eml", EML))
    assert r.status_code == 200  # at its own school


@pytest.mark.parametrize(
    ("path", "data", "status"),
    [
        ("/save", {"draft": "not json", "base": "0"}, 400),
        ("/save", {"draft": "[]", "base": "0"}, 400),
        ("/save", {"draft": "{}", "base": "x"}, 400),
        ("/save", {"draft": '{"rules": {"NOPE1": "warn"}}', "base": "0"}, 422),
        ("/save", {"draft": "{}", "base": "0", "comment": "x" * 501}, 400),
        ("/versions/0/rollback", {}, 404),
        ("/versions/99/rollback", {}, 404),
        ("/versions/abc/rollback", {}, 404),
    ],
)
def test_bad_input_is_a_4xx(
    app_client: TestClient, sign_in: SignIn, path: str, data: dict[str, str], status: int
) -> None:
    csrf = as_role(app_client, sign_in, "admin")
    r = app_client.post(P + path, data={**data, "csrf": csrf})
    assert r.status_code == status, r.text[:300]
    assert app_client.get(f"{P}/versions/99").status_code == 404


def test_the_review_page_hands_its_draft_to_the_dry_run(
    app_client: TestClient, sign_in: SignIn
) -> None:
    as_role(app_client, sign_in, "admin")
    form = editor_form(app_client.get(P).text)
    form["rules.REC003.severity"] = "block"
    review = app_client.post(f"{P}/review", data=form).text
    m = re.search(
        r'enctype="multipart/form-data">\s*<input type="hidden" name="csrf" value="[^"]+">\s*'
        r'<input type="hidden" name="draft" value="([^"]*)"',
        review,
    )
    assert m and "REC003:\n    severity: block" in html.unescape(m.group(1))
    r = dry_run(app_client, {"csrf": form["csrf"], "draft": html.unescape(m.group(1))})
    assert r.status_code == 200 and "Paste a message" in r.text
    r = dry_run(
        app_client, {"csrf": form["csrf"], "draft": html.unescape(m.group(1))}, ("t.eml", EML)
    )
    rows = verdict_rows(r.text)
    assert rows[1][1].startswith("Warn") and rows[1][2].startswith("Block")
