"""The attribution lexicon: every word list and parse-label set the rules read.

One data module for the whole ``index.attribution`` package (and for the
reporting-verb words that ``assistant`` and ``eval`` need): the cue words and
how they are spelt, used by the cheap prefilter (does a sentence hold any cue
word form at all?) and by the rules on the dependency parse (is this verb's
lemma a reporting verb?); the words that shape a source phrase (pronouns,
offices, time words, things that carry a message) used by claimant
resolution. Generic English only — nothing here is fitted to a particular
corpus.
"""

from __future__ import annotations

#: Prepositions that carry the claim after a speech verb ("talked about", "called for").
CONTENT_PREPOSITIONS = frozenset("about on of to for against over".split())

__all__ = [
    "RANKS",
    "CONTENT_PREPOSITIONS",
    "SPEECH_VERBS",
    "OBJECT_VERBS",
    "CONTENT_VERBS",
    "STANCE_VERBS",
    "STANCE_ADJECTIVES",
    "CLAIM_NOUNS",
    "PUBLISH_VERBS",
    "MESSAGE_NOUNS",
    "QUOTE_CHARS",
    "PERSON_PRONOUNS",
    "GROUP_PRONOUNS",
    "DEMONYMS",
    "DETERMINERS",
    "RELATIVE_PRONOUNS",
    "SAYING_VERBS",
    "EVIDENCE_VERBS",
    "CARRIER_NOUNS",
    "PLATFORMS",
    "PERSON_NOUNS",
    "TITLES",
    "GROUP_NOUNS",
    "DOCUMENT_NOUNS",
    "ORGANISATION_NOUNS",
    "UNNAMED_PRONOUNS",
    "ROLE_SYNONYMS",
    "PERFORMATIVE_VERBS",
    "AUDIENCE_NOUNS",
    "SAID_PRONOUNS",
    "EVENT_NOUNS",
    "PART_NOUNS",
    "SETTING_NOUNS",
    "ADDRESSING_VERBS",
    "QUOTING_VERBS",
    "ASKING_VERBS",
    "DIRECTIVE_VERBS",
    "QUOTE_ONLY_VERBS",
    "ADJECTIVE_PREPOSITIONS",
    "CONDITIONAL_MARKS",
    "CLAUSE_OPENERS",
    "WH_WORDS",
    "TEMPORAL_WORDS",
    "SOURCE_NOUNS",
    "ROLE_TAIL",
    "OFFICES",
    "AUX_DEPS",
    "SPEAKER_ENTS",
    "BODY_ENTS",
    "PLACE_TIME_ENTS",
    "TIME_ENTS",
    "verb_forms",
    "cue_forms",
    "cue_lemma",
    "in_lexicon",
    "is_cue_verb",
]

#: Verbs of saying: a cue even when the content is a nearby quotation.
SPEECH_VERBS = frozenset(
    """say tell claim announce accuse deny confirm report warn state add explain insist
    allege argue write tweet note ask declare assert admit acknowledge reveal disclose
    mention respond reply recall conclude urge demand promise vow pledge stress emphasize
    observe remark comment testify inform assure post caution complain concede boast
    insist contend maintain predict estimate speculate charge criticize praise blame
    describe suggest propose recommend question dismiss reiterate clarify counter
    announce threaten pledge quip joke shout retort exclaim order talk speak discuss comment
    point refer express continue support oppose endorse condemn yell chant scream read
    answer recite brag muse grumble scoff sneer rave plead lament bemoan decry email text
    recount confess remind profess affirm posit theorize concur interject whisper
    mutter murmur rant gush underline underscore preach beg implore appeal request advise
    forecast reassure confide swear vent testify lecture brief echo""".split()
)

#: Speech verbs whose direct object can be the claim ("denied the report").
OBJECT_VERBS = frozenset(
    """accuse deny confirm announce report claim criticize praise blame describe call question
    dismiss reiterate propose recommend demand promise pledge vow suggest threaten acknowledge
    admit reveal disclose mention cite predict estimate allege urge discuss express support
    oppose endorse condemn""".split()
)

