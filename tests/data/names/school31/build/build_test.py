"""Build test.jsonl from the hand-written sources/*.txt line files.
Markup: [[text|p]] pupil, [[text|s]] staff, [[text|g]] parent (directory spans);
{{text}} person not on the roster (detector span); a leading "?? " marks an ambiguous line."""
import glob, json, os, re, sys
from common import ROOT, case_of

KIND = {"p": "pupil", "s": "staff", "g": "parent"}
TOK = re.compile(r"\[\[(.+?)\|([psg])\]\]|\{\{(.+?)\}\}")


def parse(line):
    amb = line.startswith("?? ")
    if amb:
        line = line[3:]
    out, spans, kinds, pos = [], [], set(), 0
    for m in TOK.finditer(line):
        out.append(line[pos:m.start()])
        start = sum(len(x) for x in out)
        if m.group(1) is not None:
            text, label = m.group(1), "directory"
            kinds.add(KIND[m.group(2)])
        else:
            text, label = m.group(3), "detector"
        out.append(text)
        spans.append([start, start + len(text), label, text])
        pos = m.end()
    out.append(line[pos:])
    subject = "".join(out)
    if "[[" in subject or "{{" in subject or "]]" in subject or "}}" in subject:
        sys.exit("bad markup: " + line)
    return {"subject": subject, "spans": spans, "case": case_of(subject), "kinds": sorted(kinds), "ambiguous": amb}


def main():
    recs = []
    for path in sorted(glob.glob(os.path.join(ROOT, "sources", "*.txt"))):
        if os.path.basename(path) == "pools.txt":
            continue
        for n, line in enumerate(open(path, encoding="utf-8"), 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            r = parse(line)
            r["_src"] = f"{os.path.basename(path)}:{n}"
            recs.append(r)
    seen = {}
    for r in recs:
        if r["subject"] in seen:
            print("DUPLICATE", r["_src"], seen[r["subject"]], r["subject"])
        seen[r["subject"]] = r["_src"]
    with open(os.path.join(ROOT, "test.jsonl"), "w", encoding="utf-8") as fh:
        for r in recs:
            r.pop("_src")
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print("lines:", len(recs))


if __name__ == "__main__":
    main()
