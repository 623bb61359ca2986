"""Write ``extra2.jsonl``: more training subjects for the scorer, against ``../roster.csv``.

Written for issue 13's second round by the developer of the scorer, from
the failure kinds the issue lists (not from any evaluation set's lines):
word-names used as names and as words, lower-case and ALL CAPS single
names, names of many origins with and without accents, surnames alone
after lead words and in lists, and look-alike places, brands and works.
Training data only, never evaluation. Marks as in ``make_extra.py``:
[directory] (on ../roster.csv), {detector} (not on it).
Run: ``python tests/data/names/train/make_extra2.py``.
"""

import json
from pathlib import Path

from make_extra import parse

SUBJECTS = """
[Hope] forgot her PE kit again
lunch with [Hope] tomorrow?
[WILL] - DETENTION TONIGHT
can [kit] see me at break
[Miles] not in PE again
[Faith]'s mum on the phone
[Autumn] upset after lunch - can someone check
[MAY] LATE TO REG X3
[mark] to 9Q from monday
Seating plan: [Grace] next to [Poppy]
[Rose] and [Hope] - friendship issue
Spoke to [Will] about his behaviour
[Jack] & [Kit] sent out of science
[summer] in isolation p3
Please collect [Faith] from reception
Well done [Miles] and [Autumn]!
[Will] to 10R, [Mark] to 10S
[HOPE] AND [MAY] - ATTENDANCE MEETING
has anyone seen [grace]'s water bottle
[Kit]'s EHCP review moved
Hope to see you all at the summer fair
will you cover p3 tomorrow please
Summer reading challenge launch
Kit list for the residential
Mark book checks this week
MAY HALF TERM CLUB BOOKINGS
Faith schools conference notes
miles for charity - final total
Rose bushes delivered to the front
Grace before lunch - new rota
Autumn term reports deadline
Union Jack bunting for the fete
Young Enterprise fair stalls
white board markers order
Green screen booking for media
Church visit letter Y3
bill for the coach hire
rich tea biscuits for the staff room
hope you all had a good weekend
WILL THE FIRE DRILL BE TODAY?
may I swap my duty?
mark scheme attached
KIT FOR SPORTS DAY
[kacper] missing pe kit
[OLIWIA] - DETENTION
[chidi] not in today - no call
[FUNMI] LEFT EARLY - MUM COLLECTED
[siobhan] 8R lost her blazer
[zoe] and [jose] - maths set change
[AISHA] - MEDICAL FORM
[amir]'s ehcp review
{Oisin} rang in sick
re: [Zoe]'s trip form
[KACPER WOJCIK] - REPORT
[chidi okafor] parents evening
Meeting with [Okafor] re attendance
w/ [Wojcik], [Nowak] & [Begum]
Swap: [Kacper] to 8Q, [Chidi] to 8R
Call [Adeyemi] back re transport
re: [Martínez] - late again
Detention: [Khan], [Morris], [Turner]
For [Ní Bhriain] - cover work
From [Smith-Jones]'s mum
[van der Berg] and [Okafor] - seating
chat w/ [Morris] after school
Jack Wills hoodies for the leavers
Peter Pan costumes needed by Friday
Grace Darling assembly slides
Florence Nightingale museum trip
Harry Potter studio tour deposit
Paddington Bear book week ideas
Victoria Park run on Saturday
Queen Mary university visit Y12
Alexandra Palace ice skating trip
Billy Elliot tickets for drama club
Oliver Twist rehearsals moved
Alice in Wonderland costumes
Charlie and the Chocolate Factory trip
Hope Street car park closed
Mason jars for the science fair
Wood chips for the garden
{Tunde Bakare} (social worker) visiting Tues
{Guled Warsame} - new EAL pupil starting
Meeting with {Mrs Kazlauskienė} 3pm
{Ionut Popescu} dad called re bus
call {Mehmet Yılmaz} back
{Wei Zhang}'s uncle collecting
{ABDIRAHMAN} - UNIFORM
{ngozi eze} re: fees
w/ {Kowalczyk}, {Popa} & [Hassan]
{Tomasz} to 8Q, {Kofi} to 8R
{Aoife Byrne} - supply cover
{ŁUKASZ} - LATE AGAIN
{lukasz} missing homework
{Thanh Nguyen} interview 2pm
{Yusuf Demir} - transition visit
meeting with {Eze}
""".strip().splitlines()


if __name__ == "__main__":
    path = Path(__file__).with_name("extra2.jsonl")
    with path.open("w", encoding="utf-8") as fh:
        for line in SUBJECTS:
            fh.write(json.dumps(parse(line), ensure_ascii=False) + "\n")