#: Verbs of cognition or evidence: a cue only with a clausal complement.
CONTENT_VERBS = frozenset(
    """believe think feel hope fear know expect doubt show find indicate call want wonder
    worry agree disagree consider imply hint signal predict learn hear see understand
    guess reckon realize recognize note decide determine reveal prove seem appear
    refuse decline plan intend suspect assume recognise realise""".split()
)

#: Verbs of stance or evaluation: their direct object — a pronoun too — or an
#: "as"/"for" phrase is the content ("backed Smith", "called him a liar",
#: "cast herself as an outsider", "would vote for Jones").
STANCE_VERBS = frozenset(
    """back prefer thank vote support praise criticize criticise blame call mock slam tout
    highlight congratulate defend endorse oppose condemn accuse attack reject dismiss
    ridicule welcome applaud hail laud disavow cite cast label brand dub denounce decry
    lambast blast deride question challenge dispute echo repeat favor favour like
    dislike hate describe characterize portray credit fault chide scold rebuke champion
    advocate embrace urge demand recommend fear hope expect encourage commend celebrate
    salute mourn honor honour promote trumpet tease taunt insult lampoon rebut refute
    contradict contest defy protest rebuff snub downplay bash knock name""".split()
)

#: Adjectives that, after a copula, report a state of mind about a claim
#: ("was confident that …", "is worried about …").
STANCE_ADJECTIVES = frozenset(
    """confident sure certain hopeful optimistic pessimistic clear convinced adamant aware
    worried concerned afraid skeptical sceptical proud happy glad sorry upset angry
    disappointed frustrated grateful thankful unhappy furious wary critical supportive
    doubtful unsure uncertain eager keen determined insistent""".split()
)

#: Nouns that name a claim when followed by a "that" clause ("his view that …").
CLAIM_NOUNS = frozenset(
    """claim view belief argument assertion allegation suggestion warning promise insistence
    statement comment remark contention conviction opinion position assurance prediction
    charge accusation notion idea fear hope concern""".split()
)

#: Verbs that make a message public: a cue when their object is a message noun.
PUBLISH_VERBS = frozenset("release issue publish share post put circulate air".split())

#: Nouns that carry a message ("released a statement", "footage showing").
MESSAGE_NOUNS = frozenset(
    """statement footage video clip report message post tweet announcement data figure
    interview release letter memo communique briefing press update""".split()
)

#: Opening and closing quotation marks (straight quotes toggle).
QUOTE_CHARS = frozenset('"“”‘«»')

PERSON_PRONOUNS = frozenset("he she him her his hers i me".split())
GROUP_PRONOUNS = frozenset("they them it we us its their".split())
DETERMINERS = frozenset("the a an this that these those".split())

RELATIVE_PRONOUNS = frozenset("who which that".split())

#: The plainest verbs of saying: what a reader means by "who said …" (a subset of
#: SPEECH_VERBS; ``assistant.evidence`` and ``eval.suite_whosaid`` read it).
SAYING_VERBS = frozenset(
    """say tell state announce claim add write tweet argue insist declare assert explain note
    warn acknowledge reply respond recall suggest emphasize stress testify accuse report
    deny confirm allege admit""".split()
)

#: Verbs of evidence: "records show", "the poll found" — not states of mind, and
#: a cue even as a bare "…, records show." at the end of a sentence.
EVIDENCE_VERBS = frozenset("show indicate find reveal prove signal imply hint suggest".split())

