"""Check roster.csv and test.jsonl against every rule of the brief; print stats; print OK if all pass."""
import collections, json, os, re, sys
from common import ROOT, HEADER, TITLES, load_roster, form_index, norm, case_of

errors = []


def err(msg):
    errors.append(msg)


def check_roster():
    header, people = load_roster()
    if header != HEADER:
        err(f"roster header {header}")
    if not 450 <= len(people) <= 650:
        err(f"roster size {len(people)}")
    ids, codes = set(), set()
    pat = {"pupil": r"P\d{4}", "staff": r"S\d{3}", "parent": r"G\d{3}"}
    for p in people:
        if p["kind"] not in pat:
            err(f"bad kind {p}")
            continue
        if not re.fullmatch(pat[p["kind"]], p["id"]) or p["id"] in ids:
            err(f"bad/dup id {p['id']}")
        ids.add(p["id"])
        if not p["first_name"] or not p["last_name"]:
            err(f"missing name {p['id']}")
        if not p["email"].isascii() or "@" not in p["email"]:
            err(f"email {p['id']} {p['email']}")
        for e in filter(None, p["personal_emails"].split(";")):
            if "@" not in e or not e.isascii():
                err(f"personal email {p['id']}")
        ref = p["mis_ref"]
        if p["kind"] == "pupil" and not re.fullmatch(r"[A-Z]\d{12}", ref):
            err(f"upn {p['id']} {ref}")
        if p["kind"] == "staff":
            if not re.fullmatch(r"[A-Z]{3}", ref) or ref in codes:
                err(f"staff code {p['id']} {ref}")
            codes.add(ref)
        if p["kind"] == "parent" and ref and ref not in ids and not re.fullmatch(r"P\d{4}", ref):
            err(f"parent ref {p['id']} {ref}")
    emails = [p["email"] for p in people]
    if len(set(emails)) != len(emails):
        err("duplicate emails")
    return people, codes


def main():
    people, codes = check_roster()
    idx = form_index(people)
    stats = collections.Counter()
    cases, kinds_c, labels = collections.Counter(), collections.Counter(), collections.Counter()
    subjects = set()
    lines = open(os.path.join(ROOT, "test.jsonl"), encoding="utf-8").read().splitlines()
    if len(lines) != 600:
        err(f"test.jsonl has {len(lines)} lines (want 600)")
    for n, line in enumerate(lines, 1):
        r = json.loads(line)
        if set(r) != {"subject", "spans", "case", "kinds", "ambiguous"}:
            err(f"{n}: keys {sorted(r)}")
            continue
        s = r["subject"]
        if s in subjects:
            err(f"{n}: duplicate subject {s!r}")
        subjects.add(s)
        if s != s.strip() or not s:
            err(f"{n}: whitespace {s!r}")
        prev_end = -1
        kinds = set()
        for sp in r["spans"]:
            a, b, lab, text = sp
            if s[a:b] != text:
                err(f"{n}: span index {sp} in {s!r}")
            if a < prev_end:
                err(f"{n}: overlap/unsorted {sp}")
            prev_end = b
            if text != text.strip() or not text:
                err(f"{n}: span whitespace {sp}")
            first = re.split(r"[\s.]+", text.strip())[0].lower()
            if first in TITLES:
                err(f"{n}: title inside span {sp}")
            if text[-2:].lower() in ("'s", "’s"):
                err(f"{n}: possessive inside span {sp}")
            if text[-1] in "-/&+:;'’(":
                err(f"{n}: trailing punctuation {sp}")
            if text.upper() == text and text.strip().upper() in codes and len(text) == 3 and lab == "directory" and norm(text) not in idx:
                err(f"{n}: staff code as span {sp}")
            k = norm(text)
            if lab == "directory":
                if k not in idx:
                    err(f"{n}: directory span not a roster name form {sp}")
                else:
                    kinds |= idx[k]
            elif lab == "detector":
                if k in idx:
                    err(f"{n}: detector span equals roster name form {sp}")
            else:
                err(f"{n}: bad label {sp}")
            labels[lab] += 1
        # kinds: each listed kind must be possible for some span; every span must support one listed kind
        for kd in r["kinds"]:
            if kd not in kinds:
                err(f"{n}: kind {kd} not supported by spans {s!r}")
        dir_spans = [sp for sp in r["spans"] if sp[2] == "directory"]
        for sp in dir_spans:
            if not (idx.get(norm(sp[3]), set()) & set(r["kinds"])):
                err(f"{n}: span {sp} has no roster person of listed kinds")
        if r["kinds"] != sorted(set(r["kinds"])) or (dir_spans and not r["kinds"]) or (not dir_spans and r["kinds"]):
            err(f"{n}: kinds {r['kinds']}")
        if r["case"] != case_of(s):
            err(f"{n}: case {r['case']} != {case_of(s)}")
        cases[r["case"]] += 1
        for kd in r["kinds"]:
            kinds_c[kd] += 1
        if r["spans"]:
            stats["named"] += 1
            if any(sp[2] == "detector" for sp in r["spans"]):
                stats["with_detector"] += 1
            if len(r["spans"]) >= 2:
                stats["multi"] += 1
        else:
            stats["negative"] += 1
        if r["ambiguous"]:
            stats["ambiguous"] += 1
    if stats["ambiguous"] > 10:
        err("too many ambiguous")
    named = stats["named"] or 1
    print(f"lines {len(lines)}  named {stats['named']}  negative {stats['negative']}  multi-person {stats['multi']}  "
          f"with detector {stats['with_detector']} ({100*stats['with_detector']/named:.0f}% of named)  ambiguous {stats['ambiguous']}")
    print("spans:", dict(labels))
    print("case:", {k: f"{v} ({100*v/len(lines):.0f}%)" for k, v in sorted(cases.items())})
    print("kinds (lines):", {k: f"{v} ({100*v/named:.0f}% of named)" for k, v in sorted(kinds_c.items())})
    print("roster:", dict(collections.Counter(p["kind"] for p in people)))
    for e in errors[:60]:
        print("ERROR", e)
    if errors:
        print(f"{len(errors)} errors")
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
