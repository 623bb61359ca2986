"""Small curated vocabularies of school mail, kept here as documented data.

Everything about how *common* a word is, or how likely it is to be a name,
comes from the shipped lexicon (``data/lexicon.tsv.gz``: ONS, US Census and
spaCy's case-sensitive word probabilities). What that data cannot know is
the vocabulary of UK school email itself: which words say that a subject is
about a person, which words turn a name into a place or an organisation,
and which capitalised words are subjects, rooms and calendar words. Those
are short, closed lists, so they live here, each with the reason it exists.
"""

from __future__ import annotations

import re
from importlib import resources

from nameparser.config import CONSTANTS

from app.text import fold

# Honorifics that precede a surname in school mail ("Mrs Begum", "Dr Evans",
# "PC Hargreaves"). Every one except the police ranks is taken from
# nameparser's title list (checked below); the list is narrowed to personal
# honorifics because nameparser also counts occupations ("coach", "field",
# "english") as titles, and those are ordinary words in a subject line.
_NAMEPARSER_HONORIFICS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "prof",
        "professor",
        "rev",
        "reverend",
        "sir",
        "dame",
        "cllr",
        "councillor",
        "fr",
        "sgt",
    ]
)
# UK forms nameparser lacks: police ranks and community officers, faith
# leaders who visit schools ("PCSO Lumb", "Imam Siddiqui", "Rabbi Cohen"), an
# inspector ("HMI Whitaker"), and the titles language teachers and families
# use ("Mme Marchand", "Frau Müller", "Pani Zawadzka", "Señora Ruiz").
_EXTRA_HONORIFICS = (
    frozenset({"revd", "pc", "dc", "di", "ds", "insp", "pcso", "imam", "rabbi", "pastor", "hmi"})
    | frozenset(
        # faith-school teachers' titles, used before a first name as often as a
        # surname ("Morah Shira", "Rebbetzin Pearlman", "Ustadha Maryam")
        {"morah", "rebbetzin", "ustadh", "ustadha", "ustaz"}
    )
    | frozenset(
        {"mme", "mlle", "madame", "monsieur", "frau", "herr", "pani", "senora", "senor", "signora"}
    )
)
assert CONSTANTS.titles >= _NAMEPARSER_HONORIFICS, _NAMEPARSER_HONORIFICS - CONSTANTS.titles
HONORIFICS = _NAMEPARSER_HONORIFICS | _EXTRA_HONORIFICS

# Surname particles ("van der Berg", "Ní Bhriain", "de Souza"), written in
# lower case inside a name even in a sentence-case subject. From nameparser,
# keeping whole words only (its list also has Arabic "al-" style prefixes).
PARTICLES = frozenset(
    fold(p) for p in CONSTANTS.prefixes if p.isalpha() and p not in {"st", "ste", "do", "op"}
) | frozenset({"ap", "ab", "nic", "ui"})

# The particles that lead a surname written alone ("van der Berg - buddy", "dela
# Cruz - inhaler"): the Dutch, German, Romance and Filipino ones, not those
# that are also everyday words or name a place ("San", "Santa", "Al", "O").
SURNAME_PARTICLES = frozenset(
    {
        "van",
        "von",
        "der",
        "den",
        "ter",
        "ten",
        "de",
        "del",
        "dela",
        "della",
        "da",
        "das",
        "dos",
        "du",
    }
)


# Words that say the mail is about a particular person. A name-like token in
# a subject that also carries one of these is much more likely to be a
# person: "Grace - safeguarding follow up" versus "Grace period".
CONTEXT_WORDS = frozenset(
    [
        # who deals with it: a head of year or of department ("call from HoY")
        "hoy",
        "hod",
        # how a child is, or what happened to them
        "upset",
        "crying",
        "cried",
        "tearful",
        "distressed",
        "anxious",
        "hurt",
        "fell",
        "bumped",
        "fainted",
        "vomited",
        "bullied",
        "nits",
        "lice",
        "allergy",
        "allergic",
        "sanction",
        "sanctions",
        "behaviour",
        "behavior",
        "detention",
        "detentions",
        "incident",
        "exclusion",
        "excluded",
        "exclusions",
        "isolation",
        "ehcp",
        "ehc",
        "sen",
        "send",
        "senco",
        "iep",
        "pep",
        "lac",
        "cla",
        "cin",
        "cme",  # child missing education
        "cp",
        "eal",
        "fsm",
        "plan",
        "safeguarding",
        "welfare",
        "concern",
        "concerns",
        "worried",
        "worry",
        "attendance",
        "absence",
        "absent",
        "absences",
        "late",
        "lates",
        "punctuality",
        "medical",
        "medication",
        "unwell",
        "sick",
        "ill",
        "injury",
        "injured",
        "accident",
        "nosebleed",
        "epipen",
        "inhaler",
        "appointment",
        "appt",
        "dentist",
        "doctor",
        "hospital",
        "referral",
        "referred",
        "counselling",
        "counsellor",
        "camhs",
        "salt",
        "therapy",
        "assessment",
        "review",
        "report",
        "reports",
        "progress",
        "reading",
        "intervention",
        "support",
        "mum",
        "mums",
        "mam",
        "mom",
        "dad",
        "dads",
        "parent",
        "parents",
        "carer",
        "carers",
        "guardian",
        "grandparent",
        "nan",
        "grandma",
        "grandad",
        "foster",
        "sibling",
        "meeting",
        "call",
        "called",
        "phone",
        "rang",
        "ring",
        "message",
        "callback",
        "complaint",
        "bullying",
        "fight",
        "falling",
        "collected",
        "collection",
        "collecting",
        "pickup",
        "missing",
        "lost",
        "confiscated",
        "uniform",
        "kit",
        "homework",
        "seating",
        "transition",
        "options",
        "interview",
        "reference",
        "appraisal",
        "sickness",
        "dbs",
        "timetable",
        "cover",
        "contact",
        "consent",
        "interpreter",
        "translation",
        "debt",
        "isolation",
        "results",
        "mock",
        "mocks",
    ]
)

