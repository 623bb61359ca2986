"""Hostile uploads to the console's policy dry run: never a 500, always a page naming the problem.

The dry run is the console's one file upload (``multipart/form-data``: the
draft, pasted message fields and an .eml or mbox file), parsed by hand in
``app/console/policy.py`` and by the standard library's ``email`` package in
``app/eml.py``. ``test_console_hostile`` sends every form as URL-encoded
fields; here the multipart body itself is hostile (no boundary, too many
parts, parts without headers, fields that are not UTF-8) and so are the files
(NUL bytes, bad encodings and encoded words, broken MIME, deep nesting, dates
past the calendar's ends, thousands of recipients) and the pasted fields
(impossible dates and sizes). Signed in as the demo school's admin with a valid
CSRF token; every answer must be below 500 and an HTML page with a heading, a
failed message named on the page as the problem. Runs on SQLite, and on
PostgreSQL with TEST_DATABASE_URL. The dry run stores nothing: the cases share
one app per backend.
"""

from __future__ import annotations

import re

import httpx
import pytest
from fastapi.testclient import TestClient

from tests.console.test_console_hostile import _problem, _sign_in

URL = "/console/schools/stmarys/policy/dry-run"
B = "etqboundary"
PLAIN = b"From: s.jones@stmarys.sch.uk\r\nTo: parent@gmail.com\r\nSubject: Trip\r\n\r\nHello\r\n"


def _eml(headers: bytes, body: bytes = b"Hello\r\n") -> bytes:
    return headers + b"\r\n" + body


def _nested(depth: int) -> bytes:
    """A message/rfc822 inside a message/rfc822 ... ``depth`` deep."""
    msg = PLAIN
    for _ in range(depth):
        msg = (
            b"From: s.jones@stmarys.sch.uk\r\nTo: a@gmail.com\r\n"
            b"Content-Type: message/rfc822\r\n\r\n" + msg
        )
    return msg


def _multipart_mixed(parts: int) -> bytes:
    inner = b"".join(
        b"--in\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; "
        b'filename="f%d.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\nAAAA\r\n' % i
        for i in range(parts)
    )
    return (
        b"From: s.jones@stmarys.sch.uk\r\nTo: a@gmail.com\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="in"\r\n\r\n' + inner + b"--in--\r\n"
    )


