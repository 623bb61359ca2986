"""Accuracy of the subject-line name finder on the labelled evaluation set.

Usage::

    .venv/bin/python benchmarks/eval_names.py [--errors]

Reads ``tests/data/names/roster.csv`` (synthetic roster) and
``tests/data/names/eval.jsonl`` (subject lines with every person span
labelled ``directory`` or ``detector``) and prints precision, recall and F1:

- *subject level*: does the subject name anyone at all (what decides
  whether SUB001 fires);
- *span level*: a found span counts only if its start and end are exactly a
  labelled span's (a partial name would leave part of it in the subject).

Three set-ups are measured:

``directory``  roster loaded, ``detector=False``, scored against the
               ``directory`` spans only (the people the school knows);
``full``       roster loaded, detector on, against every span;
``detector``   empty roster (``NameIndex.build([])``), against every span:
               the detector alone must find known and unknown people.

The detector is also reported on the Title Case and ALL CAPS subjects
alone, where capital letters give no help.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.directory.csv_roster import load_roster_csv  # noqa: E402
from app.names import NameIndex  # noqa: E402
from app.names._evidence import Scorer  # noqa: E402

DATA = ROOT / "tests" / "data" / "names"
SCHOOL2 = DATA / "school2"
SCHOOL3 = DATA / "school3"
SCHOOL4 = DATA / "school4"
SCHOOL5 = DATA / "school5"
SCHOOL6 = DATA / "school6"
SCHOOL7 = DATA / "school7"
SCHOOL8 = DATA / "school8"
SCHOOL9 = DATA / "school9"
SCHOOL10 = DATA / "school10"
SCHOOL11 = DATA / "school11"
SCHOOL12 = DATA / "school12"
SCHOOL13 = DATA / "school13"
SCHOOL14 = DATA / "school14"
SCHOOL15 = DATA / "school15"
SCHOOL16 = DATA / "school16"
SCHOOL17 = DATA / "school17"
SCHOOL18 = DATA / "school18"
SCHOOL19 = DATA / "school19"
SCHOOL20 = DATA / "school20"
SCHOOL21 = DATA / "school21"
SCHOOL22 = DATA / "school22"
SCHOOL23 = DATA / "school23"
SCHOOL24 = DATA / "school24"
SCHOOL25 = DATA / "school25"
SCHOOL26 = DATA / "school26"
SCHOOL27 = DATA / "school27"
SCHOOL28 = DATA / "school28"
SCHOOL29 = DATA / "school29"
SCHOOL30 = DATA / "school30"
SCHOOL31 = DATA / "school31"
SCHOOL32 = DATA / "school32"
SCHOOL33 = DATA / "school33"
SCHOOL34 = DATA / "school34"
SCHOOL35 = DATA / "school35"
SCHOOL36 = DATA / "school36"
SCHOOL37 = DATA / "school37"
SCHOOL38 = DATA / "school38"
SCHOOL39 = DATA / "school39"
SCHOOL40 = DATA / "school40"
SCHOOL41 = DATA / "school41"
SCHOOL42 = DATA / "school42"
SCHOOL43 = DATA / "school43"
SCHOOL44 = DATA / "school44"
SCHOOL45 = DATA / "school45"
SCHOOL46 = DATA / "school46"
SCHOOL47 = DATA / "school47"
SCHOOL48 = DATA / "school48"
SCHOOL49 = DATA / "school49"
SCHOOL50 = DATA / "school50"
SCHOOL51 = DATA / "school51"
SCHOOL52 = DATA / "school52"
SCHOOL53 = DATA / "school53"
SCHOOL54 = DATA / "school54"
SCHOOL55 = DATA / "school55"
SCHOOL56 = DATA / "school56"
SCHOOL57 = DATA / "school57"
SCHOOL58 = DATA / "school58"
SCHOOL59 = DATA / "school59"
SCHOOL60 = DATA / "school60"
SCHOOL61 = DATA / "school61"
SCHOOL62 = DATA / "school62"
SCHOOL63 = DATA / "school63"
SCHOOL64 = DATA / "school64"
SCHOOL65 = DATA / "school65"
SCHOOL66 = DATA / "school66"
SCHOOL67 = DATA / "school67"
SCHOOL68 = DATA / "school68"
SCHOOL69 = DATA / "school69"
SCHOOL70 = DATA / "school70"


@dataclass
class Record:
    subject: str
    spans: list[tuple[int, int, str]]
    case: str | None = None  # the set's own label where it has one (school2)
    ambiguous: bool = False  # no right answer ("Florence Hall booking" with a pupil of that name)


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Result:
    name: str
    subjects: Counts
    spans: Counts
    ambiguous: int = 0  # lines the set marks ambiguous: left out of P and R
    ambiguous_flagged: int = 0  # of which a mention was found...
    ambiguous_said: int = 0  # ...and marked ambiguous in the finding


def load_eval(path: Path = DATA / "eval.jsonl") -> list[Record]:
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                r = json.loads(line)
                spans = [(s, e, src) for s, e, src, *_ in r["spans"]]
                out.append(Record(r["subject"], spans, r.get("case"), bool(r.get("ambiguous"))))
    return out


def casing(subject: str) -> str:
    """ "upper", "lower", "title" or "other", judged from the words of 3+ letters."""
    words = [w for w in subject.split() if sum(c.isalpha() for c in w) >= 3]
    if not words:
        return "other"
    if all(w.upper() == w for w in words):
        return "upper"
    if all(w.lower() == w for w in words):
        return "lower"
    small = {"and", "for", "the", "with", "from", "of", "to", "in", "on", "at", "a", "re"}
    if all(w[0].isupper() or w.lower() in small for w in words if w[0].isalpha()):
        return "title"
    return "other"


def evaluate(
    index: NameIndex,
    records: list[Record],
    *,
    name: str,
    detector: bool,
    sources: tuple[str, ...] = ("directory", "detector"),
) -> Result:
    subj, spans = Counts(), Counts()
    res = Result(name, subj, spans)
    for r in records:
        gold = {(s, e) for s, e, src in r.spans if src in sources}
        found = index.find(r.subject, detector=detector)
        if r.ambiguous:
            res.ambiguous += 1
            res.ambiguous_flagged += bool(found)
            res.ambiguous_said += any(m.ambiguous for m in found)
            continue
        got = {(m.start, m.end) for m in found}
        if gold and got:
            subj.tp += 1
        elif got:
            subj.fp += 1
            subj.errors.append(f"FP  {r.subject!r}: {[m.text for m in found]}")
        elif gold:
            subj.fn += 1
            subj.errors.append(f"FN  {r.subject!r}: {[r.subject[s:e] for s, e in gold]}")
        spans.tp += len(gold & got)
        spans.fp += len(got - gold)
        spans.fn += len(gold - got)
        if got != gold:
            spans.errors.append(
                f"{r.subject!r}: want {[r.subject[s:e] for s, e in sorted(gold)]} "
                f"got {[(m.text, m.score, m.why) for m in found]}"
            )
    return res


@dataclass(frozen=True)
class EvalSet:
    """A labelled set and the roster its ``directory`` spans refer to."""

    key: str
    path: Path
    roster: Path
    note: str


SETS = {
    s.key: s
    for s in (
        EvalSet("eval", DATA / "eval.jsonl", DATA / "roster.csv", "old main set (tuned on)"),
        EvalSet("holdout", DATA / "holdout.jsonl", DATA / "roster.csv", "old holdout (issue 3)"),
        EvalSet(
            "school2-dev",
            SCHOOL2 / "dev.jsonl",
            SCHOOL2 / "roster.csv",
            "new school set, dev half (tuned on)",
        ),
        EvalSet(
            "school2-holdout",
            SCHOOL2 / "holdout.jsonl",
            SCHOOL2 / "roster.csv",
            "school2 holdout (spent as a measure: trained on since its third run)",
        ),
        EvalSet(
            "school3",
            SCHOOL3 / "test.jsonl",
            SCHOOL3 / "roster.csv",
            "school3: hand-written; development data since issue 13's third round (trained on)",
        ),
        EvalSet(
            "school4",
            SCHOOL4 / "test.jsonl",
            SCHOOL4 / "roster.csv",
            "school4: hand-written for issue 13's second round; "
            "development data since the third (trained on)",
        ),
        EvalSet(
            "school5",
            SCHOOL5 / "test.jsonl",
            SCHOOL5 / "roster.csv",
            "school5: written blind for issue 13's third round; run twice untouched, "
            "development data since the fourth (trained on)",
        ),
        EvalSet(
            "school6",
            SCHOOL6 / "test.jsonl",
            SCHOOL6 / "roster.csv",
            "school6: a primary school, written blind for issue 13's fourth round; "
            "development data since the fifth (trained on)",
        ),
        EvalSet(
            "school7",
            SCHOOL7 / "test.jsonl",
            SCHOOL7 / "roster.csv",
            "school7: an 11-18 academy, written blind for issue 13's fifth round; run twice "
            "untouched, then development data (trained on)",
        ),
        EvalSet(
            "school8",
            SCHOOL8 / "test.jsonl",
            SCHOOL8 / "roster.csv",
            "school8: a trust with a primary and a secondary, written blind for issue 13's "
            "fifth round; run twice untouched, then development data (trained on)",
        ),
        EvalSet(
            "school9",
            SCHOOL9 / "test.jsonl",
            SCHOOL9 / "roster.csv",
            "school9: a Catholic 11-18 academy, written blind for issue 13's fifth round; run "
            "twice untouched, then development data (trained on)",
        ),
        EvalSet(
            "school10",
            SCHOOL10 / "test.jsonl",
            SCHOOL10 / "roster.csv",
            "school10: an SEMH special school and a PRU, written blind for issue 13's fifth "
            "round; run three times untouched, then development data (trained on)",
        ),
        EvalSet(
            "school11",
            SCHOOL11 / "test.jsonl",
            SCHOOL11 / "roster.csv",
            "school11: a Catholic 11-18 school in the north-west with many origins, written "
            "blind for issue 13's sixth round; run once untouched, then development data "
            "(trained on)",
        ),
        EvalSet(
            "school12",
            SCHOOL12 / "test.jsonl",
            SCHOOL12 / "roster.csv",
            "school12: a rural 11-16 academy in Lincolnshire with many origins, written blind "
            "for issue 13's sixth round; run twice untouched, then development data (trained on)",
        ),
        EvalSet(
            "school13",
            SCHOOL13 / "test.jsonl",
            SCHOOL13 / "roster.csv",
            "school13: an infant and junior federation in West Yorkshire, written blind for "
            "issue 13's sixth round; run twice untouched, then development data (trained on)",
        ),
        EvalSet(
            "school14",
            SCHOOL14 / "test.jsonl",
            SCHOOL14 / "roster.csv",
            "school14: an 11-18 girls' school in south-east London, written blind for issue "
            "13's sixth round; run three times untouched, then development data (trained on)",
        ),
        EvalSet(
            "school15",
            SCHOOL15 / "test.jsonl",
            SCHOOL15 / "roster.csv",
            "school15: an 11-16 academy in Leicester, written blind for issue 13's seventh "
            "round; run twice untouched, then development data (trained on)",
        ),
        EvalSet(
            "school16",
            SCHOOL16 / "test.jsonl",
            SCHOOL16 / "roster.csv",
            "school16: a rural Church of England primary federation in Cornwall, Devon and "
            "the Welsh border, written blind for issue 13's seventh round (never tuned on)",
        ),
        EvalSet(
            "school17",
            SCHOOL17 / "test.jsonl",
            SCHOOL17 / "roster.csv",
            "school17: a Catholic 11-18 school in north Liverpool, written blind for issue 13's "
            "seventh round; run twice untouched, then development data (trained on)",
        ),
        EvalSet(
            "school18",
            SCHOOL18 / "test.jsonl",
            SCHOOL18 / "roster.csv",
            "school18: a community primary in east London, written blind for issue 13's "
            "seventh round; run twice untouched, then development data (trained on)",
        ),
        EvalSet(
            "school19",
            SCHOOL19 / "test.jsonl",
            SCHOOL19 / "roster.csv",
            "school19: an 11-18 comprehensive in Bradford, written blind for issue 13's "
            "eighth round; run three times untouched, then development data (trained on)",
        ),
        EvalSet(
            "school20",
            SCHOOL20 / "test.jsonl",
            SCHOOL20 / "roster.csv",
            "school20: an independent day and boarding school in Surrey, written blind for "
            "issue 13's eighth round; run three times untouched, then development data "
            "(trained on)",
        ),
        EvalSet(
            "school21",
            SCHOOL21 / "test.jsonl",
            SCHOOL21 / "roster.csv",
            "school21: an all-through special school (autism, SEMH) in Birmingham, written "
            "blind for issue 13's ninth round; run twice untouched, then development data "
            "(trained on)",
        ),
        EvalSet(
            "school22",
            SCHOOL22 / "test.jsonl",
            SCHOOL22 / "roster.csv",
            "school22: an 11-16 academy in Boston, Lincolnshire, written blind for issue 13's "
            "ninth round; run twice untouched, then development data (trained on)",
        ),
        EvalSet(
            "school23",
            SCHOOL23 / "test.jsonl",
            SCHOOL23 / "roster.csv",
            "school23: an 11-18 comprehensive on the Cornish coast, written blind for issue 13's "
            "tenth round; run twice untouched, then development data (trained on)",
        ),
        EvalSet(
            "school24",
            SCHOOL24 / "test.jsonl",
            SCHOOL24 / "roster.csv",
            "school24: a voluntary-aided Jewish primary in Barnet, north London, written blind "
            "for issue 13's tenth round; run twice untouched, then development data (trained on)",
        ),
        EvalSet(
            "school25",
            SCHOOL25 / "test.jsonl",
            SCHOOL25 / "roster.csv",
            "school25: an 11-16 academy in north-east Sheffield, written blind for issue 13's "
            "eleventh round; run twice untouched, then development data (trained on)",
        ),
        EvalSet(
            "school26",
            SCHOOL26 / "test.jsonl",
            SCHOOL26 / "roster.csv",
            "school26: a primary near Folkestone with Nepali Gurkha and service families, "
            "written blind for issue 13's eleventh round; run twice untouched, then "
            "development data (trained on)",
        ),
        EvalSet(
            "school27",
            SCHOOL27 / "test.jsonl",
            SCHOOL27 / "roster.csv",
            "school27: a sixth form college in Croydon, written blind for issue 13's twelfth "
            "round; run twice untouched, then development data (trained on)",
        ),
        EvalSet(
            "school28",
            SCHOOL28 / "test.jsonl",
            SCHOOL28 / "roster.csv",
            "school28: a rural Northumberland middle school, written blind for issue 13's "
            "twelfth round; run twice untouched, then development data (trained on; five "
            "unlabelled children's names corrected)",
        ),
        EvalSet(
            "school29",
            SCHOOL29 / "test.jsonl",
            SCHOOL29 / "roster.csv",
            "school29: an 11-16 academy in Peterborough with Lithuanian, Latvian, Polish, Roma, "
            "Portuguese and Pakistani families, written blind for issue 13's thirteenth round; "
            "run twice untouched, then development data (trained on)",
        ),
        EvalSet(
            "school30",
            SCHOOL30 / "test.jsonl",
            SCHOOL30 / "roster.csv",
            "school30: a pupil referral unit in Nottingham (many professionals not on the "
            "roster), written blind for issue 13's thirteenth round; run twice untouched, then "
            "development data (trained on)",
        ),
        EvalSet(
            "school31",
            SCHOOL31 / "test.jsonl",
            SCHOOL31 / "roster.csv",
            "school31: a Catholic 11-18 girls' school in south Manchester (Irish, Keralan, Goan, "
            "Filipino, Nigerian and Polish families), written blind for issue 13's fourteenth "
            "round; run twice untouched, then development data (trained on)",
        ),
        EvalSet(
            "school32",
            SCHOOL32 / "test.jsonl",
            SCHOOL32 / "roster.csv",
            "school32: an inner-city Bristol primary (Somali, Jamaican and word-named children), "
            "written blind for issue 13's fourteenth round; run twice untouched, then "
            "development data (trained on)",
        ),
        EvalSet(
            "school33",
            SCHOOL33 / "test.jsonl",
            SCHOOL33 / "roster.csv",
            "school33: an 11-18 comprehensive near Heathrow (Sikh Punjabi families sharing Kaur "
            "and Singh, Pakistani, Tamil, Somali), written blind for issue 13's fifteenth round; "
            "run twice untouched, then development data (trained on)",
        ),
        EvalSet(
            "school34",
            SCHOOL34 / "test.jsonl",
            SCHOOL34 / "roster.csv",
            "school34: an 11-16 academy in Great Yarmouth (Norfolk, Portuguese, Timorese and "
            "showmen families), written blind for issue 13's fifteenth round; run twice "
            "untouched, then development data (trained on)",
        ),
        EvalSet(
            "school35",
            SCHOOL35 / "test.jsonl",
            SCHOOL35 / "roster.csv",
            "school35: an 11-16 secondary in Tower Hamlets (Bangladeshi Sylheti families: Md, "
            "Begum, Uddin, Miah, Islam), written blind for issue 13's sixteenth round; run "
            "twice untouched, then development data (trained on)",
        ),
        EvalSet(
            "school36",
            SCHOOL36 / "test.jsonl",
            SCHOOL36 / "roster.csv",
            "school36: a primary in Palmers Green (Greek and Turkish Cypriot families, patronymic "
            "surnames, Turkish given names that are words), written blind for issue 13's "
            "sixteenth round; run twice untouched, then development data (trained on)",
        ),
        EvalSet(
            "school37",
            SCHOOL37 / "test.jsonl",
            SCHOOL37 / "roster.csv",
            "school37: a Catholic primary in north Liverpool (Irish-heritage, Liverpool Chinese, "
            "Yemeni, Somali, Nigerian and Filipino families, word-named children), written blind "
            "for issue 13's seventeenth round; run twice untouched, then development data "
            "(trained on)",
        ),
        EvalSet(
            "school38",
            SCHOOL38 / "test.jsonl",
            SCHOOL38 / "roster.csv",
            "school38: an 11-18 academy in Leicester (Gujarati, Punjabi Sikh, Somali, Slovak "
            "Roma families; set texts and local places as traps), written blind for issue 13's "
            "seventeenth round; run twice untouched, then development data "
            "(trained on)",
        ),
        EvalSet(
            "school39",
            SCHOOL39 / "test.jsonl",
            SCHOOL39 / "roster.csv",
            "school39: an 11-16 academy in Portsmouth (Forces families, Nepali Gurkha families, "
            "Afghan, Kurdish; the Mary Rose and houses named after Nelson and Drake as traps), "
            "written blind for issue 13's eighteenth round; run twice untouched, then development "
            "data (trained on)",
        ),
        EvalSet(
            "school40",
            SCHOOL40 / "test.jsonl",
            SCHOOL40 / "roster.csv",
            "school40: a primary in Coventry (Punjabi, Eritrean and Ethiopian patronymic names, "
            "Ukrainian and Polish new arrivals, classes named after trees), written blind for "
            "issue 13's eighteenth round; run twice untouched, then development data (trained on)",
        ),
        EvalSet(
            "school41",
            SCHOOL41 / "test.jsonl",
            SCHOOL41 / "roster.csv",
            "school41: an 11-18 academy in Luton (Mirpuri and Bangladeshi, Polish and Romanian, "
            "Albanian, Somali, Caribbean and Irish families; staff surnames that are subjects), "
            "written blind for issue 13's nineteenth round; run three times untouched, then "
            "development data (trained on)",
        ),
        EvalSet(
            "school42",
            SCHOOL42 / "test.jsonl",
            SCHOOL42 / "roster.csv",
            "school42: a 3-16 all-through academy in east Hull (Kurdish, Baltic, Slovak Roma, "
            "Filipino families; classes named after rivers), written blind for issue 13's "
            "nineteenth round; run three times untouched, then development data (trained on)",
        ),
        EvalSet(
            "school43",
            SCHOOL43 / "test.jsonl",
            SCHOOL43 / "roster.csv",
            "school43: an 11-18 Church of England academy in Milton Keynes (Nigerian, Ghanaian, "
            "Zimbabwean, Keralan and Goan, Gujarati and Punjabi, Polish, Romanian, Bulgarian and "
            "Brazilian families; virtue names), written blind for issue 13's twentieth round; "
            "run twice untouched, then development data (trained on)",
        ),
        EvalSet(
            "school44",
            SCHOOL44 / "test.jsonl",
            SCHOOL44 / "roster.csv",
            "school44: a 3-11 primary in South Shore, Blackpool (Irish Traveller, Polish, "
            "Romanian, Kurdish, Eritrean, Bangladeshi and Hong Kong families; many word-names), "
            "written blind for issue 13's twentieth round; run twice untouched, then development "
            "data (trained on)",
        ),
        EvalSet(
            "school45",
            SCHOOL45 / "test.jsonl",
            SCHOOL45 / "roster.csv",
            "school45: an 11-16 academy in Peterborough (Lithuanian and Latvian, Polish, "
            "Portuguese, Czech and Slovak Roma, Kashmiri, Kurdish and Fenland families; an EAL "
            "induction class), written blind for issue 13's twenty-first round; run twice "
            "untouched, then development data (trained on)",
        ),
        EvalSet(
            "school46",
            SCHOOL46 / "test.jsonl",
            SCHOOL46 / "roster.csv",
            "school46: a 3-11 Catholic primary in Newcastle upon Tyne (Geordie, Irish, "
            "Bangladeshi, Czech and Slovak Roma, Nigerian and Ghanaian, Filipino and Vietnamese "
            "families; classes named after northern saints), written blind for issue 13's "
            "twenty-first round; run twice untouched, then development data (trained on)",
        ),
        EvalSet(
            "school47",
            SCHOOL47 / "test.jsonl",
            SCHOOL47 / "roster.csv",
            "school47: an 11-18 English-medium comprehensive in Cardiff (Somali, Yemeni, "
            "Bangladeshi and Pakistani, Sudanese and Eritrean, Polish, Romanian, Chinese and "
            "Welsh families; Welsh and bilingual subjects), written blind for issue 13's "
            "twenty-second round; run twice untouched, then development data (trained on)",
        ),
        EvalSet(
            "school48",
            SCHOOL48 / "test.jsonl",
            SCHOOL48 / "roster.csv",
            "school48: a 3-11 primary in Oldham (Bangladeshi, Pakistani, Romanian and Roma, "
            "Syrian and Afghan, West African, Gypsy and Irish Traveller families; classes named "
            "after authors), written blind for issue 13's twenty-second round; run twice "
            "untouched, then development data (trained on)",
        ),
        EvalSet(
            "school49",
            SCHOOL49 / "test.jsonl",
            SCHOOL49 / "roster.csv",
            "school49: an S1-S6 comprehensive on Glasgow's south side (Slovak and Romanian "
            "Roma, Pakistani and Sikh Scots, Irish-Catholic and Scottish, Gaelic spellings, "
            "Polish, Syrian, Ukrainian families; Scottish school words), written blind for "
            "issue 13's twenty-third round; run twice untouched, then development data "
            "(trained on)",
        ),
        EvalSet(
            "school50",
            SCHOOL50 / "test.jsonl",
            SCHOOL50 / "roster.csv",
            "school50: an integrated P1-P7 primary in south Belfast (Irish-language names with "
            "and without fadas, Ulster families, Polish, Lithuanian, Roma, Filipino, Chinese, "
            "Syrian and Traveller families), written blind for issue 13's twenty-third round; "
            "run twice untouched, then development data (trained on)",
        ),
        EvalSet(
            "school51",
            SCHOOL51 / "test.jsonl",
            SCHOOL51 / "roster.csv",
            "school51: an 11-16 academy in Middlesbrough (Teesside, Syrian, Kurdish, Iranian, "
            "Eritrean and Ethiopian, Sudanese, Afghan, Albanian, Pakistani and Roma families; "
            "an asylum dispersal town), written blind for issue 13's twenty-fourth round; "
            "run twice untouched, then development data (trained on)",
        ),
        EvalSet(
            "school52",
            SCHOOL52 / "test.jsonl",
            SCHOOL52 / "roster.csv",
            "school52: a village CofE primary in Herefordshire (farming families, Romany Gypsy "
            "and Traveller, Bulgarian, Romanian and Baltic farm workers', Fijian and Nepali army "
            "families; classes named after hills and rivers), written blind for issue 13's "
            "twenty-fourth round; run twice untouched, then development data (trained on)",
        ),
        EvalSet(
            "school53",
            SCHOOL53 / "test.jsonl",
            SCHOOL53 / "roster.csv",
            "school53: a selective 11-18 girls' grammar school in south-west London (Korean, "
            "Tamil and Sri Lankan, Hong Kong and Chinese, Gujarati and Punjabi, Polish, "
            "Nigerian, Iranian and Surrey families; houses named after women), written blind "
            "for issue 13's twenty-fifth round; run twice untouched, then development data "
            "(trained on)",
        ),
        EvalSet(
            "school54",
            SCHOOL54 / "test.jsonl",
            SCHOOL54 / "roster.csv",
            "school54: a 3-11 Catholic primary in Peckham (Nigerian, Ghanaian, Sierra Leonean, "
            "Congolese, Colombian and Ecuadorian families with two surnames, Filipino, Irish, "
            "Caribbean families; classes named after saints), written blind for issue 13's "
            "twenty-fifth round; run twice untouched, then development data (trained on)",
        ),
        EvalSet(
            "school55",
            SCHOOL55 / "test.jsonl",
            SCHOOL55 / "roster.csv",
            "school55: an 11-16 academy in Southampton (Polish, Afghan, Punjabi, Somali, "
            "Kurdish, Syrian, Filipino, Portuguese and Southampton families whose surnames are "
            "places and the sea; a hearing-impaired base), written blind for issue 13's "
            "twenty-sixth round; run twice untouched, then development data (trained on)",
        ),
        EvalSet(
            "school56",
            SCHOOL56 / "test.jsonl",
            SCHOOL56 / "roster.csv",
            "school56: a 3-11 primary in Harehills, Leeds (Czech and Slovak Roma, Romanian, "
            "Kurdish, Kashmiri, East and West African, Polish and Yorkshire families; classes "
            "named after rivers and dales), written blind for issue 13's twenty-sixth round; "
            "run twice untouched, then development data (trained on)",
        ),
        EvalSet(
            "school57",
            SCHOOL57 / "test.jsonl",
            SCHOOL57 / "roster.csv",
            "school57: an 11-18 Catholic comprehensive in Bolton (Gujarati Muslim, Pakistani, "
            "Irish, Polish, Filipino, Nigerian, Goan and Keralan and old Bolton families; houses "
            "named after saints; staff called Bishop, Church and Mass), written blind for issue "
            "13's twenty-seventh round; run twice untouched, then development data (trained on)",
        ),
        EvalSet(
            "school58",
            SCHOOL58 / "test.jsonl",
            SCHOOL58 / "roster.csv",
            "school58: a primary in Govanhill, Glasgow (Slovak and Czech Roma, Pakistani, "
            "Ukrainian, Romanian, African and Scottish families; Mac and Mc surnames, Gaelic "
            "names, islands that are names), written blind for issue 13's twenty-seventh round; "
            "run twice untouched, then development data (trained on)",
        ),
        EvalSet(
            "school59",
            SCHOOL59 / "test.jsonl",
            SCHOOL59 / "roster.csv",
            "school59: an 11-16 academy in Sunderland (Wearside, Bangladeshi, Hong Kong "
            "Chinese, Polish, Roma, Kurdish, Filipino and Indian families; surnames that are "
            "towns and words: Washington, Wear, Glass, Castle), written blind for issue 13's "
            "twenty-eighth round; run twice untouched, then development data (trained on)",
        ),
        EvalSet(
            "school60",
            SCHOOL60 / "test.jsonl",
            SCHOOL60 / "roster.csv",
            "school60: a CofE primary in Thetford, Norfolk (Portuguese, East Timorese, "
            "Lithuanian, Polish, Romany Gypsy and Traveller, Nepali and Norfolk families; "
            "classes named after birds and trees that are pupils' names), written blind for "
            "issue 13's twenty-eighth round; run twice untouched, then development data "
            "(trained on)",
        ),
        EvalSet(
            "school61",
            SCHOOL61 / "test.jsonl",
            SCHOOL61 / "roster.csv",
            "school61: an 11-18 comprehensive in Derby (Pakistani and Kashmiri, Punjabi Sikh, "
            "Slovak and Czech Roma, Kurdish, Zimbabwean, Nigerian, Caribbean and old Derby "
            "families; houses named Nightingale, Wright, Strutt and Royce; Rolls-Royce), written "
            "blind for issue 13's twenty-ninth round; run twice untouched, then development data "
            "(trained on)",
        ),
        EvalSet(
            "school62",
            SCHOOL62 / "test.jsonl",
            SCHOOL62 / "roster.csv",
            "school62: an English-medium primary in Swansea (Welsh, Bangladeshi, Syrian, "
            "Sudanese, Chinese, Keralan and Polish families; Welsh words in subjects, classes "
            "named after birds and trees, Dylan Thomas), written blind for issue 13's "
            "twenty-ninth round; run twice untouched, then development data (trained on)",
        ),
        EvalSet(
            "school63",
            SCHOOL63 / "test.jsonl",
            SCHOOL63 / "roster.csv",
            "school63: an integrated 11-18 college in south Belfast (Catholic and Protestant "
            "Belfast families, Irish names with and without fadas, Polish, Filipino, Indian, "
            "Syrian, Chinese and Roma families; Irish words in subjects; first names that are "
            "counties: Kerry, Clare, Tyrone), written blind for issue 13's thirtieth round; "
            "run twice untouched, then development data (trained on)",
        ),
        EvalSet(
            "school64",
            SCHOOL64 / "test.jsonl",
            SCHOOL64 / "roster.csv",
            "school64: a primary in Belgrave, Leicester (Gujarati Hindu and Muslim families, "
            "one pupil in six a Patel; Punjabi, Somali, Polish and Leicester families; classes "
            "named after scientists and authors; Diwali and Eid in subjects), written blind "
            "for issue 13's thirtieth round; run twice untouched, then development data "
            "(trained on)",
        ),
        EvalSet(
            "school65",
            SCHOOL65 / "test.jsonl",
            SCHOOL65 / "roster.csv",
            "school65: an 11-16 academy in Stoke-on-Trent (Pakistani, Slovak and Czech Roma, "
            "Polish, Kurdish and Potteries families; surnames that are Stoke towns and words: "
            "Stoke, Hanley, Salt, Plant; houses named after pottery firms), written blind for "
            "issue 13's thirty-first round; run twice untouched, then development data "
            "(trained on)",
        ),
        EvalSet(
            "school66",
            SCHOOL66 / "test.jsonl",
            SCHOOL66 / "roster.csv",
            "school66: a primary in west Cornwall (Cornish, Polish, Portuguese, Filipino, "
            "Bulgarian, Syrian and Traveller families; Cornish names that are words, classes "
            "named after coves, birds and saints), written blind for issue 13's thirty-first "
            "round; run twice untouched, then development data (trained on)",
        ),
        EvalSet(
            "school67",
            SCHOOL67 / "test.jsonl",
            SCHOOL67 / "roster.csv",
            "school67: an 11-16 academy in west Hull (Hull, Kurdish, Polish, Lithuanian, "
            "Romanian, Syrian and Eritrean families; surnames that are East Riding places and "
            "words: Hessle, Anlaby, Cross, Marsh; houses named after Hull figures), written blind "
            "for issue 13's thirty-second round; run twice untouched, then development data "
            "(trained on)",
        ),
        EvalSet(
            "school68",
            SCHOOL68 / "test.jsonl",
            SCHOOL68 / "roster.csv",
            "school68: a primary in Bury Park, Luton (Pakistani, Bangladeshi, Irish, Caribbean, "
            "Romanian, Ghanaian and Luton families; classes named after trees and rivers, one "
            "of them a pupil's name), written blind for issue 13's thirty-second round; run "
            "twice untouched, then development data (trained on)",
        ),
        EvalSet(
            "school69",
            SCHOOL69 / "test.jsonl",
            SCHOOL69 / "roster.csv",
            "school69: an 11-16 academy in north-east Sheffield (Slovak and Czech Roma, "
            "Pakistani, Yemeni, Somali and Sheffield families; tutor groups named after "
            "Sheffield rivers and hills, some of them names), written blind for issue 13's "
            "thirty-third round; run three times untouched, then development data (trained on)",
        ),
        EvalSet(
            "school70",
            SCHOOL70 / "test.jsonl",
            SCHOOL70 / "roster.csv",
            "school70: a primary in Grangetown and Butetown, Cardiff (Somali, Yemeni, "
            "Bangladeshi, Butetown and Welsh families; classes named after Welsh birds and "
            "islands, one of them a pupil's name), written blind for issue 13's thirty-third "
            "round; run three times untouched, then development data (trained on)",
        ),
    )
}
DEFAULT_SETS = ("eval", "holdout", "school2-dev", "enron")
# development sets measured out of fold: each line scored by a model fitted
# without its fold (scikit-learn; see train_scorer.dev_folds)
CV_SETS = (
    "school2-dev-cv",
    "school2-holdout-cv",
    "school3-cv",
    "school4-cv",
    "school5-cv",
    "school6-cv",
    "school7-cv",
    "school8-cv",
    "school9-cv",
    "school10-cv",
    "school11-cv",
    "school12-cv",
    "school13-cv",
    "school14-cv",
    "school17-cv",
    "school18-cv",
    "school15-cv",
    "school16-cv",
    "school19-cv",
    "school20-cv",
    "school21-cv",
    "school22-cv",
    "school23-cv",
    "school24-cv",
    "school25-cv",
    "school26-cv",
    "school27-cv",
    "school28-cv",
    "school29-cv",
    "school30-cv",
    "school31-cv",
    "school32-cv",
    "school33-cv",
    "school34-cv",
    "school35-cv",
    "school36-cv",
    "school37-cv",
    "school38-cv",
    "school39-cv",
    "school40-cv",
    "school41-cv",
    "school42-cv",
    "school43-cv",
    "school44-cv",
    "school45-cv",
    "school46-cv",
    "school47-cv",
    "school48-cv",
    "school49-cv",
    "school50-cv",
    "school51-cv",
    "school52-cv",
    "school53-cv",
    "school54-cv",
    "school55-cv",
    "school56-cv",
    "school57-cv",
    "school58-cv",
    "school59-cv",
    "school60-cv",
    "school61-cv",
    "school62-cv",
    "school63-cv",
    "school64-cv",
    "school65-cv",
    "school66-cv",
    "school67-cv",
    "school68-cv",
    "school69-cv",
    "school70-cv",
)


def run(
    records: list[Record] | None = None,
    roster: Path = DATA / "roster.csv",
    scorer: Scorer | None = None,
) -> list[Result]:
    records = records if records is not None else load_eval()
    index = NameIndex.build(load_roster_csv(roster), scorer)
    empty = NameIndex.build([], scorer)
    lower = [r for r in records if (r.case or casing(r.subject)) == "lower"]
    title = [r for r in records if (r.case or casing(r.subject)) == "title"]
    upper = [r for r in records if (r.case or casing(r.subject)) == "upper"]
    return [
        evaluate(index, records, name="directory", detector=False, sources=("directory",)),
        evaluate(index, records, name="full", detector=True),
        evaluate(empty, records, name="detector", detector=True),
        evaluate(empty, lower, name=f"detector: lower ({len(lower)})", detector=True),
        evaluate(empty, title, name=f"detector: Title ({len(title)})", detector=True),
        evaluate(empty, upper, name=f"detector: CAPS ({len(upper)})", detector=True),
    ]


# -- Enron-Meetings (real subjects; names only, no spans) -----------------------

ENRON_TRAIN = ROOT.parent / "shared" / "data" / "enron-meetings-subjects-train.jsonl"


@dataclass
class NamedSubject:
    subject: str
    names: list[str]


def load_enron(path: Path = ENRON_TRAIN) -> list[NamedSubject]:
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                r = json.loads(line)
                out.append(NamedSubject(r["subject"], list(r["names"])))
    return out


def enron_result(
    records: list[NamedSubject], predicted: list[bool], name: str = "detector"
) -> Result:
    """Subject-level counts from a prediction per subject (does it name anyone?)."""
    subj = Counts()
    for r, got in zip(records, predicted, strict=True):
        gold = bool(r.names)
        if gold and got:
            subj.tp += 1
        elif got:
            subj.fp += 1
            subj.errors.append(f"FP  {r.subject!r}")
        elif gold:
            subj.fn += 1
            subj.errors.append(f"FN  {r.subject!r}: {r.names}")
    return Result(name, subj, Counts())


def run_enron(records: list[NamedSubject]) -> list[Result]:
    """The shipped detector (empty roster) on every subject."""
    empty = NameIndex.build([])
    found = [bool(empty.find(r.subject)) for r in records]
    return [enron_result(records, found)]


def table(results: list[Result], n: int, named: int, *, spans: bool = True) -> str:
    lines = [
        f"{n} subjects, {named} naming someone",
        f"{'set-up':<22}{'level':<9}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>5}{'FN':>5}",
    ]
    for res in results:
        levels = (("subject", res.subjects), ("span", res.spans))
        for level, c in levels if spans else levels[:1]:
            lines.append(
                f"{res.name:<22}{level:<9}{c.precision:>7.3f}{c.recall:>7.3f}{c.f1:>7.3f}"
                f"{c.tp:>6}{c.fp:>5}{c.fn:>5}"
            )
    amb = [r for r in results if r.ambiguous]
    if amb:
        lines.append(
            f"{amb[0].ambiguous} line(s) the set marks ambiguous are not scored; "
            + "; ".join(
                f"{r.name}: flagged {r.ambiguous_flagged}, said ambiguous {r.ambiguous_said}"
                for r in amb[:3]
            )
        )
    return "\n".join(lines)


def merge(parts: list[list[Result]]) -> list[Result]:
    """Sum per-fold results set-up by set-up."""
    out = []
    for same in zip(*parts, strict=True):
        subj, spans = Counts(), Counts()
        res = Result(same[0].name.split(" (")[0], subj, spans)
        for r in same:
            for a, b in ((subj, r.subjects), (spans, r.spans)):
                a.tp += b.tp
                a.fp += b.fp
                a.fn += b.fn
                a.errors += b.errors
            res.ambiguous += r.ambiguous
            res.ambiguous_flagged += r.ambiguous_flagged
            res.ambiguous_said += r.ambiguous_said
        out.append(res)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--errors", action="store_true", help="list every mistake")
    ap.add_argument(
        "--set",
        dest="sets",
        action="append",
        choices=[*SETS, "enron", "enron-cv", *CV_SETS],
        help="which set(s) to measure (repeatable); default: "
        + ", ".join(DEFAULT_SETS)
        + ". enron-cv refits the learned scorer on 5 folds of the Enron train split and "
        "scores each fold out of fold; school2-dev-cv, school2-holdout-cv, school3-cv, "
        "school4-cv and school5-cv do the same on those development sets (with every other "
        "training set in); all need scikit-learn, a dev dependency",
    )
    args = ap.parse_args()
    for key in args.sets or DEFAULT_SETS:
        print(f"\n## {key}")
        if key == "enron":
            enron = load_enron()
            results = run_enron(enron)
            print("shipped detector, empty roster, on the whole Enron-Meetings train split")
            print(table(results, len(enron), sum(bool(r.names) for r in enron), spans=False))
        elif key == "enron-cv":
            from app.names.data.train_scorer import cross_validate_enron

            enron = load_enron()
            results = [enron_result(enron, cross_validate_enron(), "detector (5-fold CV)")]
            print(
                "learned scorer refitted per fold; each subject scored by the fold that left it out"
            )
            print(table(results, len(enron), sum(bool(r.names) for r in enron), spans=False))
        elif key in CV_SETS:
            from app.names.data.train_scorer import dev_folds

            base = key.removesuffix("-cv")
            es = SETS[base]
            records = load_eval(es.path)
            parts = [
                run([records[i] for i in sorted(held)], es.roster, scorer)
                for held, scorer in dev_folds(base)
            ]
            results = merge(parts)
            print(f"{base}, 5-fold: each line scored by a model fitted without its fold")
            print(table(results, len(records), sum(bool(r.spans) for r in records)))
        else:
            es = SETS[key]
            if not es.path.exists():
                print(f"(missing: {es.path.relative_to(ROOT)})")
                continue
            records = load_eval(es.path)
            results = run(records, es.roster)
            print(es.note)
            print(table(results, len(records), sum(bool(r.spans) for r in records)))
        if args.errors:
            for res in results[:3]:
                errs = res.spans.errors or res.subjects.errors
                print(f"\n== {res.name}: errors")
                print("\n".join(errs))


if __name__ == "__main__":
    main()