# Words after which a following name is talked about: "meeting with X",
# "update on X", "worried about X", "detention for X", "call from X".
LEAD_WORDS = frozenset(
    [
        "about",
        "with",
        "for",
        "re",
        "on",
        "from",
        "to",
        "regarding",
        "concerning",
        "involving",
        "ring",
        "w",
        "cc",
        "call",
        "visit",  # "home visit mcdonagh"
        "fao",  # for the attention of: "FAO GAY - ROOM CHANGE"
        "attn",
    ]
)

# Words after a name token that make the whole phrase a place, an
# organisation or an event ("Grace Academy", "Hope Street", "Jack Petchey
# Award", "Chester Zoo", "Elizabeth line"). A person's name is not followed
# by these.
PLACE_HEADS = frozenset(
    [
        # a class, corridor or classroom named after a tree, bird or person
        # ("Hazel class", "glen corridor")
        "class",
        "classroom",
        "corridor",
        "academy",
        "school",
        "schools",
        "college",
        "university",
        "uni",
        "primary",
        "secondary",
        "infants",
        "juniors",
        "nursery",
        "trust",
        "foundation",
        "federation",
        "partnership",
        "diocese",
        "council",
        "road",
        "street",
        "lane",
        "avenue",
        "drive",
        "way",
        "close",
        "crescent",
        "place",
        "square",
        "park",
        "parks",
        "gardens",
        "garden",
        "green",
        "hill",
        "court",
        "estate",
        "centre",
        "center",
        "hospital",
        "surgery",
        "clinic",
        "station",
        "line",
        "church",
        "cathedral",
        "chapel",
        "abbey",
        "castle",
        "palace",
        "museum",
        "gallery",
        "zoo",
        "theatre",
        "stadium",
        "arena",
        "library",
        "house",
        "houses",
        "hall",
        "halls",
        # outdoors and visits ("Don Valley", "Kelham Island", "Eden Camp")
        "valley",
        "island",
        "camp",
        "hospice",
        "barracks",
        "reservoir",
        "forest",
        "woods",
        "beach",
        "pier",
        "harbour",
        "quay",
        "marina",
        "memorial",
        "monument",
        "statue",
        # thirteenth round: places and firms named after people or places
        # ("Trent Bridge", "Sherwood Vale", "King's Mill", "Len Shaw Gym",
        # "Brook Farm", "Riley's Cars")
        "bridge",
        "vale",
        "pines",
        "mill",
        "village",
        "farm",
        "pool",
        "gym",
        "leisure",
        "practice",
        "cars",
        "taxis",
        "coaches",
        "motors",
        "garage",
        "room",
        "rooms",
        "block",
        "wing",
        "building",
        "campus",
        "site",
        "award",
        "awards",
        "prize",
        "cup",
        "trophy",
        "shield",
        "festival",
        "day",
        "week",
        "month",
        "fair",
        "ball",
        "challenge",
        "club",
        "society",
        "team",
        "choir",
        "band",
        "group",
        "programme",
        "program",
        "scheme",
        "project",
        "fund",
        "appeal",
        # thirty-third round: roads, docks, plains and rooms ("DALLOW RD", "Alexandra
        # Dock", "Lea Manor", "Jubilee Suite")
        "rd",
        "ave",
        "manor",
        "dock",
        "docks",
        "wharf",
        "plains",
        "suite",
    ]
)