#: Things that carry a message but do not speak: credit whoever released them (or, for
#: "Lavrov's comments", whoever they belong to).
CARRIER_NOUNS = frozenset(
    """clip video footage report statement message post tweet image photo document letter
    comment remark word speech testimony announcement note""".split()
)
#: Where messages are posted, not who posts them ("a video on the Twitter handle of …").
PLATFORMS = frozenset("twitter telegram facebook youtube instagram tiktok x whatsapp".split())
#: Nouns naming a person by role: a source headed by one is a person ("the governor").
PERSON_NOUNS = frozenset(
    """spokesperson spokesman spokeswoman official aide adviser advisor analyst expert
    resident witness lawmaker deputy diplomat envoy general colonel officer soldier
    commander prosecutor lawyer attorney judge doctor source person woman man friend
    spokespeople aide candidate nominee official insider staffer worker member
    student nurse professor scientist researcher economist pollster strategist wife husband
    ex son daughter mother father brother sister surrogate advocate mogul lady host user
    spouse partner colleague veteran executive fellow""".split()
)
#: Honorifics and short titles before a name ("Sen. X", "Mrs. Y"): no role on their own.
TITLES = frozenset("mr mrs ms dr sen rep gov gen lt col sgt prof rev sir lord lady".split())

# --- speakers (``index.attribution.speakers``): what a source phrase without a name names ----
#: Nouns naming a group of people ("protesters said", "Democrats argue").
GROUP_NOUNS = frozenset(
    """people protester critic supporter opponent voter resident citizen democrat republican
    conservative liberal progressive activist troop force rebel militant family parent
    child student worker employee member delegate leader ally authority observer
    economist expert analyst scholar historian scientist investor manager crowd public
    majority minority population community everyone everybody nobody many others both
    some most few all several each chorus ones two three dozens percent half""".split()
)
#: Nouns naming a document or record that can say something ("the report found").
DOCUMENT_NOUNS = frozenset(
    """report study poll survey review analysis paper document record data figure number
    statistic estimate projection forecast law bill rule ruling decision order complaint
    lawsuit filing indictment memo email letter book column editorial op-ed post
    tweet statement release transcript video footage clip audio recording interview
    speech platform manifesto plan proposal policy guidance evidence research model index
    ad advertisement website site page message note briefing bulletin notice
    announcement communique constitution treaty agreement resolution charter verdict
    finding result""".split()
)
#: Nouns naming a body that speaks as one ("the ministry said", "police say").
ORGANISATION_NOUNS = frozenset(
    """ministry government administration campaign committee agency department council
    party police army military navy court company firm group office team union board
    commission parliament congress senate house embassy regime cabinet bank fund
    organisation organization institute foundation association network newspaper
    magazine channel outlet station broadcaster service command headquarters staff
    panel agency authority coalition alliance movement brigade battalion unit
    regiment federation secretariat presidency kremlin pentagon journal publication paper
    city state country nation county""".split()
)
#: Source words that name someone without naming them ("someone said", "you know").
UNNAMED_PRONOUNS = frozenset("someone somebody anyone anybody one i you we me us no-one".split())
#: Office words that name the same office, for resolving "the spokesman" and for questions
#: asking for "the head of X" where the article says "secretary of X".
_ROLE_GROUPS = (
    "spokesman spokeswoman spokesperson spokespeople",
    "head chief secretary leader boss chairman chairwoman chair director",
    "premier prime",
)
ROLE_SYNONYMS: dict[str, frozenset[str]] = {
    w: frozenset(g.split()) - {w} for g in _ROLE_GROUPS for w in g.split()
}
#: A people's adjective that does not begin like its country's name ("Polish" and "Poland's";
#: "Ukrainian" and "Ukraine's" need none), for matching a role to a speaker's.
_DEMONYM_PAIRS = """polish:poland french:france british:britain dutch:netherlands
    swedish:sweden danish:denmark finnish:finland turkish:turkey spanish:spain chinese:china
    japanese:japan norwegian:norway swiss:switzerland greek:greece irish:ireland
    welsh:wales scottish:scotland czech:czechia belarusian:belarus""".split()
