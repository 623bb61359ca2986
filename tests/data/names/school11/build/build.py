"""Build test.jsonl from the hand-written sources/*.txt."""
import glob, json, os, random, re, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ROOT, norm, forms, load_roster
from casing import case_of

KIND = {"p": "pupil", "s": "staff", "g": "parent"}
MARK = re.compile(r"\[([^\[\]|]+)\|([psgd])\]")
TITLES = {"mr", "mrs", "ms", "miss", "dr", "fr", "sr", "sir", "pcso", "cllr", "prof", "canon", "mx"}


def parse(line):
    out, spans, pos = [], [], 0
    for m in MARK.finditer(line):
        out.append(line[pos:m.start()])
        start = sum(len(x) for x in out)
        text = m.group(1)
        out.append(text)
        spans.append([start, start + len(text), m.group(2), text])
        pos = m.end()
    out.append(line[pos:])
    subject = "".join(out)
    if "[" in subject or "|" in subject or "]" in subject:
        raise ValueError("stray markup")
    return subject, spans


def main():
    roster = load_roster()
    by_kind = {"pupil": set(), "staff": set(), "parent": set()}
    every = set()
    for r in roster:
        f = forms(r["first_name"], r["preferred_name"], r["last_name"])
        by_kind[r["kind"]] |= f
        every |= f
    records, errors, seen = [], [], {}
    for fn in sorted(glob.glob(os.path.join(ROOT, "sources", "*.txt"))):
        src = os.path.basename(fn)
        for ln, raw in enumerate(open(fn, encoding="utf-8").read().splitlines(), 1):
            if not raw.strip() or raw.lstrip().startswith("#"):
                continue
            amb = raw.startswith("?? ")
            line = raw[3:] if amb else raw
            where = f"{src}:{ln}"
            try:
                subject, spans = parse(line)
            except ValueError as e:
                errors.append(f"{where}: {e}: {raw}")
                continue
            if subject != subject.strip():
                errors.append(f"{where}: leading/trailing space")
            kinds, outspans = set(), []
            for a, b, k, text in spans:
                assert subject[a:b] == text
                n = norm(text)
                if text != text.strip() or text.endswith("'s") or n.split(" ")[0].rstrip(".") in TITLES:
                    errors.append(f"{where}: bad span boundary {text!r}")
                if k == "d":
                    if n in every:
                        errors.append(f"{where}: detector span {text!r} is a roster name form")
                    outspans.append([a, b, "detector", text])
                else:
                    if n not in by_kind[KIND[k]]:
                        errors.append(f"{where}: {text!r} not a roster {KIND[k]}")
                    kinds.add(KIND[k])
                    outspans.append([a, b, "directory", text])
            if subject in seen:
                errors.append(f"{where}: duplicate of {seen[subject]}: {subject}")
            seen[subject] = where
            records.append({"subject": subject, "spans": outspans, "case": case_of(subject, outspans),
                            "kinds": sorted(kinds), "ambiguous": amb})
    if errors:
        print("\n".join(errors))
        print(f"{len(errors)} errors")
        sys.exit(1)
    random.Random(11).shuffle(records)
    with open(os.path.join(ROOT, "test.jsonl"), "w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"wrote {len(records)} lines")


if __name__ == "__main__":
    main()