# Words before a name token that make it part of a place or an eponym:
# "St Mark's", "Saint George's Day", "Lady Margaret School".
# Words before a name that make it a place, institution or named thing
# ("St Mark's", "King Edward's", "Storm Darragh": storms are given people's names).
PLACE_LEADS = frozenset(
    {"st", "saint", "ste", "lady", "lord", "king", "queen", "prince", "port", "storm", "pope"}
)

# Capitalised school words that are also in the name lists (English and Art
# are surnames, April and June first names, Reception a census surname):
# school subjects, calendar words and parts of the school day. They never
# count as a name on their own.
SCHOOL_WORDS = frozenset(
    [
        "english",
        "maths",
        "math",
        "mathematics",
        "science",
        "biology",
        "chemistry",
        "physics",
        "art",
        "music",
        "drama",
        "dance",
        "history",
        "geography",
        "french",
        "welsh",
        "cymraeg",
        "spanish",
        "german",
        "latin",
        "italian",
        "mandarin",
        "urdu",
        "computing",
        "ict",
        "it",
        "re",
        "pe",
        "pshe",
        "rshe",
        "citizenship",
        "technology",
        "design",
        "textiles",
        "food",
        "business",
        "economics",
        "psychology",
        "sociology",
        "law",
        "media",
        "film",
        "photography",
        "statistics",
        "religion",
        "philosophy",
        "ethics",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        # their abbreviations ("w/c 6th Jan", "Tues P3")
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mon",
        "tue",
        "tues",
        "wed",
        "weds",
        "thu",
        "thur",
        "thurs",
        "fri",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "spring",
        "summer",
        "autumn",
        "winter",
        "easter",
        "christmas",
        "advent",
        "lent",
        "ramadan",
        "eid",
        "diwali",
        "hanukkah",
        "term",
        "year",
        "years",
        "reception",
        "nursery",
        "sixth",
        "form",
        "tutor",
        "tutors",
        "form",
        "house",
        "staff",
        "office",
        "assembly",
        "registration",
        "lunch",
        "break",
        "period",
        "lesson",
        "lessons",
        "inset",
        "ofsted",
        "governors",
        # thirty-third round: a governor ("Governor training") and an
        # attendance code ("ABSENCES CODE B") are no names
        "governor",
        "code",
        "codes",
        # exam boards ("PEARSON EDEXCEL - ERRATA", "WJEC EDUQAS - RE ENTRIES")
        "edexcel",
        "eduqas",
        "wjec",
        "aqa",
        "ocr",
        "ccea",
        "btec",
        # exam and census identifiers ("UCI NUMBERS - Y10 CHECK", "EPQ MARKS")
        "uci",
        "upn",
        "uln",
        "epq",
    ]
)

# Function words and honorific-like words that never start or end a name.
STOP_WORDS = frozenset(
    [
        "fao",
        "attn",
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "with",
        "by",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "re",
        "fw",
        "fwd",
        "rv",
        "aw",
        "sv",
        "tr",
        "wg",
        "vs",
        "via",
        "per",
        "not",
        "no",
        "yes",
        "all",
        "any",
        "our",
        "your",
        "my",
        "his",
        "her",
        "their",
        "its",
        "this",
        "that",
        "these",
        "those",
        "there",
        "here",
        "what",
        "when",
        "where",
        "who",
        "why",
        "how",
        "please",
        "thanks",
        "thank",
        "dear",
        "hi",
        "hello",
        "urgent",
        "reminder",
        "update",
    ]
)

# Words that join two people: "Kyra & Amelia", "Noah Jacobs and Jaxon Ferreira".
# "n" is how a phone types "and" ("jack n kofi"); it joins only between two
# names (a list), and a lower-case "n" after a first name is not taken for
# an initial when a name follows it.
JOINERS = frozenset({"and", "&", "+", "n"})
# "Ruby or Summer for the squad?": a choice between people, weighed apart from
# "and" (``list_or``), since "June or July" is a choice between months
OR_WORDS = frozenset({"or"})