DEMONYMS: dict[str, frozenset[str]] = {}
for _pair in _DEMONYM_PAIRS:
    _a, _b = _pair.split(":")
    DEMONYMS[_a] = DEMONYMS.get(_a, frozenset()) | {_b}
    DEMONYMS[_b] = DEMONYMS.get(_b, frozenset()) | {_a}
#: Verbs whose object is an act, not a claim: "declared an independent republic".
PERFORMATIVE_VERBS = frozenset("declare order pronounce".split())
#: Whom words are said to: the object of "told reporters" is no claim.
AUDIENCE_NOUNS = frozenset(
    """reporter reporters journalist journalists audience crowd crowds supporter supporters
    listener listeners viewer viewers reader readers people voter voters""".split()
)
#: Pronouns that stand for what was said: "he said that", "she did not say so".
SAID_PRONOUNS = frozenset("that this so it something nothing anything everything".split())
#: Events: they happen, they do not speak ("the festivities claimed the attention …").
EVENT_NOUNS = frozenset(
    """festivity festivities celebration celebrations ceremony ceremonies parade festival
    concert holiday anniversary commemoration commemorations funeral wedding match game
    tournament""".split()
)
#: "part of the video", "some of the report": still the carrier.
PART_NOUNS = frozenset("part parts portion section some much".split())

#: Nouns after "said in/at/during …" that belong to the cue ("said in a statement").
SETTING_NOUNS = frozenset("interview speech statement remarks address release letter".split())
#: Verbs whose "to" names the audience, not the claim ("spoke to reporters").
ADDRESSING_VERBS = frozenset("speak talk say explain write add tweet post read yell shout".split())
#: Verbs that report someone else's words as theirs ("quoted X as saying").
QUOTING_VERBS = frozenset("quote cite".split())
#: Verbs of asking: an indirect question is their content ("wondered whether …").
ASKING_VERBS = frozenset("wonder ask question".split())
#: Verbs whose object is whom they address and whose "to" clause is what was said
#: ("told residents to stay indoors", "urged drivers to avoid the bridge").
DIRECTIVE_VERBS = frozenset("tell urge ask order warn remind advise instruct implore beg".split())
#: Cues only on their own ("…," he continued), not in "continues to grow".
QUOTE_ONLY_VERBS = frozenset({"continue"})
#: Prepositions after a stance adjective that carry the claim ("critical of", "sure about").
ADJECTIVE_PREPOSITIONS = frozenset("of about that on in with toward towards".split())

#: Words that open a condition or a time clause: no belief is asserted under them.
CONDITIONAL_MARKS = frozenset("if unless whether because since as when once while".split())
#: Words that open a subordinate clause before a verb, ending its auxiliaries.
CLAUSE_OPENERS = frozenset("when where how why while as once if".split())
#: Words that open an indirect question ("know what was up").
WH_WORDS = frozenset("what how why who whom where when which whether if".split())

#: Words that head a time phrase, never a speaker ("date 2022-03-06 …", "last year").
TEMPORAL_WORDS = frozenset(
    """date day days time times week weeks month months year years today yesterday tomorrow
    morning afternoon evening night monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november
    december""".split()
)
#: Nouns that may stand alone as the source of a headline colon ("Officials: …").
SOURCE_NOUNS = frozenset("poll official officials source sources study survey".split())

#: Role words that are not part of a body's name ("Defence Ministry Spokesperson").
ROLE_TAIL = frozenset("spokesperson spokesman spokeswoman spokespeople official officials".split())
#: Offices worth naming beside a person ("Zelensky (President of Ukraine)").
OFFICES = frozenset(
    """president vice-president premier chancellor minister governor mayor king queen prince
    leader head chief commander secretary ambassador senator chairman chairwoman chair
    director founder boss ceo prosecutor envoy commissioner speaker justice""".split()
)
#: Military ranks written out before a name ("Lieutenant General Kyrylo Budanov").
RANKS = frozenset("general lieutenant colonel captain sergeant admiral brigadier marshal".split())