# (label, the uploaded file's bytes)
FILES: list[tuple[str, bytes]] = [
    ("plain", PLAIN),
    ("empty", b""),
    ("NUL bytes", b"\x00" * 1000),
    ("NUL in From", _eml(b"From: s.jones\x00@stmarys.sch.uk\r\nTo: a@gmail.com\r\n")),
    ("NUL in a header name", _eml(b"Fr\x00om: s.jones@stmarys.sch.uk\r\nTo: a@gmail.com\r\n")),
    ("latin-1 header", _eml(b"From: Zo\xeb <s.jones@stmarys.sch.uk>\r\nTo: a@gmail.com\r\n")),
    ("invalid UTF-8", _eml(b"From: \xff\xfe@stmarys.sch.uk\r\nTo: \xc3\x28@gmail.com\r\n")),
    (
        "bad encoded words",
        _eml(
            b"From: =?utf-8?b?!!!?= <s.jones@stmarys.sch.uk>\r\nTo: =?x-unknown?q?=FF?= "
            b"<a@gmail.com>\r\nSubject: =?utf-8?q?=ED=A0=80?=\r\n"
        ),
    ),
    (
        "broken addresses",
        _eml(b'From: <<<@>>>\r\nTo: "unclosed <a@gmail.com>, ,,;;, @, a@, @b\r\n'),
    ),
    (
        "group syntax",
        _eml(b"From: s.jones@stmarys.sch.uk\r\nTo: Parents: a@gmail.com, b@x.org;\r\n"),
    ),
    ("comments", _eml(b"From: (((( s.jones@stmarys.sch.uk\r\nTo: a@gmail.com (((\r\n")),
    ("route addr", _eml(b"From: <@a,@b:s.jones@stmarys.sch.uk>\r\nTo: <@:a@gmail.com>\r\n")),
    (
        "8000 recipients",
        _eml(
            b"From: s.jones@stmarys.sch.uk\r\nTo: "
            + b", ".join(b"p%d@gmail.com" % i for i in range(8000))
            + b"\r\n"
        ),
    ),
    (
        "a 1 MB header",
        _eml(
            b"From: s.jones@stmarys.sch.uk\r\nTo: a@gmail.com\r\nSubject: "
            + b"x" * 1_000_000
            + b"\r\n"
        ),
    ),
    (
        "folded forever",
        _eml(
            b"From: s.jones@stmarys.sch.uk\r\nTo: a@gmail.com\r\nSubject: a"
            + b"\r\n b" * 50_000
            + b"\r\n"
        ),
    ),
    ("date year 9999 -1400", _eml(PLAIN[:-9] + b"Date: Fri, 31 Dec 9999 23:59:59 -1400\r\n")),
    ("date year 1 +1400", _eml(PLAIN[:-9] + b"Date: Mon, 1 Jan 0001 00:00:00 +1400\r\n")),
    ("date impossible", _eml(PLAIN[:-9] + b"Date: 31 Feb 2026 25:61:61 +9999\r\n")),
    ("date huge year", _eml(PLAIN[:-9] + b"Date: 1 Jan 99999999999999999999 00:00 +0000\r\n")),
    ("date NUL", _eml(PLAIN[:-9] + b"Date: \x00\r\n")),
    ("nested 200 deep", _nested(200)),
    ("nested 2000 deep", _nested(2000)),
    ("500 attachments", _multipart_mixed(500)),
    (
        "multipart without boundary",
        _eml(
            b"From: s.jones@stmarys.sch.uk\r\nTo: a@gmail.com\r\nContent-Type: multipart/mixed\r\n",
            b"--x\r\n",
        ),
    ),
    (
        "bad base64 attachment",
        _eml(
            b"From: s.jones@stmarys.sch.uk\r\nTo: a@gmail.com\r\nContent-Type: application/pdf\r\n"
            b"Content-Disposition: attachment; filename=a.pdf\r\n"
            b"Content-Transfer-Encoding: base64\r\n",
            b"!!!!====****\r\n",
        ),
    ),
    (
        "RFC 2231 filename broken",
        _eml(
            b"From: s.jones@stmarys.sch.uk\r\nTo: a@gmail.com\r\nContent-Type: application/pdf\r\n"
            b"Content-Disposition: attachment; filename*=x-unknown'xx'%FF%00; "
            b"filename*0*=''%ED%A0%80; filename*1=a\r\n",
        ),
    ),
    (
        "unknown transfer encoding and charset",
        _eml(
            b"From: s.jones@stmarys.sch.uk\r\nTo: a@gmail.com\r\nContent-Type: text/plain; "
            b"charset=x-nope\r\nContent-Transfer-Encoding: x-uuencode-broken\r\n",
            b"\xff\xfe",
        ),
    ),
    ("mbox of junk", b"From junk\r\n\x00\xff\r\nFrom \r\n\r\nFrom x\r\n" + PLAIN),
    (
        "mbox of 1000",
        b"".join(b"From a@b Mon Jan 1 00:00:00 2026\r\n" + PLAIN for _ in range(1000)),
    ),
    ("formula subject", _eml(PLAIN[:-9] + b'Subject: =HYPERLINK("http://x")\r\n')),
]


def _form(parts: list[tuple[str, bytes, str | None]]) -> bytes:
    """A multipart body of ``(name, value, filename or None)``."""
    out = b""
    for name, value, filename in parts:
        disposition = f'form-data; name="{name}"' + (f'; filename="{filename}"' if filename else "")
        out += f"--{B}\r\nContent-Disposition: {disposition}\r\n\r\n".encode() + value + b"\r\n"
    return out + f"--{B}--\r\n".encode()


@pytest.fixture
def dry_run_client(shared_app_client: TestClient) -> TestClient:
    """The module's app, with a new client's cookies (none)."""
    shared_app_client.cookies.clear()
    return shared_app_client


def _post(
    c: TestClient, body: bytes, content_type: str = f"multipart/form-data; boundary={B}"
) -> httpx.Response:
    headers = {"content-type": content_type.encode("latin-1")}
    return c.post(URL, content=body, headers=headers, follow_redirects=False)  # type: ignore[arg-type]


@pytest.mark.parametrize(("label", "data"), FILES, ids=[f[0] for f in FILES])
def test_a_hostile_file_gets_a_page(dry_run_client: TestClient, label: str, data: bytes) -> None:
    csrf = _sign_in(dry_run_client)
    res = _post(dry_run_client, _form([("csrf", csrf.encode(), None), ("file", data, "m.eml")]))
    assert _problem(res) is None, _problem(res)
    assert res.status_code in (200, 413, 422), res.text[:300]
    assert re.search(r"<h1[^>]*>\s*\S", res.text)