# Words right after a name that say it is a person doing or undergoing
# something ("Hope left her bag", "Miles was upset", "Grace absent").
AFTER_NAME_VERBS = frozenset(
    [
        # what a pupil does or undergoes in an incident or a day's news
        "refusing",
        "refuses",
        "bumped",
        "banged",
        "hit",
        "kicked",
        "punched",
        "bit",
        "bitten",
        "scratched",
        "crying",
        "cried",
        "vomited",
        "vomiting",
        "fainted",
        "swore",
        "swearing",
        "struggling",
        "struggled",
        "started",
        "starting",
        "moved",
        "moving",
        "joined",
        "joining",
        "leaving",
        "returned",
        "returning",
        "arriving",
        "excluded",
        "disclosed",
        "complained",
        "passed",
        "failed",
        "won",
        "scored",
        "achieved",
        "completed",
        "attended",
        "was",
        "is",
        "isn't",
        "wasn't",
        "has",
        "hasn't",
        "had",
        "needs",
        "need",
        "needed",
        "missing",
        "absent",
        "upset",
        "sent",
        "late",
        "off",
        "not",
        "forgot",
        "forgotten",
        "lost",
        "hurt",
        "unwell",
        "ill",
        "injured",
        "collected",
        "going",
        "went",
        "says",
        "said",
        "wants",
        "wanted",
        "did",
        "didn't",
        "can't",
        "cannot",
        "won't",
        "refused",
        "arrived",
        "came",
        "fell",
        "got",
        "been",
        "being",
        "feeling",
        "left",
        "says",
        "asked",
        "asks",
        "told",
        "tells",
        "seen",
        "saw",
        "in",
        "out",
        "home",
        "back",
        "will",
        "would",
        "should",
        "could",
        # the same, typed on a phone without the apostrophe ("ayan didnt have
        # breakfast", "willow wont eat")
        "wont",
        "didnt",
        "cant",
        "isnt",
        "wasnt",
        "hasnt",
        "doesnt",
        "dont",
        "wouldnt",
        "couldnt",
        "shouldnt",
        "hadnt",
        "aint",
        # and shortened ("honey sed she feels sick", "ife shld go home")
        "sed",
        "sez",
        "shld",
        "shd",
        "shud",
        "wud",
        "cud",
        "cld",
        "wld",
    ]
)

# Pronouns and quantifiers after (or before) a word that is also a name say
# it is the word: "Hope you had a good half term", "Will everyone...".
PRONOUNS = frozenset(
    ["you", "u", "ya", "we", "everyone", "everybody", "all", "they", "i", "it", "this", "that"]
)
# a common noun follows these, a name seldom does ("the field is flooded", "our Rose bed")
# Third-person singular pronouns: a word before one may be who it stands for.
HE_SHE = frozenset(["he", "she", "him", "her", "his", "hers", "himself", "herself"])

# The seasons, which name a school's terms and half terms ("Autumn 2", "Spring
# Term", "Governors' Report - Summer") as often as they name pupils.
SEASONS = frozenset(["spring", "summer", "autumn", "winter"])
# what follows a season that is a term: a half-term number or a word for a term
TERM_AFTER = frozenset(["term", "terms", "half", "ht", "series", "1", "2", "3", "4", "5", "6"])

# Outings: a name-shaped word right before one ("FORFAR TRIP", "Arran
# Residential") or after one and "to" ("Residential to Arran") is a place far
# more often than a pupil ("darius trip money").
TRIP_WORDS = frozenset(
    ["trip", "trips", "residential", "residentials", "excursion", "outing", "outings"]
)
# ... and a visit: "visit to Armagh", though a name goes before "visit" ("Halloran visit")
TRIP_TO_WORDS = TRIP_WORDS | {"visit", "visits"}

# Words before "of" and a place's name: "Isle of Skye", "City of London",
# "Vale of Glamorgan", "University of Leeds" (the place heads too).
PLACE_OF = PLACE_HEADS | frozenset(
    ["isle", "isles", "city", "county", "borough", "loch", "firth", "bay", "duke", "earl", "mull"]
)

# Words that describe a family rather than name it: "new family in
# reception", "host family", "whole family" (not "the Moyo family").
FAMILY_ADJECTIVES = frozenset(
    ["new", "old", "host", "whole", "extended", "birth", "same", "other", "large", "big", "young"]
)

DETERMINERS = frozenset(["the", "a", "an", "our", "my", "your", "his", "her", "their", "its"])
# a class or group named after a tree, an animal or a person ("Otter class", "Hazel group")
GROUP_WORDS = frozenset(["class", "classes", "group", "groups", "set", "team", "house"])

# Nouns after a word-like name that make it the word: "Summer term", "Mark
# scheme", "May half term", "Grace period".
NOUN_AFTER_WORD = frozenset(
    [
        # "Amber warning", "amber weather warning" (the Met Office's colours)
        "warning",
        "warnings",
        "alert",
        "weather",
        "term",
        "terms",
        "half",
        "holiday",
        "holidays",
        "scheme",
        "schemes",
        "fair",
        "fete",
        "fayre",
        "concert",
        "period",
        "break",
        "time",
        "show",
        "festival",
        "bank",
        "day",
        "days",
        "week",
        "weeks",
        "walk",
        "service",
        "play",
        "production",
        "sale",
        "party",
        "disco",
        "club",
    ]
)

