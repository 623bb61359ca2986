"""Write ``extra.jsonl``: training subjects for the scorer, against ``../roster.csv``.

Written for issue 13 by the developer of the scorer (so: training data only,
never evaluation). Each subject marks its names with [brackets]; the
script strips them and records the spans, all as ``directory`` (every
bracketed name is on ../roster.csv) unless marked {braces} (``detector``).
Run: ``python tests/data/names/train/make_extra.py``.
"""

import json
import re
from pathlib import Path

SUBJECTS = """
[Khan]'s detention tonight
[Begum]'s report - please check
Re: [Mccann]'s homework
[Perkins]'s mum rang
Did [Holly] get her letter?
[Holly] left her coat in the hall
[Daisy] was upset at lunch
[LILY] MISSING FROM REG
[summer] absent today - no call
Congrats [Miles]!
Thanks [Grace] - see you Monday
Please can [Amber] see me at 3
Can [Faith] come to the office
[Kai] to 9R from Monday
Swap: [Hope] to 8T, [Poppy] to 8Q
Move [Albert] and [Jenna] to set 2
Detention list: [Rahman], [Islam] & [Kelly]
w/ [Trevino], [Bates] and [Uddin]
Behaviour - [Sandhu], [Mahmood]
[MIA] & [BOBBY] - SENT OUT OF MATHS
[evie] and [caitlin] late again
Well done [Ellis] - 100% attendance
Mr [Lawson]'s duty swapped
Cover for Mrs [Wojcik] P4
Holly wreath making club
Daisy chain competition at lunch
Lily pond maintenance
Amber warning for snow
Ruby wedding anniversary card for staff
Jade plant needs watering
Grace period for coursework
Summer fair volunteers needed
May half term dates
Hope you all had a lovely break
Will you be at the meeting?
Mark scheme for Y11 mock
Faith and belief week
Joy of reading assembly
Miles walked for charity total
Rose garden planting
Holly and ivy carol service
HOLLY WREATH WORKSHOP
AMBER WARNING - SCHOOL CLOSED
summer term dates
hope everyone is well
Brown envelopes for exam entries
Green flag award
Young carers group
Field trip forms
Church service Friday
Hall booking for Friday
Bell times change
Wood workshop safety
Ed Psych referral form
Victoria Cross assembly
King's Trust award
Jack Petchey award nominations
Peter Pan rehearsals after school
Harry Potter book day costumes
Stanley Park trip letter
Ted Baker voucher for raffle
Meeting with {Dr Adaeze Nwankwo}
{Mrs Wiśniewska} called back
Call {Tomasz Nowak} back
""".strip().splitlines()

_MARK = re.compile(r"\[([^\]]+)\]|\{([^}]+)\}")
_TITLE = re.compile(r"^(?:Dr|Mrs|Mr|Ms|Miss) ")


def parse(line: str) -> dict[str, object]:
    out, spans, pos = [], [], 0
    for m in _MARK.finditer(line):
        out.append(line[pos : m.start()])
        start = sum(len(x) for x in out)
        text = m.group(1) or m.group(2)
        label = "directory" if m.group(1) else "detector"
        title = _TITLE.match(text) if label == "detector" else None
        if title:
            out.append(title.group())
            start += len(title.group())
            text = text[len(title.group()) :]
        out.append(text)
        spans.append([start, start + len(text), label, text])
        pos = m.end()
    out.append(line[pos:])
    subject = "".join(out)
    for s, e, _, t in spans:
        assert subject[s:e] == t, (subject, t)
    return {"subject": subject, "spans": spans}


if __name__ == "__main__":
    path = Path(__file__).with_name("extra.jsonl")
    with path.open("w", encoding="utf-8") as fh:
        for line in SUBJECTS:
            fh.write(json.dumps(parse(line), ensure_ascii=False) + "\n")
