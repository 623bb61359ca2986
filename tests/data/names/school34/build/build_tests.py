"""Build test.jsonl from the hand-written sources/lines_*.txt (deterministic order: file name, line)."""
import glob, json, os
from common import ROOT, SRC, parse_line

def main():
    recs = []
    for path in sorted(glob.glob(os.path.join(SRC, "lines_*.txt"))):
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                line = line.rstrip("\n")
                if line.strip() and not line.startswith("# "):
                    recs.append(parse_line(line))
    with open(os.path.join(ROOT, "test.jsonl"), "w", encoding="utf-8") as fh:
        for r in recs:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"test: {len(recs)} lines")

if __name__ == "__main__":
    main()
