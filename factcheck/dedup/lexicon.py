"""Word lists the claim matcher's guards and attribution stripping read, kept as data.

The verbs of saying are shared with ingest: :data:`factcheck.lexicon.SPEECH_VERBS`.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


NEGATIONS = _words("not no never none nobody nothing neither nor without nowhere")
"""Negation words (contractions are expanded first: didn't -> did not)."""

SPEECH_ADJUNCTS = _words(
    "in on at to during last this earlier later late yesterday today tonight via through from by "
    "over without monday tuesday wednesday thursday friday saturday sunday"
)
"""Words that may follow a closing speech verb ("said in a statement", "said on Tuesday",
"told Reuters by telephone", "said without giving details")."""

WEEKDAYS = _words("monday tuesday wednesday thursday friday saturday sunday")

TIME_WORDS = WEEKDAYS | _words("yesterday today tonight")
"""Days a report names relative to when it was written ("on Tuesday", "yesterday")."""

MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
"""The months, in order."""

OCCASIONS = TIME_WORDS | _words(
    """statement statements interview interviews briefing conference news press release releases
    televised address speech filing filings letter email e mail note call phone telephone text
    message radio television tv video blog post posting tweet joint written regulatory prepared
    remarks hearing session meeting rally weekend week morning afternoon evening night"""
)
"""Words that end a phrase of when, where or how something was said, after the speech verb
that opens a sentence ("The company said in a statement on Tuesday that …")."""

OCCASION_PREPOSITIONS = _words("in on at during with to via by through over")
"""Words that open such a phrase, and may be followed by a name ("in Geneva", "to Reuters")."""

OCCASION_TIMES = _words("late early earlier later last this")
"""Words that open such a phrase of time ("late Monday", "earlier this week")."""

SIDE_VERBS = _words(
    "accept accepted accepts support supported supports oppose opposed opposes dispute disputed disputes"
)
"""Verbs besides the stance verbs by which a leading speaker takes a side ("officials accepted
that …")."""

CLAUSE_OPENERS = _words("that it he she they we i you the a an its his her their there this these those some")
"""Words that may open the clause of what was said after a speech verb and its occasion ("The
company said on Tuesday it would …"); a name may too."""

TELLING = _words("tell tells told")
"""Speech verbs whose addressee comes first ("told Reuters on Tuesday", "told the BBC")."""

CITED_SOURCES = _words(
    """source sources official officials people person report reports document documents data
    figures statistics statement spokesman spokeswoman spokesperson police witnesses residents
    diplomats analysts experts"""
)
"""Words that make what a speaker cites a source ("…, the paper reported, citing unnamed
sources"), not a reason ("…, the ministry said, citing higher fuel costs")."""

SPEAKERS = CITED_SOURCES | _words(
    """authorities authority ministry ministries minister ministers government governments agency
    agencies department office commission committee council court courts judge judges prosecutor
    prosecutors investigators lawyer lawyers attorney attorneys president presidents chairman
    chairwoman chief executive director directors spokespeople military army navy police
    officer officers company companies firm firms bank banks group groups union unions party
    parties campaign campaigners activists critics supporters opponents researchers scientists
    economists doctors officials leader leaders sheriff mayor governor senator lawmakers
    lawmaker legislators congressman congresswoman embassy observatory monitor agency newspaper
    paper papers website network station broadcaster study survey poll polls analysis review
    resolution accord agreement communique statement statements release letter filing filings
    ruling verdict organisation organization organisations organizations administration
    association institute foundation watchdog regulator regulators operator"""
)
"""Nouns that name who speaks, as the last word of a speaker ("Police said", "the foreign
ministry said", "The report said"): a speaker opening a sentence is one of these or a name."""

REFERRING = _words("he she it they we i you his her its their our my this these those")
"""Words by which a clause may refer to its speaker or to what the speaker spoke of ("Goff
said this presents a threat")."""

CLAUSE_STARTS = _words("and but or so yet while because as although")
"""A 'speaker' starting so is a clause of the claim ("…, and the army said it would …")."""

ALIASES: dict[str, str] = {"IS": "ISIS", "ISIL": "ISIS"}
"""Upper-case acronyms that name the same thing (case-sensitive: "is" is a verb)."""

_UNITS: tuple[str, ...] = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight")
_UNITS += ("nine", "ten", "eleven", "twelve")
_TEENS = ("thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty")
_TENS = {"thirty": "30", "forty": "40", "fifty": "50", "sixty": "60", "seventy": "70"}
_TENS |= {"eighty": "80", "ninety": "90"}
_SCALES = "dozen dozens hundred hundreds thousand thousands million millions billion billions"

NUMBER_WORDS: dict[str, str] = {
    **{w: str(i) for i, w in enumerate(_UNITS)},
    **{w: str(i) for i, w in enumerate(_TEENS, start=13)},
    **_TENS,
    **{w: w for w in _SCALES.split()},
}
"""Number words, as the digits they stand for ("two" == "2") or as themselves."""


def _pair(name: str, positive: str, negative: str) -> dict[str, tuple[str, str]]:
    forms = {w: (name, "+") for w in positive.split()}
    forms.update({w: (name, "-") for w in negative.split()})
    return forms


POLAR: dict[str, tuple[str, str]] = {
    **_pair(
        "confirm",
        "confirm confirms confirmed confirming confirmation admit admits admitted admitting",
        "deny denies denied denying denial",
    ),
    **_pair(
        "accept",
        "accept accepts accepted accepting acceptance approve approves approved agree agrees agreed",
        "reject rejects rejected rejecting rejection refuse refuses refused refusing",
    ),
    **_pair("support", "support supports supported supporting", "oppose opposes opposed opposing"),
    **_pair(
        "rise",
        "increase increases increased increasing rises rose risen rising grew grows",
        "decrease decreases decreased decreasing falls fell fallen falling dropped declined declines",
    ),
    **_pair("win", "win wins won winning", "lose loses lost losing"),
    **_pair("true", "true correct accurate", "false incorrect inaccurate untrue"),
    **_pair("legal", "legal lawful", "illegal unlawful"),
    **_pair("guilty", "guilty", "innocent"),
    **_pair("succeed", "succeed succeeds succeeded success successful", "fail fails failed failure"),
    **_pair("allow", "allow allows allowed permitted", "ban bans banned prohibited forbade forbidden"),
    **_pair("more", "more higher above", "less fewer lower below"),
    **_pair("before", "before", "after"),
    **_pair("expected", "", "contrary"),
}
"""Polar words by pair and pole. Pairs that differ only here ("confirmed" / "denied")
score high on wording but say opposite things."""


_BARE_NT = _words("dont doesnt didnt couldnt wouldnt shouldnt isnt arent wasnt werent havent hasnt hadnt")
BARE_CONTRACTIONS: dict[str, str] = {w: f"{w[:-2]} not" for w in _BARE_NT | {"mustnt", "neednt"}}
BARE_CONTRACTIONS |= {"cant": "can not", "cannot": "can not", "wont": "will not", "aint": "is not"}
BARE_CONTRACTIONS |= {f"{w}ve": f"{w} have" for w in ("would", "could", "should", "might", "must")}
"""Contractions written without their apostrophe ("havent"), as the words they stand for."""

RESPELLINGS: tuple[tuple[str, str], ...] = (
    (r"\b(?:[Pp]er ?[Cc]ent|[Pp]ct)\b|%", " percent"),
    (r"\bUnited States(?: of America)?\b", "US"),
    (r"\b(?:United Kingdom|(?:Great )?Britain)\b", "UK"),
    (r"\bUnited Nations\b", "UN"),
    (r"\bEuropean Union\b", "EU"),
    (r"\b(?:COVID|Covid|covid)(?:-| )?19\b", "Covid"),  # the disease's number is part of its name
    (r"\b9/11\b", "September 11"),
    (
        r"\bper (?=(?:share|day|week|month|year|gallon|barrel|person|ton|tonne|pound|kilo|kilogram|mile)\b)",
        "a ",
    ),
    (r"\bper (?=(?:hour|ounce)\b)", "an "),  # "45 cents per share" is "45 cents a share"
    (r"\b(\d{1,2}):00(?= ?[ap]\.?m\b)", r"\1"),  # "10:00 a.m." is "10 a.m."
    (r"(?<![\w'])'([3-9]0s)\b", r"19\1"),  # "the '90s" is "the 1990s" ("'20s" may be either century)
)
"""Spellings news style guides vary, as one form (regular expression, replacement)."""

ACRONYMS: dict[str, str] = {
    "Securities and Exchange Commission": "SEC", "Federal Communications Commission": "FCC",
    "Federal Trade Commission": "FTC", "Federal Election Commission": "FEC",
    "Food and Drug Administration": "FDA", "Federal Aviation Administration": "FAA",
    "Drug Enforcement Administration": "DEA", "Transportation Security Administration": "TSA",
    "National Aeronautics and Space Administration": "NASA",
    "Federal Emergency Management Agency": "FEMA", "Environmental Protection Agency": "EPA",
    "Central Intelligence Agency": "CIA", "National Security Agency": "NSA",
    "International Atomic Energy Agency": "IAEA", "International Energy Agency": "IEA",
    "Federal Bureau of Investigation": "FBI", "Internal Revenue Service": "IRS",
    "National Health Service": "NHS", "National Transportation Safety Board": "NTSB",
    "Centers for Disease Control and Prevention": "CDC", "Centers for Disease Control": "CDC",
    "Department of Homeland Security": "DHS", "Immigration and Customs Enforcement": "ICE",
    "International Monetary Fund": "IMF", "World Health Organization": "WHO",
    "World Trade Organization": "WTO", "North Atlantic Treaty Organization": "NATO",
    "Organization of the Petroleum Exporting Countries": "OPEC",
    "Organization of Petroleum Exporting Countries": "OPEC",
    "Organization for Economic Cooperation and Development": "OECD",
    "Association of Southeast Asian Nations": "ASEAN", "European Central Bank": "ECB",
    "New York Stock Exchange": "NYSE", "International Criminal Court": "ICC",
    "American Civil Liberties Union": "ACLU", "National Rifle Association": "NRA",
    "Democratic National Committee": "DNC", "Republican National Committee": "RNC",
    "African National Congress": "ANC", "Palestine Liberation Organization": "PLO",
    "Irish Republican Army": "IRA", "United Arab Emirates": "UAE", "Federal Reserve": "Fed",
    "Islamic State": "ISIS", "New York Police Department": "NYPD",
    "Los Angeles Police Department": "LAPD",
    "gross domestic product": "GDP", "initial public offering": "IPO", "consumer price index": "CPI",
    "artificial intelligence": "AI", "weapons of mass destruction": "WMD",
    "chief executive officer": "CEO", "chief executive": "CEO", "chief financial officer": "CFO",
    "chief operating officer": "COO",
}  # fmt: skip
_INDEX_NAMES = {
    "Dow": "Dow Jones industrial average|Dow Jones Industrial Average|Dow Jones industrials|Dow industrials|"
    "DJIA",
    "Nasdaq": "Nasdaq Composite Index|Nasdaq Composite index|Nasdaq composite index|Nasdaq Composite|"
    "Nasdaq composite",
    "S&P 500": "Standard & Poor's 500 index|Standard & Poor's 500 Index|Standard & Poor's 500|S&P 500 index|"
    "S&P 500 Index",
}
ACRONYMS |= {name: short for short, names in _INDEX_NAMES.items() for name in names.split("|")}
"""Names news writes out or shortens ("the Securities and Exchange Commission" / "the SEC",
"the Dow Jones industrial average" / "the Dow"), as the short form. A name is matched with the
capitals it has here (so "an Islamic state" is no "Islamic State"), a common noun written in
lower case here with its first letters in either case; British "Organisation" and
"Co-operation" are matched too."""

MARKET_INDEXES = frozenset({"Dow", "Nasdaq", "S&P 500"})
"""The short forms of :data:`ACRONYMS` that are stock indexes, which outlets give epithets."""

INDEX_EPITHETS: tuple[str, ...] = ("blue chip", "tech heavy", "technology heavy", "tech laden")
INDEX_EPITHETS += ("technology laden", "tech dominated", "technology dominated")
INDEX_EPITHETS += ("broader", "broad", "benchmark")
"""What outlets call a stock index before its name ("the blue-chip Dow", "the tech-heavy Nasdaq"),
as words (hyphens are word breaks)."""

TIME_LEADS = _words("on late early earlier later")
"""Words before a day in a phrase of time ("late on Monday", "earlier today")."""

DAY_PARTS = _words("morning afternoon evening night")

PERIODS = _words("week weekend month year morning afternoon evening night summer winter spring autumn")
"""What "last", "this" and "next" date ("last week", "earlier this year")."""

MONTHS: dict[str, str] = {
    "Jan": "January", "Feb": "February", "Mar": "March", "Apr": "April", "Jun": "June",
    "Jul": "July", "Aug": "August", "Sep": "September", "Sept": "September", "Oct": "October",
    "Nov": "November", "Dec": "December",
}  # fmt: skip
"""Month abbreviations (with their full stop) and the months they stand for."""

STATES: dict[str, str] = {
    "Ala": "Alabama", "Ariz": "Arizona", "Ark": "Arkansas", "Calif": "California", "Colo": "Colorado",
    "Conn": "Connecticut", "Del": "Delaware", "Fla": "Florida", "Ga": "Georgia", "Ill": "Illinois",
    "Ind": "Indiana", "Kan": "Kansas", "Kans": "Kansas", "Ky": "Kentucky", "La": "Louisiana",
    "Md": "Maryland", "Mass": "Massachusetts", "Mich": "Michigan", "Minn": "Minnesota",
    "Miss": "Mississippi", "Mo": "Missouri", "Mont": "Montana", "Neb": "Nebraska", "Nev": "Nevada",
    "N.H": "New Hampshire", "N.J": "New Jersey", "N.M": "New Mexico", "N.Y": "New York",
    "N.C": "North Carolina", "N.D": "North Dakota", "Okla": "Oklahoma", "Ore": "Oregon",
    "Pa": "Pennsylvania", "R.I": "Rhode Island", "S.C": "South Carolina", "S.D": "South Dakota",
    "Tenn": "Tennessee", "Tex": "Texas", "Vt": "Vermont", "Va": "Virginia", "Wash": "Washington",
    "W.Va": "West Virginia", "Wis": "Wisconsin", "Wyo": "Wyoming",
}  # fmt: skip
"""AP-style state abbreviations (with their full stop, after a comma, parenthesis or party
letter: "Denver, Colo.", "(Colo.)", "D-Colo.") and the states they stand for."""

STATE_NAMES = _words(
    """Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia Hawaii
    Idaho Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan
    Minnesota Mississippi Missouri Montana Nebraska Nevada Ohio Oklahoma Oregon Pennsylvania
    Tennessee Texas Utah Vermont Virginia Washington Wisconsin Wyoming"""
) | {"New Hampshire", "New Jersey", "New Mexico", "New York", "North Carolina", "North Dakota"}
STATE_NAMES |= {"South Carolina", "South Dakota", "Rhode Island", "West Virginia"}
"""The fifty states by name."""

POSTAL_CODES = _words(
    """AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM
    NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY"""
)
"""The states' two-letter postal codes, written by some outlets after a party letter ("D-NY")."""

TITLES: dict[str, str] = {
    "Sen": "Senator", "Sens": "Senators", "Gov": "Governor", "Govs": "Governors",
    "Rep": "Representative", "Reps": "Representatives", "Lt": "Lieutenant", "Gen": "General",
    "Col": "Colonel", "Maj": "Major", "Capt": "Captain", "Sgt": "Sergeant", "Cpl": "Corporal",
    "Pvt": "Private", "Adm": "Admiral", "Cmdr": "Commander", "Dr": "Doctor", "Prof": "Professor",
    "Rev": "Reverend", "Atty": "Attorney", "Supt": "Superintendent", "Insp": "Inspector",
    "Det": "Detective", "Pres": "President", "Fr": "Father", "Mt": "Mount", "Ft": "Fort",
}  # fmt: skip
"""AP-style abbreviations before a name (with their full stop, a capitalised word after: "Sen.
John Kerry", "Lt. Gen. Ricardo Sanchez", "Ft. Lauderdale") and the words they stand for."""

AUXILIARY_TENSES: dict[str, str] = {
    **dict.fromkeys(("is", "was", "are", "were", "am"), "be"),
    **dict.fromkeys(("has", "had", "have"), "have"),
    **dict.fromkeys(("does", "did", "do"), "do"),
    **dict.fromkeys(("says", "said", "say"), "say"),
}
"""Tenses of one auxiliary (or of "say"), which a copy shifts when it reports the same claim
("It is the first time … has cut" / "It was the first time … had cut"): not a rewording.
"Will" / "would" and "can" / "could" are moods, not tenses (the modality guard)."""

NAME_TITLES = _words(
    """President Senator Senators Governor Mayor Mr Mrs Ms Doctor Dr Pope Chancellor
    Congressman Congresswoman Representative Judge Justice Ambassador Ayatollah Sheikh Sheik
    Archbishop Reverend Professor Sergeant Lieutenant Captain Colonel Admiral Detective
    Commissioner Chairman Chairwoman Secretary Minister Leader General Prosecutor Speaker"""
)
"""Titles written before a name, which one outlet gives and another leaves out ("President
Bush" / "Bush", "Prime Minister Tony Blair" / "Tony Blair", "Mr. Smith" / "Smith")."""

TITLE_NEEDS_QUALIFIER = _words("Minister Leader General")
"""Of :data:`NAME_TITLES`, those that are a title only after a word that qualifies them
("Prime Minister", "Majority Leader", "Attorney General", not "General Motors")."""

TITLE_QUALIFIERS = _words(
    """Vice Prime Deputy Acting Interim Foreign Defense Defence Finance Interior Home Treasury
    Health Justice Trade Energy Labor Labour Commerce Education Agriculture Transportation
    Transport Environment Economy State Homeland Security Attorney Surgeon Chief Fed Majority
    Minority Opposition Supreme Secretary Senate House Lt Lieutenant Major Brigadier Army Police District
    US UK UN"""
)
"""Words that may come before a title in a title ("Vice President", "Defense Secretary",
"Attorney General", "U.S. Ambassador", "Lt. Gen.")."""

TITLE_GENDERS: dict[str, str] = {"mr": "m", "mrs": "f", "ms": "f"}
"""Honorifics that say a person's sex: "Mr. Clinton" and "Mrs. Clinton" are two people."""

HONORIFICS = _words("doctor dr professor reverend")
"""Titles that stand beside any office ("Dr. Frist" is "Senator Frist")."""

OFFICE_CHANGERS = _words("vice deputy lieutenant lt assistant acting interim under")
"""Words that make a title another office: "Vice President Cheney" is not "President Cheney"."""

NOT_NAMES = _words(
    """Department Dept Ministry Office Committee Council Court House League County Hotel Motors
    Street Avenue Road Center Centre Hospital College University School Party Election Elections
    Day Award Awards Cup Trophy Bridge Park Airport Station Act General Emeritus Elect Pro
    Tem Tempore"""
)
"""Capitalised words after a title word that make it part of a name, not a person's title
("Justice Department", "President Hotel", "Secretary General")."""

STREETS: dict[str, str] = {"St": "Street", "Ave": "Avenue", "Blvd": "Boulevard", "Rd": "Road"}
"""Abbreviations after a street's name (with their full stop, a capitalised word before: "Main
St.") and the words they stand for. "St." before a name is a saint ("St. Louis"): left as it is."""

WIRE_SLUGS = _words(
    """update updated exclusive corrected correction refile rpt repeat wrapup analysis insight
    interview factbox timeline preview column breakingviews breaking urgent focus explainer
    feature"""
)
"""Editorial tags a wire service puts before a headline ("UPDATE 2-", "EXCLUSIVE-",
"REFILE-", "BREAKING:"), when a capitalised word follows: they say how the story was filed,
never what it claims."""

MAGNITUDES: dict[str, str] = {
    "bn": "billion", "b": "billion", "bln": "billion", "m": "million", "mn": "million",
    "mln": "million", "tn": "trillion", "trn": "trillion",
}  # fmt: skip
"""Abbreviations of magnitude written after a figure ("$55B", "$55bn", "5mn"), as words."""

CONVERSION_UNITS = _words(
    """dollars dollar euros euro pounds pound sterling yen yuan renminbi francs franc rupees rupee
    pesos peso roubles rubles rouble ruble reais rand kronor kroner krona crowns dirhams riyals
    shekels lira baht ringgit won USD EUR GBP JPY CNY CHF INR AUD CAD
    million billion trillion mln bln bn mn m b k
    km kilometres kilometers kilometre kilometer miles mile mi metres meters metre meter cm mm
    feet foot ft inches inch yards yard kg kilograms kilos g grams lb lbs ounces oz tonnes tons
    litres liters gallons barrels bpd acres hectares ha sq square mph kph km/h knots
    F C °F °C degrees Fahrenheit Celsius GMT UTC ET EDT EST PT PDT PST CT CDT CST BST CET CEST
    local time"""
)
"""Words of a figure converted into other units or another currency in brackets ("40C (104F)",
"1.2 billion euros ($1.4 billion)", "3 p.m. EDT (1900 GMT)"), which outlets add or leave out."""

DEMONYM_ENDINGS = ("ian", "ese", "an", "n", "i", "ish")
"""Endings that make a place's people or adjective (Egypt-ian, Japan-ese, Syria-n, Iraq-i)."""

COMPANY_SUFFIXES = _words("Inc Corp Co Ltd Plc PLC LLC Corporation Incorporated")
"""Words after a company's name that outlets keep or drop ("Gartner Inc." / "Gartner")."""

FUNCTION_WORDS = _words(
    """a an the this that these those it its he she they we you i him her them his their our
    your my me and or but nor so yet if then than as of in on at to for from by with about into onto
    over under after before during while be is are was were been being am has have had do does did
    will would shall should can could may might must also just very too there here what which who
    whom whose when where why how all any some each every both either other another such own same
    not no more most much many few less least up down out off again further once only however
    meanwhile moreover furthermore still now today yesterday tomorrow earlier later nearly almost
    around roughly approximately"""
)
"""Words that carry no claim of their own: material made only of them adds nothing."""

CLAUSE_LEADS = _words(
    "adding saying noting stressing explaining warning insisting arguing referring calling describing "
    "and but who which whose where when while whereas although though because as after before since "
    "until amid despite following prompting"
)
"""Words that start a clause of content after an attribution ("…," he told Reuters, adding 26
of the dead were women. / …, referring to …). "citing" is left out: it names a source."""

CONDITIONS = _words("if unless")
"""Words that open a condition: a run of words one side adds that opens with one ("…
next year if sales fall", "… unless talks resume") makes its claim conditional, whatever its
length (an ``extra-clause`` variant)."""

LEAD_VERBS = _words("adding saying noting stressing explaining warning insisting arguing")
"""Clause leads that are themselves speech: dropped, with a following "that", before comparing."""

_OPPOSITE_GROUPS = (
    "for against",
    "will | may might could",
    "arrest arrested arrests detained detention | release released releases freed",
    "uphold upheld upholds | overturn overturned overturns reverse reversed reverses",
    "convict convicted convicts conviction | acquit acquitted acquits acquittal",
    "open opens opened reopen reopens reopened | close closes closed shut shuts",
    "hire hires hired hiring | fire fires fired firing sack sacks sacked",
    "resign resigns resigned | fire fires fired sack sacks sacked dismiss dismisses dismissed oust ousted",
    "strong stronger strongest | weak weaker weakest",
    "profit profits gain gains | loss losses",
    "most many all | few",
    "best | worst",
    "highest | lowest",
    "largest biggest | smallest",
    "first | last",
    "start starts started begin begins began | end ends ended stop stops stopped halt halts halted",
    "resume resumes resumed | suspend suspends suspended",
    "lift lifts lifted | impose imposes imposed",
    "join joins joined | leave leaves quit quits",
    "buy buys bought acquire acquires acquired purchase purchases purchased | sell sells sold",
    "lead leads leading | trail trails trailing",
    "ahead | behind",
    "he him his himself | she her hers herself",
    "import imports | export exports",
    "strengthen strengthens strengthened | weaken weakens weakened",
    "improve improves improved | worsen worsens worsened",
    "tighten tightens tightened | ease eases eased loosen loosens loosened",
    "alive | dead",
    "survive survives survived | die dies died",
    "up | down",
    "expand expands expanded | shrink shrinks shrank cut cuts",
    "early earlier | late later",
    "domestic | international foreign",
    "local | state | federal us",
    "cost costs costing | save saves saved saving",
    "public | private",
    "men man boys boy male | women woman girls girl female",
    "children child | adults adult",
    "north northern | south southern | east eastern | west western",
    "left | right",
    "liberal liberals | conservative conservatives",
    "inside | outside",
    "minority | majority",
    "kill kills killed dead | wound wounds wounded injure injures injured hurt",
    "last previous past | this current | next",
    "yesterday | today | tomorrow",
    "ally allies | enemy enemies",
    "victory | defeat",
    "rise rises rose risen rising increase increases increased increasing grow grows grew growing "
    "gain gains gained gaining jump jumps jumped soar soars soared climb climbs climbed surge surges "
    "surged | fall falls fell fallen falling decrease decreases decreased decreasing drop drops "
    "dropped dropping decline declines declined declining plunge plunges plunged slump slumps "
    "slumped tumble tumbles tumbled sink sinks sank slide slides slid dip dips dipped lose loses "
    "lost losing cut cuts cutting reduce reduces reduced reducing",
    "raise raises raised raising hike hikes hiked | cut cuts cutting lower lowers lowered lowering "
    "reduce reduces reduced reducing slash slashes slashed",
    "beat beats beating | miss misses missed missing",
    "add adds added accretive | dilute dilutes diluted dilutive",
    "confirm accept support pass passes passed | block blocks blocked blocking",
    "stable serious critical",
    "deliberately intentionally | accidentally",
    "half | quarter",
    "upgrade upgrades upgraded upgrading | downgrade downgrades downgraded downgrading",
    "young younger youngest | old older oldest",
    "minimum | maximum",
    "morning | afternoon | evening night",
    "victim victims | suspect suspects",
    "plaintiff plaintiffs | defendant defendants",
    "winner winners | loser losers",
    "predecessor | successor",
    "guilty | innocent",
    "life | death",
    "arrest arrested arrests | charge charged charges | convict convicted convicts",
    "father mother son daughter brother sister husband wife grandfather grandmother grandson "
    "granddaughter uncle aunt nephew niece",
    "hour hours hourly | day days daily | week weeks weekly | month months monthly | quarter "
    "quarters quarterly | year years yearly annual annually | decade decades",
)

OPPOSITES: dict[str, frozenset[str]] = {}
"""Each word and the words that say something else in its place: two wordings that differ
by one such substitution ("voted for" / "voted against", "will" / "may", "upheld" /
"overturned") are two claims. Words are grouped by ``|`` into forms of one meaning; a group
without ``|`` is one word per meaning. Only substitutions count: a word of a group on one
side with nothing of its group on the other is not a conflict (a "fire" is not a firing)."""
for _group in _OPPOSITE_GROUPS:
    _meanings = (
        [_words(m) for m in _group.split("|")] if "|" in _group else [_words(w) for w in _group.split()]
    )
    for _meaning in _meanings:
        _others = frozenset().union(*(m for m in _meanings if m is not _meaning))
        for _word in _meaning:
            OPPOSITES[_word] = OPPOSITES.get(_word, frozenset()) | _others

ORDINAL_WORDS: tuple[str, ...] = ("first", "second", "third", "fourth", "fifth")
ORDINAL_WORDS += ("sixth", "seventh", "eighth", "ninth", "tenth")
"""The ordinals from 1 to 10 written as words, in order: "1st" and "10th" are spelt so."""

ORDINALS = frozenset(ORDINAL_WORDS)
"""Ordinal numbers written as words: one in place of another is a number variant
("first-degree" / "second-degree murder")."""

_QUANTITY_GROUPS: tuple[str, ...] = (
    "all every each entire whole",
    "most majority",
    "many numerous much",
    "some several",
    "few little",
    "both",
    "double doubled doubles doubling twice twofold",
    "triple tripled triples tripling treble trebled trebles thrice threefold",
    "quadruple quadrupled quadruples fourfold",
    "halve halved halves halving",
)
_QUANTITY_GROUPS += ("percent", "point points")  # "rose 2 percent" / "rose 2 points"


def _apart(groups: tuple[str, ...]) -> dict[str, frozenset[str]]:
    """Each word of each group (words separated by spaces) and the words of the other groups."""
    found: dict[str, frozenset[str]] = {}
    for group in groups:
        others = frozenset().union(*(_words(g) for g in groups if g is not group))
        found |= dict.fromkeys(_words(group), others)
    return found


QUANTITIES = _apart(_QUANTITY_GROUPS)
"""Each word of quantity (or unit of a figure) and the words of another quantity: one in place
of another is a number variant ("all of the hostages" / "some of the hostages", "profit
doubled" / "profit tripled", "rose 2 percent" / "rose 2 points"). "each" in place of "every",
or "several" of "some", is the same quantity."""

ATTEMPTS = _words("attempted foiled thwarted almost nearly partially partly")
"""Words that make a deed one that was tried and did not happen, or did not wholly happen:
"charged with attempted murder" / "charged with murder", "the bridge almost collapsed" / "the
bridge collapsed" are two claims (a ``modality`` variant)."""

FORMER = _words("former ex")
"""Words that make a person one who no longer is what the next word says: "a former employee
sued the bank" and "an employee sued the bank" are two claims (an ``entity`` variant); before a
name ("the former Soviet Union") they are left out of account."""

_ACTOR_GROUPS: tuple[str, ...] = (
    "government governments administration cabinet ministry ministries department authorities "
    "officials official regime",
    "company companies firm firms corporation business businesses bank banks lender lenders "
    "carrier airline retailer automaker carmaker insurer manufacturer",
    "police policeman policemen policewoman officers officer cops",
    "army military troops soldiers",
    "court courts judge judges tribunal",
    "prosecutors prosecutor prosecution",
    "lawyers lawyer attorneys attorney",
    "union unions",
    "rebels rebel insurgents militants fighters guerrillas",
    "protesters protestors demonstrators",
    "opposition",
    "investors shareholders",
    "analysts economists",
    "workers employees staff",
    "residents villagers",
    "doctors physicians",
    "scientists researchers",
    "teachers",
    "students",
    "voters",
    "patients",
    "parents",
    "customers consumers shoppers",
    "passengers",
)
ACTORS = _apart(_ACTOR_GROUPS)
"""Each word for who acts or speaks and the words for others: one in place of another is
another actor ("The government said it would appeal" / "The company said it would appeal",
an ``entity`` variant). Words for one kind of actor are grouped ("the firm" / "the bank",
"troops" / "soldiers", "officials" / "the ministry"): outlets swap those."""

SCOPES = _words("worldwide globally nationwide countrywide statewide")
"""Words that say a thing happens everywhere: one side saying so where the other names a place
("cut 3,000 jobs worldwide" / "cut 3,000 jobs in Europe") is another claim (an ``entity``
variant)."""

MOODS: dict[str, str] = {
    **dict.fromkeys(("will", "would", "shall"), "will"),
    **dict.fromkeys(("may", "might", "could"), "may"),
}
"""Words that say a thing will or may happen rather than that it does or did: "will raise the
minimum wage" and "raised the minimum wage" are a promise and a deed, two claims. "will" and
"would" are one mood (reported speech turns one into the other); "can" and "should" are left
out (an ability, an advice)."""

PLANNED = _words("set going plan plans planning poised about expected likely")
"""Words that, before "to", say a thing is planned or expected: "is set to raise", "plans to
raise" are the mood ``will``."""

PLANNED_WEAK = _words("is are was were")
"""Words that, before "to", may say a thing is planned ("Ford is to close") or not ("the aim
is to close"): the mood ``will`` only against another wording's ``will``."""

NUMBER_BOUNDS: dict[str, str] = {
    **dict.fromkeys(("at least", "more than", "over", "excess of", "upwards of"), "+"),
    **dict.fromkeys(("up to", "at most", "under", "nearly", "almost", "many as"), "-"),
}
"""Words before a masked number that make it a lower (``+``) or an upper bound (``-``): "at
least 20 were killed" and "20 were killed" are two figures. As compared, after :data:`POLAR`:
"less than" and "fewer than" read "more than" (their pole is a cue of its own), "above" and
"below" read "more". "about", "around" and "some" are left out: copies add and drop them."""

NEGATING_PREFIXES = ("un", "in", "im", "il", "ir", "dis", "non")
"""Prefixes that make a word's opposite ("safe" / "unsafe", "likely" / "unlikely")."""
