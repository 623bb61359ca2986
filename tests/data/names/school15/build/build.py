"""Build test.jsonl from sources/*.txt.
Markup: {text|key} directory (key from build/keymap.json or a roster id), {text|X} detector.
Line prefixes: "~ " ambiguous; "U| " upper-case the line; "L| " lower-case it; "T| " title-case it (mechanical recasing)."""
import glob, json, os, re
from common import ROOT, HERE, load_roster

FUNC = set("a an the and or but nor of to in on at for with by from as into onto via vs v per re w/ is are be was were it its this that "
           "not no so if up off out over than then".split())
PREFIX_RE = re.compile(r"^(?:\s*(?:re|fw|fwd)\s*:\s*)+", re.I)

def compute_case(subject, spans):
    m = PREFIX_RE.match(subject)
    off = m.end() if m else 0
    body = subject[off:]
    letters = [c for c in body if c.isalpha()]
    if letters and sum(c.islower() for c in letters) < 0.12 * len(letters):
        return "upper"
    if not any(c.isupper() for c in re.sub(r"(?<![A-Za-z])I(?![A-Za-z])", "i", body)):
        return "lower"
    mask = list(body)
    for s, e, *_ in spans:
        for i in range(max(s - off, 0), e - off):
            mask[i] = " "
    words = re.findall(r"[^\W\d_][\w'’.-]*", "".join(mask))
    content = []
    for w in words:
        if any(ch.isdigit() for ch in w):
            continue
        core = w.strip(".'’-")
        if not core or core.lower() in FUNC:
            continue
        if len(core) >= 2 and core.isupper():
            continue  # acronym
        content.append(core)
    caps = sum(1 for w in content if w[0].isupper())
    if len(content) >= 2 and caps >= 2 and caps >= 0.75 * len(content):
        return "title"
    return "sentence"

def title_case(s):
    return re.sub(r"(?<![\w'’])([a-z])", lambda m: m.group(1).upper(), s)

def main():
    roster = {r["id"]: r for r in load_roster()}
    keymap = json.load(open(os.path.join(HERE, "keymap.json")))
    out, errors = [], []
    for path in sorted(glob.glob(os.path.join(ROOT, "sources", "*.txt"))):
        if path.endswith("roster_people.txt"):
            continue
        for ln, raw in enumerate(open(path, encoding="utf-8"), 1):
            line = raw.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            amb = False
            while True:
                if line.startswith("~ "):
                    amb, line = True, line[2:]
                elif line[:3] in ("U| ", "L| ", "T| "):
                    mode, line = line[0], line[3:]
                    parts = re.split(r"(\|[^}]*\})", line)  # keep keys intact
                    f = {"U": str.upper, "L": str.lower, "T": title_case}[mode]
                    line = "".join(p if p.startswith("|") else f(p) for p in parts)
                else:
                    break
            subject, spans, pos = "", [], 0
            for m in re.finditer(r"\{([^{}|]+)\|([^{}]+)\}", line):
                subject += line[pos:m.start()]
                text, key = m.group(1), m.group(2)
                start = len(subject)
                subject += text
                if key == "X":
                    spans.append([start, start + len(text), "detector", text, None])
                else:
                    pid = keymap.get(key, key)
                    if pid not in roster:
                        errors.append("%s:%d unknown key %s" % (path, ln, key)); continue
                    spans.append([start, start + len(text), "directory", text, pid])
                pos = m.end()
            subject += line[pos:]
            if "{" in subject or "}" in subject:
                errors.append("%s:%d leftover brace: %s" % (path, ln, subject))
            kinds = sorted({roster[s[4]]["kind"] for s in spans if s[2] == "directory"})
            rec = {"subject": subject, "spans": [s[:4] for s in spans], "case": compute_case(subject, spans),
                   "kinds": kinds, "ambiguous": amb}
            out.append((rec, [s[4] for s in spans], os.path.basename(path), ln))
    with open(os.path.join(ROOT, "test.jsonl"), "w", encoding="utf-8") as f:
        for rec, _, _, _ in out:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    with open(os.path.join(HERE, "span_ids.jsonl"), "w", encoding="utf-8") as f:
        for rec, ids, src, ln in out:
            f.write(json.dumps({"src": "%s:%d" % (src, ln), "ids": ids}) + "\n")
    for e in errors:
        print("ERROR", e)
    print("wrote", len(out), "lines")

if __name__ == "__main__":
    main()