# Words that make a name-shaped pair an organisation, place, brand or work
# ("a Ted Baker voucher", "Peter Pan rehearsals", "Harry Potter book night",
# "Florence Hall booking", "Jack Wills hoodies").
WORK_CONTEXT = frozenset(
    [
        # a virtue as an assembly or PSHE theme ("Hope - RE theme for Advent",
        # "Wisdom - PSHE theme week 4")
        "theme",
        "themes",
        "value",
        "values",
        "virtue",
        "virtues",
        "booking",
        "booked",
        "bookings",
        "voucher",
        "vouchers",
        "rehearsal",
        "rehearsals",
        "tickets",
        "ticket",
        "hoodie",
        "hoodies",
        "hoody",
        "gilet",
        "gilets",
        "jacket",
        "jackets",
        "uniform",
        "shop",
        "store",
        "brand",
        "production",
        "cast",
        "auditions",
        "audition",
        "musical",
        "performance",
        "screening",
        "film",
        "movie",
        "book",
        "novel",
        "costume",
        "costumes",
        "venue",
        "hire",
        "room",
        "trip",
        "visit",
        "award",
        "awards",
        "prize",
        "lecture",
        "theatre",
        "theater",
    ]
)

_FORM_GROUP = re.compile(r"(?:[1-9]|1[0-3])[A-Za-z]{1,3}\d?")
_ORDINAL = re.compile(r"(?i)\d+(?:st|nd|rd|th)")
# a year group or a lesson period written as a code: "Y11", "Yr7", "P5"
_YEAR_OR_PERIOD = re.compile(r"(?i)(?:y|yr)(?:[1-9]|1[0-3])|p[1-9]")


# A time or a measure written like a form group: "10am", "3pm", "5km", "2hrs"
# (a one-letter code stays a group: "7H", "9X", "11K").
_NOT_A_GROUP = re.compile(r"(?i)\d+(?:am|pm|hr|hrs|min|mins|kg|km|cm|mm|ml|gb|mb|yr|yrs|wk|wks)")


def is_form_group(text: str) -> bool:
    """A tutor group or set code: "8Q", "13R", "11X2", "7Q1" (not a date:
    "9th"; not a time or a measure: "10am", "3pm", "5km", "2hrs")."""
    return (
        _FORM_GROUP.fullmatch(text) is not None
        and _ORDINAL.fullmatch(text) is None
        and _NOT_A_GROUP.fullmatch(text) is None
    )


def is_year_or_period(text: str) -> bool:
    """A year group or lesson period code: "Y11", "Yr7", "P5" (as in "P2-3")."""
    return _YEAR_OR_PERIOD.fullmatch(text) is not None


def is_group_code(key: str) -> bool:
    """A folded token that is a form group, a year group or a period ("8q",
    "11x2", "y11", "p5"); the first and last characters are looked at before
    either pattern is tried."""
    return (key[0].isdigit() and is_form_group(key)) or (
        key[0] in "yp" and key[-1].isdigit() and is_year_or_period(key)
    )


# Words right after a name that ask the person something: "Dan can you
# check", "rob can u do the bins", "Dan please check". ``ASK_WORDS`` after
# a name count when a ``PRONOUNS`` "you"/"u" follows them or when the word
# is "please" itself (see ``_evidence``: the feature ``before_ask``).
ASK_WORDS = frozenset({"can", "could", "would", "will", "cud", "wud", "please", "pls", "plz"})
ASK_ALONE = frozenset({"please", "pls", "plz"})
YOU_WORDS = frozenset({"you", "u", "ya", "yu"})

# Thanks or a greeting just before a name whose last word is "you":
# "Thank you Catherine", "thank u shiv" (``after_pre_name`` when the word
# before "you" is one of these).
THANK_WORDS = frozenset({"thank", "thankyou", "fank"})

# Words that, right after a surname or name, say it is a household:
# "HOME VISIT - MOYO FAMILY", "the Kowalski twins" (``before_family``).
FAMILY_WORDS = frozenset(
    {"family", "families", "household", "siblings", "twins", "triplets", "kids", "children"}
)

# Verbs a person is sent or asked "to" do: "kian to see mr heywood",
# "melia to meet the fire officer", "Tomasz to 8Q" is a form group
# (``before_to_verb``: a name, then "to", then one of these).
TO_VERBS = frozenset(
    """see meet attend collect come go be have sit stay report return take bring start join
    visit speak talk read work move leave catch complete finish sign wait call ring email
    phone receive get do help present perform lead play swap use contact pick drop hand
    give show explain apologise apologize write redo resit make tidy clean stand represent
    sing dance audition train travel walk arrive remain continue book check update run cover
    teach supervise host organise organize set mark circulate send share print arrange sort
    chase confirm reply respond forward distribute prepare fix order buy""".split()  # noqa: SIM905
)

# Modals after a name, then a verb's base form: "Kamran can do Tuesdays",
# "jamal will collect dua" (``before_modal_verb``; the base forms are
# ``TO_VERBS``).
MODALS = frozenset(
    {"can", "will", "could", "would", "should", "must", "might", "cant", "wont"}
    | {"cn", "cud", "cld", "wud", "wld", "shld", "shd", "shud"}  # typed on a phone
)

