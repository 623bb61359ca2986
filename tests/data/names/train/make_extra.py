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
RE: [Frankie] - forgot PE kit again
FW: FW: [ELLIS EWING] 10C - REPORT CARD
re: [melissa ali] parents evening slot
[Tate], [Kaur] and [Gill] - late to period 1
Period 5 detentions: [Griffiths], [Morton], [Uddin]
[Poppy] feeling unwell - mum collecting
Can someone check on [Matilda] in 8K?
[Jaxon] & [Phoebe] - seating plan change
[CHESTER] - MISSING HOMEWORK X3
[toby gonzales] - lunch debt
Re: [Ella Clark]'s art portfolio
Message for Mr [Parsons] from reception
Mrs [Sharma] off sick - cover needed
[Maya B.] to see [Hannah S.] at break
call [Ahmed Davies] re transport
[Harriet] 11Q - revision timetable
FW: [Lucas]'s medical form
Storm Ciara - school closure update
Storm warning - buses may be late
Ivy league university talk Y12
Holly's Cafe order for staff lunch
Amber flag at the beach trip
Ruby Tuesday song for assembly
Jasmine tea for the staff room
Rose and Crown booking for staff party
Oliver! cast list
Annie rehearsals moved to hall
Matilda the Musical tickets
Grease auditions Thursday
Joseph and the Technicolor Dreamcoat rehearsals
Hamilton trip payments due
Mary Rose museum visit
Isaac Newton building access
Darwin day activities
Shakespeare week resources
Nightingale ward visit cancelled
Churchill room booking
Victoria line delays - staff late
Jubilee line strike Tuesday
Wellington boots for forest school
Jack Frost wrapping paper order
Bob the Builder dress up day
Father Christmas grotto volunteers
Santa dash entries
King Charles coronation assembly
Queen's Park trip forms
Hope Street car park closed
Grace Academy netball fixture
St Mary's primary transition day
WILL YOU BE IN ON FRIDAY?
will someone cover duty
MARK SCHEME AND EXAMINER REPORT
mark book deadline friday
PATIENCE PLEASE - SYSTEMS DOWN
Faith schools conference
Sunny spells forecast for sports day
Dawn chorus walk for Y7
Summer holiday club bookings
June exam timetable
August results day rota
April fools assembly idea
Art and Design moderation
English Literature set texts
Music exam entries
Drama studio booking
History trip to Ypres
Florence trip payments
Paris exchange host families
Chester Zoo trip consent
Austin Reed suits donation
Reading age test results Y8
Meeting with {Dr Ifeoma Chukwu} (EP)
{Mr Kowalewski} (new SALT) visiting Weds
Interview panel: {Ms Adaeze Obi} 2pm
{Paulina Nowakowska} - supply cover Monday
{Obinna} from the council called
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