# (label, pasted fields over a good message, the field the page must name, or None)
PASTED: list[tuple[str, dict[str, str], str | None]] = [
    ("sent year 9999 -14:00", {"sent": "9999-12-31T23:59-14:00"}, None),
    ("sent year 1 +14:00", {"sent": "0001-01-01T00:00+14:00"}, None),
    ("sent year 9999 naive", {"sent": "9999-12-31T23:59"}, None),
    ("sent year 1 naive", {"sent": "0001-01-01T00:00"}, None),
    ("sent impossible", {"sent": "2026-02-30T10:00"}, "sent"),
    ("sent NUL", {"sent": "2026-11-18\x00"}, "sent"),
    ("sent 5000 digits", {"sent": "9" * 5_000}, "sent"),
    ("sizes huge", {"sizes": "1e400"}, "sizes"),
    ("sizes nan", {"sizes": "nan"}, "sizes"),
    ("sizes inf", {"sizes": "inf"}, "sizes"),
    ("sizes negative", {"sizes": "-1"}, "sizes"),
    ("sizes 5000 digits", {"sizes": "9" * 5_000}, "sizes"),
    ("sizes many", {"sizes": "1," * 50_000}, None),
    ("from NUL", {"from": "s.jones\x00@stmarys.sch.uk"}, None),
    ("to 1 MB", {"to": "a" * 1_000_000 + "@gmail.com"}, None),
    ("to 20000", {"to": ",".join(f"p{i}@gmail.com" for i in range(20_000))}, None),
    ("subject lone surrogate escape", {"subject": "\\ud800"}, None),
]
GOOD = {"from": "s.jones@stmarys.sch.uk", "to": "parent@gmail.com", "subject": "Trip"}


@pytest.mark.parametrize(("label", "fields", "names"), PASTED, ids=[p[0] for p in PASTED])
def test_hostile_pasted_fields_get_a_page(
    dry_run_client: TestClient, label: str, fields: dict[str, str], names: str | None
) -> None:
    csrf = _sign_in(dry_run_client)
    parts = [("csrf", csrf.encode(), None)]
    parts += [(k, v.encode("utf-8", "surrogatepass"), None) for k, v in {**GOOD, **fields}.items()]
    res = _post(dry_run_client, _form(parts))
    assert _problem(res) is None, _problem(res)
    if names is not None:
        assert res.status_code == 422, res.text[:300]
        assert f'id="dr-{names}-error"' in res.text or f"dr-{names}" in res.text


# (label, raw multipart body, content type)
BODIES: list[tuple[str, bytes, str]] = [
    ("no boundary", b"--x\r\n\r\n", "multipart/form-data"),
    (
        "boundary 300 long",
        b"--" + b"b" * 300 + b"\r\n",
        "multipart/form-data; boundary=" + "b" * 300,
    ),
    ("boundary not latin-1", b"--\xff\r\n", "multipart/form-data; boundary=\u00ff"),
    (
        "500 parts",
        _form([(f"f{i}", b"x", None) for i in range(500)]),
        f"multipart/form-data; boundary={B}",
    ),
    (
        "part without headers",
        f"--{B}\r\nno separator here".encode(),
        f"multipart/form-data; boundary={B}",
    ),
    (
        "field not UTF-8",
        _form([("draft", b"\xff\xfe", None)]),
        f"multipart/form-data; boundary={B}",
    ),
    (
        "header line NUL",
        f'--{B}\r\nContent-Disposition: form-data; name="a\x00"\r\n\r\nx\r\n--{B}--'.encode(),
        f"multipart/form-data; boundary={B}",
    ),
    (
        "disposition garbage",
        f'--{B}\r\nContent-Disposition: ;;;==="\r\n\r\nx\r\n--{B}--'.encode(),
        f"multipart/form-data; boundary={B}",
    ),
    (
        "no final boundary",
        f'--{B}\r\nContent-Disposition: form-data; name="a"\r\n\r\nx'.encode(),
        f"multipart/form-data; boundary={B}",
    ),
    ("url-encoded", b"csrf=x&draft=y", "application/x-www-form-urlencoded"),
    ("json", b"{}", "application/json"),
]


@pytest.mark.parametrize(("label", "body", "ctype"), BODIES, ids=[b[0] for b in BODIES])
def test_a_hostile_multipart_body_gets_a_page(
    dry_run_client: TestClient, label: str, body: bytes, ctype: str
) -> None:
    _sign_in(dry_run_client)
    res = _post(dry_run_client, body, ctype)
    assert _problem(res) is None, _problem(res)
    assert 400 <= res.status_code < 500, res.text[:300]