# The year groups before Year 1, named by a word: "Ivy reception", "Nursery - Kai"
YEAR_WORDS = frozenset({"reception", "nursery", "eyfs"})


# Words just before a name that address or talk about a person: "Thanks
# Claire", "Well done Daisy", "Please can Honey see me", "to see Tobi".
PRE_NAME_WORDS = frozenset(
    [
        "thanks",
        "thank",
        "thx",
        "ta",
        "done",
        "congratulations",
        "congrats",
        # Welsh: thanks, congratulations, hello ("Diolch Bethan!")
        "diolch",
        "llongyfarchiadau",
        "shwmae",
        "well",
        "hi",
        "hello",
        "dear",
        "cheers",
        "ty",
        "can",
        "could",
        "would",
        "should",
        # the same on a phone: "shld unique go 2 sensory room?"
        "cn",
        "cud",
        "cld",
        "wud",
        "wld",
        "shld",
        "shd",
        "shud",
        "please",
        "tell",
        "told",
        "ask",
        "asked",
        "informed",
        "emailed",
        "phoned",
        "rang",
        "texted",
        "messaged",
        "contacted",
        "thanked",
        "remind",
        "see",
        "seen",
        "saw",
        "find",
        "found",
        "chase",
        "chasing",
        "move",
        "moved",
        "swap",
        "collect",
        "collected",
        "meet",
        "met",
        "cc",
        "w",
        "ft",
        "vs",
        # clergy and religious, who go by a first name in Catholic and Church
        # of England schools ("Fr Dominic", "Sister Bernadette")
        "fr",
        "father",
        "sr",
        "sister",
        "br",
        "brother",
        "canon",
        "deacon",
        "mgr",
        "monsignor",
    ]
)

# What independent and boarding schools write after a surname to tell siblings
# apart ("Okafor ma", "Fox-Pitt mi", "Barnes min"): the word before is a pupil.
SIBLING_MARKS = frozenset({"ma", "mi", "min", "maj", "major", "minor", "tertius", "tert"})

# Words naming what a person is or does, written just before their name: "candidate
# Kaya", "examiner Harbans Lall", "ranger Pettifer", "cleaner sandra", "driver zahid".
# A name after one is a person, whatever else it could read as ("assessor Jenny Walsh").
ROLE_WORDS = frozenset(
    [
        "candidate",
        "examiner",
        "assessor",
        "invigilator",
        "invig",
        "inspector",
        "hmi",
        "adviser",
        "advisor",
        "ranger",
        "coach",
        "instructor",
        "cleaner",
        "caretaker",
        "driver",
        "engineer",
        "technician",
        "contractor",
        "plumber",
        "electrician",
        "interpreter",
        "translator",
        "counsellor",
        "therapist",
        "nurse",
        "paramedic",
        "officer",
        "pcso",
        "sw",
        "worker",
        "student",
        "ex-student",
        "pupil",
        "ex-pupil",
        "trainee",
        "volunteer",
        "visitor",
        "governor",
        "clerk",
        "tutor",
        "mentor",
        "supply",
        "chaplain",
        "vicar",
        "applicant",
        "interviewee",
        "senco",
        "dsl",
        "ta",
        "lsa",
        "hlta",
        "learner",
        "escort",
        "photographer",
        "speaker",
        "author",
        "poet",
        "illustrator",
        "physio",
        "physiotherapist",
        "psychologist",
        "psychiatrist",
        "paediatrician",
        "orthoptist",
        "audiologist",
        "midwife",
        "lifeguard",
        "receptionist",
        "administrator",
        "locum",
        "ewo",
        "eww",
        "manager",
        "teacher",
        "ep",  # an educational psychologist: "EP OKONKWO - ROOM NEEDED"
        "priest",
        "deacon",
    ]
)

# The first word of a given name that is a religious or honorific prefix,
# not the name a person is called by: Bangladeshi and Pakistani "Md
# Shahidul", "Mohammed Rayhan", "Syed Ali"; the MIS stores the whole given
# name, staff write the name after it ("Shahidul Islam", "Rayhan").
GIVEN_NAME_PREFIXES = frozenset(
    [
        "md",
        "mohd",
        "muhd",
        "mohammed",
        "mohammad",
        "mohamed",
        "muhammad",
        "muhammed",
        "syed",
        "sayed",
        "sayyid",
        "syeda",
        "sheikh",
        "shaikh",
    ]
)

# Roles written before a possessive as often as a surname: "Head's report",
# "the Chair's action", "Deputy's diary". The detector does not read them as a
# surname alone (a rostered Mr Head is the directory's to find).
ROLE_NOUNS = frozenset(["head", "headteacher", "deputy", "principal", "chair", "bursar", "matron"])