# --- parse labels (spaCy's English dependency and entity labels) ---------------------------

#: Dependents of a verb that belong to its cue: auxiliaries, negation, adverbs.
AUX_DEPS = frozenset("aux auxpass neg advmod".split())
#: Entity labels that name someone who can speak.
SPEAKER_ENTS = frozenset("PERSON ORG NORP".split())
#: Entity labels of bodies that can speak ("the Kremlin", "Ukrainians", "Moscow").
BODY_ENTS = frozenset("ORG NORP GPE".split())
#: Entity labels of places and dates: never a speaker.
PLACE_TIME_ENTS = frozenset("GPE LOC DATE".split())
TIME_ENTS = frozenset("DATE TIME".split())

_IRREGULAR = {
    "say": ["said", "says"],
    "tell": ["told"],
    "write": ["wrote", "written"],
    "think": ["thought"],
    "feel": ["felt"],
    "know": ["knew", "known"],
    "find": ["found"],
    "show": ["shown"],
    "hear": ["heard"],
    "see": ["saw", "seen"],
    "understand": ["understood"],
    "put": ["put"],
    "learn": ["learnt"],
    "read": ["read"],
    "cast": ["cast"],
    "hold": ["held"],
    "speak": ["spoke", "spoken"],
}


def _inflect(lemma: str) -> set[str]:
    """Regular English inflections of a verb, generously (the prefilter may over-match)."""
    forms = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "d", lemma + "ing"}
    if lemma.endswith("e"):
        forms.add(lemma[:-1] + "ing")
    if lemma.endswith("y"):
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if len(lemma) > 2 and lemma[-1] not in "aeiouwxy" and lemma[-2] in "aeiou":
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    forms.update(_IRREGULAR.get(lemma, []))
    return forms


def verb_forms(lemmas) -> frozenset[str]:
    """Every inflected form of the given verb lemmas ("say" → said, says, saying, …)."""
    return frozenset(form for lemma in lemmas for form in _inflect(lemma))


def cue_forms() -> frozenset[str]:
    """Every lower-cased word form that may signal an attribution in a sentence."""
    forms: set[str] = {"according", "per", ":"}
    for lemma in SPEECH_VERBS | CONTENT_VERBS | PUBLISH_VERBS | STANCE_VERBS:
        forms |= _inflect(lemma)
    forms |= STANCE_ADJECTIVES | CLAIM_NOUNS | {noun + "s" for noun in CLAIM_NOUNS}
    return frozenset(forms)


def _form_lemmas() -> dict[str, str]:
    lemmas: dict[str, str] = {}
    for lemma in sorted(SPEECH_VERBS | CONTENT_VERBS | PUBLISH_VERBS | STANCE_VERBS):
        for form in _inflect(lemma):
            lemmas.setdefault(form, lemma)
    return lemmas


_FORM_LEMMAS = _form_lemmas()
_VERB_LEXICON = SPEECH_VERBS | CONTENT_VERBS | PUBLISH_VERBS | STANCE_VERBS


def cue_lemma(word: str, lemma: str) -> str:
    """The lexicon lemma of a verb form, mending tagger slips ("hopes" lemmatised as "hop")."""
    lemma = lemma.lower()
    if lemma in _VERB_LEXICON:
        return lemma
    return _FORM_LEMMAS.get(word.lower(), lemma)


def in_lexicon(lemma: str) -> bool:
    """Whether a verb lemma is in any of the verb lists."""
    return lemma in _VERB_LEXICON


def is_cue_verb(lemma: str, has_clause: bool, has_quote: bool) -> bool:
    """Whether a verb with this lemma introduces a claim, given what it governs."""
    lemma = lemma.lower()
    if lemma in SPEECH_VERBS:
        return has_clause or has_quote
    if lemma in CONTENT_VERBS or lemma in PUBLISH_VERBS or lemma in STANCE_VERBS:
        return has_clause
    return False
