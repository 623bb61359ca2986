"""Strip inline markup from sources/*.txt, check against roster.csv, write test.jsonl (fixed-seed shuffle).

Markup: [text|p] pupil, [text|s] staff, [text|g] parent/carer (all 'directory'), [text|d] detector person.
A line starting with '?? ' is ambiguous. Lines starting with '#' are comments.
"""
import glob, json, os, random, re, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ROOT, fold, load_roster, name_forms, compute_case

KIND = {"p": "pupil", "s": "staff", "g": "parent"}
MARK = re.compile(r"\[([^\[\]|]+)\|([psgd])\]")
TITLES = {"mr", "mrs", "ms", "miss", "dr", "sir", "pcso", "cllr", "councillor", "coach", "dc", "pc", "prof", "mx"}


def parse(line):
    out, spans, pos = [], [], 0
    for m in MARK.finditer(line):
        out.append(line[pos:m.start()])
        start = sum(len(x) for x in out)
        text = m.group(1)
        out.append(text)
        spans.append((start, start + len(text), m.group(2), text))
        pos = m.end()
    out.append(line[pos:])
    return "".join(out), spans


def main():
    roster = load_roster()
    forms = {k: set() for k in KIND.values()}
    every = set()
    for r in roster:
        f = name_forms(r)
        forms[r["kind"]] |= f
        every |= f
    errors, records, seen = [], [], set()
    for path in sorted(glob.glob(os.path.join(ROOT, "sources", "*.txt"))):
        src = os.path.basename(path)
        for n, raw in enumerate(open(path, encoding="utf-8"), 1):
            line = raw.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            amb = line.startswith("?? ")
            if amb:
                line = line[3:]
            subject, spans = parse(line)
            where = f"{src}:{n}"
            if any(c in subject for c in "[]|"):
                errors.append(f"{where}: leftover markup: {subject}")
            if subject != subject.strip():
                errors.append(f"{where}: leading/trailing space")
            key = subject
            if key in seen:
                errors.append(f"{where}: duplicate subject: {subject}")
            seen.add(key)
            kinds = set()
            out_spans = []
            for s, e, t, text in spans:
                words = text.split()
                if fold(words[0]).rstrip(".") in TITLES and len(words) > 1:
                    errors.append(f"{where}: title inside span: {text}")
                if re.search(r"['’]s?$", text):
                    errors.append(f"{where}: possessive inside span: {text}")
                if text != text.strip():
                    errors.append(f"{where}: span has outer space: {text!r}")
                if t == "d":
                    if fold(text) in every:
                        errors.append(f"{where}: detector span equals a roster name form: {text}")
                    out_spans.append([s, e, "detector", text])
                else:
                    k = KIND[t]
                    if fold(text) not in forms[k]:
                        errors.append(f"{where}: '{text}' is not a {k} on the roster")
                    kinds.add(k)
                    out_spans.append([s, e, "directory", text])
            records.append({"subject": subject, "spans": out_spans, "case": compute_case(subject, out_spans),
                            "kinds": sorted(kinds), "ambiguous": amb})
    if errors:
        print("\n".join(errors))
        print(len(errors), "errors; test.jsonl NOT written")
        sys.exit(1)
    random.Random(14).shuffle(records)
    with open(os.path.join(ROOT, "test.jsonl"), "w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print("wrote", len(records), "lines to test.jsonl")


if __name__ == "__main__":
    main()