# Titles after which a first name alone is a person ("Fr Dominic",
# "Rev Sarah", "Rabbi Yudi", "Morah Chaya", and in a primary school "Miss
# Sophie"): a title before a rostered first name otherwise asks for a surname
# ("Mrs Begum").
FIRST_NAME_TITLES = frozenset(
    {"fr", "rev", "revd", "reverend", "rabbi", "morah", "ustadh", "ustadha", "ustaz", "miss"}
)


def _named_things() -> frozenset[str]:
    """``data/named_things.txt``: one ``name|category`` a line, folded, with
    "and", "the", "of" and "&" dropped (see its header)."""
    text = resources.files("app.names.data").joinpath("named_things.txt").read_text("utf-8")
    return frozenset(
        " ".join(line.split("|", 1)[0].split())
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    )


# Well-known brands, works, places, awards and historical people whose
# names are name-shaped: a subject naming them is not about a pupil, even
# when a pupil shares the name ("Jack Wills hoodies", "Peter Pan
# rehearsals", "Stanley Park trip", "Florence Nightingale assembly").
# Curated from general knowledge of UK retail, charities, children's
# literature and theatre, days out, sport and school assembly themes.
NAMED_THINGS = _named_things()
# The first words of the names above, and the most words one has: a subject's
# named things are looked for once, from these words only (see
# ``app.names._evidence.Subject``).
NAMED_THING_STARTS = frozenset(x.split()[0] for x in NAMED_THINGS) | frozenset(
    x.split()[0].replace("'", "") for x in NAMED_THINGS
)
NAMED_THING_MAX_WORDS = max(len(x.split()) for x in NAMED_THINGS)


# The systems schools run on, written in subjects as often as any word ("new
# address on arbor pls", "SIMS to Arbor migration", "log it on cpoms",
# "bromcom? arbor? - MIS options paper"): MIS, safeguarding logs, payments,
# parent messaging and classroom apps. Names of no person; those that are
# also given names or common surnames ("Iris", "Seneca", "Sims") are left out.
SCHOOL_SYSTEMS = frozenset(
    [
        "arbor",
        "bromcom",
        "scholarpack",
        "integris",
        "cpoms",
        "myconcern",
        "edukey",
        "parentpay",
        "parentmail",
        "scopay",
        "groupcall",
        "studybugs",
        "classcharts",
        "evidenceme",
        "seesaw",
        "tapestry",
        "sparx",
        "padlet",
        "canva",
    ]
)


# Welsh words that staff in Wales write in English subjects ("Criw Cymraeg",
# "Urdd Eisteddfod", "Diolch Bethan!", "Siarter Iaith", "Ateb:" for "Re:"):
# spelt like no English word, so read as unlisted names. Welsh words that are
# also given names (Seren, Eira, Haf, Heulwen, Awen, Bryn, Glyn, Gwyn) are left
# out. Folded: "Gŵyl" is "gwyl".
WELSH_WORDS = frozenset(
    [
        "ateb",
        "athrawon",
        "bore",
        "cartref",
        "criw",
        "croeso",
        "cyfarfod",
        "cyfarchion",
        "cymraeg",
        "cymreig",
        "cymru",
        "cyngerdd",
        "diolch",
        "disgyblion",
        "dydd",
        "eisteddfod",
        "garw",
        "gwaith",
        "gwyl",
        "heddiw",
        "hwyl",
        "iaith",
        "llongyfarchiadau",
        "llysgenhadon",
        "nadolig",
        "newyddion",
        "rhieni",
        "santes",
        "shwmae",
        "siarter",
        "tywydd",
        "urdd",
        "wythnos",
        "yfory",
        "ymlaen",
        "ysgol",
        # school words, and the trees and birds classes in Wales are named
        # after ("Dosbarth Derwen", "Barcud class"; Celyn and Derwen are
        # given names too, rarer than the classes: Celyn is left out)
        "adar",
        "aderyn",
        "alarch",
        "barcud",
        "bedwen",
        "blwyddyn",
        "brecwast",
        "chwaraeon",
        "cinio",
        "criafolen",
        "derbyn",
        "derwen",
        "dosbarth",
        "drudwy",
        "dryw",
        "ffair",
        "ffawydden",
        "gaeaf",
        "gwanwyn",
        "gwasanaeth",
        "gwennol",
        "gwersi",
        "gwobr",
        "gwobrau",
        "helpwr",
        "helygen",
        "hydref",
        "llyfrgell",
        "mabolgampau",
        "meithrin",
        "onnen",
        "pennaeth",
        "plant",
        "sioe",
        "taith",
        "tylluan",
        "tymor",
    ]
)


# Reply and forward prefixes, in English, German and Dutch mail ("Re:",
# "Fwd:", "AW:", "WG:"): a subject's first words, never a name.
REPLY_PREFIXES = frozenset({"re", "fw", "fwd", "aw", "wg"})

# Welsh words that are also given names, left out of WELSH_WORDS: in a
# subject they are names more often than words, but a Welsh word all the same
# ("eira - snow day plan", "Awen - Welsh word of the week", "Welsh vocab -
# bryn, glyn, afon"), so they count as word-like as an English word-name
# ("Hope", "Summer"; see ``_lexicon.wordness``) and the words around decide.
WELSH_WORD_NAMES = frozenset(
    [
        "afon",  # river
        "alaw",  # melody
        "awen",  # muse
        "briallen",  # primrose
        "bryn",  # hill
        "celyn",  # holly
        "eira",  # snow
        "eirlys",  # snowdrop
        "enfys",  # rainbow
        "glyn",  # valley
        "gwawr",  # dawn
        "haf",  # summer
        "heulwen",  # sunshine
        "llinos",  # linnet
        "seren",  # star
    ]
)


# Languages, nationalities and peoples ("Kurdish interpreter", "GCSE Polish",
# "Ukrainian parents' coffee morning"): never a person's name to the detector,
# though many are spelt like one and are in no name list. English, Welsh
# and French are left out: they are surnames too (and school subjects, see
# SCHOOL_WORDS); Irish, rare as a surname, is in ("Irish dancing").
LANGUAGE_WORDS = frozenset(
    [
        # peoples staff write about as communities ("Roma family learning",
        # "Gypsy and Traveller history month"), never as a person
        "roma",
        "romany",
        "gypsy",
        "gypsies",
        "traveller",
        "travellers",
        "afghan",
        "african",
        "afrikaans",
        "albanian",
        "american",
        "amharic",
        "arab",
        "arabic",
        "armenian",
        "asian",
        "australian",
        "bangladeshi",
        "belarusian",
        "bengali",
        "bosnian",
        "brazilian",
        "british",
        "bulgarian",
        "canadian",
        "cantonese",
        "caribbean",
        "chechen",
        "chinese",
        "colombian",
        "congolese",
        "croatian",
        "czech",
        "danish",
        "dari",
        "dutch",
        "egyptian",
        "eritrean",
        "estonian",
        "ethiopian",
        "european",
        "farsi",
        "filipino",
        "finnish",
        "german",
        "ghanaian",
        "greek",
        "gujarati",
        "hausa",
        "hebrew",
        "hindi",
        "hungarian",
        "igbo",
        "indian",
        "iranian",
        "iraqi",
        "irish",
        "italian",
        "jamaican",
        "japanese",
        "kazakh",
        "kenyan",
        "korean",
        "kosovan",
        "kurdish",
        "kurmanji",
        "lankan",
        "latin",
        "latvian",
        "libyan",
        "lingala",
        "lithuanian",
        "macedonian",
        "malay",
        "mandarin",
        "mexican",
        "moldovan",
        "nepalese",
        "nepali",
        "nigerian",
        "norwegian",
        "pakistani",
        "pashto",
        "persian",
        "polish",
        "portuguese",
        "punjabi",
        "romani",
        "romanian",
        "russian",
        "saudi",
        "scottish",
        "serbian",
        "sinhala",
        "slovak",
        "slovakian",
        "slovenian",
        "somali",
        "sorani",
        "spanish",
        "sri",
        "sudanese",
        "swahili",
        "swedish",
        "syrian",
        "tagalog",
        "tamil",
        "telugu",
        "thai",
        "tibetan",
        "tigrinya",
        "turkish",
        "turkmen",
        "twi",
        "ugandan",
        "ukrainian",
        "urdu",
        "uzbek",
        "vietnamese",
        "yemeni",
        "yoruba",
        "zimbabwean",
        "zulu",
        "gaeilge",
        "gaelic",
        "tetum",
        "sylheti",
        "pahari",
        "mirpuri",
    ]
)

# Festivals, holy days and their customs that schools write about ("NAVRATRI
# LATE NIGHTS", "Vaisakhi absences", "rangoli art", "garba night tickets"):
# spelt like no English word, so read as unlisted names, and never a person's
# name to the detector. Given names among them (Durga, Ganesh, Noor) are left
# out.
FESTIVAL_WORDS = frozenset(
    [
        "advent",
        "baisakhi",
        "bandhan",
        "chanukah",
        "dandiya",
        "diwali",
        "deepavali",
        "eid",
        "garba",
        "gurpurab",
        "hajj",
        "hanukkah",
        "hashanah",
        "holi",
        "iftar",
        "janmashtami",
        "kippur",
        "lohri",
        "mehndi",
        "navaratri",
        "navratri",
        "nowruz",
        "onam",
        "pesach",
        "pongal",
        "purim",
        "raksha",
        "rakhi",
        "ramadan",
        "ramadhan",
        "ramzan",
        "rangoli",
        "shabbat",
        "sukkot",
        "suhoor",
        "vaisakhi",
    ]
)
