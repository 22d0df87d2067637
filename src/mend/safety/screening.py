"""Crisis-language screening of free text a client writes (clinical-model §5).

Pure: a string in, a `Screening` out; standard library only, no model, no network.
Rules, in four steps:

1. Normalise to a searchable form: lower case, straight apostrophes and quotes,
   HTML tags and entities undone, letter runs of three or more cut to two, and
   a word list of typos, missing apostrophes and slang ("im", "dont", "kms",
   "myslef", "sewerslide"). Every rewrite is recorded, so a match in the
   normalised text maps back to its exact span in the original.
2. Match: each rule is one compiled regex for one kind of risk (wish to die,
   intent, plan, burden, ...) with a level (urgent or concern), guarded by cheap
   substring checks so ordinary text costs a few `in` tests per rule.
3. Read the context of every match, in its sentence and clause: idioms and
   hyperbole ("I want to die of embarrassment", "I'd rather die than sing"),
   clear negation of the writer's own statement ("I would never hurt myself";
   but not "I can't stop thinking about killing myself"), questions someone else
   asked, media the writer is quoting, someone else as the subject (third
   person: concern), and time: distant past is concern, past said to be over
   is nothing.
4. A recall-first backstop (`screening_backstop`) reads what the rules did not: broad
   combinations of wanting and dying, acts, means, preparations and self-harm, with
   its own idiom, negation, third-person, media and time filters. It runs when the
   rules found nothing urgent, raises none to concern or urgent, and defers to any
   rule that matched the same phrase at the same or a higher level (the rule read
   that phrase in context). Its general exclusions (figures of speech, accidents,
   ordinary goodbyes, grief, someone telling the writer to, past said to be over)
   also veto the rules' own findings.
5. The screening's level is the highest level of any surviving evidence.

Recall matters more than precision (clinical-model §5): when a rule is unsure
whether a phrase is risk, it keeps it.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import islice

from mend.safety import screening_backstop, screening_model

# The offline classifier (`screening_model`) may raise the level the rules found: none to
# concern, none or concern to urgent. On because, measured once on two blind sets, it
# caught 5-13 points more urgent statements for at most 0.7 points more false
# positives (decision 0011); recall matters more than precision here.
USE_MODEL = True


class Level(StrEnum):
    """How soon a clinician should look: none < concern < urgent."""

    NONE = "none"
    CONCERN = "concern"
    URGENT = "urgent"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Level.NONE: 0, Level.CONCERN: 1, Level.URGENT: 2}


@dataclass(frozen=True, slots=True)
class Evidence:
    """One matched phrase: `text` is `original[start:end]` of the screened string."""

    start: int
    end: int
    text: str
    kind: str
    why: str  # plain words for the therapist

    @property
    def level(self) -> Level:
        return KIND_LEVELS.get(self.kind, Level.URGENT)


@dataclass(frozen=True, slots=True)
class Screening:
    level: Level
    evidence: tuple[Evidence, ...]


NOTHING = Screening(Level.NONE, ())

# Each kind of evidence has one level (LABELS.md): the first seven open an alert now.
KIND_LEVELS = {
    "wish_to_die": Level.URGENT,
    "intent": Level.URGENT,
    "better_off_without_me": Level.URGENT,
    "plan": Level.URGENT,
    "means": Level.URGENT,
    "preparatory_act": Level.URGENT,
    "self_harm": Level.URGENT,
    "hopelessness": Level.CONCERN,
    "burden": Level.CONCERN,
    "entrapment": Level.CONCERN,
    "wish_to_disappear": Level.CONCERN,
    "disordered_eating": Level.CONCERN,
    "isolation": Level.CONCERN,
    "past_risk": Level.CONCERN,
    "third_person": Level.CONCERN,
    # Only from the backstop: death or dying dwelt on, without a wish or intent.
    "possible_risk": Level.CONCERN,
    # Only from the classifier (`screening_model`). Its urgent kind, "model_urgent", is left
    # out on purpose: Evidence.level reads a kind not listed here as urgent.
    "model_concern": Level.CONCERN,
}

# ---------------------------------------------------------------------------
# 1. Normalisation, with a map back to the original offsets.

# One character for one, so `str.translate` keeps every offset.
_CHAR_TABLE = str.maketrans(
    {
        "\u2019": "'", "\u2018": "'", "\u201b": "'", "\u02bc": "'", "`": "'", "\u00b4": "'",
        "\u2032": "'", "\uff07": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"',
        "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"', "\u2013": "-",
        "\u2014": "-", "\u2212": "-", "\u2026": ".", "\u00a0": " ", "\u2009": " ",
        "\u202f": " ", "\u200b": " ", "\u200c": " ", "\u200d": " ", "\ufeff": " ",
        "\ufe0f": " ", "\t": " ", "\r": "\n", "\u2028": "\n", "\u2029": "\n",
    }
)  # fmt: skip

# Edits of one rewrite pass: (new_start, new_end, old_start, old_end), in order.
Edit = tuple[int, int, int, int]


def _back_start(edits: Sequence[Edit], starts: Sequence[int], pos: int) -> int:
    """Where the character at `pos` of a rewritten text came from."""
    index = bisect_right(starts, pos) - 1
    if index < 0:
        return pos
    _, new_end, old_start, old_end = edits[index]
    return old_start if pos < new_end else pos + old_end - new_end


def _back_end(edits: Sequence[Edit], starts: Sequence[int], pos: int) -> int:
    """Where a span ending at `pos` of a rewritten text ended in the text before."""
    index = bisect_left(starts, pos) - 1
    if index < 0:
        return pos
    _, new_end, _, old_end = edits[index]
    return old_end if pos <= new_end else pos + old_end - new_end


def _rewrite(
    text: str, pattern: re.Pattern[str], replace_with: Callable[[re.Match[str]], str | None]
) -> tuple[str, list[Edit]]:
    """`pattern.sub` that records each change; None from `replace_with` keeps a match."""
    pieces: list[str] = []
    edits: list[Edit] = []
    last = 0
    size = 0  # length of the output so far
    for match in pattern.finditer(text):
        new = replace_with(match)
        if new is None or new == match.group():
            continue
        start, end = match.span()
        pieces.append(text[last:start])
        size += start - last
        edits.append((size, size + len(new), start, end))
        pieces.append(new)
        size += len(new)
        last = end
    if not edits:
        return text, edits
    pieces.append(text[last:])
    return "".join(pieces), edits


_BLOCK_TAGS = frozenset(
    [
        "p",
        "br",
        "div",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "td",
        "th",
        "blockquote",
        "hr",
        "section",
        "article",
        "pre",
    ]
)
_CENSORED = {
    "s*icide": "suicide", "su*cide": "suicide", "sui*ide": "suicide", "suic*de": "suicide",
    "s**cide": "suicide", "su**ide": "suicide", "su1c1de": "suicide", "suic1de": "suicide",
    "su1cide": "suicide", "k*ll": "kill", "k!ll": "kill", "k1ll": "kill", "k.ll": "kill",
    "d*e": "die", "d!e": "die", "d1e": "die", "k*lling": "killing", "k1lling": "killing",
    "unal1ve": "unalive", "un*live": "unalive", "unal*ve": "unalive", "sh*t": "sh*t",
}  # fmt: skip
# Emoji that stand for a means of harm, read as the word.
_EMOJI = {
    "\U0001F52A": "knife", "\U0001FA78": "blood", "\U0001F48A": "pills", "\u26B0": "coffin",
    "\U0001FAA6": "grave", "\U0001F52B": "gun", "\U0001FAA2": "rope",
}  # fmt: skip
_PASS_A = re.compile(
    r"(?P<tag></?(?P<name>[a-z][a-z0-9]{0,10})\b[^<>]{0,300}>)"
    r"|(?P<entity>&(?:#[0-9]{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,30});)"
    r"|(?P<run>(?P<letter>[a-z])(?P=letter){2,})"
    r"|(?P<emoji>[\U0001F52A\U0001FA78\U0001F48A\u26B0\U0001FAA6\U0001F52B\U0001FAA2])"
    r"|(?P<censored>(?<![\w*!.])(?:"
    + "|".join(re.escape(key) for key in sorted(_CENSORED, key=len, reverse=True))
    + r")(?![\w*!]))"
)


def _pass_a(match: re.Match[str]) -> str | None:
    if match.group("tag"):
        return "\n" if match.group("name") in _BLOCK_TAGS else " "
    if entity := match.group("entity"):
        plain = html.unescape(entity)
        return None if plain == entity else plain.lower().translate(_CHAR_TABLE)
    if run := match.group("run"):
        return run[:2]
    if emoji := match.group("emoji"):
        return f" {_EMOJI[emoji]} "
    return _CENSORED.get(match.group("censored"))


# Whole words (or short phrases) rewritten to their standard spelling.
_WORDS: dict[str, str] = {
    # missing apostrophes
    "im": "i'm", "ive": "i've", "dont": "don't", "cant": "can't", "wont": "won't",
    "didnt": "didn't", "doesnt": "doesn't", "isnt": "isn't", "wasnt": "wasn't",
    "werent": "weren't", "arent": "aren't", "havent": "haven't", "hasnt": "hasn't",
    "hadnt": "hadn't", "wouldnt": "wouldn't", "couldnt": "couldn't", "shouldnt": "shouldn't",
    "whats": "what's", "thats": "that's", "theres": "there's", "theyd": "they'd",
    "theyll": "they'll", "theyre": "they're", "youre": "you're", "itll": "it'll",
    "hes": "he's", "shes": "she's", "everyones": "everyone's", "ill": "i'll", "id": "i'd",
    "i'am": "i'm", "iam": "i am", "i`m": "i'm", "dnt": "don't", "cnt": "can't",
    # chat spellings
    "2": "to", "wanna": "want to", "wana": "want to", "wan2": "want to", "gonna": "going to",
    "gotta": "got to", "tryna": "trying to", "u": "you", "ppl": "people", "every1": "everyone",
    "evry1": "everyone", "some1": "someone", "no1": "no one", "noone": "no one",
    "any1": "anyone", "rn": "right now", "tonite": "tonight", "tonights": "tonight's",
    "todays": "today's", "2nite": "tonight",
    "tmrw": "tomorrow", "tmr": "tomorrow", "2morrow": "tomorrow", "bc": "because",
    "cuz": "because", "coz": "because", "bcuz": "because", "becuz": "because",
    "idk": "i don't know", "idc": "i don't care", "idw": "i don't want",
    "ngl": "not going to lie", "tbh": "to be honest", "abt": "about", "w/o": "without",
    "thru": "through", "tho": "though", "pls": "please", "plz": "please", "cya": "see you",
    "ded": "dead", "dieing": "dying", "dyin": "dying", "killin": "killing", "livin": "living",
    "goin": "going", "nothin": "nothing", "feelin": "feeling", "tryin": "trying",
    "somethin": "something", "wantin": "wanting", "thinkin": "thinking", "cuttin": "cutting",
    "hurtin": "hurting", "endin": "ending", "anymor": "anymore", "any more": "anymore",
    "bout": "about", "wud": "would", "wld": "would", "wudnt": "wouldn't", "rly": "really",
    "rlly": "really", "agian": "again", "agen": "again", "b": "be", "gna": "going to",
    "gunna": "going to", "imma": "i'm going to", "ima": "i'm going to", "finna": "going to",
    "bouta": "about to", "boutta": "about to", "hafta": "have to", "dunno": "don't know",
    "evry": "every", "evrything": "everything", "evrybody": "everybody", "bcos": "because",
    "wat": "what", "wats": "what's", "nuthin": "nothing", "aint": "ain't", "slef": "self",
    "n": "and", "too": "to", "bein": "being", "doin": "doing", "makin": "making",
    "takin": "taking", "havin": "having", "sayin": "saying",
    "anymroe": "anymore", "nemore": "anymore", "nomore": "no more",
    # slang for suicide and self-harm
    "kms": "kill myself", "kmsl": "kill myself", "k.m.s": "kill myself",
    "sewerslide": "suicide", "sewer slide": "suicide", "sewer-slide": "suicide",
    "suicide'": "suicide", "self harm": "self-harm", "selfharm": "self-harm",
    "self harming": "self-harming", "selfharming": "self-harming",
    "self harmed": "self-harmed", "selfharmed": "self-harmed", "un-alive": "unalive",
    "un alive": "unalive", "my self": "myself", "me self": "myself", "meself": "myself",
    # typos of risk words
    "dye": "dye", "kil": "kill", "kll": "kill", "kiling": "killing", "kiled": "killed",
    "myslef": "myself", "mysefl": "myself", "myslf": "myself", "mself": "myself",
    "myelf": "myself", "mysel": "myself", "mysef": "myself", "myselfe": "myself",
    "mysself": "myself", "myseld": "myself", "myslef.": "myself.",
    "suicidel": "suicidal", "suicidle": "suicidal", "suicdal": "suicidal",
    "sucidal": "suicidal", "suicial": "suicidal", "suisidal": "suicidal",
    "suicidial": "suicidal", "sucidial": "suicidal", "suacidal": "suicidal",
    "suicidall": "suicidal", "suiciadal": "suicidal", "suecidal": "suicidal",
    "suicde": "suicide", "sucide": "suicide", "suiside": "suicide", "suicid": "suicide",
    "suacide": "suicide", "suiced": "suicide", "suecide": "suicide", "suiside's": "suicide's",
    "wnat": "want", "wnt": "want", "watn": "want", "wamt": "want", "wabt": "want",
    "exsist": "exist", "exisit": "exist", "exsit": "exist", "burdon": "burden",
    "burdan": "burden", "burdern": "burden", "hopless": "hopeless", "hopefless": "hopeless",
    "pils": "pills", "overdoze": "overdose", "overdos": "overdose", "everone": "everyone",
    "evryone": "everyone", "everyon": "everyone", "evryone's": "everyone's",
    "withought": "without", "witout": "without", "wihtout": "without", "withut": "without",
    "whitout": "without", "wthout": "without", "beter": "better", "bettr": "better",
    "nobdy": "nobody", "nobady": "nobody", "noboby": "nobody", "tierd": "tired",
    "tird": "tired", "goodby": "goodbye", "gudbye": "goodbye", "godbye": "goodbye",
    "hrut": "hurt", "hurtng": "hurting", "aliv": "alive", "alvie": "alive", "alve": "alive",
    "anymoer": "anymore", "anymre": "anymore", "becuase": "because", "beacuse": "because",
    "worthles": "worthless", "pointles": "pointless", "trapt": "trapped", "traped": "trapped",
    "dissapear": "disappear", "disapear": "disappear", "dissappear": "disappear",
    "sucks": "sucks", "lyf": "life", "lyfe": "life", "deth": "death", "dyng": "dying",
    "lfe": "life", "lief": "life", "liffe": "life", "anyhting": "anything",
    "anythin": "anything", "anythng": "anything", "anyting": "anything", "nothign": "nothing",
    "wnated": "wanted", "wantd": "wanted", "dieded": "died", "dyed": "dyed",
}  # fmt: skip
# Doubled letters ("diee", "kiill") after long runs were cut to two.
_STEMS = [
    "die",
    "dying",
    "dead",
    "kill",
    "killing",
    "myself",
    "suicide",
    "suicidal",
    "want",
    "live",
    "alive",
    "living",
    "anymore",
    "pills",
    "end",
    "ending",
    "hurt",
    "harm",
    "cut",
    "cutting",
    "everyone",
    "nobody",
    "better",
    "without",
    "burden",
    "hopeless",
    "trapped",
    "goodbye",
    "life",
    "please",
    "never",
    "tired",
    "exist",
    "gone",
    "miss",
    "worthless",
    "pointless",
    "disappear",
    "death",
    "no",
]


def _doubled(word: str) -> set[str]:
    return {word[: i + 1] + word[i:] for i in range(len(word))}


for _stem in _STEMS:
    for _variant in _doubled(_stem):
        _WORDS.setdefault(_variant, _stem)
# Words that stand for "I'd"/"I'll" only before a verb: "id rather", not "my id card".
_CONDITIONAL_WORDS = {
    "b": re.compile(r"[^\S\n]+(?:here|there|alive|dead|gone|around|better|able|free|happy|ok|"
                    r"okay|over|done|a|the|with|without|in|on|me|myself|real|honest)\b"),
    "bout": re.compile(r"[^\S\n]+(?!of\b)[a-z]"),
    "too": re.compile(r"[^\S\n]+(?:live|die|be|kill|end|exist|wake|sleep|hurt|cut|disappear|"
                      r"stay|keep|go on|carry on)\b"),
    "n": re.compile(r"[^\S\n]+(?:never|not|i|then|die|just|cry|hope|wish|want|wanna|sleep|"
                    r"disappear|end|kill|cut|hurt|no|nobody|everyone|everything)\b"),
    "ima": re.compile(r"[^\S\n]+(?:kill|kms|end|die|off|unalive|jump|hang|cut|hurt|just|go|"
                      r"do|take|od|overdose|try)\b"),
    "2": re.compile(r"[^\S\n]+(?:die|kill|be|end|live|go|sleep|wake|hurt|cut|not|disappear)\b"),
    "id": re.compile(r"[^\S\n]+(?:rather|be|never|just|want|kill|do|have|go|prefer|feel|love|"
                     r"like|better|probably|die|end|honestly|literally|actually|give|take)\b"),
    "ill": re.compile(r"[^\S\n]+(?:kill|end|do|never|just|be|take|go|jump|hurt|cut|make|try|"
                      r"probably|die|literally|actually|finally|disappear)\b"),
}  # fmt: skip


class _Trie(dict[str, "_Trie"]):
    """Characters to subtrees; the key "" marks the end of a word."""


def _trie_pattern(words: Iterable[str]) -> str:
    """One regex alternation shaped as a trie, so matching is one pass in C."""
    root = _Trie()
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, _Trie())
        node[""] = _Trie()
    return _trie_walk(root)


def _trie_walk(node: _Trie) -> str:
    branches = [re.escape(char) + _trie_walk(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # Longer words first (greedy), the shorter one when they fail.
    return "(?:" + body + ")?" if "" in node else body


# No leading assertion, so the engine can skip to the trie's first letters; the
# word boundary before the match is checked in `_pass_b`.
_PASS_B = re.compile("(?:" + _trie_pattern(_WORDS) + r")(?!\w|'\w|\*)")


def _pass_b(match: re.Match[str]) -> str | None:
    start, text = match.start(), match.string
    before = text[start - 1] if start else " "
    if (
        before.isalnum()
        or before == "_"
        or (before == "'" and text[start - 2 : start - 1].isalpha())
    ):
        return None
    word = match.group()
    condition = _CONDITIONAL_WORDS.get(word)
    if condition is not None and not condition.match(match.string, match.end()):
        return None
    return _WORDS.get(word)


@dataclass(frozen=True, slots=True)
class _Normalised:
    text: str
    original: str
    char_map: tuple[list[int], list[int]] | None  # per-char (starts, ends), when lower() grew
    passes: tuple[list[Edit], ...]  # rewrite passes, in the order they ran
    cache: dict[int, list[int]] = field(default_factory=dict)

    def starts(self, edits: list[Edit]) -> list[int]:
        """The new start of each edit, for bisection (computed once per pass)."""
        key = id(edits)
        if key not in self.cache:
            self.cache[key] = [edit[0] for edit in edits]
        return self.cache[key]

    def span(self, start: int, end: int) -> tuple[int, int]:
        for edits in reversed(self.passes):
            if edits:
                starts = self.starts(edits)
                start, end = _back_start(edits, starts, start), _back_end(edits, starts, end)
        if self.char_map is not None:
            starts, ends = self.char_map
            start = starts[start] if start < len(starts) else len(self.original)
            end = ends[end - 1] if end > 0 else 0
        return start, max(start, end)


def _normalise(text: str) -> _Normalised:
    lowered = text.lower()
    char_map = None
    if len(lowered) == len(text):
        first = lowered.translate(_CHAR_TABLE)
    else:  # a few characters lower-case to two ("İ"): keep a per-character map
        pieces, starts, ends = [], [], []
        for index, char in enumerate(text):
            low = char.lower().translate(_CHAR_TABLE)
            pieces.append(low)
            starts.extend([index] * len(low))
            ends.extend([index + 1] * len(low))
        first, char_map = "".join(pieces), (starts, ends)
    second, edits_a = _rewrite(first, _PASS_A, _pass_a) if _may_need_pass_a(first) else (first, [])
    third, edits_b = _rewrite(second, _PASS_B, _pass_b)
    return _Normalised(third, text, char_map, (edits_a, edits_b))


_PASS_A_HINT = re.compile(
    r"[<&*!1\U0001F52A\U0001FA78\U0001F48A\u26B0\U0001FAA6\U0001F52B\U0001FAA2]|([a-z])\1\1"
)


def _may_need_pass_a(text: str) -> bool:
    return _PASS_A_HINT.search(text) is not None


# ---------------------------------------------------------------------------
# 2. Rules.

_SP = r"[^\S\n]+"  # a space inside a pattern: any run of blanks, never a line break
# A word in a gap: not a negation.
_TOKEN = r"(?![\w']*n't\b|not\b|never\b|no\b)[^\s.!?;,\"]+"  # noqa: S105 - not a password
_MACROS = {
    "<g1>": rf"(?:{_TOKEN}{_SP})?",
    "<g2>": rf"(?:{_TOKEN}{_SP}){{0,2}}",
    "<g3>": rf"(?:{_TOKEN}{_SP}){{0,3}}",
    "<g4>": rf"(?:{_TOKEN}{_SP}){{0,4}}",
    "<adv>": (
        r"(?:(?:just|really|so|honestly|sometimes|often|kind of|kinda|sort of|literally|"
        r"actually|genuinely|simply|seriously|truly|badly|desperately|only|still|already|even|"
        r"all|also|quietly|secretly|fucking|fuckin|fkn|fking|bloody|frankly|then|now|right now|"
        r"today|tonight|very|much|so much|truthfully|low key|lowkey|fr|to be honest|pretty|"
        r"completely|totally|deeply|constantly|always|occasionally|again|at times|every day|"
        r"everyday|most days|some days|at night|more than anything|lately|kinda just|"
        r"i think|i guess|like)[^\S\n]+){0,4}"
    ),
    "<die>": (
        r"(?:die|dye|dei)(?![^\S\n]+(?:my|her|his|their|your|the|it|them|some)[^\S\n]+"
        r"(?:hair|roots|beard|eyebrows|clothes|shirt|jeans|t-shirt|fabric|eggs|wool|jacket|dress|"
        r"shoes|fringe|tips|highlights)\b)(?![^\S\n]+(?:it|them)\b)"
    ),
    "<dead>": r"(?:dead|deceased)",
    "<3self>": r"(?:himself|herself|themselves|themself|themsleves)",
    "<3pos>": r"(?:his|her|their)",
    "<drugs>": (
        r"(?:pills|tablets|meds|medication|medications|painkillers|paracetamol|acetaminophen|"
        r"tylenol|sleeping pills|sleeping tablets|antidepressants|insulin|opioids|oxy|oxycodone|"
        r"tramadol|codeine|ibuprofen|aspirin|lithium|sertraline|prescriptions?|pills|benzos)"
    ),
    "<gone>": (
        r"(?:(?:was|were) (?:gone|dead|not (?:here|around|alive)|never born|no longer "
        r"(?:here|around|alive))|(?:wasn't|weren't|was not|were not) (?:here|around|alive|in the "
        r"picture|in (?:their|the|your|his|her) (?:lives|life|way))|(?:just )?(?:died(?! (?:my|"
        r"her|his|their) (?:hair|roots|beard|clothes|"
        r"shirt))|disappeared|"
        r"didn't exist|did not exist|ceased to exist|never existed|had never been born|hadn't "
        r"been born|was never born|killed myself|ended it|ended my life|went away for good|"
        r"vanished|wasn't born|weren't born|stopped existing|never been born|not been born|been "
        r"dead|been gone|never been here|was to die|were to die|were to "
        r"disappear|was to disappear|left for good|left forever|disappeared forever)|"
        r"(?:died|disappeared|vanished) (?:tomorrow|today|tonight))"
    ),
    "<rel>": (
        r"(?:mum|mom|mother|dad|father|sister|brother|son|daughter|friend|best friend|partner|"
        r"husband|wife|boyfriend|girlfriend|cousin|aunt|auntie|uncle|niece|nephew|grandma|gran|"
        r"nan|grandad|granddad|grandpa|grandmother|grandfather|colleague|coworker|co-worker|"
        r"classmate|roommate|flatmate|housemate|neighbour|neighbor|client|patient|student|kid|"
        r"kids|child|children|teen|teenager|ex|fiance|fiancee|bf|gf|bestie|mate|pal|boss|sibling|"
        r"stepdad|stepmum|stepmom|stepson|stepdaughter|twin|baby|parents|family|uncle|bro|sis|"
        r"buddy|manager|teacher|therapist|doctor|nurse|counsellor|counselor|pupil|mentee|"
        r"friends|sisters|brothers|dog|cat|wife's|husband's)"
    ),
}


def _rx(source: str) -> re.Pattern[str]:
    """Compile a rule: a space means any run of blanks (" ?" an optional one), <name> a
    shared fragment; "<gN>" is up to N words each followed by a space, and "(?: <gN>)?"
    up to N words each preceded by one."""
    for size in "1234":
        source = source.replace(f"(?: <g{size}>)?", f"(?:\x01{_TOKEN}){{0,{size}}}")
    pattern = source.replace(" ?", "\x02").replace(" ", _SP)
    pattern = pattern.replace("\x01", _SP).replace("\x02", r"[^\S\n]*")
    for name, fragment in _MACROS.items():
        pattern = pattern.replace(name, fragment)
    return re.compile(pattern)


@dataclass(frozen=True, slots=True)
class _Rule:
    kind: str
    level: Level
    why: str
    # Cheap guard before the regex runs: from every group, at least one substring occurs.
    needles: tuple[frozenset[str], ...]
    pattern: re.Pattern[str]
    # The match names the writer ("myself", "without me"): never someone else's risk.
    writer: bool = False
    # Context in which a match is an idiom: the text after the match (from its end) ...
    not_before: re.Pattern[str] | None = None
    # ... and the clause before it (up to its start).
    not_after: re.Pattern[str] | None = None
    negatable: bool = True
    # Something else the sentence must hold (the means, for "I know what I'm doing with them").
    context: re.Pattern[str] | None = None
    # The match names a topic ("self-harm", "suicidal"), not an act: a media report of it
    # is not risk unless the writer puts themselves in the sentence.
    mention: bool = False


def _rule(
    kind: str,
    level: Level,
    why: str,
    needles: str,
    source: str,
    *,
    writer: bool = False,
    not_before: str | None = None,
    not_after: str | None = None,
    negatable: bool = True,
    mention: bool = False,
    context: str | None = None,
) -> _Rule:
    return _Rule(
        kind,
        level,
        why,
        tuple(frozenset(group.split("|")) for group in needles.split("&")),
        _rx(source),
        writer,
        _rx(not_before) if not_before else None,
        _rx(not_after) if not_after else None,
        negatable,
        _rx(context) if context else None,
        mention,
    )


U, C = Level.URGENT, Level.CONCERN

# Accidents and figures of speech after "cut/hurt/burn myself".
_ACCIDENT = (
    r"^[^\S\n]*(?:off(?! (?:a|the|that|this|my|some|an|of) )|out(?! of (?:a|the) window)|"
    r"short|loose|down|free|some slack|a break|up (?:about|over)|"
    r"on (?:a|the|some|an|my) (?!arms?|wrists?|legs?|thighs?|stomach|hips?|skin|ankles?|chest|"
    r"purpose)|shaving|cooking|chopping|slicing|peeling|gardening|at (?:the gym|work|football|"
    r"rugby|training|practice|the weekend)|lifting|playing|running|skiing|climbing|cycling|"
    r"falling|tripping|by accident|accidentally|while|when (?!i\b)|doing (?:sport|yoga|"
    r"exercise|the|a)|in (?:the|a) (?:kitchen|gym|garden|game|match|fall|crash|process)|with "
    r"(?:the|a|my) (?:kettle|iron|oven|pan|stove|saucepan|hair straighteners|straighteners|"
    r"curling iron|glue gun|tray|candle)|moving|making|opening|trying to|mowing|fixing|working "
    r"out|during|skating|by (?:staying|going|being|not|doing|working|pushing|keeping|letting|"
    r"trying|saying|taking)|with (?:work|stress|worry|overtime|exercise|cardio|this (?:workload|"
    r"job|project)|laughter|all this)|laughing|over (?:this|that|it|a|the|nothing|him|her|"
    r"them)\b|for (?:a|the|this|that|nothing|forgetting|him|her|them|it)\b|working|studying|"
    r"to (?:get|"
    r"finish|make|meet|keep|please|impress|be perfect)|in the foot|up over)"
)
_ACCIDENT_BEFORE = r"(?:accidentally|by accident|nearly|almost|managed to|clumsy|clumsily)[^.!?;]*$"
# "No way out of the car park" is a place; "of this life" is not.
_WAY_OUT_OF = (
    r"(?! of (?:the|this|that|a|an|my|our|here) (?!life|situation|pain|mess|hell|darkness|head|"
    r"mind|feeling|depression|marriage|relationship|cycle|loop|existence|nightmare|misery|hole|"
    r"spiral|debt|place|body)\w)"
)
# After "cut": haircuts, budgets and ties, not skin.
_CUT_NOT = (
    r"(?![^\S\n]+(?:myself (?:off|out|some slack|a break|short|loose|free)|back|down|out|off|"
    r"short|loose|corners|costs?|carbs|sugar|the|a|an|some|it|"
    r"them|him|her|people|ties|through|across|in|up|class|classes|school|work|spending|hours|"
    r"calories|grass|lawn|hair|fringe|my (?!arms?|wrists?|legs?|thighs?|skin|stomach|hips?|body|"
    r"chest|ankles?|self|upper|forearms?|wrist)|your|his|their|our|this|that|these|those|free|"
    r"open|into|along|out|loose|onions?|bread|cake|paper|coupons|deals?|the cord|contact|class)"
    r"\b)"
)
# Boredom and embarrassment make "I wanted to die" a figure of speech.
_HYPERBOLE_BEFORE = (
    r"\b(?:so|such a|too|really|incredibly|painfully|mind-numbingly) (?:boring|dull|bored|"
    r"embarrass\w*|cringe\w*|awkward|tedious|cheesy|mortif\w*|humiliat\w*)\b[^.!?;]{0,30}$"
)
_DIE_IDIOM = (
    r"^[^\S\n]*(?:(?:of|from|laughing|with|in) (?:embarrassment|laughter|laughing|boredom|cringe|"
    r"curiosity|excitement|happiness|joy|jealousy|envy|anticipation|hunger|thirst|the heat|heat|"
    r"cold|cuteness|old age|shame|suspense|fright|the cold|happiness|stress|nerves)|for\b|happy|"
    r"a happy|content|old|surrounded|at (?:a ripe|\d\d|ninety|a hundred)|one day|someday|"
    r"peacefully (?:at|in my sleep at|when i'm old|of old age)|a hero|on stage|on this hill|"
    r"laughing|than\b|on the spot|there and then|right there|right then|in (?:that|this) "
    r"(?:meeting|moment|interview|class|lesson))"
)
_WANTS = (
    r"(?:want|wants|wanted|wanting|wish|wishes|wished|wishing|need|needs|needed|long|longing|"
    r"longed|yearn|yearning|yearned|pray|praying|prayed|hope|hoping|hoped|ready|desperate|"
    r"deserve|deserves|deserved|would like|'d like|would love|'d love|can't wait|cannot wait|"
    r"willing|going|trying|tried|try|plan|planning|planned|intend|intending|mean|meant|"
    r"decided|decide|tempted|urge|urges|feel like|felt like|feels like|feeling like|"
    r"think about|thinking about|thought about|thinking of|thought of|considering|considered|"
    r"contemplating|contemplated|about|choose|chose|able|allowed)"
)
_THINK = (
    r"(?:think|thinks|thinking|thought|thoughts|dream|dreams|dreaming|dreamt|dreamed|fantasi[sz]e|"
    r"fantasi[sz]ing|fantasi[sz]ed|fantasies|obsess|obsessing|obsessed|daydream|daydreaming|"
    r"imagine|imagining|imagined|romanticis(?:e|ing)|romanticiz(?:e|ing)|picture|picturing|"
    r"pictured|preoccupied|ruminating|ideation|visions)"
)
_DEATH_THOUGHT = (
    r"(?:death|dying|being dead|my death|my own death|my (?:own )?(?:funeral|grave)|"
    r"not being (?:here|alive|"
    r"around)|not existing|no longer existing|not waking up|never waking up|ending (?:it|it all|"
    r"my life|things|everything)|killing myself|suicide|taking my (?:own )?life|"
    r"disappearing (?:forever|for good)|how to die|how i'?d die|how i would die|"
    r"what it would be like to (?:die|be dead|not exist|not be here)|(?:my )?own death|"
    r"jumping|overdosing|hanging myself|cutting my wrists|slitting my wrists|"
    r"not being alive|being gone|stopping existing|ceasing to exist|going to sleep forever|"
    r"unaliving myself)"
)

_RULES: tuple[_Rule, ...] = (
    # --- intent -----------------------------------------------------------
    _rule(
        "intent", U, "talks about killing themselves", (
        "myself&kill|murder|unaliv|off|end|top|hang|shoot|shot|drown|poison|suffocat|"
        "gas|electrocut|stab|delet|erase|yeet|strangl|smother|starv"
        ),
        r"\b(?:kill|killing|killed|kills|murder|murdering|unalive|unaliving|unalived|off|offing|"
        r"offed|end|ending|top|topping|topped|hang|hanging|hanged|shoot|shooting|shot|drown|"
        r"drowning|drowned|poison|poisoning|poisoned|suffocate|suffocating|suffocated|gas|"
        r"gassing|electrocute|electrocuting|stab|stabbing|stabbed|delete|deleting|erase|"
        r"yeet|yeeting|unalive|strangle|strangling|smother|smothering|starve|starving) myself\b",
        writer=True,
        not_before=_ACCIDENT + r"|^ in (?!the (?:river|sea|lake|bath|canal|water|ocean))|"
        r"^ up\b",
        not_after=_ACCIDENT_BEFORE,
    ),
    _rule(
        "intent", U, "talks about ending their life", "life&end|take|taking|took",
        r"\b(?:end|ending|ended|ends|take|taking|took|taken) (?:my|my own) life\b",
        writer=True,
        not_before=r"^ (?:back|in(?:to)? my (?:own )?hands|seriously|savings|'s work|as i know it|"
        r"in a new direction|off hold|for granted)",
    ),
    _rule(
        "intent", U, "talks about ending it all", (
        "end&it all|it once|it for|it forever|everything|my suff|my exist|my time|"
        "my mis|this life|my own"
        ),
        r"\bend(?:ing|ed|s)? (?:it all|it once and for all|it for good|it forever|everything "
        r"(?:for good|forever|tonight|now)|my (?:suffering|existence|existance|time here|"
        r"misery)|it all for good|this life|my own suffering|everything)\b",
        not_before=r"^ (?:with|between|for (?:us|them|now)|up|on a|on good|at)\b",
    ),
    _rule(
        "intent", U, "talks about ending it", "end&it|things",
        r"\b(?:want|wanted|going|ready|plan|planning|planned|decided|about|think(?:ing)? about|"
        r"thought about|thinking of|tempted|urge|need|just|close|way|time|how|going|should|"
        r"could|would|will|'ll|gonna) (?:to )?(?:just |finally |quietly )?end(?:ing)? "
        r"(?:it|things)(?=[^\S\n]*(?:[.!?;,\n\"']|$|now|tonight|today|soon|for good|forever|"
        r"already|here|once|all|this|before|after|when|if|but|and|because|so|lol|tbh|honestly|"
        r"i'm|i\b|grave|coffin|knife|pills|rope|gun|blood))",
    ),
    _rule(
        "intent", U, "talks about suicide as something they might do", "suicid",
        r"\b(?:commit(?:ting|ted|s)?|consider(?:ing|ed)?|contemplat(?:e|ing|ed)|attempt(?:ing|ed)?|"
        r"plan(?:ning|ned)?|research(?:ing|ed)?|go through with|do) (?:a )?suicide\b|"
        r"\b" + _THINK + r" (?:a lot |all the time |constantly |every day |so much |again |"
        r"more and more |often |seriously |really )?(?:about|of|on) (?:committing )?suicide\b|"
        r"\bsuicide (?:is|seems|feels|sounds) (?:like )?(?:the|my|an|a) (?:only|best|answer|"
        r"option|way|escape|solution)",
        mention=True,
    ),
    _rule(
        "intent", U, "says they feel suicidal", "suicid",
        r"\bsuicidal\b",
        not_before=r"^ (?:to|mission|run|move|driving|drivers?|pace|tendencies of (?:the|my) "
        r"(?:cat|dog))\b",
        mention=True,
    ),
    _rule(
        "intent", U, "says they will not be around much longer", (
        "around|here|alive|see myself"
        ),
        r"\b(?:not|won't|will not|wouldn't|would not|not going to|ain't gonna) (?:be|being) "
        r"(?:around|here|alive)(?: for)? (?:much|very|that)? ?(?:longer|long)\b|\b(?:won't|"
        r"will not|not going to|won't even|wouldn't|would not|not planning on|don't plan on|"
        r"don't intend on|don't expect to) (?:be|being) (?:around|here|alive|still here|still "
        r"alive|still around)(?: either)? (?:to (?:see|live|use|need|read|celebrate|find out|"
        r"enjoy|know|pay|worry|deal|care|watch|hear|meet|feel)|for|by|at|after|past(?! (?:\d|"
        r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|midnight|noon|lunch|"
        r"dinner|tea)\b)|next|anymore|any more|much longer|for much longer|soon|when|in (?:a|"
        r"the|\d)|this time next|another|on|come|"
        r"either|though|honestly|and|,)|\b(?:won't|will not|not going to) be alive\b|"
        r"\b(?:won't|will not|not going to) be (?:here|around)(?=[^\S\n]*(?:[.!?;\n]|$))|"
        r"\b(?:don't|do not|can't|cannot) see myself (?:still )?(?:being )?(?:here|alive|around|"
        r"making it|living|getting old|growing old|reaching|being here)\b",
        not_after=r"(?:holiday|vacation|away|trip|travel|visit|abroad|conference|working|shift|"
        r"busy|out of town|course|camp|festival|wedding|hospital for|appointment)[^.!?;]*$",
        not_before=r"^[^.!?;]{0,50}(?:holiday|vacation|away|trip|travel|visiting|abroad|"
        r"conference|working|shift|busy|out of town|course|camp|festival|wedding|appointment|"
        r"moving|move|i'm at|i'll be at|because i'm|as i'm|since i'm|office|at work|in work|"
        r"so (?:can|could) you|to help)",
    ),
    _rule(
        "intent", U, "says this is their last message or goodbye", (
        "last|final|goodbye|bye&entry|post|message|note|alive|goodbye|journal|words|"
        "forever|world|everyone|everybody|cruel"
        ),
        r"\b(?:this is|this'll be|this will be|it's|here's|consider this|this is probably) "
        r"(?:my|the) (?:last|final) (?:entry|post|message|note|day alive|night alive|goodbye|"
        r"journal entry|words)\b(?! (?:for|of|before|on|at|in|until|till|this) )|"
        r"\bthis is goodbye\b(?! (?:to (?:my|the|this|our|that)|for now))|"
        r"\b(?:goodbye|bye) (?:forever|world|everyone|everybody|cruel world)\b",
    ),
    _rule(
        "intent", U, "talks about jumping or stepping in front of traffic",
        (
        "want|think|thought|urge|tempt|going|could|wish|plan|imagin|pictur|consider|ready|need|"
        "decid|keep|almost|nearly|feel|felt|close|about&"
        "jump|step|walk|throw|drive|swerv|crash|run|lie down|lay down|lying down&"
        "bridge|building|roof|cliff|train|track|bus|lorry|truck|car|traffic|balcony|"
        "tower|ledge|overpass|motorway|highway|window|tube|subway|wall|tree|railing|"
        "edge|platform|freeway|van|sea|river|ocean|canal"
        ),
        r"\b(?:want|wanted|wanting|wants|thought about|think about|thinking about|thinking of|"
        r"urge|urges|tempted|going|could|wish|plan|planning|imagine|imagined|imagining|picture|"
        r"pictured|considered|considering|ready|need|decided|keep thinking about|almost|nearly|"
        r"feel like|felt like|close to|about) <adv>(?:to |of |about )?(?:jump|jumping|"
        r"throw myself|throwing myself|step|stepping|walk|walking|run|running|drive|driving|"
        r"swerve|swerving|crash|crashing|lie down|lay down|lying down|jumped|stepped|walked) "
        r"(?:out )?(?:off|from|in front of|into|under|onto|down (?:from|off)|over) (?:a |the |"
        r"that |"
        r"this |my |some |an |oncoming |the top of (?:a |the |that )?)?(?:[\w-]+ )?(?:bridge|"
        r"building|roof|rooftop|cliff|cliffs|train|trains|tracks|bus|buses|lorry|truck|car|cars|"
        r"traffic|balcony|tower|ledge|overpass|motorway|highway|car park|multi-storey|window|tube|"
        r"subway|wall|tree|railing|railings|edge|platform|freeway|van|sea|river|ocean|canal)\b",
        not_after=r"(?:skydiv|bungee|parachut|queue|diving board|trampoline|pool|swim)[^.!?;]*$",
        not_before=r"^ (?:to (?:get|catch|buy|see)|for (?:fun|a swim)|in (?:the|a) (?:queue|game))",
    ),
    _rule(
        "intent", U, "talks about jumping", "jump",
        r"\b(?:jump|jumping) (?:off|from) (?:a|the|that|this) (?:bridge|building|roof|cliff|"
        r"balcony|tower|ledge|overpass|car park|multi-storey)\b"
        r"(?=[^.!?;\n]{0,60}(?:end|die|dead|over|for good|and not|never|would kill|pain))",
    ),
    _rule(
        "intent", U, "talks about crashing their car on purpose", "crash|drive|swerve",
        r"\b(?:crash|crashing|drive|driving|swerve|swerving) (?:my|the) car (?:on purpose|"
        r"deliberately|into (?:a|the|oncoming))|\b(?:drive|driving|swerve|swerving|steer|"
        r"steering) (?:my car |the car )?into (?:a tree|a wall|oncoming traffic|the river|a lorry|"
        r"a truck|the sea)\b|\b(?:want|wanted|planning|plan|going|thinking about|think about|"
        r"thought about|tempted|urge|could|decided|ready|about|if i) (?:to )?(?:just )?(?:drive|"
        r"driving|steer|steering|swerve|swerving|crash|crashing) (?:my car |the car )?(?:off "
        r"(?:the|a) (?:road|cliff|bridge|motorway|edge|pier)|into (?:a|the|an|oncoming) \w+)",
    ),
    _rule(
        "intent", U, "talks about taking an overdose", "overdos| od",
        r"\b(?:want|wanted|wanting|going|think(?:ing)? about|thought about|thinking of|urge|"
        r"tempted|plan|planning|planned|could|might|should|need|ready|decided|feel like|"
        r"felt like|considering|considered|about|nearly|almost|tried|trying|attempted|"
        r"attempting) <adv>(?:to |of |about )?(?:overdose|overdosing|od|take an overdose|"
        r"taking an overdose)\b"
        r"(?! on (?:caffeine|coffee|sugar|chocolate|tv|netflix|carbs|cake|sweets|candy))",
    ),
    _rule(
        "intent", U, "says they took an overdose", "overdos",
        r"\b(?:took|take|taking|have taken|had taken|taken) (?:an |another |a big |a massive |a "
        r"small |my )?overdose\b|\boverdos(?:ed|ing)\b(?! on (?!pills|tablets|meds|medication|"
        r"paracetamol|painkillers|insulin|sleeping|heroin|drugs|my|her|his|opioids|fentanyl|"
        r"antidepressants|tylenol|aspirin|ibuprofen|prescription|lithium|sertraline))",
    ),
    _rule(
        "intent", U, "describes taking a large amount of pills", (
        "pill|tablet|med|paracetamol|painkiller|insulin|opioid|tramadol|codeine|"
        "ibuprofen|aspirin|lithium|tylenol|benzo|acetaminophen|oxy|sertraline|"
        "antidepress|sleeping|prescription&whole|bottle|box|pack|handful|fistful|too many|all|"
        "every single|load|bunch|dozen|lot|0|1|2|3|4|5|6|7|8|9|twenty|thirty|forty|"
        "fifty|hundred"
        ),
        r"\b(?:take|taking|took|taken|swallow|swallowing|swallowed|down|downed|neck|necked|"
        r"chug|chugged) (?:the whole|a whole|a bottle of|a box of|a packet of|a pack of|a handful "
        r"of|a fistful of|handfuls of|too many|all the|all of my|all of the|every single|a load of|"
        r"loads of|a bunch of|dozens of|all|the lot of|both boxes of|two boxes of|all those|all "
        r"these|\d\d+|twenty|thirty|forty|fifty|a hundred) (?:my |of my |the |of the |those |these "
        r"|his |her )?(?:\w+ )?<drugs>(?: at once| in one go| together)?\b",
        not_before=r"^ (?:every|each|in the morning|at night|on time|as prescribed|with (?:food|"
        r"water|breakfast)|regularly|this morning|today like|before bed)|^[^.!?;]{0,40}\b(?:vet|"
        r"for the (?:dog|cat)|as prescribed|the course|antibiotics)",
        not_after=r"\b(?:we|the dog|the cat|our dog|our cat)\b[^.!?;]{0,15}$",
    ),
    _rule(
        "intent", U, "talks about cutting their wrists or throat", "wrist|throat|vein",
        r"\b(?:slit|slice|slash|cut|open|opening|slitting|slicing|slashing|cutting) (?:open )?"
        r"(?:my |both )?(?:wrists?|throat|veins?)\b",
        not_after=_ACCIDENT_BEFORE,
        not_before=r"^ (?:on|shaving|cooking|chopping|opening|while|with a (?:tin|can|glass))",
    ),
    _rule(
        "intent", U, "uses slang for killing themselves", "kys",
        r"\b(?:i|i'm|i'll|should|going to|want to|about to|might|need to|could|ready to|will|"
        r"ima|imma|gon|finna|gotta|just|literally|actually|fr|lemme|let me|tempted to|wish i "
        r"could) (?:just |literally |actually |fr |finally |really )?kys\b",
    ),
    _rule("intent", U, "uses the slang \"ctb\" (catch the bus: suicide)", "ctb",
          r"\bctb\b"),
    _rule(
        "intent", U, "says they cannot keep themselves safe",
        "safe|trust|alive|going|here&myself|me",
        r"\b(?:can't|cannot|can not|don't think i can|not sure i can|unable to|couldn't|could "
        r"not|don't know how to|don't know if i can) keep (?:myself|me) (?:safe|alive|going "
        r"much longer|here much longer)\b|\b(?:i'm|i am|i feel|don't feel|do not feel) (?:not )?"
        r"safe (?:with|around|from) myself\b|\b(?:don't|do not|can't|cannot) trust myself "
        r"(?:tonight|right now|anymore|not to|with (?:the|my|a) (?:pills|tablets|knife|knives|"
        r"razor|blade|meds))",
        negatable=False,
    ),
    # --- wish to die (active or passive) ------------------------------------
    _rule(
        "wish_to_die", U, "says they want to die", (
        "want|wish|need|long|yearn|pray|hop|ready|desperate|deserv|like|love|wait|"
        "willing|beg|allowed|choose|chose&die|dye|dead|death|exist|wake|born|gone|"
        "sleep|breath|living|vanish|disappear|heaven|world|earth|the end|wasn't here|"
        "weren't here|wasn't alive|weren't alive|deceased|end|over|dei|come back"
        ),
        r"\b(?:want|wants|wanted|wanting|wish|wishes|wished|wishing|need|needs|needed|long|"
        r"longing|longed|yearn|yearning|yearned|pray|praying|prayed|hope|hoping|hoped|ready|"
        r"desperate|deserve|deserves|deserved|would like|'d like|would love|'d love|"
        r"can't wait|cannot wait|willing|beg|begging|allowed|choose|chose) <adv>"
        r"(?:to <adv>(?:<die>|be <dead>|be gone(?: forever| for good)?|not be (?:alive|here|around)"
        r"(?: anymore| any longer)?|not exist|stop existing|cease to exist|cease existing|"
        r"not wake up|never wake up|sleep forever|go to sleep (?:and|&) (?:never|not) wake up|"
        r"fall asleep (?:and|&) (?:never|not) (?:wake up|come back|wake)|stop breathing|stop "
        r"living|not be born|go to sleep (?:and|&) (?:never|not) come back|"
        r"never have been born|disappear (?:forever|for good|permanently|completely|off the "
        r"face of the earth)|vanish (?:forever|for good|permanently)|join (?:him|her|them|my "
        r"\w+) (?:in heaven|on the other side|wherever)|be with (?:him|her|them|my \w+) (?:again "
        r"in heaven|in heaven|on the other side)|not be a part of this world|leave this world|"
        r"leave this earth|go to heaven|go to sleep forever|rest forever|go to sleep and "
        r"(?:never|not) wake)"
        r"|(?:that )?(?:i|i'd|i had|i would|i could|i'll|i will|i might) (?:just )?(?:<die>|died|"
        r"be <dead>|was <dead>|were <dead>|was gone|were gone|wasn't here|weren't here|"
        r"wasn't alive|"
        r"weren't alive|was not alive|wasn't born|was never born|were never born|had never been "
        r"born|never been born|hadn't been born|never existed|didn't exist|did not exist|"
        r"could stop existing|stop existing|not exist|sleep forever|go to sleep (?:and|&) "
        r"(?:never|not) (?:wake up|come back)|fall asleep (?:and|&) (?:never|not) (?:wake up|"
        r"come back)|not wake up|never come back|never "
        r"wake up|didn't wake up|don't wake up|won't wake up|wouldn't wake up|disappear forever|"
        r"disappear for good|cease to exist|get to die|be allowed to die)"
        r"|(?:for|that) (?:death|it (?:all )?to end|the end|my death|me to die)|death\b"
        r"|(?:that )?it (?:would|could|will|'d) (?:all )?(?:just )?(?:end|be over)\b"
        r"(?! (?:soon|already|early|quickly|on time)))",
        not_before=_DIE_IDIOM,
        not_after=_HYPERBOLE_BEFORE,
    ),
    _rule(
        "wish_to_die", U, "says they would rather be dead", "rather",
        r"\b(?:would|'d|i) rather (?:just )?(?:<die>|be <dead>|not (?:be alive|exist|be here|live|"
        r"wake up))\b",
        not_before=r"^[^\S\n]*than (?!(?:live|go on|keep (?:going|living)|spend another|feel "
        r"(?:like )?this|be (?:like|this|alive|here)|wake up|face|continue|exist|carry on|stay "
        r"(?:alive|here)|go back to (?:hospital|the ward|that ward|that place)|keep feeling|"
        r"suffer|be in this pain|deal with this|live like))",
    ),
    _rule(
        "wish_to_die", U, "says they don't want to live", (
        "don't|do not|didn't|did not|no longer|never|doesn't|does not|not sure|"
        "don't know|unsure|no idea|not certain|barely|hardly&live|alive|here|exist|"
        "around|wake|world|earth|breath|living|surviv|be me|a person"
        ),
        r"\b(?:don't|do not|didn't|did not|no longer|never|doesn't|does not|not sure i|"
        r"not sure if i|don't know if i|don't know whether i|unsure if i|unsure whether i|"
        r"no idea if i|not certain i|barely|hardly) (?:really |even |actually |particularly |"
        r"honestly |think i |still |always |ever )?(?:want|wanna|wish|feel like|care|need|have "
        r"the will|have the strength|want to|have any desire) (?:to )?(?:(?:be alive|exist|"
        r"stay alive|keep living|go on living|carry on living|be in this world|be on this "
        r"earth|keep existing|continue living|continue existing|keep breathing|be a person|"
        r"be me|live anymore|be here anymore|survive)\b|(?:live|wake up)\b"
        r"(?![^\S\n]+(?:in|near|at|by|there|abroad|together|close|far|with (?:my|him|her|them|"
        r"you|mum|mom|dad|parents|someone|a|roommates|flatmates|people)|alone|on my own|early|"
        r"before|until|till|for work|on (?:a|the|my)|this (?:morning|early)|so early|when)\b))",
        not_before=r"^[^\S\n]*(?:in (?:a|this) (?:house|city|town|country|flat|place)|here\b)",
    ),
    _rule(
        "wish_to_die", U, "says they don't care whether they live or die",
        "care|give a|mind&live|die|wake|make it|surviv|hit|woke",
        r"\b(?:don't|do not|didn't|did not|no longer|stopped|doesn't|couldn't|could not|"
        r"wouldn't|would not|don't even|barely|not) (?:really |even )?(?:care|caring|give a "
        r"(?:damn|shit|fuck)|mind)(?: at all| one bit| much| that much)? (?:anymore )?(?:if|"
        r"whether) i (?:just )?(?:live|die|wake up|make it|"
        r"survive|died|wake|lived|get hit|got hit|don't wake|didn't wake|never woke)\b",
        negatable=False,
    ),
    _rule(
        "wish_to_die", U, "says they are tired of living", (
        "tired|sick|exhausted|weary|done|finished|over&living|alive|exist|life|"
        "being here|waking|breath|person"
        ),
        r"\b(?:tired|sick|exhausted|weary|done|finished|over) (?:of|with) (?:living|being alive|"
        r"existing|life|being here|waking up|breathing|being a person|this life|my life|staying "
        r"alive)\b",
        not_before=r"^ (?:in|at|as a|of a|here|with (?:him|her))\b",
    ),
    _rule(
        "wish_to_die", U, "says life isn't worth living",
        "worth|live for|alive for|living for|no reason|no point|no purpose|reasons to",
        r"\b(?:isn't|is not|'s not|ain't|doesn't feel|does not feel|no longer feels|no longer|"
        r"doesn't seem|isn't really|not|never|wasn't|not really) (?:worth (?:living|it to live|"
        r"being alive|staying alive|continuing)|worth (?:it|the pain) (?:anymore|to live|"
        r"any more))\b|\b(?:no reasons?|nothing|nobody|no one|not much|nothing left|no point|"
        r"nothing and no one|little|no-one) (?:left )?(?:to live for|to stay alive for|to be "
        r"alive for|to keep living for|worth living for)\b|\bno (?:reason|point|purpose) "
        r"(?:in |of |to |for )?(?:living|being alive|live|staying alive|existing|me being "
        r"alive|me living|my life|my existence|to (?:live|exist|stay alive|be alive))\b",
        negatable=False,
    ),
    _rule(
        "wish_to_die", U, "asks what the point of living is", (
        "point|reason|use|purpose&living|alive|life|exist|going on|carrying on|"
        "being here|continu|live|waking"
        ),
        r"\b(?:what's|what is|whats|where's|why is there|why) (?:even |the |even the )?(?:point|"
        r"reason|use|purpose) (?:of|in|to|for)? ?(?:living|being alive|life|existing|my life|me "
        r"being alive|staying alive|going on living|trying to live|being here|me existing|"
        r"continuing|live|exist|carry on living|keeping on living)\b|\b(?:don't|do not|can't|"
        r"cannot|no longer|fail to|couldn't|don't even|struggle to|doesn't|does not|didn't|"
        r"did not) see (?:the|any|a|much) "
        r"(?:point|reason|purpose) (?:of|in|to|for)? ?(?:living|being alive|life|existing|going "
        r"on|carrying on|staying alive|being here|me being here|my life|continuing|live|exist|"
        r"keep living|waking up)\b",
        negatable=False,
    ),
    _rule(
        "wish_to_die", U, "thinks about death or killing themselves", (
        "think|thought|dream|fantas|obsess|imagin|romantic|pictur|preoccup|rumin|"
        "ideation|vision&alive|dead|death|die|disappear|dying|ending|exist|funeral|"
        "gone|hanging|jumping|killing|life|overdos|sleep|suicide|unaliv|waking|wrists"
        ),
        r"\b" + _THINK + r" (?:a lot |all the time |constantly |every day |so much |again |more "
        r"and more |often |seriously |really |lately |recently |nonstop |non-stop |every night |"
        r"endlessly )?(?:about|of|on|with) <adv>" + _DEATH_THOUGHT + r"\b|\b(?:picture|"
        r"picturing|pictured|imagine|imagining|imagined|visuali[sz]e|visuali[sz]ing|"
        r"visuali[sz]ed) <adv>" + _DEATH_THOUGHT + r"\b",
        not_before=r"^ (?:in (?:the|a) (?:book|film|movie|show|game|story|novel|abstract|"
        r"philosophical))",
    ),
    _rule(
        "wish_to_die", U, "says they are better off dead", "better&dead|deceased",
        r"\bbetter off <dead>\b|\b(?:i'd|i would|i'll|i will|i'm|i am) (?:be )?better <dead>\b",
    ),
    _rule(
        "wish_to_die", U, "says death would be a relief", (
        "dead|death|dying|exist|here|sleep|waking|the end|being gone|suicide|killing|"
        "ending&relief|release|rest|mercy|peace|welcome|easier|better|nice|good|"
        "blessing|answer|only way|option|appealing|tempting|inviting|comforting|"
        "freedom|escape|solution|kindest|easy|gift|envy|jealous|long for|longing|"
        "looking forward|can't wait|pray|beg|wish|want|scared|afraid|frightened|"
        "fearful"
        ),
        r"\b(?:death|dying|being dead|not existing|not being here|not being alive|not waking up|"
        r"eternal sleep|the end|being gone|suicide|killing myself|ending it|not existing anymore)"
        r" (?:would be|will be|sounds|seems|feels|looks|is|would feel|could be) (?:like )?(?:a |"
        r"such a |so |the |my )?(?:relief|release|rest|mercy|peace|peaceful|welcome|easier|"
        r"better|nice|good|blessing|answer|only way|only way out|only option|best option|"
        r"appealing|tempting|inviting|comforting|freedom|escape|way out|solution|kindest|easy|"
        r"gift|better than this|only escape)\b|\b(?:welcome|welcoming|long for|longing for|"
        r"looking forward to|can't wait for|envy|jealous of|praying for|pray for|beg for|"
        r"wish for|wishing for|want) (?:the )?(?:death|dying|the dead|dead people|people who "
        r"die|the release of death|my death|being dead|the end)\b|\b(?:not|no longer|never|"
        r"isn't|am not|i'm not) (?:scared|afraid|frightened|fearful) (?:of |to )?(?:dying|death|"
        r"die)(?: anymore| any more| now)\b",
        negatable=False,
    ),
    _rule(
        "wish_to_die", U, "hopes something will kill them", (
        "hope|wish|pray|want|mind|care&hit|run over|knocked|kill|end me|crash|"
        "take me|takes me|finishes|die in|cancer|terminal|incurable|heart attack|"
        "fatal"
        ),
        r"\b(?:hope|hoping|wish|wishing|pray|praying|want|wanted|wouldn't mind if|would not "
        r"mind if|don't care if|wouldn't care if|secretly hope|half hope) <adv>(?:that )?(?:i|"
        r"something|someone|somebody|a car|a bus|a truck|a lorry|the plane|this plane|my plane|"
        r"the train|it) <g2>(?:get|gets|got|would|could|will|just|might)? ?(?:hit|run over|"
        r"knocked down|killed|kill me|end me|crashes|crash|crashed|take me|takes me|finishes me "
        r"off|die in|hits me)\b|\b(?:hope|hoping|wish|wishing|pray|praying) (?:i|that i) (?:get|"
        r"got|have|develop|catch) (?:cancer|a terminal|an incurable|a heart attack|a fatal)",
    ),
    _rule(
        "wish_to_die", U, "says they shouldn't be alive", (
        "shouldn't|should not|deserve|meant to|should have|should never|should've|"
        "wish i was never|wish i wasn't&alive|born|exist|live|here|surviv"
        ),
        r"\b(?:shouldn't|should not|don't deserve to|do not deserve to|wasn't meant to|was never "
        r"meant to|shouldn't even|never should have|should never have|should've never|"
        r"don't deserve to be|do not deserve to be|wish i was never|wish i wasn't) (?:be |have "
        r"been |even )?(?:alive|born|exist|live|here (?:anymore|at all|on this earth|in this "
        r"world)|be alive|be here anymore|been born|survived|existed)\b",
        negatable=False,
    ),
    _rule(
        "wish_to_die", U, "wants everything to end", (
        "end|over|stop|finish|done|go away|black|dark|quiet&it all|everything|all of it|"
        "all of this|"
        "all this|my life|life|the pain|it for good|it forever|whole thing|existence"
        ),
        r"\b(?:want|wanted|wants|wish|wishing|need|needed|hope|pray|praying|just want|would "
        r"love) (?:for )?(?:it all|everything|all of it|all of this|all this|my life|life|the pain "
        r"for good|it for good|it forever|the whole thing|my existence|everything forever|the "
        r"pain|it|this|the hurt) (?:to |would |could )?(?:just |finally )?(?:(?:end|be over|"
        r"stop) (?:for good|forever|permanently|whatever it takes)|(?:end|be over|stop)(?=[^\S\n]*"
        r",? whatever it takes)|end|be over|stop forever|finish|end "
        r"forever|end for good|stop for good|stop permanently|go away forever|be done|go "
        r"(?:black|dark|quiet) (?:and stay that way|forever|for good|permanently))\b",
        not_before=r"^ (?:so i can|and then|before) ",
    ),
    _rule(
        "wish_to_die", U, "says they want out of life", "out of",
        r"\bwant(?:ed|s)? (?:to get )?out of (?:this life|life|existence|this world|being alive|"
        r"living|my life|this body forever)\b",
    ),
    _rule(
        "wish_to_die", U, "wants to sleep and never wake up",
        "sleep|wake&never|not|don't|didn't|forever",
        r"\b(?:go|goes|going|went|fall|falling) to sleep (?:and|&) (?:never|not) (?:wake|waking) "
        r"up\b|\bsleep forever\b|\bnever wake up (?:again)?\b(?!.{0,20}\b(?:on time|early))|"
        r"\b(?:don't|do not|didn't) want to wake up (?:again|ever|anymore|tomorrow)\b",
        not_after=r"(?:alarm|snooze|lie in|weekend|cosy|cozy|holiday)[^.!?;]*$",
    ),
    _rule(
        "wish_to_die", U, "says they don't want to be here anymore",
        "here|around|alive|world|earth&don't|do not|didn't|no longer|doesn't",
        r"\b(?:don't|do not|didn't|no longer|doesn't) (?:really |even )?(?:want|wish|wanna) "
        r"(?:to )?(?:be (?:here|around|alive|in this world|on this earth)) (?:anymore|any "
        r"longer|any more|at all|now|again|either)\b|\b(?:don't|do not|no longer) (?:really |"
        r"even )?(?:want|wanna) (?:to )?be here(?=[^\S\n]*(?:[.!?;\n\"]|$|,? (?:honestly|tbh|"
        r"period|i just|anymore|full stop)))",
    ),
    # --- better off without me -------------------------------------------
    _rule(
        "better_off_without_me", U, "says others would be better off without them", "without me",
        r"\b(?:better|happier|easier|lighter|freer|simpler|relieved|calmer|nicer|less "
        r"stressed|fine|okay|ok|alright|all right|best)(?: off)?(?: <g2>)? without me\b",
        writer=True,
        not_after=r"(?:managed|coped|went|was|were|did|had|got on)[^.!?;]{0,30}$",
        not_before=r"^ (?:(?:for|while|at|during|on|this) (?:a|the|an|today|tonight|this|that|"
        r"my|our|one|two|three|weekend|week|holiday|trip|evening|afternoon|morning|day|night|"
        r"while|hour)|today|tonight|there|for now|for the (?:weekend|day|week))\b",
    ),
    _rule(
        "better_off_without_me", U, "says others would be better off without them", "without me",
        r"\bwithout me(?: around| here| in the way| in (?:their|the|your|his|her) (?:way|lives|"
        r"life))?,? (?:they|everyone|everybody|my family|the world|things|life|people|it|my "
        r"kids|my children|my friends|my partner|you)(?:'d| would| will|'ll| could)? (?:be |"
        r"finally be |all be )?(?:better|happier|easier|fine|lighter|free|relieved|okay|ok)\b",
        writer=True,
    ),
    _rule(
        "better_off_without_me", U, "says others would be better off if they were gone",
        "if i",
        r"\b(?:better|easier|happier|simpler|lighter|relieved|fine|okay|ok|relief|calmer|"
        r"best|better for (?:everyone|everybody|them|all)|favou?r|nicer|cheaper|less of a "
        r"burden|a weight off|freer)(?: off)? <g4>if i(?:'d| had)? (?:just )?<gone>",
        writer=True,
    ),
    _rule(
        "better_off_without_me", U, "says no one would notice or care if they were gone",
        "if i|when i",
        r"\b(?:if|when) i (?:just )?<gone>,? <g4>(?:no one|nobody|no-one|noone|not a single "
        r"(?:person|soul)|would (?:anyone|anybody|they|people|my family|my friends|it) (?:even |"
        r"really |actually )?(?:notice|care|miss|matter|mind)|(?:they|everyone|everybody|my "
        r"family|people|the world|things|it|life|my friends|my kids|my children|no one)(?:'d| "
        r"would|'ll| will)? (?:all )?(?:be )?(?:better|happier|easier|fine|relieved|okay|ok|"
        r"carry on|move on|get over it|forget|not (?:notice|care|miss)|barely notice|hardly "
        r"notice)|(?:it|that) (?:wouldn't|would not|won't|will not) (?:matter|make (?:a|any) "
        r"difference)|nothing would change|who would (?:even )?(?:notice|care|miss))",
        writer=True,
    ),
    _rule(
        "better_off_without_me", U, "says no one would notice or care if they were gone",
        "if i|when i|funeral",
        r"\b(?:would|will|'d|does|do|would even|will even) (?:anyone|anybody|people|they|my "
        r"family|my friends|my parents|my kids|he|she|it|anyone at all) (?:even |really |"
        r"actually |honestly |ever |truly )?(?:notice|care|miss me|mind|be sad|cry|matter|miss "
        r"me at all|come to my funeral)(?: <g2>)? (?:if|when) i (?:just )?<gone>|\b(?:would|"
        r"will|'d) (?:anyone|anybody|people|they|my family|my friends) (?:even |really |"
        r"actually )?(?:come to|turn up to|show up to|go to|cry at|bother with) my funeral\b",
        writer=True,
    ),
    _rule(
        "better_off_without_me", U, "says no one would miss them", (
        "miss|notice|care|funeral|mourn&no one|nobody|no-one|noone|not one|"
        "not a single|who|not anyone|not even|none of|not many"
        ),
        r"\b(?:no one|nobody|no-one|noone|not one person|not a single (?:person|soul)|who|"
        r"not anyone|not even my \w+|none of them|not many people) (?:would|will|'d|'ll|is "
        r"going to|is gonna|would ever|will ever|would really|would actually|would even|will "
        r"even|is even going to)? ?(?:even |really |actually |honestly |truly |ever |really "
        r"even |genuinely )?(?:miss me|mourn me|mourn for me|notice (?:if|when|that|i'm|i am) "
        r"(?:i'?m |i )?(?:gone|dead|missing|disappeared|not here|wasn't here)|notice (?:if|when) "
        r"i (?:just )?<gone>|care (?:if|when|that) i (?:just )?<gone>|come to my funeral|cry "
        r"(?:at|for) (?:me|my funeral)|be at my funeral|care if i die|care if i died|care if "
        r"i'm gone|care (?:if|whether) i (?:live|lived|die|died|exist))\b",
        writer=True,
        negatable=False,
    ),
    _rule(
        "better_off_without_me", U, "says others won't miss them when they're gone",
        "miss|notice|care|mourn&won't|wouldn't|will not|would not|don't think|doubt",
        r"\b(?:won't|wouldn't|will not|would not|don't think (?:anyone|they|people|my \w+) "
        r"(?:would|will|'d)|doubt (?:anyone|they|people|my \w+) (?:would|will|'d)|don't "
        r"think (?:anyone|they|people) (?:will|would)) (?:even |really |actually |ever |"
        r"honestly )?(?:miss me|mourn me|notice (?:if|when) i'?m? ?(?:gone|dead|not here)|"
        r"notice i'?m gone|notice (?:if|when) i (?:just )?<gone>|care (?:if|when) i (?:just )?"
        r"<gone>|care if i die|care if i died|notice when i'm gone|miss me when i'm gone)\b",
        writer=True,
        negatable=False,
    ),
    _rule(
        "better_off_without_me", U, "says everyone would be better off if they were gone",
        (
        "favo&gone|dead|away|disappear|dying|died|killing|leaving|ending|not being|"
        "wasn't|weren't|vanish"
        ),
        r"\b(?:doing|do|did) (?:them|everyone|everybody|the world|my family|him|her|us|you) a "
        r"favou?r (?:if|by) (?:i |me )?<g2>(?:disappear|dying|died|killing|leaving (?:for good|"
        r"forever)|being gone|was gone|were gone|going away for good|ending it|ending my life|"
        r"not being (?:here|around|alive)|wasn't here|weren't here|disappearing|vanishing)",
        writer=True,
    ),
    # --- plan, method, means -----------------------------------------------
    _rule(
        "plan", U, "is saving up pills or medication", (
        "sav|stockpil|hoard|collect|stash|hid|build|gather|squirrel|stock|"
        "keeping back|kept back|holding onto|held onto|putting|put aside|put away&"
        "pill|tablet|med|paracetamol|painkiller|insulin|opioid|tramadol|codeine|"
        "ibuprofen|aspirin|lithium|tylenol|benzo|acetaminophen|oxy|sertraline|"
        "antidepress|sleeping|prescription"
        ),
        r"\b(?:saving|saved|save|stockpiling|stockpiled|stockpile|hoarding|hoarded|hoard|"
        r"collecting|collected|stashing|stashed|hiding|hid|hidden|building up|built up|"
        r"gathering|gathered|squirreling|squirrelled|squirreled|keeping back|kept back|stocking "
        r"up on|stocked up on|holding onto|held onto|been saving|putting aside|putting away|"
        r"put aside|put away) (?:up )?(?:my |all my |some |the |a stash of |a stockpile of |"
        r"enough |extra |more |of my |his |her |mum's |dad's |my mum's |my dad's |old |leftover |"
        r"spare )?(?:\w+ )?<drugs>\b",
        not_after=r"(?:prescri|pharmac|chemist|collect[^.]{0,20}from|for (?:my|the) (?:trip|"
        r"holiday))[^.!?;]*$",
        not_before=r"^ (?:for (?:the|my|our) (?:trip|holiday|travel|flight|journey|hospital|"
        r"grandma|mum|dad|cat|dog)|from the (?:pharmacy|chemist|doctor)|in (?:a|the) (?:pill "
        r"box|organiser|organizer)|out of reach of)",
    ),
    _rule(
        "plan", U, "has enough medication to end their life",
        "enough|stash|stockpile|hoard|lethal|fatal",
        r"\benough <drugs>(?: <g3>)? to (?:die|kill|end|do it|overdose|finish|not wake|do the "
        r"job|never wake)|\b(?:stash|stockpile|hoard|supply|collection) of <drugs>\b|\b(?:lethal|"
        r"fatal|deadly) (?:dose|amount|overdose|quantity)\b",
    ),
    _rule(
        "plan", U, "has looked up how to end their life", (
        "look|googl|search|research|read|check|work|figur|calculat|ask|wonder|"
        "found out|know|knew|count&how many|how much|ways|method|painless|quick|easy|"
        "best|surest|least painful|lethal|fatal|how long|how high|how tall|which|"
        "how to|suicide"
        ),
        r"\b(?:look|looked|looking|googled|google|googling|searched|searching|search|researched|"
        r"researching|research|read up on|reading up on|checked|checking|worked out|working out|"
        r"figured out|figuring out|calculated|calculating|asked about|wondering|wondered|"
        r"watching videos on|found out|know|knew|read about|reading about|look into|looked "
        r"into|looking into|counted|counting|work out) (?:up )?(?:about |on )?"
        r"(?:how (?:many|much) (?:<g3>)?(?:it would take|would (?:kill|do it|be fatal|be "
        r"enough|be lethal)|is (?:fatal|lethal|a lethal|enough)|to take|to die|it takes|i'?d "
        r"need|i would need|i need|<drugs>)|(?:ways|methods|how) to (?:die|kill myself|end (?:it|"
        r"my life|things)|overdose|do it painlessly|hang|suicide|commit|tie a noose|tie a knot "
        r"for|not wake up|unalive)|(?:painless|quick|easy|quickest|easiest|best|surest|most "
        r"painless|least painful) (?:ways?|methods?) to (?:die|go|end it|kill myself|do it|end "
        r"my life)|(?:the )?(?:lethal|fatal) dose|how long (?:it )?takes to (?:die|bleed out|"
        r"drown|suffocate|hang|lose consciousness)|how (?:high|tall) (?:a|the) (?:\w+ )?(?:bridge|"
        r"building|drop|fall|car park)|which (?:bridge|building|cliff|train|car park|"
        r"multi-storey)|suicide (?:methods|hotlines? (?:isn't|wasn't))|methods of suicide|"
        r"how to (?:die|kill myself|end my life|end it all|hang myself|overdose|tie a noose|"
        r"slit|cut deep|cut deeper|not wake up))",
        not_before=r"^ (?:for (?:my|a|the) (?:essay|class|coursework|course|exam|assignment|"
        r"nursing|shift|patients?|dog|cat|job))",
    ),
    _rule(
        "plan", U, "knows the method or place they would use", (
        "know|found|picked|chose|worked out|figured out|decided&bridge|building|"
        "cliff|pill|tablet|rope|train|spot|place|method|tree|car park|multi|dose|way|"
        "time|date|day|do it|end it|die|kill"
        ),
        r"\b(?:i know|i've found|i found|i've picked|i picked|i've chosen|i chose|i've worked out|"
        r"i've figured out|i already know) (?:exactly |already |just |now )?(?:which|what|where|"
        r"how|when|the) (?:bridge|building|cliff|pills|tablets|rope|train|spot|place|method|tree|"
        r"car park|multi-storey|dose|way|time|date|day) (?:i'?d|i would|i'?ll|i will|i'?m going "
        r"to|to|i want to|i'd use|i would use|i'm using|i'll use|is the one|is high enough|would "
        r"work|will work|to use|to do it)?|\b(?:i know|i've worked out|i've decided|i already "
        r"know|i've figured out|i know exactly) (?:exactly )?(?:how|when|where|which way) "
        r"(?:i'?d|i would|i'?ll|i will|i'?m going to|i want to|to) (?:do it|end it|go|die|kill "
        r"myself)\b",
    ),
    _rule(
        "plan", U, "says they have a plan to end their life",
        "plan|date|day|time|method|place|spot|suicide",
        r"\b(?:i have|i've got|i've made|i made|made|making|have|got|had|working on|wrote|"
        r"written|writing) (?:a |the |my )?(?:plan|plans) (?:to (?:end|kill|die|take|do it|"
        r"overdose|jump|hang|not be here|disappear for good|go through with it)|for (?:how|when|"
        r"where|ending|killing|my death|it|the end|doing it|tonight)|(?:of|about) how (?:to|i'?d|"
        r"i'?ll|i will)|in place to (?:end|die|do it))|\bsuicide (?:plan|note|letter|pact)s?\b|"
        r"\b(?:planned|planning|plan|working out|worked out|figured out) (?:out )?(?:how|when|"
        r"where|the day|the time|the place) (?:i'?d|i would|i'?ll|i will|to|i'?m going to|i "
        r"could|i can) (?:do it|die|end it|kill|go|end my life|end everything|not be here)\b|"
        r"\b(?:set|picked|chosen|chose|decided on|decided|settled on|choosing|picking|set) (?:a |"
        r"the )(?:date|day|time|method|place|spot)(?=[^\S\n]*(?:[.!?;\n]|$|to (?:do it|die|end "
        r"it|kill|go)|for (?:it|when|doing it|my death|ending|the end)|and (?:everything|i'm "
        r"ready)))",
    ),
    _rule(
        "means", U, "mentions having the means to end their life", "gun|rifle|pistol|firearm|"
        "shotgun|rope|noose|charcoal|helium|blade|razor|ligature|exit bag|knife",
        r"\b(?:there's|there is|there are|i have|i've got|i got|have|keep|kept|keeping|bought|"
        r"buy|buying|got hold of|get hold of|ordered|order|ordering|found|have access to|access "
        r"to|hid|hidden|hide|hiding|took|taken|tied|tie|tying|made|make|making|hung|hang|"
        r"hanging|sharpened|holding|held|hold|staring at|looking at|stared at|looked at) (?:a |"
        r"some |the |my |dad's |my dad's |his |her |new |sharp |another |a new |fresh )?(?:gun|"
        r"guns|rifle|pistol|firearm|shotgun|noose|charcoal|helium|exit bag|ligature|razor "
        r"blades?|blades?|rope)\b(?=[^.!?;\n]{0,80}(?:\b(?:just in case|in case|if i need|when i "
        r"need|when the time comes|ready|hidden|hide|hid|under my (?:bed|mattress|pillow)|in my "
        r"(?:drawer|room|bag|car|wardrobe|pocket)|for later|keep thinking|can't stop thinking|"
        r"use it|use them|in my head|tempt|end|myself|tonight|calling me|beam|loft|garage|"
        r"neck|strong enough|wrists?|arms?|thighs?|skin|again|tonight)\b|$))",
        not_before=r"^ (?:for (?:the|my|our) (?:garden|climbing|camping|boat|washing|shed|"
        r"kids|swing|dog|tent|bbq|barbecue|hunting|range|shaving|legs)|to (?:shave|cut the|"
        r"open|go climbing))",
        not_after=r"(?:shav|climb|camp|hunt|skat|craft|garden|sail|boat|diy|scalpel|bbq|"
        r"barbecue)[^.!?;]*$",
    ),
    _rule(
        "means", U, "knows where to find the means to end their life", (
        "hid|keep|kept|stor|lock&gun|rifle|pistol|firearm|shotgun|pill|tablet|"
        "medication|meds|knives|painkiller|insulin|cabinet"
        ),
        r"\b(?:where|which drawer|which cupboard) (?:\w+ )?(?:\w+ )?(?:keeps?|kept|stores?|"
        r"stored|hides?|hid|hidden|locks?|locked) (?:the|his|her|their|my|all the|all his) "
        r"(?:gun|guns|rifle|pistol|firearms?|shotgun|pills|tablets|medication|meds|knives|"
        r"painkillers|sleeping pills|insulin|keys to the (?:gun|cabinet))\b",
    ),
    _rule(
        "means", U, "has a noose or has tied one", "noose",
        r"\bnoose\b",
        not_before=r"^ (?:knot tutorial|around the (?:market|economy))",
    ),
    _rule(
        "plan", U, "went to a high place or the tracks and thought about it",
        (
        "balcony|bridge|car park|cliff|edge|ledge|multi-storey|platform|railing|roof|"
        "tower|tracks|overpass&down|drop|high|far|jump|end it|long time|ages|hour|while|bit|minute|"
        "think|want|nearly|almost|couldn't|didn't|scared|stepped|let go|step off|"
        "edge|fall|water|train|do it|chicken"
        ),
        r"\b(?:stood|standing|stand|sat|sitting|sit|went|go|going|drove|driving|walked|walking|"
        r"climbed|climbing|been|was|leaned|leaning|looked|looking) (?:up |out |down )?(?:on|at|"
        r"by|near|to|onto|over|on top of|on the edge of|up to|off|down from) (?:the |a |that |"
        r"this |my |the top of (?:the|a) )?(?:\w+ )?(?:bridge|cliff|cliffs|ledge|roof|rooftop|"
        r"tracks|platform edge|railing|railings|edge|car park|multi-storey|tower|balcony|"
        r"overpass)\b(?=[^.!?;\n]{0,120}?\b(?:looking down|looked down|the drop|how high|how far "
        r"down|jump|end it|for (?:a long time|ages|hours)|thinking|wanted|nearly|almost|"
        r"couldn't|didn't|too scared|stepped back|let go|step off|over the edge|it would be|"
        r"fall|the water|the train|to do it|do it|go through with it|chickened out|for (?:an "
        r"hour|a while|a bit|hours|ages|a long time|(?:\w+ )?minutes)))",
        not_before=r"^ (?:of (?:my|the) (?:seat|chair|bed|sofa|couch)|for (?:the|a) (?:view|"
        r"photo|picture|sunset|fireworks))",
    ),
    _rule(
        "plan", U, "says they know what they will do with the means", "know",
        r"\bi know (?:exactly |already |just )?what i'?m (?:doing|going to do|gonna do|about to "
        r"do|planning to do) with (?:them|it|those|these|that|the lot)\b",
        context=r"<drugs>|\b(?:gun|rifle|rope|noose|blade|razor|knife|vodka|bottle|car)\b",
    ),
    # --- preparatory acts -------------------------------------------------
    _rule(
        "preparatory_act", U, "has been giving their things away",
        "giv|gave&away|to people|to friends|to everyone|to my|to the people|to family",
        r"\b(?:giving|gave|given|give|gives) away (?:all |most |some |a lot |lots )?(?:of )?(?:my "
        r"|my most )?(?:things|stuff|belongings|possessions|prized possessions|favourite things|"
        r"favorite things|precious things|valuables|treasures|jewellery|jewelry|books|records|"
        r"games|guitar|collection|clothes|savings|money|plants|art|photos|everything i own|"
        r"everything)\b|\b(?:giving|gave|given|give|gives) (?:people |everyone |my friends |"
        r"my sister |my brother |away )?(?:all |most |some |a lot |lots )?(?:of )?(?:my|her|his|"
        r"their) (?:things|"
        r"stuff|belongings|possessions|prized possessions|favourite things|favorite things|"
        r"precious things|valuables|treasures|jewellery|jewelry|savings|most precious things|"
        r"guitar|collection|books|records|games) (?:away|to (?:people|friends|everyone|my "
        r"\w+|the people i love|family))",
        not_after=r"(?:charity|declutter|clear out|clearing out|moving house|downsiz|car boot|"
        r"ebay|vinted|sell|donat|kondo|spring clean|minimalis|clutter|tidy|moving)"
        r"[^.!?;]*$",
        not_before=r"^ (?:to (?:charity|the charity|a charity|the (?:charity|thrift|op|goodwill)|"
        r"oxfam|goodwill|the shelter|the food bank)|(?:because|since|as) (?:we're|i'm) moving|"
        r"before (?:we|i) move|[^.!?;]*(?:charity|declutter|moving|car boot|donat|sell))",
    ),
    _rule(
        "preparatory_act", U, "has written goodbye letters", (
        "letter|note|message|email|card|video|voice|text|goodbye|farewell|words&wrot|"
        "writ|left|leav|draft|typ|record|prepar|finish|sent|schedul"
        ),
        r"\b(?:wrote|written|writing|write|writes|left|leaving|leave|drafted|drafting|draft|"
        r"typed|typing|recorded|recording|prepared|preparing|finished|finishing|sent|scheduled|"
        r"scheduling) (?:out )?(?:a |some |my |the |individual |personal |little |final |last |"
        r"goodbye |farewell )?(?:letters?|notes?|messages?|emails?|cards?|videos?|voice notes?|"
        r"texts?) (?:to|for) (?:everyone|everybody|each of|all of|my family|my kids|my children|"
        r"the people i love|people i love|all my|everyone i love|my loved ones|each person|every "
        r"one of|each|the kids|both of)\b|\b(?:wrote|written|writing|write|left|leaving|leave|"
        r"drafted|drafting|typed|prepared|preparing|finished|sent|scheduled) (?:a |some |my |the "
        r"|individual |final |last )?(?:goodbye|farewell|final|last) (?:letters?|notes?|"
        r"messages?|emails?|cards?|videos?|words|texts?)\b|\b(?:wrote|written|writing|write|left|"
        r"leaving|leave|drafted|drafting|typed|prepared|preparing|finished|sent) (?:a |some |my "
        r"|the )?(?:letters?|notes?|messages?|emails?|cards?) (?:to|for) [^.!?;\n]{0,40}?(?:in "
        r"case|for (?:when|after) i'?m gone|when i'?m gone|after i'?m gone|to find|explaining "
        r"(?:why i did it|why i had to|why i couldn't|why i can't|everything|my decision)|"
        r"saying goodbye|to say goodbye|saying sorry for what|to read after|"
        r"for after|once i'?m gone|to open (?:after|when))",
        not_after=r"(?:birthday|christmas|thank|valentine|penpal|pen pal|anniversary|wedding|"
        r"retire|leaving do|new job|graduation|condolence)[^.!?;]*$",
        not_before=r"^ (?:[^.!?;]{0,40}(?:birthday|christmas|thank|valentine|anniversary|wedding|"
        r"graduation|new baby|congrat))",
    ),
    _rule(
        "preparatory_act", U, "has put their affairs in order", (
        "order|affairs|made sure|making sure|make sure|arrangements|plans for|"
        "passwords|instructions|bank details|funeral"
        ),
        r"\b(?:put|putting|puts|get|getting|got|sort|sorting|sorted|have put|setting|set|"
        r"having|had|getting all|put all) (?:all )?(?:of )?my (?:affairs|things|life|house|"
        r"stuff|papers|paperwork|accounts) (?:in|into) order\b|\b(?:sorted|sorting|sort) (?:out )?"
        r"my affairs\b|\b(?:made|making|make|sorted|sorting|arranged|arranging|put) (?:sure|"
        r"arrangements for|plans for) (?:everyone|my family|my kids|my children|the kids|the dog|"
        r"the cat|my dog|my cat|my pets|the pets|my partner|mum|dad|my mum|my dad|my "
        r"\w+)(?: <g4>)? (?:after i'?m gone|without me|when i'?m gone|once i'?m gone|if i'?m gone|"
        r"when i'?m not here|after i die|after i'm not here|if i'?m not around|once i'?m not "
        r"around)|\b(?:left|leaving|wrote|writing|written|made|making) (?:a list of |all )?(?:my )?"
        r"(?:passwords|instructions|bank details) (?:for|to) (?:my|the|everyone)[^.!?;\n]{0,40}"
        r"(?:after|when|once|in case|if)|\b(?:planned|planning|plan|chose|chosen|choosing|"
        r"picked|picking|wrote|writing) (?:out )?(?:my (?:own )?funeral|the songs for my "
        r"funeral|what (?:i want|should happen) (?:at my funeral|after i die))\b",
    ),
    _rule(
        "preparatory_act", U, "has been saying goodbye to people", "goodbye|good bye|farewell|"
        "last time|final time",
        r"\b(?:said|saying|say|says) (?:my |proper |quiet |quietly |final |last |secret |silent |"
        r"real |little )?(?:goodbyes?|good byes?|farewells?)(?: to "
        r"(?:everyone|everybody|all my \w+|the people i love|people i love|everyone i love|"
        r"people|them all|each of them|all of them|the people who matter|everyone who "
        r"matters|everyone who matters to me))?(?=[^\S\n]*(?:[.!?;\n,]|$|just|in case|one "
        r"last|for the last|properly|without (?:them|anyone|people|him|her) (?:realising|"
        r"realizing|knowing|noticing)|"
        r"quietly|without|in my head|already|now|and (?:i'?m|now|it)|before|so that|today|"
        r"tonight|this week))|\b(?:see|seeing|saw|visit|visiting|visited|hug|hugged|hugging|"
        r"hold|held|holding|call|called|calling|text|texted|texting|tell|told|telling|kiss|"
        r"kissed) <g3>(?:one last time|for the last time|a final time|one final time|for what "
        r"might be the last time|for the final time)\b",
        not_after=r"\b(?:airport|station|holiday|moving|leaving do|party|visit|trip|flight|"
        r"graduat|school|house|flat|shop|office|job|retire|farewell party|emigrat|abroad|"
        r"last day at|move|leaving)[^.!?;]*$",
        not_before=r"^[^.!?;]{0,40}\b(?:airport|station|holiday|moving|move|leaving do|party|visit|"
        r"trip|flight|graduat|before (?:i|we) (?:move|leave|fly|go)|abroad|new job|retire)",
    ),
    _rule(
        "preparatory_act", U, "says they won't need their things anymore",
        "need&won't|will not|wouldn't|would not|not going to",
        r"\b(?:won't|will not|wouldn't|would not|won't be|not going to) (?:be )?(?:need|needing) "
        r"(?:any of )?(?:it|them|this|that|these|my (?:things|stuff|clothes|books|savings|money|"
        r"phone|belongings|car|room)|anything) (?:anymore|any more|any longer|where "
        r"i'?m going|after (?:this|tonight|this week|today)|soon|for much longer|much longer)\b",
        not_after=r"(?:moving|move|upgrad|new one|replace|sell|holiday|broken)[^.!?;]*$",
    ),
    # --- self-harm (now or very recent, or an urge) --------------------------
    _rule(
        "self_harm", U, "describes hurting themselves", (
        "myself&cut|burn|scratch|hit|punch|bit|hurt|harm|injur|mutilat|carv|slash|"
        "bruis|strangl|chok|pinch|scald|slap|beat|bang|stab|ble|whip"
        ),
        r"\b(?:cut|cutting|cuts|burn|burned|burnt|burning|burns|scratch|scratched|scratching|"
        r"hit|hitting|punch|punched|punching|bite|bit|biting|hurt|hurting|hurts|harm|harmed|"
        r"harming|harms|injure|injured|injuring|mutilate|mutilated|mutilating|carve|carved|"
        r"carving|slash|slashed|slashing|bruise|bruised|bruising|strangle|strangled|choke|"
        r"choked|choking|pinch|pinched|pinching|scald|scalded|slap|slapped|slapping|beat|"
        r"beating|bang|banged|banging|stab|stabbed|stabbing|bleed|bled|whip|whipped) myself\b"
        r"(?! up\b)",
        writer=True,
        not_before=_ACCIDENT + r"|^ (?:on the head|in the (?:face|leg|head) (?:by|when|with "
        r"(?:a|the) (?:door|cupboard))|against the wall in frustration)",
        not_after=_ACCIDENT_BEFORE + r"|(?:kick|kicked|kicking)[^.!?;]{0,10}$",
    ),
    _rule(
        "self_harm", U, "says they self-harmed again or recently", (
        "cut|self-harm|sh|burn|scratch&again|last night|yesterday|today|this morning|"
        "tonight|earlier|hour ago|this week|weekend|monday|tuesday|wednesday|"
        "thursday|friday|saturday|sunday|deep|till|until|so badly|first time"
        ),
        r"\b(?:cut|cutting|self-harm(?:ed|ing)?|sh'?(?:ed|d)|burned|burnt|scratched|scratching)"
        r"(?: myself)? (?:again|last night|yesterday|today|this morning|tonight|earlier|an hour "
        r"ago|this week|this weekend|at the weekend|on (?:monday|tuesday|wednesday|thursday|"
        r"friday|saturday|sunday)|deeper|deep|till|until|so badly|for the first time in)\b",
        not_after=r"(?:hair|had my|got my|grass|lawn|fringe|nails|budget|costs?|prices|class|"
        r"power|sun|toast|dinner|food|pay|wages|funding|benefits|hours|electricity|"
        r"internet|signal|line|call|phone|wifi|bangs|the|a|my toast|the cake|onions?)"
        r"[^\S\n]+(?:got |was |were |has been |had been |keeps )?$|^\W*$",
    ),
    _rule(
        "self_harm", U, "says they have started self-harming again", "cutting|self-harm|myself",
        r"\b(?:started|start|starting|began|begun|relapsed|relapse|relapsing|back to|went back "
        r"to|gone back to|going back to|fell back into|slipped back into|been|keep|kept|can't "
        r"stop|couldn't stop|resorted to|turned to|turning to|ended up) (?:on |with |into )?"
        r"(?:cutting|self-harming|self-harm|hurting myself|burning myself|harming myself|"
        r"scratching myself|hitting myself)\b" + _CUT_NOT,
    ),
    _rule(
        "self_harm", U, "says they want to hurt themselves", (
        "urge|need|want|tempt|itch|crav|going|desire|plan|compulsion|close|feel|felt|"
        "ready|about|trying not|hard not|struggling not|temptation|fighting|impulse&"
        "cut|self-harm|sh|myself|bleed|blood|blade|relapse"
        ),
        r"\b(?:(?:urge|urges|urged|need|needed|want|wanted|wanting|wants|tempted|itching|"
        r"going|desire|plan|planning|compulsion|close|ready|about|trying not|hard not|"
        r"struggling not|temptation|fighting the urge|impulse|impulses|craving|cravings) <adv>"
        r"(?:to|for|of)|feel like|felt like|feeling like|crave|craving) <adv>(?:cut|cutting|"
        r"self-harm|self-harming|"
        r"sh|burn myself|burning myself|hurt myself|hurting myself|harm myself|harming myself|"
        r"hit myself|hitting myself|punish myself|bleed|make myself bleed|see blood|feel the "
        r"blade|scratch myself|scratching myself|cut again|relapse into cutting|cut deeper)\b"
        + _CUT_NOT,
        not_after=r"(?:hair|barber|hairdresser|budget|costs|class|grass|lawn|onion|diet|sugar|"
        r"carbs|ties)[^.!?;]*$",
    ),
    _rule(
        "self_harm", U, "mentions fresh self-harm wounds", "cuts|wound|burns|scar|blood|bled",
        r"\b(?:fresh|new|deep|my|the|open) (?:cuts|wounds|burns|gashes|slashes) (?:on my|are "
        r"(?:fresh|bleeding|new|deep|infected|stinging)|won't stop bleeding|from last night|from "
        r"yesterday|on (?:my )?(?:arms?|wrists?|legs?|thighs?|stomach|hips?))\b|\b(?:hid|hide|"
        r"hiding|cover|covered|covering) (?:the |my )?(?:fresh |new )?(?:cuts|wounds|burns|"
        r"marks|blood)\b|\bmade myself bleed\b|\bbled (?:through|all over) (?:my|the) "
        r"(?:sleeve|bandage|plaster|sheets)",
        not_after=r"(?:shav|cook|kitchen|paper|garden|surgery|operation|fell|fall|cat|dog|"
        r"bike|accident)[^.!?;]*$",
    ),
    _rule(
        "self_harm", U, "describes reaching for a blade to hurt themselves",
        "blade|compass|glass|knife|lighter|razor|scissors|sharpener|shard&my|skin",
        r"\b(?:hold|held|holding|grab|grabbed|grabbing|pick up|picked up|took out|took|get|got|"
        r"reach for|reached for|reaching for|looking at|staring at|stared at|looked at|pressed|"
        r"pressing|dragged|dragging|ran|running|broke|broken|took apart|taking apart) (?:a|the|"
        r"my|that|a piece of|some) (?:razor|blade|razor blade|knife|lighter|scissors|compass|"
        r"sharpener|pencil sharpener|glass|shard)(?: <g3>)? (?:to|against|on|over|across|near|"
        r"into|and) (?:my|cut|hurt|the skin|skin|myself|burn)\b",
        not_before=r"^ (?:to (?:cut|open) (?:the|a|some))",
    ),
    _rule(
        "self_harm", U, "says they used to self-harm", "used to|use to",
        r"\b(?:used to|use to) (?:cut|sh|burn|scratch|hurt|harm|hit)\b" + _CUT_NOT,
    ),
    _rule(
        "self_harm", U, "uses self-harm slang",
        "sh'd|sh'ed|shd|sh again|sh last|sh yesterday|sh today|sh tonight",
        r"\b(?:i|i've|i'd|i have|i had|and) sh'?(?:ed|'d|d)\b|\b(?:i|i've|i have|i had) sh "
        r"(?:again|last night|yesterday|today|tonight)\b",
    ),
    _rule(
        "self_harm", U, "mentions self-harm", "self-harm",
        r"\bself-harm(?:ed|ing|s)?\b",
        mention=True,
        not_before=r"^ (?:awareness|charity|training|module|course|lecture|policy|services?|"
        r"research|leaflet|resources?|prevention|statistics|rates?|support (?:group|worker)|"
        r"workshop|day|week|month|in (?:young people|teens|adolescents|schools))",
    ),
    _rule(
        "disordered_eating", C, "describes starving themselves or making themselves sick",
        "starv|purg|sick",
        r"\b(?:starve|starving|starved) myself\b|\bmade myself (?:sick|throw up|vomit)\b|"
        r"\b(?:purge|purging|purged)\b(?= (?:again|after|every|last night|today))",
        writer=True,
        not_before=r"^ (?:until (?:dinner|lunch|tea)|for (?:the|this) (?:meal|dinner|buffet|"
        r"feast|party))",
    ),
    # --- concern: hopelessness, burden, entrapment -------------------------
    _rule(
        "hopelessness", C, "expresses hopelessness about the future", "hope|hopeless",
        r"\b(?:i'm|i am|i feel|feel|feeling|felt|everything (?:is|feels|seems)|it (?:all )?"
        r"(?:feels|seems|is)|it's|life (?:is|feels|seems)|things (?:are|feel|seem)|so|completely|"
        r"totally|utterly|just|beyond|been feeling|been|my life is|my situation is|this is) "
        r"(?:so |completely |totally |utterly |really |just |very |pretty |kind of |kinda |"
        r"beyond )?hopeless\b(?! (?:at|with|romantic|case at|about (?:cooking|maths|math)))|"
        r"\b(?:there's|there is|i have|i've got|i see|i've lost|i've given up|i feel|feel|have|"
        r"with|i got|left with|holding) (?:no|zero|little|any|all) (?:hope|hope left|hope "
        r"anymore)\b(?! (?:of (?:getting|finding|finishing|winning|making|catching|passing|"
        r"seeing)|for (?:the (?:team|weather|match|game)|this (?:team|game))))|\b(?:lost|losing|"
        r"lose|given up|giving up|abandoned|run out of|ran out of) (?:all )?(?:my )?hope\b|"
        r"\bhope(?:less)?ness\b|\bno hope (?:left|for me|anymore)\b",
        not_after=r"(?:i'm|i am) (?:a )?$",
    ),
    _rule(
        "hopelessness", C, "says things will never get better",
        "better|different|okay|ok|right|well|easier|normal&never|nothing|won't|isn't|aren't|not",
        r"\b(?:nothing|nothing ever|nothing's) (?:will|would|is going to|'s going to|is ever "
        r"going to|'ll|ever|is|can|could|seems to) (?:ever )?(?:get|gets|getting|change|changes|"
        r"be|improve|improves|go) (?:any )?(?:better|different|okay|ok|right|well|easier|back to "
        r"normal)\b(?! (?:than|at|with|soon|by|tomorrow|after|once|when|if|for (?!me|us|"
        r"anyone|people like)))|\b(?:things|it|"
        r"life|my life|this|it's|things are|life is) (?:will never|"
        r"won't ever|won't|is never going to|are never going to|'s never going to|isn't going "
        r"to|aren't going to|is not going to|are not going to|never|aren't ever going to|isn't "
        r"ever going to|never seem to) (?:ever )?(?:get|gets|getting|change|be|improve|go) "
        r"(?:any )?(?:better|different|okay|ok|right|easier|back to normal)\b(?! (?:than|at|"
        r"with|in the morning|after|once|when|if|soon|by|tomorrow|until|unless|for))",
    ),
    _rule(
        "hopelessness", C, "says things will never get better", "never",
        r"\b(?:it|things|life|nothing|my life|this) (?:will|is going to|'ll|are going to|is) "
        r"never (?:get|change|improve|be (?:okay|ok|better|good|any different|the same)|go back "
        r"to normal|end|stop)\b(?! (?:raining|snowing))|\b(?:i'll|i will|i'm never going to|i am "
        r"never going to|i'm not going to|i won't) (?:never )?(?:ever )?(?:be|feel) (?:happy|"
        r"okay|ok|normal|better|loved|good enough|enough|well|whole|myself) (?:again|ever)\b|"
        r"\bi'll never (?:be|feel) (?:happy|okay|ok|normal|better|loved|good enough|enough|well|"
        r"whole)\b|\b(?:it's|it is|things are|life is|nothing is|this is|my life is) never "
        r"(?:going to|gonna) (?:change|get better|improve|end|stop|be (?:okay|ok|better|any "
        r"different))\b",
    ),
    _rule(
        "hopelessness", C, "says nothing matters or helps anymore",
        "nothing&changes|improves|helps|works|matters|look forward|can help|can fix|can save",
        r"\bnothing (?:ever )?(?:changes|improves|helps|works|matters)(?: anymore| any more| to "
        r"me)?(?=[^\S\n]*(?:[.!?;,\n]|$|anymore|and|so|i|no matter))|\bnothing matters(?: "
        r"anymore| any more| to me)?\b|\bnothing to look forward to\b|\b(?:nothing|nobody|no "
        r"one|nothing and nobody) can (?:help|fix|save) me\b",
    ),
    _rule(
        "hopelessness", C, "sees no future for themselves",
        "future|way forward|light at|end to|end in sight|hope for me",
        r"\b(?:there's|there is|i have|i've got|i see|i can see|i can't see|i cannot see|i "
        r"don't see|i don't have|i do not have|see|no) (?:no|any|a) (?:future|way forward|light "
        r"at the end|end to this|end in sight|hope for me)(?: for me| ahead| anymore| at all| "
        r"here)?\b|\bno (?:light at the end of the tunnel|future for me|way forward)\b|\bthe "
        r"future (?:is|looks|feels) (?:so )?(?:dark|bleak|empty|black|hopeless|pointless)\b",
    ),
    _rule(
        "hopelessness", C, "asks what the point of anything is", "point|use",
        r"\b(?:what's|what is|whats) (?:even )?the (?:point|use)(?: of| in)?(?: (?:anything|it "
        r"all|any of (?:it|this)|trying|going on|even trying|getting up|carrying on|me|"
        r"everything|bothering|doing anything|all this|this|life|doing this|waking up|"
        r"fighting))?(?=[^\S\n]*(?:[.!?;,\n\"]|$|anymore|any more|now|honestly|really|at this "
        r"point|when|if|nothing|i|it|everything|no one))|\b(?:there's|there is|see|i see|"
        r"there's just|there really is|it has|i find) no point (?:in |to |of )?(?:anything|"
        r"trying|going on|carrying on|any of (?:this|it)|getting up|me|life|in anything|it all|"
        r"anymore|doing anything|even trying|continuing|fighting|bothering)\b",
    ),
    _rule(
        "hopelessness", C, "says everything feels pointless", "pointless|meaningless|futile",
        r"\b(?:everything|it all|life|my life|it|all of it|existence|all this|everything i do) "
        r"(?:is|feels|seems|'s) (?:so |completely |totally |just |utterly )?(?:pointless|"
        r"meaningless|futile)\b",
    ),
    _rule(
        "hopelessness", C, "asks why they should bother", "bother|why",
        r"\bwhy (?:do i even |should i |even |would i |do i )?(?:bother|try|keep trying|keep "
        r"going|get up)(?: anymore| at all| trying| with anything| doing anything)?"
        r"(?=[^\S\n]*(?:[.!?;,\n]|$|anymore|when|if|nothing|it|no))",
        not_before=r"^ (?:(?:to|with|ironing|cooking|cleaning|making|dressing|going))\b",
    ),
    _rule(
        "hopelessness", C, "has given up", "give up|given up|giving up|gave up",
        r"\b(?:given|giving|give|gave) up on (?:everything|life|myself|it all|the future|getting "
        r"better|ever being happy|living|trying|me|ever getting better|recovery|therapy)\b|"
        r"\b(?:i've|i have|i'm|i am|i've just|i've totally) (?:given up|giving up|ready to give "
        r"up|about to give up)(?=[^\S\n]*(?:[.!?;,\n]|$|on (?:everything|life|myself|trying|it "
        r"all)|completely|altogether|i|honestly))|\b(?:want|wanting|ready|going|about|feel "
        r"like|tempted) (?:to )?(?:just )?give up(?=[^\S\n]*(?:[.!?;,\n]|$|on (?:everything|"
        r"life|myself|it all|trying)|completely|altogether|forever|for good|honestly))",
    ),
    _rule(
        "hopelessness", C, "feels worthless or beyond help",
        "worthless|lost cause|beyond|past saving|i'm nothing|i am nothing|useless",
        r"\b(?:i'm|i am|it's|my life is) (?:a )?(?:lost cause|beyond help|beyond saving|broken "
        r"beyond repair|past saving)\b|\b(?:i|i'm|i am|i feel|feel|feeling) (?:so |completely |"
        r"utterly |totally |just )?(?:worthless|useless and (?:nothing|no one)|nothing and no "
        r"one)\b|\bi (?:am|'m) nothing\b(?! (?:like|if|but|compared|without|special))",
    ),
    _rule(
        "burden", C, "feels they are a burden to others",
        "burden|dead weight|drain|waste of|nuisance|problem to|weight around|charity case|"
        "liability",
        r"\b(?:i'm|i am|i feel|feel|feeling|felt|i've become|i have become|i'm just|being|i'm "
        r"being|me being|i'm only|i'm nothing but|i was|i always|become|becoming|i'd|just|only|"
        r"nothing but|such|like|am|always|i) (?:like )?(?:just |only |always |such |nothing but |"
        r"so much of |more of |still |a huge |a massive |a big |a total |an absolute |the "
        r"biggest |a constant |a useless |a )*(?:burden|dead weight|drain|waste of (?:space|"
        r"oxygen|air|a person|money|life|time|skin|(?:everyone's|everybody's|people's|their|your|"
        r"his|her) time)|nuisance|problem to everyone|weight around "
        r"(?:their|everyone's|his|her|your) necks?|charity case|liability)\b(?! (?:of proof|of "
        r"the|on the battery|on (?:my|the) (?:time|budget|finances|phone)))|\bburden (?:to|on|"
        r"for) (?:everyone|everybody|my|them|you|people|others|the people|those|him|her|my "
        r"family|all|the ones|anyone)\b",
        not_after=r"(?:not (?:want|wanting) to be|don't want to be|never wanted to be|"
        r"afraid of being|scared of being|worried about being|worry about being) (?:a |such a )?$",
    ),
    _rule(
        "burden", C, "feels they ruin things for the people around them",
        "ruin|spoil|wreck|destroy|poison|drag|mak|made|bring|hold|mess|caus",
        r"\b(?:i|i just|i only|all i do is|i always|i keep) (?:ruin|ruined|ruining|ruins|spoil|"
        r"spoiled|spoiling|wreck|wrecked|wrecking|destroy|destroyed|destroying|poison|"
        r"poisoning|drag down|dragging down|drag|dragging|make|making|made|bring|bringing|hold|"
        r"holding|mess up|messing up|cause|causing) (?:everything|everyone's lives?|everybody's "
        r"lives?|it for everyone|things for everyone|everyone|everybody|the people i love|"
        r"people's lives|their lives|everyone down|everybody down|everyone around me|everybody "
        r"around me|everything for everyone|everything i touch|everyone's (?:day|mood)|my family "
        r"down|everyone back|everything worse|things worse for everyone|everyone's life worse|"
        r"everyone miserable|everyone unhappy|nothing but (?:pain|misery|trouble|problems|stress|"
        r"grief)|(?:pain|misery|trouble|problems|stress|grief) to (?:everyone|everybody|the "
        r"people|people|my family|those)|it worse for everyone)\b(?! (?:for (?:dinner|lunch|"
        r"breakfast|tea)|laugh|smile))",
    ),
    _rule(
        "burden", C, "feels others deserve better than them", "deserve|happier|in the way|too much",
        r"\b(?:everyone|everybody|they|my family|my kids|the people i love|my partner|my friends|"
        r"people) (?:deserve|deserves|would be happier|need) (?:better|someone better|a better "
        r"(?:\w+ )?than me|so much better)(?: than me)?\b|\bi'?m (?:just |always )?(?:in the "
        r"way|too much for (?:everyone|everybody|people|them|my family))\b|\b(?:everyone|"
        r"everybody|they|my family|people) (?:would be|'d be) (?:happier|better|less stressed|"
        r"freer) (?:if i (?:wasn't|weren't|was not|were not) (?:so )?(?:difficult|a problem|such "
        r"a burden|a burden|a mess))\b",
    ),
    _rule(
        "entrapment", C, "says they can't take any more", (
        "anymore|any more|any longer|much longer&can't|cannot|can not|couldn't|"
        "could not|unable|don't think|do not think|not sure|don't know|"
        "no longer able|not able|won't be able"
        ),
        r"\b(?:can't|cannot|can not|couldn't|could not|unable to|don't think i can|do not think "
        r"i can|not sure (?:if )?i can|don't know (?:if|how (?:much longer|long)) i can|don't "
        r"know how to|no longer able to|not able to|won't be able to) (?:take|do|handle|deal "
        r"with|cope with|face|bear|stand|survive|live with|endure|manage|keep doing|keep "
        r"living|put up with|keep up with) (?:it|this|any of this|life|everything|much more|"
        r"more|another day|this pain|the pain|this life|my life|living like this|it all|this "
        r"anymore|any more of this|this feeling|feeling like this|being me|existing|this "
        r"existence)(?: (?:any|much|at all|honestly|really|now|seriously|i swear))?(?: anymore|"
        r" any more| any longer| much longer| for much longer)"
        r"\b|\bi can't anymore\b",
        not_after=r"(?:walk|run|eat|sleep|drink|cake|food|chocolate|carbs|noise|heat|smell)"
        r"[^.!?;]{0,15}$",
    ),
    _rule(
        "entrapment", C, "says they can't take any more",
        "can't|cannot|couldn't|unable|no longer able&much more|any more|another|pain|this life|"
        "like this|being alive|existence|it all|life",
        r"\b(?:can't|cannot|couldn't|don't think i can|not sure (?:if )?i can|don't know "
        r"(?:if|how) i can|unable to|no longer able to) (?:take|handle|bear|stand|survive|face|"
        r"endure|cope with|do) (?:much more|any more|another day|another minute|another night|"
        r"this pain|the pain|this life|living like this|being alive|this existence|it all|life)"
        r"\b",
    ),
    _rule(
        "entrapment", C, "says they can't cope", "cope",
        r"\b(?:can't|cannot|couldn't|not able to|unable to) cope(?: with (?:life|anything|"
        r"everything|it all|any of it))?(?: anymore| any more| any longer| at all)\b",
    ),
    _rule(
        "entrapment", C, "says they can't go on", "go on|keep going|carry on|keep on|keep fighting|"
        "hold on|continue|do this|keep doing|keep this up|last|survive this|get through|hold it|"
        "keep living|live like",
        r"\b(?:can't|cannot|couldn't|don't think i can|not sure (?:if )?i can|don't know "
        r"(?:if|how) i can|don't know how much longer i can|no longer able to|unable to) "
        r"(?:go on|keep going|carry on|keep on|keep fighting|hold on|continue|do this|keep "
        r"doing this|keep this up|last|survive this|get through this|hold it together|keep "
        r"living like this|live like this|keep living)(?=[^\S\n]*(?:[.!?;,\n\"]|$|anymore|any "
        r"more|any longer|like this|much longer|for much longer|living|with (?:this|life|"
        r"everything)|this way|another|i|and|but|honestly|without|on my own|alone|if|-))",
    ),
    _rule(
        "entrapment", C, "sees no way out", "way out|escape|exit|way forward|end to|end in sight",
        r"\b(?:there's|there is|see|i see|i can see|i can't see|i cannot see|there's just|there "
        r"seems to be|with|have|i have) (?:no|any|a) (?:way out|escape|exit|way to escape|way "
        r"forward|end to (?:this|it)|end in sight)\b" + _WAY_OUT_OF + r"|\bno (?:way out|"
        r"escape)\b" + _WAY_OUT_OF + r"|\b(?:can't|cannot|there's "
        r"no) (?:escape|get away from|get out of) (?:this|it|my life|the pain|my thoughts|my own "
        r"head|my head|my mind|myself|this feeling|this hell|this life|this darkness)\b",
    ),
    _rule(
        "entrapment", C, "feels trapped", "trapped|stuck forever|caged|cornered|suffocated",
        r"\b(?:i'm|i am|i feel|feel|feeling|felt|i've been|so|completely|totally|utterly|just|"
        r"i'm so|i'm just) (?:so |completely |totally |utterly |really |just )?(?:trapped|stuck "
        r"forever|caged|cornered|suffocated)\b(?! (?:in (?:traffic|a lift|an elevator|the lift|"
        r"the car|a queue|the rain|the snow|a meeting)|at (?:work|the airport|home because of)|"
        r"by the (?:snow|rain|weather|traffic)|behind|on (?:the|a) (?:train|bus|motorway)|under|"
        r"with (?:the|a) (?:flu|cold)))|\btrapped in (?:my|this|a) (?:own )?(?:life|head|body|"
        r"mind|situation|marriage|hell|nightmare|darkness|existence|pain|own skin|cycle|loop|"
        r"prison)\b",
    ),
    _rule(
        "entrapment", C, "wants the pain to stop", "want&stop|out",
        r"\b(?:i|i just) want (?:it|this|the pain|everything|all of this|all this|the noise|the "
        r"thoughts|my brain|my head|my mind) to (?:just )?stop\b(?! (?:raining|snowing|ringing|"
        r"barking|crying))|\bi (?:just )?want (?:out|an out|a way out)\b(?! of (?:this|the|my) "
        r"(?:job|contract|relationship|marriage|house|lease|meeting|course|class|plan))",
    ),
    _rule(
        "entrapment", C, "says it is all too much", "too much|done with|finished with",
        r"\b(?:i'm|i am) (?:so )?(?:done|finished) with (?:everything|it all|all of it|all of "
        r"this|trying|fighting|this life)\b|\bit'?s all too much\b|\beverything(?: is|'s) too "
        r"much\b",
    ),
    _rule(
        "wish_to_disappear", C, "wishes they could disappear", "disappear|vanish|fade|evaporate|"
        "run away|not exist",
        r"\b(?:want|wanted|wants|wanting|wish|wishing|wished|need|needed|long|longing|"
        r"dream of|dreaming of|fantasise about|fantasize about|would love|would like|'d like|'d "
        r"love) <adv>(?:to |i could "
        r"|i could just |i would |i'd |i was able to |i can |i |i'd just |i would just |that i "
        r"could )?<adv>(?:disappear|disappearing|vanish|vanishing|fade away|fade out|fading away|"
        r"evaporate|cease|not exist for a while|run away (?:from everything|and never come back|"
        r"forever|from my life|from it all)|be invisible|just not be|not be here for a while|"
        r"melt into|dissolve)\b",
        not_after=r"(?:magic|trick|superpower|super power|cape|hide and seek|disappearing act)"
        r"[^.!?;]*$",
    ),
    _rule(
        "wish_to_die", U, "wishes they could disappear forever", "disappear|vanish",
        r"\b(?:disappear|disappearing|vanish|vanishing|disappeared) (?:forever|for good|"
        r"permanently|completely and forever|off the face of the earth|and never come back|and "
        r"not come back|from existence|from this world)\b",
        not_before=r"^ (?:from (?:my|social) (?:feed|media)|from (?:the|my) (?:shelves|shop|"
        r"menu|fridge))",
    ),
    # --- past risk named as such --------------------------------------------
    _rule(
        "past_risk", C, "mentions a past suicide attempt or overdose", "attempt|overdose|tried",
        r"\b(?:my|a|the|her|his|their|last|previous|first|second|third|another) (?:last |"
        r"first |previous |second |third |failed |botched |serious |recent |most recent )?"
        r"(?:suicide attempts?|attempts? on my life|overdoses?)\b|\bmy (?:first|last|previous|"
        r"second|third|failed) attempt\b(?! (?:at|to|of))|\b(?:i've|i have|i had|i'd) (?:tried|"
        r"attempted)(?: (?:it|suicide|to die))? (?:before|twice|three times|more than once|in "
        r"the past|\d+ times|several times|a few times|once)\b",
    ),
    _rule(
        "past_risk", C, "has gone only days without self-harm", "haven't|have not|hasn't|not",
        r"\b(?:haven't|have not|hasn't|has not|not) (?:cut|self-harmed|sh'?d|hurt myself|harmed "
        r"myself|burned myself|burnt myself|self-harmed|done it) (?:for|in|since) (?:a |one |two |"
        r"three |four |five |six |a few |a couple of |couple of |\d+ |several )?(?:days?|nights?|"
        r"hours?|monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|last night|"
        r"the weekend)\b",
        negatable=False,
    ),
    _rule(
        "past_risk", C, "mentions self-harm scars", "scar",
        r"\bmy (?:old |self-harm |cutting |many )?scars\b|\b(?:self-harm|cutting) scars\b|"
        r"\bscars (?:on|from|up) my (?:arms?|wrists?|legs?|thighs?|stomach)\b",
        not_after=r"(?:surgery|operation|c-section|caesarean|accident|acne|chicken ?pox|burn "
        r"from|bite|emotional|battle)[^.!?;]*$",
        not_before=r"^[^.!?;]{0,40}(?:surgery|operation|c-section|caesarean|accident|acne|"
        r"chicken ?pox|fell|fall|crash|bike|dog|cat|childhood accident|emotional|heal)",
    ),
    # --- indirect and paraphrased statements (urgent) ------------------------
    _rule(
        "intent", U, "talks about when they are gone",
        "gone|dead|not here|no longer|not around|die|out of",
        r"\b(?:when|once|after|by the time|before|for when|now that) i'?m (?:gone|dead|not here|"
        r"no longer here|no longer around|not around|not alive|out of the (?:picture|way)|out of "
        r"(?:their|your|his|her) (?:lives|life|way|hair))\b(?! (?:on|to|for|from|out|"
        r"away|abroad|shopping|home|back|travelling|traveling|off|with|in|at|till|until)\b)|"
        r"\b(?:when|once|after|by the time) i (?:die|kill myself|end it|do it)\b(?! (?:of|from|"
        r"at|in my (?:sleep|bed) (?:at|when)|old))",
        writer=True,
        not_after=r"(?:holiday|vacation|trip|travel|abroad|work|shift|away)[^.!?;]*$",
    ),
    _rule(
        "intent", U, "says they will soon be gone", "gone|peace|rest",
        r"\b(?:i'?ll|i will|i'?m going to|soon i'?ll|i'?m gonna|i should|i'd) (?:soon |finally |"
        r"just |already |probably )?be (?:gone|at peace|at rest|free)\b(?! (?:for (?:a|an|the|"
        r"two|three|\d|most|some|part|ages|work)|from|on|to|till|until|by (?:noon|lunch|\d)|all "
        r"(?:day|week|weekend)|at|in (?:the|a)|before|when you|most of|overnight|abroad|away))"
        r"(?=[^.!?;\n]{0,60}(?:[.!?;,\n]|$))",
        not_after=r"(?:holiday|vacation|trip|travel|abroad|shift|away|visiting|conference)"
        r"[^.!?;]*$",
        not_before=r"^[^.!?;]{0,60}(?:holiday|vacation|trip|travel|abroad|conference|flight|"
        r"work|shift|visit|exam|interview|appointment)",
        writer=True,
    ),
    _rule(
        "intent", U, "says they will never have to face another day", "face|feel|worry|deal|"
        "tomorrow|again",
        r"\b(?:never|won't|will not|won't ever|not) (?:have to )?(?:face|see|wake up to|live "
        r"through|get through|feel|deal with|suffer) (?:another|one more) (?:tomorrow|day|"
        r"morning|week|year|christmas|birthday|night)\b|\b(?:soon |then )?i (?:won't|will not|"
        r"will never|'ll never) (?:have to )?(?:feel (?:anything|this|a thing|pain|any of this)|"
        r"hurt (?:anymore|any more|ever again)|suffer (?:anymore|any more|again))(?: at all| "
        r"ever again| again| anymore| any more)?\b|\b(?:nobody|no one|no-one|they|everyone|"
        r"you|my (?:family|parents|mum|dad|mom|partner|kids)) (?:will|'ll|won't) (?:ever )?"
        r"(?:have to|need to) (?:worry about|deal with|look after|put up with|think about|"
        r"bother with|pay for|carry) me (?:again|anymore|any more|ever again|much longer|for "
        r"much longer|soon)\b|\b(?:won't|will not) (?:have to|need to) (?:worry about|deal "
        r"with|put up with|look after) me (?:again|anymore|any more|much longer|for much "
        r"longer|soon|for long)\b",
    ),
    _rule(
        "intent", U, "says they will not be a problem for anyone much longer",
        "longer|long|anymore|any more|soon",
        r"\b(?:not|won't|will not|not going to) (?:be )?(?:a |an )?(?:problem|burden|bother|"
        r"worry|nuisance|weight|trouble|issue|pain|drain) (?:for|to|on) (?:anyone|anybody|you|"
        r"them|everyone|everybody|my family|people|you all|any of you)(?: <g2>)? (?:much longer|"
        r"for much longer|for long|anymore|any more|any longer|soon|after (?:tonight|today|"
        r"this))\b",
    ),
    _rule(
        "wish_to_die", U, "says the kindest thing would be for them not to be here",
        "kindest|best thing|right thing|only thing|best option|only option|best for|best gift|"
        "favou|solution",
        r"\b(?:kindest|best|right|only|most loving|fairest|easiest|most selfless|best possible) "
        r"(?:thing|option|choice|solution|gift|answer|way)[^.!?;\n]{0,50}?\b(?:is|would be|'s|"
        r"will be|was) (?:for me )?(?:to )?(?:just )?(?:not be here|not be around|not exist|"
        r"disappear(?: for good| forever)?|die|be gone|end it|leave (?:for good|forever|this "
        r"world)|end my life|kill myself|not be alive|not wake up|go away for good|remove "
        r"myself|take myself out of the picture)\b",
    ),
    _rule(
        "better_off_without_me", U, "says others would be better off with them dead or gone",
        "with me|six feet|under|grave|ground|coffin|daisies|urn|box",
        r"\bwith me (?:gone|dead|out of the (?:picture|way)|six feet under|not around|no "
        r"longer around|in the ground|in a box|in my grave|in the grave|finally gone|out of "
        r"their lives|not here|dead and buried)\b|\b(?:me|i'?m|i was|i were|i'd be|i'll be|"
        r"myself|i am) (?:\w+ )?(?:six feet under|in the ground|in a coffin|in my grave|in the "
        r"grave|pushing up daisies|dead and buried|in an urn|worm food)\b",
        writer=True,
    ),
    _rule(
        "better_off_without_me", U, "says others would be better off if they were gone",
        "if i",
        r"\b(?:better|easier|happier|simpler|lighter|relieved|relief|fine|okay|ok|calmer|free|"
        r"freer|happy|move on|peace|favou?r|kindest|best|richer|safer|less (?:stressed|"
        r"burdened|worried)|a weight off)\b[^.!?;\n]{0,60}?\bif i(?:'d| had)? (?:just )?<gone>|"
        r"\bif i"
        r"(?:'d| had)? (?:just )?<gone>\b(?=[^.!?;\n]{0,80}\b(?:happy|happier|better|easier|free|"
        r"freer|"
        r"relieved|relief|move on|moved on|fine|okay|ok|lighter|peace|peaceful|carry on|"
        r"notice|care|miss|matter|difference|forget|cope|manage|richer|safer|get over|be "
        r"over it|breathe|smile|celebrate|quieter|calmer)\b)",
        writer=True,
    ),
    _rule(
        "wish_to_die", U, "hopes something will kill them", "hop|wish|pray|want",
        r"\b(?:hope|hopes|hoped|hoping|wish|wished|wishing|pray|prayed|praying|want|wanted|"
        r"half hope|secretly hope) <adv>(?:that )?(?:it|the plane|the car|the train|the boat|"
        r"the ship|we|the bus|the building|a car|a bus|a lorry|a truck|a train|something|"
        r"someone|somebody|i|the cancer|my cancer|the illness|the tumou?r|my heart|the roof|"
        r"lightning|a meteor|the world) (?:would |will |might |could |just |finally |actually "
        r"|does |did )?(?:go down|went down|goes down|crash|crashes|crashed|sink|sinks|sank|"
        r"fall|falls|fell|hit me|hits me|hitting me|kill me|kills me|killed me|run me over|"
        r"runs me over|take me|takes me|end me|ends me|finish me off|finishes me off|fall out "
        r"of the sky|come back|comes back|spread|spreads|get me|gets me|stops|gives out|gave "
        r"out|collapse|collapses|strike me|strikes me|end it|ends it|explode)\b",
        not_after=r"(?:don't|doesn't|won't|not|never)[^.!?;]{0,12}$",
        not_before=r"^ (?:on time|soon|later|tomorrow|home|to the)",
    ),
    _rule(
        "wish_to_die", U, "hopes this will be their last day", "last|final",
        r"\b(?:hope|hopes|hoping|hoped|wish|wishing|pray|praying) <adv>(?:that )?(?:this|it|"
        r"tonight|today|tomorrow|this one|this night|this sleep) (?:is|will be|would be|'s|"
        r"was|'ll be) (?:the|my) (?:last|final) (?:night|day|time|morning|sleep|one|birthday|"
        r"christmas)\b",
    ),
    _rule(
        "wish_to_die", U, "hopes for something that ends it all", "over|end|stop",
        r"\b(?:hope|hopes|hoping|hoped|wish|wishes|wishing|pray|prays|praying)\b[^.!?;\n]"
        r"{0,60}?\bso (?:that )?(?:it|this|everything|all this|all of this|the pain|i) "
        r"(?:can|could|would|will|might) (?:all |finally |just )*(?:be over|end|stop for good|"
        r"be done|not have to|rest|die)\b",
    ),
    _rule(
        "wish_to_die", U, "would welcome a terminal illness", "terminal|fatal|incurable|cancer|"
        "diagnosis|illness|disease",
        r"\b(?:terminal|fatal|incurable|life-limiting) (?:diagnosis|illness|disease|cancer|"
        r"condition)\b(?=[^.!?;\n]{0,60}\b(?:relieved|relief|glad|happy|grateful|welcome|"
        r"wouldn't (?:mind|fight|treat)|not fight|refuse treatment|accept it|thank god|"
        r"finally)\b)|\b(?:relieved|relief|glad|happy|grateful|welcome|hope|hoping|wish|pray|"
        r"praying)\b[^.!?;\n]{0,50}?\b(?:terminal|fatal|incurable) (?:diagnosis|illness|"
        r"disease|cancer|condition)\b",
    ),
    _rule(
        "plan", U, "describes a time they would do it", "do it|end it|take them|take all|"
        "take the|go through",
        r"\b(?:is|'s|that's|thats|is exactly) (?:when|the day|the night|the time|where|how) "
        r"(?:i'?ll|i will|i'?m going to|i'?m gonna|i plan to|i'm doing|i do|i'd) (?:do it|end "
        r"it|go|do this|go through with it|take them)\b|\b(?:i'?ll|i will|i'?m going to|going "
        r"to|gonna|i plan to|i'm planning to) (?:finally )?(?:do it|go through with it|end it|"
        r"take (?:them all|all of them|the lot|every one|the whole (?:box|bottle|packet)|all "
        r"the (?:pills|tablets)))\b(?=[^.!?;\n]{0,60}\b(?:empty|asleep|alone|nobody|no one|"
        r"everyone|away|out|gone|tonight|tomorrow|friday|weekend)\b)|\b(?:empty|asleep|"
        r"alone|nobody(?:'s| is) (?:home|around|in)|no one(?:'s| is) (?:home|around|in)|"
        r"everyone(?:'s| is) (?:asleep|out|away|gone)|away|out)\b[^.!?;\n]{0,60}?\b(?:i'?ll|i "
        r"will|i'?m going to|going to|gonna|i plan to) (?:finally )?(?:do it|go through with "
        r"it|end it|take (?:them all|all of them|the lot|every one|the whole|all the))\b",
    ),
    _rule(
        "plan", U, "has worked out a lethal amount",
        "pill|tablet|med|paracetamol|painkiller|insulin|opioid|tramadol|codeine|ibuprofen|"
        "aspirin|lithium|tylenol|benzo|acetaminophen|oxy|sertraline|antidepress|sleeping|"
        "prescription&lethal|fatal|deadly|kill|do it|"
        "do the job",
        r"<drugs>[^.!?;\n]{0,50}?\b(?:would|could|will|might|are|is|to) (?:be )?(?:lethal|"
        r"fatal|deadly|kill me|enough to kill|do it|do the job)\b",
    ),
    _rule(
        "plan", U, "has enough to end their life", "enough&wake|die|do it|kill|end it|overdose|"
        "make sure|finish|job|come back|heart",
        r"\b(?:have|got|i've got|"
        r"there's|there is|with) (?:more than |easily |just about )?enough(?: <g3>)? to (?:not "
        r"wake up|never wake up|die|do it|kill myself|end it|overdose|make sure|finish it|do "
        r"the job|not come back|kill me|end my life|stop my heart)\b",
    ),
    _rule(
        "plan", U, "has pills saved up", "sav|stash|stockpil|hoard|hid|ready|collect",
        r"<drugs>(?: [\w']+){0,3}? (?:saved|stashed|stockpiled|hoarded|collected|hidden|"
        r"squirrelled|squirreled|put aside|put away|ready)(?: up)?\b(?! (?:for (?:the|my) "
        r"(?:trip|holiday)|by the (?:pharmacy|chemist)))",
        not_after=r"(?:prescri|pharmac|chemist|holiday|trip)[^.!?;]*$",
    ),
    _rule(
        "means", U, "has the means with them", "gun|rifle|pistol|firearm|shotgun|rope|noose|"
        "razor|blade|knife|pills|tablets",
        r"\b(?:got|get|getting|took|take|taking|grabbed|grab|fetched|brought|bring|moved|have|"
        r"keep|keeping|sitting here with|sat here with|sitting with|holding|staring at|looking "
        r"at|found|bought) (?:the |a |my |dad's |my dad's |his |her )?(?:gun|rifle|pistol|"
        r"firearm|shotgun)\b|\b(?:gun|rifle|pistol|firearm|shotgun|rope|noose|pills|tablets|"
        r"blade|razor)\b[^.!?;\n]{0,30}?\b(?:is|are|'s) (?:now )?(?:in|under|hidden|ready|"
        r"waiting|next to|beside|by) (?:my|the|me)\b|\bout of (?:dad's|mum's|his|her|the|my "
        r"\w+'s) (?:safe|gun cabinet|cabinet|locker|drawer)\b|\b(?:sitting|sat|lying|lay) "
        r"(?:here |there )?with (?:the|a|my) (?:razor|blade|knife|pills|tablets|rope|gun|"
        r"noose)\b|\buse (?:it|them|the (?:razor|blade|knife|pills|rope|gun)) on myself\b",
        not_before=r"^[^.!?;]{0,40}(?:for (?:the|my|our) (?:garden|climbing|camping|boat|"
        r"washing|shed|kids|swing|dog|tent|bbq|barbecue|hunting|range|shaving|legs)|hunting|"
        r"shooting range|clay)",
    ),
    _rule(
        "preparatory_act", U, "has left a note to be found", "note|letter|message|card",
        r"\b(?:notes?|letters?|messages?|cards?) (?:(?:for|to) )?[^.!?;\n]{0,50}?\b(?:(?:she|he|"
        r"they|you)(?:'ll| will| would|'d) (?:get|read|find|open) (?:it |them )?after\b|find it|"
        r"find "
        r"them|find me|afterwards|after(?:wards)? i'?m gone|when i'?m gone|once i'?m gone|for "
        r"after|to read after|when they find|will find)\b|\b(?:sent|send|sending|texted|"
        r"posted|wrote|left|writing) <g2>(?:a |my |one |some )?(?:final|last|goodbye|farewell) "
        r"(?:message|messages|note|notes|letter|letters|text|texts|email|emails|post|words)\b",
    ),
    _rule(
        "preparatory_act", U, "has updated their will or left instructions", "will|instructions",
        r"\b(?:updated|update|updating|wrote|written|writing|made|making|sorted|sorting|"
        r"finished|finalised|finalized|redid|redone|changed|rewrote) (?:out )?my will\b(?=[^.!?;"
        r"\n]{0,80}\b(?:instructions|letters?|goodbye|passwords|affairs|who (?:gets|should|will)|"
        r"the (?:cat|dog|kids)|my (?:cat|dog|pets)|in case|just in case|ready|gone)\b)|\b(?:left|"
        r"leaving|wrote|writing|written|made|making) (?:clear |detailed |written )?instructions "
        r"(?:for|about) (?:who|what|how|whoever|my|the|everyone)\b(?=[^.!?;\n]{0,60}\b(?:cat|"
        r"dog|pets|kids|children|things|stuff|accounts|passwords|funeral|gone|money|house)\b)",
    ),
    _rule(
        "self_harm", U, "describes hurting their body on purpose", "arm|wrist|leg|thigh|skin|"
        "stomach|hip|head|face|hand|chest|ankle|shoulder|body",
        r"\b(?:cut|cutting|scratched|scratching|scratch|burned|burnt|burning|burn|hit|hitting|"
        r"punched|punching|carved|carving|dug|digging|slashed|slashing|bit|biting|picked|"
        r"picking|clawed|clawing|stabbed|pinched|pinching|banged|banging|bashed|bashing|"
        r"smashed|smashing|sliced|slicing|ripped|tore|tearing) (?:at |into )?(?:my |both )?"
        r"(?:(?:finger)?nails |a (?:blade|razor|compass|pin|needle) )?(?:into |in |across |"
        r"against |on |over )?(?:my )?(?:arms?|wrists?|legs?|thighs?|skin|stomach|belly|hips?|"
        r"head|face|hands?|chest|ankles?|forearms?|shoulders?|body|fists?|knuckles)\b|\b(?:cut|"
        r"cutting|burned|burnt|burning|slashed|sliced|carved|carving) (?:my |both )?(?:wrists?|"
        r"thighs?|forearms?|upper arms?)\b|\b(?:punched|punching|hit|hitting|banged|banging|"
        r"bashed|bashing|smashed) (?:my (?:head|fists?|hands?) (?:against|on|into) )?(?:the|a) "
        r"wall (?:until|till|so hard)\b",
        context=r"\b(?:until|till|til|so (?:hard|much|bad)|on purpose|deliberately|bled|bleed|"
        r"bleeding|bruised|bruise|broke|blood|again|marks|raw|welts|scars?|to feel|the only|"
        r"helped|relief|punish|lighter|razor|blade|knife|compass|scissors|cigarette|glass|"
        r"deeper|deep|wrists?|thighs?|forearms?)\b",
        not_before=r"^ (?:on (?:the|a) (?:oven|stove|tray|pan|kettle|iron|door|table|glass|"
        r"fence|shelf)|while|when|cooking|chopping|shaving|playing|at (?:work|the gym)|in the "
        r"(?:kitchen|garden|gym|crash|accident))",
        not_after=_ACCIDENT_BEFORE + r"|(?:fell|tripped|crash|accident|kitchen|cooking|"
        r"chopping|playing|match|game|football|rugby|gym|bike|cycling)[^.!?;]*$",
    ),
    _rule(
        "self_harm", U, "describes fresh self-harm wounds", "cuts|burns|scratches|marks|gash|"
        "slashes|bruises|wounds",
        r"\b(?:arms?|wrists?|legs?|thighs?|skin|stomach|hips?|body) (?:is|are|was|were|'re|'s) "
        r"(?:now )?(?:covered in|full of|all|covered with) (?:fresh |new )?(?:cuts|scratches|"
        r"burns|marks|gashes|slashes|bruises|wounds)\b|\b(?:the|my|these|those|fresh|new) "
        r"(?:cuts|burns|wounds|marks|scratches|gashes) (?:from|since) (?:last night|yesterday|"
        r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?: night)?|the weekend|"
        r"this morning|earlier|the other night|tonight|last week)\b",
        not_after=r"(?:cat|dog|kitten|puppy|bush|brambles|roses|garden|fall|bike|surgery|"
        r"operation)[^.!?;]*$",
    ),
    _rule(
        "self_harm", U, "describes self-harm with emoji or slang", "knife|blood|blade|razor",
        r"\b(?:knife|blood|blade|razor)\b[^.!?;\n]{0,30}?\b(?:did it|done it|again|last night|"
        r"tonight|relapsed|cut)\b",
        not_after=r"(?:cook|kitchen|chop|onion|bread|test|donat|nose|period)[^.!?;]*$",
    ),
    _rule(
        "intent", U, "says they will step in front of a train or jump",
        "step|jump|throw myself|walk|run|lie down",
        r"\b(?:going to|gonna|want to|will|'ll|plan to|planning to|about to|ready to|decided "
        r"to|the one i'?m going to|i'?m going to) (?:just )?(?:step|jump|throw myself|walk|"
        r"run|lie down|lay down) (?:in front of|off|under|onto|into)\b(?=[^\S\n]*(?:[.!?;,\n]|"
        r"$|it|that|one|them|tonight|tomorrow))|\b(?:that's|that is|is) the (?:one|train|"
        r"bridge|building|spot|place|cliff) (?:i'?m going to|i'?ll|i will|i want to|i'?m "
        r"gonna) (?:step|jump|throw myself|walk|use|do it)\b",
    ),
    _rule(
        "intent", U, "uses slang for suicide", "unalive|suicide",
        r"\b(?:going to|gonna|want to|wanna|will|'ll|might|should|about to|ready to|plan to|"
        r"planning to|thinking about|tempted to|need to|i'm|just) (?:just |finally |literally "
        r"|really )?(?:unalive|suicide)\b(?! (?:awareness|prevention|hotline|line|squad|"
        r"mission|watch|bomber|rates?))",
    ),
    _rule(
        "plan", U, "has checked what would hold their weight", "weight",
        r"\b(?:rope|beam|tree|branch|bannister|banister|hook|ceiling|loft hatch|door ?frame|"
        r"belt|cable|scarf|cord|rail|pipe|knot)s?\b[^.!?;\n]{0,40}?\b(?:would|could|will|can|"
        r"strong enough to|enough to) (?:hold|take|support|bear) my weight\b",
    ),
    _rule(
        "plan", U, "has arranged not to be found", "find|found",
        r"\bso (?:that )?(?:nobody|no one|no-one|my \w+|the kids|they|mum|dad|he|she|my "
        r"family) (?:has to |have to |would |will |won't |doesn't |don't |can't |never )?"
        r"(?:find|finds|found|see|sees) me\b|\b(?:when|once|after) (?:they|someone|somebody|"
        r"my \w+|the police|mum|dad) (?:finds?|found) (?:me|my body)\b|\bwhoever finds "
        r"(?:me|my body)\b",
        writer=True,
    ),
    _rule(
        "wish_to_die", U, "is waiting to die", "wait|let me",
        r"\b(?:just |only )?waiting (?:to <die>|for (?:death|the end|it all to end|my time|"
        r"it to be over|the day i die))\b|\b(?:please )?let me (?:just )?(?:<die>|not wake "
        r"up|never wake up|sleep forever|be dead|stop existing|go to sleep forever|disappear "
        r"forever)\b",
        not_before=_DIE_IDIOM,
    ),
    _rule(
        "wish_to_die", U, "does not expect to live and accepts it", "make it|be alive|survive",
        r"\b(?:don't think|do not think|doubt|not sure) i'?(?:ll| will) (?:make it|be alive|"
        r"survive|still be here|be around)\b[^.!?;\n]{0,60}?\b(?:(?:i'?m|i am) (?:okay|ok|fine|"
        r"at peace|ready|calm|relieved) with (?:that|it)|i don't (?:care|mind)|and that'?s "
        r"(?:okay|ok|fine)|relief)\b",
        writer=True,
    ),
    _rule(
        "burden", C, "feels nobody needs them", "need",
        r"\b(?:the world|nobody|no one|no-one|anyone|everyone|my family|they) (?:doesn't|does "
        r"not|don't|do not|wouldn't|would not|won't|will not|really doesn't|really don't)? ?"
        r"(?:need|needs|needed) me\b(?! (?:to|for|at|today|tomorrow|anymore at work))",
        not_after=r"(?:\?|if)[^.!?;]{0,10}$",
    ),
    _rule(
        "entrapment", C, "is tired of fighting", "tired|sick|exhausted|weary|done",
        r"\b(?:so |really |just )?(?:tired|sick|exhausted|weary|done) (?:of|with|from) "
        r"(?:fighting|trying|struggling|being strong|pretending|holding on|surviving|"
        r"everything|it all|carrying on|keeping going|the fight|pretending to be okay|feeling "
        r"like this|being me|this life|the pain)\b",
        not_after=r"(?:not|never)[^.!?;]{0,6}$",
    ),
    _rule(
        "plan", U, "says tonight is the night", "night|day",
        r"\b(?:tonight|today|tomorrow|this weekend|friday|saturday|sunday|monday|tuesday|"
        r"wednesday|thursday)(?:'s| is| will be|'ll be) the (?:night|day)\b(?=[^.!?;\n]{0,40}"
        r"\b(?:do it|end it|it happens|go through with it|i go|i die|it ends|it all ends)\b)",
    ),
    _rule(
        "plan", U, "plans to take everything in the medicine cupboard", "cupboard|cabinet|drawer|"
        "bathroom",
        r"\b(?:take|taking|swallow|swallowing|down|neck) (?:everything|all of it|the lot|"
        r"whatever(?: is| there is)?|all the (?:pills|tablets|meds)) in (?:the|my|mum's|dad's) "
        r"(?:cupboard|cabinet|medicine cabinet|medicine cupboard|drawer|bathroom|first aid box)\b",
    ),
    _rule(
        "plan", U, "describes a carbon monoxide method", "engine|exhaust|hose|charcoal|bbq|"
        "barbecue",
        r"\b(?:in|inside) (?:the|a|my) (?:car|garage)\b[^.!?;\n]{0,40}?\bengine (?:running|on)\b|"
        r"\bengine (?:running|on)\b[^.!?;\n]{0,30}?\b(?:in|inside) (?:the|a|my) (?:closed )?"
        r"garage\b|\b(?:hose ?pipe|hose) (?:to|on|from|into) (?:the|my) exhaust\b|\b(?:charcoal|"
        r"bbq|barbecue|disposable barbecue) in (?:my|the|a) (?:room|bedroom|car|tent|bathroom)\b",
    ),
    _rule(
        "self_harm", U, "is collecting blades", "blade|razor",
        r"\b(?:collecting|collected|saving|saved|hoarding|hoarded|stashing|stashed|hiding|hid|"
        r"hidden|keeping|kept|stockpiling|taking apart|took apart|breaking open|broke open) "
        r"(?:\w+ )?(?:razor blades|blades|razors|sharpener blades)\b",
        not_after=r"(?:shav|craft|scalpel|art|model)[^.!?;]*$",
        not_before=r"^[^.!?;]{0,30}(?:for (?:shaving|crafts?|art|my legs|the lawn)|shav)",
    ),
    _rule(
        "self_harm", U, "has marked their skin", "carv|etch|scratch|cut|burn|wrote|writ",
        r"\b(?:carved|carving|etched|etching|scratched|scratching|cut|cutting|burned|burnt|"
        r"burning|wrote|writing|written) (?:[\w']+ ){0,3}(?:into|in|on|onto|across) my "
        r"(?:arms?|legs?|thighs?|wrists?|skin|stomach|hips?|chest|forearms?|body)\b",
        not_after=r"(?:pen|marker|sharpie|henna|tattoo|sunscreen|cream|lotion)[^.!?;]*$",
        not_before=r"^[^.!?;]{0,40}(?:pen|marker|sharpie|henna|biro|tattoo|cream|lotion|by "
        r"accident|accidentally|on a|on the|while)",
    ),
    _rule(
        "self_harm", U, "describes fresh self-harm wounds", "cuts|burns|scratches|gash|slashes|"
        "wounds",
        r"\b(?:arms?|wrists?|legs?|thighs?|skin|stomach|hips?|body) (?:is|are|was|were|'re|'s) "
        r"[^.!?;\n]{0,20}?\b(?:cuts|scratches|burns|gashes|slashes|wounds)\b",
        not_after=r"(?:cat|dog|kitten|puppy|bush|brambles|roses|garden|fall|bike|surgery|"
        r"operation|mosquito|bites)[^.!?;]*$",
        not_before=r"^[^.!?;]{0,40}(?:cat|dog|kitten|brambles|roses|garden|fell|bike|surgery|"
        r"operation|mosquito)",
    ),
    _rule(
        "preparatory_act", U, "has said goodbye and sorry for everything", "goodbye|bye",
        r"\b(?:said|saying|say|texted|texting|told|wrote|writing|sent|sending|messaged) "
        r"[^.!?;\n]{0,30}?\b(?:goodbye|good bye|bye)\b",
        context=r"\b(?:sorry for everything|it'?s time\b(?![^\S\n]+(?:to|for))|forever|for good|"
        r"the last time|one last|love you all|take care of (?:yourselves|each other)|don't "
        r"blame yourselves)",
    ),
    _rule(
        "entrapment", C, "feels stuck in a hole they can't climb out of", "hole|pit|darkness|"
        "climb|crawl",
        r"\b(?:stuck|trapped|down|deep|sinking|falling) in (?:a|this|the) (?:deep |dark |black )?"
        r"(?:hole|pit|well|black hole|darkness)\b|\b(?:can't|cannot|never|couldn't) (?:get|"
        r"climb|crawl|dig myself|pull myself) out of (?:this|the|a|it)\b",
        not_after=r"(?:pothole|garden|beach|sand|dig|mud)[^.!?;]*$",
    ),
    _rule(
        "hopelessness", C, "says nothing they do is ever good enough", "good enough|never will be",
        r"\bnothing (?:i do|i say|i try|about me) (?:is|will be|'s) (?:ever )?good enough\b|"
        r"\band (?:it|they|things|that|i) (?:never will be|will never be)(?=[^\S\n]*(?:[.!?;,\n]"
        r"|$))",
    ),
    # --- combinations of cues (generalise beyond fixed phrases) --------------
    _rule(
        "plan", U, "talks about the means together with ending it", "pill|tablet|med|"
        "paracetamol|painkiller|insulin|sleeping|overdose|rope|noose|knife|knives|blade|razor|"
        "gun|bridge|river|train|tracks|railway|ledge|roof|cliff|car park|multi-storey|motorway",
        r"\b(?:pills|tablets|meds|medication|paracetamol|painkillers|insulin|sleeping (?:pills|"
        r"tablets)|rope|noose|knife|knives|blade|blades|razor|razors|gun|bridge|river|train|"
        r"tracks|railway line|ledge|roof|rooftop|cliff|cliffs|car park|multi-storey|motorway)\b",
        context=r"\b(?:not coming back|won't be coming back|never coming back|won't come back|"
        r"not come back|for good|one last time|the last time|won't wake up|not wake up|never "
        r"wake up|enough to|end it|end it all|end things|end my life|kill myself|to die|be dead|"
        r"i'm done|it's time|goodbye|my body|be found|do it tonight|do it tomorrow|doing it "
        r"tonight|going to do it|finally do it|no one will find|before anyone finds)\b",
    ),
    _rule(
        "means", U, "has been staring at the means", "look|stare|star|sat|sitting|held|holding",
        r"\b(?:looked|looking|stared|staring|sat|sitting|held|holding) (?:at |with |on |over )?"
        r"(?:the|a|my|that|all the|all my) (?:knife|knives|blade|razor|pills|tablets|rope|gun|"
        r"bottle of pills|pills in my hand|edge|drop|water below|tracks)\b(?=[^.!?;\n]{0,60}\b(?:"
        r"for (?:a long time|ages|hours|a while|an hour|too long)|and thought|thinking|tonight|"
        r"wondering|again)\b)",
        not_before=r"^ (?:in (?:the|a) (?:shop|drawer) (?:to|for) (?:cook|chop|cut)|to (?:cut|"
        r"chop|slice|open))",
    ),
    _rule(
        "plan", U, "is keeping medication back instead of taking it", "keep|sav|hoard|stash|hid|"
        "collect",
        r"\b(?:keeping|saving|hoarding|stashing|hiding|collecting|kept|saved|hid|stashed) "
        r"(?:them|those|these|it|the rest|the lot|them all|all of them)(?: up)? (?:instead|"
        r"somewhere|all|for later|for when|just in case|in a drawer|under my bed|in my room)\b",
        context=r"<drugs>|\b(?:taking|take|prescri\w*|dose|doses)\b",
    ),
    _rule(
        "plan", U, "is getting enough medication", "enough",
        r"\bso (?:that )?i(?:'d| would| will|'ll)? have enough\b|\bto (?:make sure i have|get) "
        r"enough (?:of them )?(?:to|for)\b",
        context=r"<drugs>",
    ),
    _rule(
        "preparatory_act", U, "talks about their body being found", "body|find|found",
        r"\bmy body (?:would|will|'ll|might|could|is going to|won't|wouldn't) (?:probably )?(?:be "
        r"found|get found|be discovered)\b|\b(?:find|finds|found|discover|discovers) my body\b",
    ),
    _rule(
        "preparatory_act", U, "explains in advance why they did it", "why i",
        r"\bwhy i (?:did it|did this|had to (?:do it|go|leave)|couldn't (?:go on|stay|carry on|do "
        r"this anymore)|chose this|ended it|left)\b",
        context=r"\b(?:writing|write|wrote|written|record|note|letter|explain|know|understand|"
        r"read this|finds? this|after)\b",
    ),
    _rule(
        "preparatory_act", U, "has arranged for their pets or dependants", "dog|cat|pet|kids|"
        "children|goldfish|rabbit",
        r"\b(?:the|my) (?:dog|cat|pets?|kids|children|goldfish|rabbit|hamster|puppy|kitten)(?:'s| "
        r"is| are|'re| will be|'ll be)? (?:going to|staying with|looked after by|going to live "
        r"with|sorted with|moving in with) (?:my|a|our|her|his) \w+",
        context=r"\b(?:sorted|bills|paid|affairs|goodbye|ready|in order|everything'?s|all set|"
        r"taken care of|arranged|when i'?m gone|after i'?m gone|without me)\b",
        writer=True,
    ),
    _rule(
        "wish_to_die", U, "does not want to see another birthday or year", "another|next|one more",
        r"\b(?:don't|do not|no longer|never) (?:really |even )?(?:want|wanna|wish|need|plan|"
        r"expect|intend) (?:to )?(?:see|live to see|make it to|reach|be here for|be around for) "
        r"(?:another|my next|the next|next|one more) (?:birthday|christmas|year|summer|winter|"
        r"spring|new year|morning|day|week|month)\b",
        negatable=False,
    ),
    _rule(
        "wish_to_die", U, "longs to rest for good", "rest|peace|sleep|free|counting",
        r"\b(?:finally|forever|for good|eternally) (?:rest|be at peace|sleep|be at rest|be "
        r"free)\b|\b(?:rest|be at peace|sleep|be at rest|be free) (?:forever|for good|eternally|at "
        r"last)\b|\bcounting (?:down )?(?:the )?days (?:until|till|til) i\b",
        not_after=r"(?:weekend|holiday|vacation|retire|exam|half term|term|surgery)[^.!?;]*$",
        not_before=r"^[^.!?;]{0,40}(?:weekend|holiday|vacation|retire|exams?|half term|"
        r"surgery|it's over|the (?:move|wedding|trip))",
    ),
    _rule(
        "wish_to_die", U, "wants to be with someone who has died",
        "again|heaven|wherever|other side",
        r"\b(?:want|wanna|wish|long|need|can't wait) (?:to |i could )?(?:just )?be with (?:my )?"
        r"(?:dad|mum|mom|father|mother|nan|gran|grandma|grandad|granddad|grandpa|brother|"
        r"sister|son|daughter|baby|husband|wife|partner|him|her|them|friend) (?:again,? ?)?(?:in "
        r"heaven|on the other side|up there|wherever (?:he|she|they) (?:is|are)|where (?:he|she|"
        r"they) (?:is|are|went))",
    ),
    _rule(
        "wish_to_die", U, "says death is all they think about", "all i|on my mind|in my head",
        r"\b(?:suicide|death|dying|killing myself|ending it|ending my life|not being here|"
        r"disappearing for good)(?: is|'s) (?:all|the only thing) i (?:can )?(?:think|"
        r"dream) about\b"
        r"|\b(?:suicide|death|dying|killing myself|ending it|ending my life) (?:is|'s) (?:always |"
        r"constantly |all the time )?(?:on my mind|in my head)\b",
    ),
    _rule(
        "better_off_without_me", U, "says others would feel better without them", "without me",
        r"\bwithout me\b",
        context=r"\b(?:lighter|better|happier|easier|freer|relieved|relief|calmer|simpler|fine|"
        r"okay|ok|peace|dragging|holding|burden)\b",
        writer=True,
        not_after=r"(?:went|go|going|started|start|carry on|carried on|managed|coped|"
        r"had fun|party|meeting|dinner|trip)[^.!?;]{0,30}$",
        not_before=r"^[^.!?;]{0,40}(?:for (?:a|the|this|that) (?:bit|while|day|week|weekend|"
        r"evening|night|meeting|trip)|today|tonight|while i|at the|on holiday|this (?:week|"
        r"weekend)|because i (?:was|am|'m) (?:ill|sick|away|working))",
    ),
    _rule(
        "better_off_without_me", U, "says the world would be better off", "better off",
        r"\b(?:the world|everyone|everybody|they|my family|people|my kids|my children|my friends|"
        r"my partner)(?:'d| would| will|'ll) (?:all )?be better off(?=[^\S\n]*(?:[.!?;\n]|$))",
    ),
    _rule(
        "better_off_without_me", U, "says others would get over losing them", "get over|move on|"
        "forget|fine|okay|cope|manage",
        r"\b(?:they|everyone|everybody|people|my family|my friends|my kids|he|she)(?:'ll| will|'d|"
        r" would) (?:soon |quickly |eventually |all )?(?:get over it|get over me|move on|forget "
        r"(?:about )?me|be fine|be okay|cope|manage)\b",
        context=r"\b(?:sad|miss me|cry|grieve|upset|for a bit|for a while|eventually|when i'?m "
        r"gone|without me|funeral)\b",
        writer=True,
    ),
    _rule(
        "self_harm", U, "hurt themselves on purpose", "myself",
        r"\b(?:cut|cutting|burned|burnt|burning|burn|hurt|hurting|hit|hitting|scratched|"
        r"scratching|punched|punching|bit|biting|stabbed|harmed|harming|bruised|scalded) myself\b",
        context=r"\b(?:on purpose|deliberately|intentionally|to punish myself|to feel something|"
        r"so i could feel|because i deserved|because i deserve|to make the pain|to cope)\b",
        writer=True,
        negatable=True,
    ),
    _rule(
        "self_harm", U, "digs their nails in until it bleeds", "nail|deep",
        r"\b(?:dig|digging|dug|dig in|digs) my (?:finger)?nails (?:in|into)\b|\bcut(?:ting)? "
        r"(?:too )?(?:deep|deeper|deeply)\b",
        context=r"\b(?:until|till|til|bleed|bled|bleeding|blood|skin|marks|again|hospital|"
        r"stitches|a&e|tonight|last night|than ever|than before|than last time|relapsed)\b",
    ),
    _rule(
        "hopelessness", C, "cannot see how things could get better", "see how",
        r"\b(?:don't|do not|can't|cannot|no longer|couldn't) see how (?:things|it|this|life|"
        r"anything|my life|i) (?:could|can|will|would|is going to|are going to|'ll) (?:ever )?"
        r"(?:get better|improve|change|work out|be okay|be ok|be happy|get any better)\b",
    ),
    _rule(
        "hopelessness", C, "is running out of reasons to keep going", "running out|run out|ran out",
        r"\b(?:running|run|ran) out of (?:reasons|hope|will|strength|fight|energy to fight|"
        r"patience with life)(?: to (?:keep|carry|go|try|live|stay|fight)\w*)?\b",
        not_after=r"(?:not|never)[^.!?;]{0,5}$",
    ),
    _rule(
        "hopelessness", C, "says it never will get better", "never will",
        r"\band never will\b(?=[^\S\n]*(?:[.!?;,\n]|$))",
    ),
    _rule(
        "burden", C, "thinks others would be happier if they were different", "if i",
        r"\b(?:everyone|everybody|they|my family|people|my \w+)(?:'d| would) be (?:so much |a "
        r"lot |much )?(?:happier|better off|better|less stressed|freer|relieved) if i "
        r"(?:wasn't|weren't|was not|were not|didn't|did not) (?:so |such )?\w+",
    ),
    _rule(
        "plan", U, "is getting the means ready", "pill|tablet|med|paracetamol|painkiller|insulin|"
        "sleeping|blade|razor|knife|rope|gun|train|railway|tracks|bridge|method",
        r"\b(?:pills|tablets|meds|medication|paracetamol|painkillers|insulin|sleeping (?:pills|"
        r"tablets)|blade|blades|razor|razors|knife|rope|gun|train line|railway|tracks|bridge|"
        r"methods?)\b",
        context=r"\b(?:lined up|laid out|counted out|all ready|ready for tonight|so (?:nobody|"
        r"no one|no-one) (?:would|will|could) (?:question|notice|suspect|ask|know)|without "
        r"(?:anyone|anybody) (?:noticing|knowing|asking)|from (?:two|three|four|several|"
        r"different|multiple) (?:different )?(?:shops|pharmacies|chemists|stores)|eyeing (?:up|"
        r"it|them)|scoping out|scrolling through|scrolled through|reading about|looking up|"
        r"looked up|researching|researched|go through with it|pick the (?:night|day)|for "
        r"tonight)\b",
        not_after=r"(?:headache|migraine|period|cold|flu|toothache|hangover|back pain)[^.!?;]*$",
        not_before=r"^[^.!?;]{0,50}(?:headache|migraine|period pain|cold|flu|toothache|"
        r"hangover|back pain|train times|timetable|for work|commute|holiday)",
    ),
    _rule(
        "plan", U, "is choosing the night or the week", "pick|choose|chose|week|night|day|plan|"
        "arranged",
        r"\b(?:just |only )?(?:need|have|got) to (?:pick|choose|decide on|set) (?:the|a) (?:night|"
        r"day|date|time|moment)\b|\b(?:this|that|next) (?:is|'s|will be) the (?:week|night|day|"
        r"weekend|month) (?:i|i'll|i will) (?:finally )?(?:go through with it|do it|end it|end "
        r"things)\b|\b(?:finally|really|actually) (?:going to |gonna )?go through with it\b|"
        r"\bi(?:'ve| have)(?: got)? a plan(?=[^\S\n]*(?:[.!?;\n]|$|now|already|and|,|this "
        r"time))",
    ),
    _rule(
        "plan", U, "would make it look like an accident", "accident",
        r"\b(?:make|made|making) it (?:look|seem) like an accident\b|\b(?:nobody|no one|no-one) "
        r"would (?:know|guess|suspect) (?:it )?(?:wasn't|was not|isn't) an accident\b",
    ),
    _rule(
        "wish_to_die", U, "wants to close their eyes and not open them again", "eyes|give anything|"
        "do anything",
        r"\bclose my eyes (?:and|&) (?:never|not) (?:open them|wake up|wake)(?: again| ever again)?"
        r"\b|\bclose my eyes (?:forever|for good|for the last time)\b|\b(?:would|'d) (?:give|do) "
        r"anything (?:to|for) (?:just )?(?:<die>|be dead|not be (?:alive|here)|not exist|stop "
        r"existing|not wake up|never wake up|it (?:all )?to end|be gone)\b",
    ),
    _rule(
        "wish_to_die", U, "says death no longer scares them", "death|dying|die",
        r"\b(?:death|dying|the thought of dying|dying itself)(?: really| honestly)? (?:doesn't|"
        r"does not|no longer|don't) (?:scare|frighten|bother|worry) me(?: anymore| any more| at "
        r"all| now)?\b",
        negatable=False,
    ),
    _rule(
        "wish_to_die", U, "says there is no reason for them to be here", "reason|point",
        r"\bno (?:reason|point|purpose|need) (?:for me )?(?:to (?:be here|live|be alive|exist|stay "
        r"alive|keep living|be around)|for me to (?:be here|live|be alive|exist|stay|be around|"
        r"keep going))\b",
        negatable=False,
    ),
    _rule(
        "better_off_without_me", U, "says others would be relieved", "relieved|relief",
        r"\b(?:they|everyone|everybody|my family|people|my friends|my parents|my kids|he|she)"
        r"(?:'d| would|'ll| will) (?:all |secretly |honestly |probably |actually )*(?:be relieved|"
        r"feel relieved|feel relief|be a relief)\b(?=[^\S\n]*(?:[.!?;\n]|$|,? ?even|,? ?if i|,? ?"
        r"when i|,? ?once i|,? ?honestly|,? ?really))",
        writer=True,
    ),
    _rule(
        "better_off_without_me", U, "sees themselves as a problem to be removed", "problem|mistake|"
        "error|burden|glitch",
        r"\b(?:i'?m|i am|i'?ve always been) (?:just |only |nothing but )?(?:a|the|an) (?:problem|"
        r"mistake|error|burden|glitch|stain) (?:that|which|who) (?:needs to|should|has to|must|"
        r"ought to) be (?:removed|fixed|erased|deleted|eliminated|solved|corrected|gotten rid "
        r"of|got rid of|wiped out)\b",
        writer=True,
    ),
    _rule(
        "self_harm", U, "describes scabs or wounds from recent self-harm", "scab|wound|stitch",
        r"\b(?:wrists?|arms?|thighs?|legs?|stomach|hips?|skin) (?:is|are|'re|'s|was|were) "
        r"(?:all |still )?(?:scabbed|scabbing|scabby|bleeding|weeping|raw|stinging)(?: over| up)?\b"
        r"|\b(?:scabs|wounds|stitches) on my (?:wrists?|arms?|thighs?|legs?|stomach|hips?)\b",
        not_after=r"(?:eczema|psoriasis|sunburn|sunburnt|cat|dog|fell|fall|bike|surgery)[^.!?;]*$",
        not_before=r"^[^.!?;]{0,40}(?:eczema|psoriasis|sunburn|cat|dog|fell|fall|bike|surgery|"
        r"mosquito|bites)",
    ),
    _rule(
        "self_harm", U, "says cutting is how they cope", "release|relief|rush|comfort|cutting|"
        "burning|only thing",
        r"\b(?:release|relief|rush|comfort|calm|high|sting) (?:of|from|i get from) (?:cutting|"
        r"self-harm|self-harming|burning myself|hurting myself|the blade)\b|\b(?:cutting|"
        r"self-harm|self-harming|burning myself|hurting myself)(?: is|'s| was| has been) (?:the "
        r"only thing|my only|how i cope|what helps|all that helps|the only way)\b",
    ),
    _rule(
        "hopelessness", C, "says things keep getting worse", "worse",
        r"\b(?:things|it|life|everything|my life|my mood|this)(?: just| only)? (?:keeps?|keep "
        r"on|is|are|'s) (?:just |only )?getting worse(?: and worse)?\b(?! (?:at|in|with) "
        r"(?:work|traffic|the|my (?:knee|back)))",
    ),
    _rule(
        "hopelessness", C, "calls themselves a failure who always will be", "failure|always will",
        r"\b(?:i'?m|i am|i feel like)(?: just| such| a complete| a total| an utter)? (?:a )?"
        r"(?:complete |total |utter )?failure\b(?! (?:at|in|with) (?:cooking|maths|math|sport|"
        r"football|dancing|baking|driving|this game|drawing|tennis|golf))|\band (?:i )?always "
        r"will be\b(?=[^\S\n]*(?:[.!?;,\n]|$))",
    ),
    _rule(
        "burden", C, "thinks others would be better off with someone else", "better off with",
        r"\bbetter off with (?:a different|another|someone else|somebody else|a better|a new|a "
        r"normal|a proper) (?:\w+ )?(?:daughter|son|mum|mom|mother|dad|father|wife|husband|"
        r"partner|friend|person|sister|brother|parent|girlfriend|boyfriend|kid|child|me)\b",
        context=r"\b(?:my|i|me)\b",
    ),
    _rule(
        "burden", C, "feels they keep letting everyone down", "down",
        r"\b(?:keep|always|constantly|just|only ever) (?:letting|let) (?:everyone|everybody|"
        r"people|my family|them|my parents|my kids|my partner|all of them) down\b|\bi (?:let|"
        r"fail) (?:everyone|everybody|all of them) (?:down )?(?:every time|always|again)\b",
    ),
    _rule(
        "isolation", C, "feels nobody would care about them", "care|cares|alone",
        r"\b(?:nobody|no one|no-one|noone) (?:would|will|'d|'ll)? ?(?:even |really |actually )?"
        r"(?:care|cares)(?: about me| what happens to me)?(?=[^\S\n]*(?:[.!?;\n,]|$|about me|"
        r"anyway|what happens))|\bnobody (?:cares|gives a (?:damn|shit|fuck)) "
        r"(?:about|whether|if) (?:me|i)\b|\b(?:i'?m|i feel) (?:so |completely |totally |utterly )?"
        r"alone and (?:nobody|no one) (?:cares|would care|understands)\b",
    ),
    _rule(
        "entrapment", C, "does not know how much longer they can keep pretending", "longer",
        r"\bhow (?:much )?longer (?:i can|i'll be able to|i can keep) (?:keep )?(?:pretending|"
        r"pretend|hold it together|keep smiling|smile|fake it|hide it|keep this up|carry on|"
        r"go on|keep going|do this|take it|cope)\b",
    ),
    _rule(
        "hopelessness", C, "sees no light anywhere", "light",
        r"\bno light (?:anywhere|left|at all|in my life|ahead|for me)\b|\bthe light (?:has gone|"
        r"went) out\b",
    ),
    # --- concern: more ways of saying it -------------------------------------
    _rule(
        "hopelessness", C, "does not believe things will get better", "believ|think|see|expect|"
        "imagine|hop",
        r"\b(?:don't|do not|can't|cannot|can not|no longer|stopped|stop|never|couldn't|don't "
        r"really|started to|starting to|begun to|beginning to|come to) (?:really )?(?:believe|"
        r"believing|think|thinking|see|seeing|expect|expecting|imagine|imagining|hope|hoping|"
        r"picture)(?: that)? (?:things|it|this|life|anything|i|my life|my situation|the "
        r"future|nothing|them|that)(?:'ll| will| could| would| can| is going to| are going to|"
        r" is| are)?"
        r" (?:ever )?(?:change|changing|get better|getting better|improve|improving|be okay|be "
        r"ok|be better|be happy|get any better|getting any better|feel better|work out|working "
        r"out|go right|going to work out|going to change|going to get better|going to improve)"
        r"\b(?: for me)?(?:,? (?:not ever|ever again|ever))?",
    ),
    _rule(
        "hopelessness", C, "sees no point anymore", "point",
        r"\b(?:don't|do not|can't|cannot|no longer|don't even|fail to|couldn't) see (?:the|"
        r"any|a|much) point(?: in (?:anything|trying|it|any of (?:it|this)|going on|carrying "
        r"on|doing anything|getting up)| of (?:anything|it all|trying))?(?: anymore| any more|"
        r" now| at all)?(?=[^\S\n]*(?:[.!?;,\n]|$|anymore|honestly|and|but|i))",
    ),
    _rule(
        "hopelessness", C, "says it will always be this way", "always|nowhere|never will|fixing|"
        "repair|forever",
        r"\b(?:it|things|life|this|nothing|my life|everything|i)(?:'ll| will)? (?:always will "
        r"be|will always be|'ll always be|always be) (?:like this|this way|the same|this bad|"
        r"awful|shit|hard|broken|this broken|alone|a mess|miserable|empty|stuck|a failure)\b|"
        r"\band (?:it|they|things|that|i) (?:always will|always will be|never will|never "
        r"will change|won't ever|never going to)(?=[^\S\n]*(?:[.!?;,\n]|$))|\b(?:my life|"
        r"life|i|i'm|it|everything)(?: is|'s|'m| am)? going nowhere\b|\bthere'?s no (?:fixing|"
        r"saving|helping|curing) me\b|\b(?:i'?m|i am) (?:broken )?beyond (?:repair|fixing|"
        r"saving|help)\b|\bi (?:can't|cannot) be (?:fixed|helped|saved)\b|\b(?:i'll|i will) "
        r"(?:always|forever) be (?:this )?(?:broken|like this|a mess|alone|this way|a failure|"
        r"miserable|a burden)\b",
    ),
    _rule(
        "hopelessness", C, "says they'll never be happy", "never|not going",
        r"\b(?:i'?m|i am) (?:never|not ever|not) going to (?:be|feel) (?:happy|okay|ok|normal|"
        r"better|loved|good enough|enough|well|whole|myself|any different)\b|\bi (?:will|'ll) "
        r"never (?:be|feel|get) (?:happy|okay|ok|normal|better|loved|good enough|enough|well|"
        r"whole|myself)\b",
    ),
    _rule(
        "hopelessness", C, "says nothing will work", "nothing|none of",
        r"\b(?:nothing|none of (?:it|this|them|that)|no one|nobody) (?:will|would|is going "
        r"to|can|could|ever|'ll|is ever going to) (?:ever )?(?:work|help|fix (?:it|this|me)|"
        r"change (?:anything|it|this)|make (?:a|any) difference|work out|go right|go my way)\b|"
        r"\bnothing (?:will|would|can|ever does|ever will)(?=[^\S\n]*(?:[.!?;\n]|$))|\bnothing "
        r"(?:i do|i say|i try|i've tried|i ever do) (?:ever )?(?:matters|helps|works|changes "
        r"anything|makes (?:a|any) difference)\b",
    ),
    _rule(
        "hopelessness", C, "has given up on ever getting better",
        "given up|giving up|give up|gave up",
        r"\b(?:given|giving|give|gave) up on (?:ever|ever being|ever feeling|ever getting|"
        r"feeling|being|getting) \w+",
    ),
    _rule(
        "hopelessness", C, "says the future looks dark", "future",
        r"\bthe future (?:just |only |really |honestly )?(?:is|looks|feels|seems) (?:so |"
        r"completely |totally |pretty |really )?(?:dark|bleak|empty|black|hopeless|pointless|"
        r"grim|like nothing|blank)\b",
    ),
    _rule(
        "burden", C, "feels they weigh on the people around them",
        "weight|trouble|problem|burden|drain|nuisance|liability|headache|stress|"
        "reason|nothing back|sick of me|tired of me|holding|back|down|bother|hassle|worry|"
        "disappointment|pain",
        r"\b(?:such |a |a huge |a big |a massive |the )?weight (?:on|around|for) (?:them|"
        r"everyone|everybody|my family|people|you|him|her|my (?:\w+ )?(?:family|parents|"
        r"partner|kids|friends|mum|dad))\b|\b(?:i'?m|i am|i've been|i was|me|being|feel like "
        r"i'?m|i feel like|i always feel like i'?m) (?:just |only |only ever |always |nothing "
        r"but |such )?(?:a |an |the )?(?:problem|burden|bother|hassle|nuisance|pain|worry|"
        r"disappointment|drain|trouble|stress|headache|liability) (?:for|to|on) (?:people|"
        r"everyone|everybody|them|my family|others|those around me|the people around me|"
        r"anyone|her|him|you|my \w+)\b|\bnothing but (?:trouble|a problem|problems|a pain|a "
        r"nuisance|a worry|grief|stress|a disappointment|a burden|heartache|hassle)(?: (?:for|"
        r"to) \w+)?\b|\bi'?m the reason (?:why )?(?:everyone|everybody|my \w+|they|people|my "
        r"family|the family|we|she|he|mum|dad)\b[^.!?;\n]{0,40}?\b(?:is|are|'s|'re|feel|feels|"
        r"was|were) (?:so |always )?(?:miserable|unhappy|sad|stressed|struggling|suffering|"
        r"upset|angry|exhausted|worried|broke|fighting|falling apart)\b|\b(?:give|gave|giving) "
        r"nothing back\b|\b(?:i|all i do is) (?:just )?take and take\b|\b(?:everyone|they|"
        r"people|my (?:\w+ )?(?:family|friends|housemates|flatmates|parents|partner|team|"
        r"colleagues)) (?:are|is|'re|'s|must be|have got) (?:so |all |really )?(?:sick|tired) "
        r"of me\b(?! (?:nagging|going on|talking|singing|asking|being late))|\b(?:holding|"
        r"hold|held|dragging|drag|dragged|bringing|bring|brought|weighing|weigh) (?:everyone|"
        r"everybody|them|people|my (?:whole )?(?:\w+ )?(?:team|family|friends|partner|kids|"
        r"parents)|the (?:whole )?(?:team|family|group)|us all|the others) (?:back|down)\b",
        not_after=r"(?:not|never|don't|stop) [^.!?;]{0,12}$",
    ),
    _rule(
        "entrapment", C, "doesn't know how much more they can take", "how much|how long",
        r"\bhow (?:much (?:more|longer)|long) (?:of this )?(?:i can|i'?ll be able to|i can keep|"
        r"i'm able to) (?:take|handle|cope|bear|stand|keep going|go on|do this|last|hold on|keep "
        r"this up|survive|keep (?:doing|living))",
    ),
    _rule(
        "entrapment", C, "feels they are drowning or at the end of their rope", "drowning|rope|"
        "tether|breaking point|thread|way past|way through|way round|way around|under",
        r"\b(?:i'?m|i am|i feel like i'?m|like i'?m|i've been|feel like i'?m) (?:slowly |just "
        r"|really )?(?:drowning|going under|sinking)\b(?! in (?:work|paperwork|emails|laundry|"
        r"admin|deadlines|washing|homework|marking|assignments|bills))|\b(?:at|reached) the end "
        r"of my (?:rope|tether)\b|\b(?:at|reached|past) (?:my )?breaking point\b|\bhanging "
        r"(?:on )?by a thread\b|\b(?:can't|cannot|don't) see (?:any |a )?(?:way|path) (?:past|"
        r"through|round|around|out of|forward|beyond) (?:it|this|here|any of this)\b",
    ),
    _rule(
        "wish_to_disappear", C, "wants to stop being themselves for a while", "not be|pause|"
        "switch|turn|shut|being me|stop being|break from|anyone|nobody|no one",
        r"\b(?:want|wanted|wish|wishing|need|would like|'d like|'d love|long) <adv>(?:to |i "
        r"could )?<adv>(?:not be (?:anyone|anybody|anything|me|myself|a person)|be (?:nobody|no "
        r"one|nothing)|stop being (?:me|myself|a person)|(?:hit|press) pause on (?:being me|my "
        r"life|life|existing|everything|being alive)|(?:switch|turn|shut) (?:myself|me|my brain|"
        r"everything|it all) (?:off|down)|take a break from (?:being me|existing|life|being "
        r"alive|being a person|myself))\b",
    ),
    _rule(
        "wish_to_disappear", C, "fantasises about leaving and never coming back", "never coming|"
        "never come|until nobody|until no one|till nobody|till no one|never stop",
        r"\b(?:walk|walking|run|running|leave|leaving|drive|driving|disappear|disappearing|go|"
        r"going|get|getting)\b[^.!?;\n]{0,40}?\b(?:and|&) never (?:come|coming|came) back\b|\b"
        r"(?:drive|driving|walk|walking|run|running|keep going|get on a train) (?:away )?(?:until|"
        r"till) (?:nobody|no one|i'?m|i am|i disappear|i can't be found|i'?m gone|i'?m "
        r"somewhere)\b",
        not_after=r"(?:holiday|road trip|adventure|travel|retire)[^.!?;]*$",
    ),
    _rule(
        "past_risk", C, "mentions a past attempt", "attempt|overdose",
        r"\b(?:after|following|since|before) (?:an|my|a|the|that) (?:suicide |serious |failed "
        r"|last |first )?(?:attempt|overdose)\b(?! (?:at|to|on|of))",
    ),
    # --- others' risk that the writer reports -------------------------------
    _rule(
        "third_person", C, "reports that someone else talked about killing themselves",
        "himself|herself|themselves|themself|themsleves",
        r"\b(?:kill(?:ed|ing|s)?|murder(?:ed|ing)?|unaliv(?:e|ed|es|ing)|off(?:ed|ing)?|"
        r"end(?:ed|ing|s)?|hang(?:ed|ing|s)?|hanged|shot|shoot(?:ing|s)?|drown(?:ed|ing|s)?|"
        r"cut(?:s|ting)?|harm(?:ed|ing|s)?|hurt(?:s|ing)?|burn(?:ed|t|ing|s)?|starv(?:e|ed|es|"
        r"ing)|poison(?:ed|ing|s)?|overdos(?:e|ed|ing)|stab(?:bed|bing|s)?|gas(?:sed|sing)?|"
        r"throw(?:n|s|ing)?|threw) <3self>\b(?! (?:up|out|off|into (?:her|his|their) (?:work|"
        r"studies|job)|at (?:him|her|them|me)|down on))",
        not_before=_ACCIDENT + r"|^ in (?!the (?:river|sea|lake|bath|canal))",
        not_after=_ACCIDENT_BEFORE,
    ),
    _rule(
        "third_person", C, "reports that someone else talked about ending their life",
        "life|suicid&his|her|their|suicide|suicidal",
        r"\b(?:end(?:ed|ing|s)?|take|took|taking|takes|taken) <3pos> (?:own )?life\b"
        r"(?! (?:back|savings|in (?:his|her|their) hands|'s work|seriously))|\b(?:died|dead|"
        r"death|deaths|killed|lost (?:him|her|them)|loss|lost) (?:by|from|of|through|to) "
        r"suicide\b|\bsuicide of\b|\b(?:committed|commits|attempted|attempts|attempting) "
        r"suicide\b|\b(?:he|she|they|he's|she's|they're|is|was|were|been|are|seems|seemed|felt|"
        r"feels|looked|became) (?:so |really |very |quite |actively |openly )?suicidal\b",
    ),
    _rule(
        "third_person", C, "reports that someone else wants to die",
        (
        "he|she|they|who|him|her|them|wants|wishes&alive|dead|die|dye|exist|gone|"
        "here|live|wake"
        ),
        r"\b(?:he|she|they|he's|she's|they're|he'd|she'd|they'd|who|him|her|them|wants|wishes) "
        r"(?:really |just |honestly |actually |sometimes |said (?:that )?(?:he|she|they) |"
        r"says (?:that )?(?:he|she|they) )?(?:wants|wanted|want|wishes|wished|wish|would rather|"
        r"'d rather|doesn't want|don't want|didn't want|does not want|no longer wants|is going|"
        r"was going|plans|planned|tried|has tried|had tried|keeps wanting) (?:to )?(?:<die>|be "
        r"<dead>|not be (?:here|alive|around)|live|be alive|be here|exist|wake up|be gone|"
        r"he was <dead>|she was <dead>|they were <dead>|he were <dead>|she were <dead>|he was "
        r"gone|she was gone|he didn't exist|she didn't exist|they didn't exist)\b",
        not_before=_DIE_IDIOM,
    ),
    _rule(
        "third_person", C, "reports that someone else wishes they were dead",
        "he|she|they&wish|hope|pray|want|say|said|think|thought&dead|die|dye|wake|born|exist|"
        "gone|disappear|stop",
        r"\b(?:(?:wishes|hopes|prays|wants|says|thinks|keeps saying)|(?:he|she|they) (?:wished|"
        r"hoped|prayed|wanted|said|thought)|(?:he|she|they) (?:wish|hope|pray))(?: that)? "
        r"(?:he|she|they) (?:was|were|'d|would|could|wouldn't|won't|didn't|did not|doesn't|"
        r"never|had never|'d never|could just|would just) (?:just |not |never )?(?:be )?(?:dead|"
        r"<die>|died|wake up|been born|exist|existed|gone|disappear|stop existing)\b",
    ),
    _rule(
        "third_person", C,
        "reports that someone else feels others would be better off without them",
        "without",
        r"\bbetter off without (?:him|her|them)\b(?=[^\S\n]*(?:[.!?;,\n\"']|$)),?",
    ),
)  # fmt: skip

# Fast exit: if none of these occurs, no rule can match.
_ALL_NEEDLES = tuple(sorted({n for rule in _RULES for group in rule.needles for n in group}))
# One pass finds every needle at every word start (needles are word beginnings): the
# lookahead lets matches overlap, the trie gives the longest needle there, and
# _PREFIXES the shorter ones inside it.
_NEEDLE_SCAN = re.compile(r"\b(?=(" + _trie_pattern(_ALL_NEEDLES) + "))")
_PREFIXES = {n: tuple(p for p in _ALL_NEEDLES if n.startswith(p)) for n in _ALL_NEEDLES}
# Rules by the needles of their first group, so only rules with a needle present are tried.
_RULES_BY_NEEDLE: dict[str, list[int]] = {}
for _index, _each in enumerate(_RULES):
    for _needle in _each.needles[0]:
        _RULES_BY_NEEDLE.setdefault(_needle, []).append(_index)

# ---------------------------------------------------------------------------
# 3. Context.

_SENTENCE_END = re.compile(r"[.!?;\n]+")
_CLAUSE_BREAK = re.compile(
    r"[,:()\[\]\"]|[^\S\n]-+[^\S\n]|\b(?:but|though|although|however|yet|except|whereas|"
    r"because|cause|cos|so|and|or|while|whilst|until|unless|which|plus)\b"
)
_NEGATOR = re.compile(
    r"\b(?:not|never|no longer|don't|do not|didn't|did not|doesn't|does not|won't|will not|"
    r"wouldn't|would not|isn't|aren't|wasn't|weren't|cannot|can't|couldn't|haven't|have not|"
    r"hasn't|has not|hadn't|had not|nor|no (?:intention|plans?|desire|wish|urges?|thoughts?|"
    r"interest|need|way|reason|inclination)|zero (?:intention|desire|plans?|urges?)|stopped|"
    r"quit|no more|free of|free from|without (?:any )?(?:urges?|thoughts?)|nothing about|"
    r"(?:i'm|i am|im) (?:so )?(?:past|over|done with) (?:that|the)|ain't|nothing like|"
    r"far from|instead of|rather than|no(?! (?:one|wonder|matter|body|where|way out|point|"
    r"reason|hope|future|longer|more|idea|clue|end|escape|sense|energy|joy|purpose)\b))\b"
)
# "Suicidal thoughts: none", "self-harm - no".
_DENIED_AFTER = re.compile(
    r"[^\S\n]*(?:thoughts?|urges?|ideation)?[^\S\n]*(?::|-+|=|\?+)[^\S\n]*(?:none|no|nil|"
    r"zero|not (?:today|really|at all)|0(?:/10)?|n/a|nope|nah|never)\b"
)
# After a negator, these words turn it into risk again: "can't stop", "not going to lie".
_UNNEGATE_AFTER = re.compile(
    r"^(?:[^\S\n]*[\w']+){0,2}?[^\S\n]*\b(?:stop|stopping|help|helping|know|sure|lie|lying|"
    r"kidding|joking|deny|pretend|pretending|get (?:rid|over|past|away)|shake|shift|escape|"
    r"resist|fight|control|imagine|remember|see why|understand why|tell|explain|say (?:how|"
    r"why|anything)|think (?:of anything|straight|clearly)|wait|hide|pretend|quite|just|"
    r"always|anymore ?but|forget|focus|bear|recall|believe how|anything but|other than|sleep|"
    r"eat|concentrate|seem to stop|make (?:it|this|them) stop|turn off|ignore|silence|"
    r"quiet|push away|drown out|block out|care about anything|see a way|see any|see the "
    r"point|want to live|want to be here|tell anyone|tell my|let myself|trust myself|"
    r"keep myself safe|feel anything|feel safe|feel like living|go on|keep going|cope|"
    r"take it|think about anything else|even)\b"
)
# Before a negator: "not a day goes by that I don't ...", "I can't help ...".
_UNNEGATE_CLAUSE = re.compile(
    r"\b(?:not a day goes by|never a day|not a single day|every day|can't help|cannot help|"
    r"can't stop|cannot stop|couldn't stop|could not stop|can't get|cannot get|never stop|"
    r"won't stop|doesn't stop|don't know (?:if|whether|how|why)|not sure (?:if|whether)?|"
    r"never thought|never imagined|never expected|never realised|never realized|"
    r"i lied|lie if|lying if)\b"
)
_NEW_SUBJECT = re.compile(r"\b(?:i|i'm|i've|i'll|me)\b")
_NEW_SUBJECT_OK = re.compile(
    r"^[^\S\n]*(?:(?:really|even|actually|honestly|ever|truly|seriously|necessarily)[^\S\n]+)?"
    r"(?:think|believe|feel like|say|saying|said|mean|meant|reckon|that|claim|claiming|"
    r"suggest|suggesting|pretend|imagine|expect)\b"
)
_NEGATION_WINDOW = 7  # words between a negator and the match that it still governs
_WINDOW = 400  # characters of context read either side of a match
# Evidence a rule reports at most (sentence by sentence): enough for a therapist, and it
# keeps an entry that repeats one phrase thousands of times fast.
_MAX_PER_RULE = 20
_MAX_MATCHES = 10_000  # covers every match of a 100,000-character entry

_MEDIA = re.compile(
    r"\b(?:films?|movies?|songs?|lyrics?|sings|sang|singer|band|album|books?|novels?|poems?|"
    r"poetry|poet|characters?|protagonist|narrator|episodes?|tv series|tv show|the show|a show|"
    r"documentar(?:y|ies)|podcast|article|news|headlines?|newspaper|theatre|theater|musical|"
    r"opera|plot|author|video game|anime|manga|comic|netflix|hamlet|ophelia|romeo|juliet|"
    r"shakespeare|quote|quoted|line from|chapter|meme|tiktok|youtube|reddit|tweet|celebrity|"
    r"actor|actress|biography|lecture|essay|textbook|seminar|coursework|radio|bbc|reading "
    r"about|read about|read that|read an article|watched|watching|listened to|listening to|"
    r"sitcom|soap opera|broadway|rapper|fiction|fictional|stor(?:y|ies)|book club|true crime|"
    r"sylvia plath|virginia woolf|kurt cobain|robin williams|13 reasons|thirteen reasons|"
    r"villain|heroine|trailer|audiobook|scene|storyline|series|(?:the|a|this|that|video|"
    r"computer|board) game'?s?|final boss|boss fight|cutscene|npc|in-game|gameplay|level "
    r"\d+|play|playwright|cast|script|screenplay|sketch|stand-up|comedian)\b"
)
_SPEAKER = re.compile(
    r"\b(?:he|she|they|my (?!self\b)[\w'-]+(?: [\w'-]+)?|his [\w'-]+|her [\w'-]+|their [\w'-]+|"
    r"a (?:friend|colleague|client|patient|student|classmate|girl|boy|guy|woman|man|kid|"
    r"person|stranger)|someone|somebody|(?!i\b|we\b|you\b)[a-z]{2,}) (?:said|says|told me|"
    r"tells me|told us|texted(?: me)?|messaged(?: me)?|wrote|writes|posted|admitted|"
    r"confided|mentioned|keeps saying|kept saying|was saying|has been saying|is saying|"
    r"whispered|cried|screamed|shouted|yelled|sobbed|asked|confessed|told (?:the|a|her|his|"
    r"their|our|my) [\w'-]+)\b"
)
_SPEAKER_AFTER = re.compile(
    r"^[^\"']{0,20}[\"'],?[^\S\n]*(?:he|she|they|my [\w'-]+|[a-z]{2,}) (?:said|says|texted|"
    r"wrote|told|posted|messaged|cried|whispered|sobbed|screamed)"
)
_ASKED = re.compile(
    r"\b(?:asked|asks|asking|ask|questions?|questionnaire|form|screening|check-?in|survey|"
    r"assessment|gp|nurse|doctor)\b(?: (?:me|us|everyone|again|today))? (?:if|whether|about|"
    r"how often|have you|do you|are you)\b|\b(?:if|in case) i (?:ever|were to|was to|should "
    r"ever|start to|begin to)\b|\bwhat (?:to do|happens) if i\b|\bwhen i (?:get|feel|have) "
    r"(?:the )?urges?\b"
)
_ASKED_YES = re.compile(r"\b(?:i said yes|i told (?:her|him|them) (?:the truth|yes)|i admitted)\b")
_THIRD = re.compile(
    r"\b(?:he|she|they|he's|she's|they're|he'd|she'd|they'd|he'll|she'll|they'll|who|"
    r"(?:my|our|his|her|their|a|the|this|that|one of my|your) (?:\w+ )?<rel>|"
    r"(?:a|the|this|that) (?:girl|boy|guy|woman|man|kid|person|lady|bloke|child|teenager|"
    r"teen|character|stranger|celebrity|singer|actor|actress|poet|author|writer|student|"
    r"client|patient|neighbour|neighbor|soldier|mother|father|people|narrator|protagonist|"
    r"hero|heroine|villain|main character|lead|speaker|boss|detective)|people|someone|"
    r"somebody|everyone|everybody|anyone|anybody|nobody|no one)\b".replace(
        "<rel>", _MACROS["<rel>"]
    )
)
_FIRST = re.compile(r"\b(?:i|i'm|i've|i'd|i'll|me|myself|we|we're|we've|us|part of me)\b")
_THIRD_VERB = re.compile(
    r"^(?:wants|wishes|needs|hopes|says|keeps|tries|cuts|hurts|harms|is|was|has|thinks|"
    r"plans|talks|self-harms|kills|overdoses)\b"
)
_PART_OF_ME = re.compile(
    r"\b(?:part of me|parts of me|something in me|my (?:brain|mind|heart|body|head|soul|"
    r"depression|illness|anxiety)|everything in me|all of me|the voice in my head)[^\S\n]*$"
)
# Means, plans and preparations found among someone else's things are their risk.
_THINGS_KINDS = frozenset({"means", "plan", "preparatory_act"})
_THEIR_THINGS = re.compile(
    r"\b(?:(?:my|our) (?:\w+ )?<rel>'s|(?:his|her|their) (?:room|bedroom|bag|backpack|drawer|"
    r"car|wardrobe|pocket|desk|phone|locker|bathroom|things|stuff))\b".replace(
        "<rel>", _MACROS["<rel>"]
    )
)
_SINGLE_OPEN = re.compile(r"(?:^|(?<=[\s:(\[]))'(?=\w)")
_SINGLE_CLOSE = re.compile(r"(?<=[\w.,!?])'(?=[\s.,!?;:)\]]|$)")

_RECENT = re.compile(
    r"\b(?:last night|yesterday|today|tonight|this (?:morning|afternoon|evening|week|weekend|"
    r"month)|earlier|just now|an hour ago|hours ago|(?:a|one|two|three|four|five|a couple of|"
    r"couple of|a few|few) days ago|the other (?:day|night)|on (?:monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday)|at the weekend|over the weekend|again|right now|"
    r"currently|lately|recently|these days|still)\b"
)
_DISTANT = re.compile(
    r"\b(?:used to|use to|years? ago|(?:a|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"\d+|few|several|many|a few|a couple of|couple of) (?:years|months|decades) ago|months "
    r"ago|decades ago|last (?:year|summer|winter|spring|autumn|fall|decade)|in (?:19|20)\d\d|"
    r"back in|as a (?:teen|teenager|kid|child|student|young (?:person|adult|man|woman)|"
    r"girl|boy)|when i was (?:younger|little|young|a (?:teen|teenager|kid|child|student)|at "
    r"(?:school|uni|university|college)|in (?:school|high school|college|uni|university|my "
    r"teens|my twenties|year \d+)|\d+|[a-z]+teen|twenty|thirty)|in my (?:teens|twenties|"
    r"thirties|20s|30s|teenage years|youth|early twenties|late teens|late twenties)|at "
    r"(?:school|uni|university|college|secondary school|high school)|growing up|in the past|"
    r"a long time ago|(?:tried|attempted|done (?:it|this)|overdosed|been (?:there|suicidal|"
    r"in hospital)) (?:\w+ )?before|previously|a while back|years back|history of|at (?:\d+|"
    r"[a-z]+teen)\b|once,|(?:two|three|four|\d+) times before|for years when|during (?:my|"
    r"uni|university|school|college|the divorce|covid|lockdown)|(?:after|during|"
    r"following) (?:the|my|"
    r"our) (?:divorce|breakup|break-up|split|separation|miscarriage|loss|accident|diagnosis|"
    r"redundancy|bereavement|funeral|birth|baby|operation|surgery|assault|attack|crash|"
    r"pregnancy|pandemic|breakdown)|my (?:teens|twenties|thirties|forties|teenage years|20s|"
    r"30s|40s|youth|childhood|adolescence|school years|uni years|university years)|from "
    r"when|back when|(?:my )?old (?:journals?|diar(?:y|ies)|entries|posts|notebooks?)|at "
    r"(?:twenty|thirty|forty|fifty)(?:-\w+)?)\b"
)
# The match or what just precedes it says "now": "I still", "I want", "I'm".
_PRESENT = re.compile(
    r"\b(?:want|wants|wanna|wish|wishes|need|needs|am|i'm|is|keep|keeps|can't stop|still|"
    r"right now|currently|these days|again|have been|i've been|has been|feel|feels|think|"
    r"thinking|now|today|tonight|lately)\b"
)
# "Four months clean, then I relapsed": a relapse means it is not over.
_RELAPSE = re.compile(
    r"\brelaps(?:e|ed|ing)\b|\b(?:but|until) (?:then |last night |today )?i "
    r"(?:did it|cut|started) again\b"
)
_OVER = re.compile(
    r"\b(?:(?:haven't|have not|hasn't|has not|hadn't|had not|not|never) (?:[\w']+ ){0,5}(?:in|"
    r"for|since) (?:over |nearly |almost |about |more than |around |well over )?(?:a|one|two|"
    r"three|four|five|six|seven|eight|nine|ten|a few|several|many|a couple of|couple of|"
    r"\d+)? ?(?:years?|months?|weeks?|ages|a long time|a while|a long while|so long|"
    r"(?:19|20)\d\d|uni|school|college|my teens)|(?:\d+|a|one|two|three|four|five|six|seven|"
    r"eight|nine|ten|several|many) (?:years?|months?|weeks?) (?:clean|free|sober|"
    r"self-harm[- ]free|without|since|harm[- ]free|safe|of recovery)|(?:no longer|not "
    r"anymore|not any more|don't anymore|do not anymore|don't any more|never again|not "
    r"since|i stopped|i quit|i've stopped|i have stopped|stopped (?:years|months|a long)|"
    r"nowhere near that)|(?:it'?s|that'?s|those days are|that part of my life is|it is|"
    r"that is|that was|all that is|it was|that time is|those thoughts are|that feeling is) "
    r"(?:all |long |well |firmly )?(?:over|behind me|in the past|done|a long time ago|years "
    r"ago|history|gone)|in recovery|recovered|(?:i'?m|i am) (?:much |so much |a lot |doing "
    r"(?:much |so much |a lot )?)?(?:better|well|good|okay|ok|safe|fine|happy|stable|healthy) "
    r"now|doing (?:much |so much |a lot )?better (?:now|these days)|in a (?:much |far |way )?"
    r"(?:better|good|safer|healthier|different) place|got (?:the )?help|got better|got "
    r"through (?:it|that)|came through (?:it|that)|survived it|proud of (?:myself|how far|"
    r"me|my progress)|glad i'?m (?:still )?(?:here|alive)|glad i survived|glad i didn't|"
    r"grateful (?:to be|i'm|i am) (?:still )?(?:here|alive)|don't feel (?:that way|like that) "
    r"(?:anymore|any more|now)|haven't felt (?:that way|like that) (?:in|for|since)|not (?:how|"
    r"where|who) i am now|that'?s not me anymore|(?:it|they|the (?:urges?|thoughts?)) "
    r"(?:went|have gone|are gone|faded|stopped|passed)|long gone|a different person now|"
    r"those feelings (?:are|have) (?:gone|passed)|(?:free of|free from|clean from|clean of) "
    r"(?:it|that|self-harm|cutting|them) for (?:over |nearly |almost |about |more than )?(?:a|"
    r"one|two|three|four|five|six|seven|eight|nine|ten|\d+|several|many) (?:years?|months?)|"
    r"it'?s been (?:years|months|ages|a long "
    r"time|so long)|(?:scars?|urges?|thoughts?) (?:have|has) (?:faded|gone|passed|stopped)|so "
    r"has the urge|(?:period|phase|chapter|episode|time|part of my life|stage) (?:is|was|'s) "
    r"(?:over|behind me|done|finished)|(?:glad|relieved|grateful|happy|thankful) (?:that )?"
    r"i'?m (?:not|no longer) (?:there|in that place|like that|that person|that girl|that "
    r"boy|that man|that woman)(?: anymore| any more)?|i'?m not there anymore)\b"
)


def _sentence_bounds(text: str) -> list[int]:
    """Start offsets of sentences (0 first): each ends where the next begins."""
    return [0] + [m.end() for m in _SENTENCE_END.finditer(text)]


def _clause_start(text: str, start: int, sentence_start: int) -> int:
    last = sentence_start
    for match in _CLAUSE_BREAK.finditer(text, sentence_start, start):
        last = match.end()
    return last


def _inside_quotes(text: str, sentence_start: int, start: int) -> bool:
    """An odd number of double quotes, or more opening than closing single quotes,
    between the sentence start and the match."""
    if text.count('"', sentence_start, start) % 2 == 1:
        return True
    opens = sum(
        1 for m in _SINGLE_OPEN.finditer(text, sentence_start, start + 1) if m.start() < start
    )
    return opens > len(_SINGLE_CLOSE.findall(text, sentence_start, start))


def _negated(clause_prefix: str, sentence_prefix: str) -> bool:
    """A negator that governs the match: near it, same clause, nothing cancelling it."""
    if _UNNEGATE_CLAUSE.search(sentence_prefix):
        return False
    last = None
    for last in _NEGATOR.finditer(clause_prefix):  # noqa: B007 - the last one counts
        pass
    if last is None:
        return False
    gap = clause_prefix[last.end() :]
    if len(gap.split()) > _NEGATION_WINDOW:
        return False
    if _UNNEGATE_AFTER.search(gap):
        return False
    # A new "I" after the negator starts a new statement ("I'm not okay, I want to die"),
    # unless it is the object of "think", "say" ("I don't think I'd ...", "no way I'd ...").
    return not (
        _NEW_SUBJECT.search(gap)
        and not _NEW_SUBJECT_OK.match(gap)
        and not last.group().startswith("no way")
    )


def _subject_is_other(clause_prefix: str, match_text: str) -> bool:
    """Someone other than the writer is the subject of the matched phrase."""
    if _THIRD_VERB.match(match_text):
        return not _PART_OF_ME.search(clause_prefix)
    tail = clause_prefix[-80:]
    third = [m.end() for m in _THIRD.finditer(tail)]
    first = [m.end() for m in _FIRST.finditer(tail)]
    if not third:
        return False
    return not first or third[-1] > first[-1]


def _around(text: str, bounds: list[int], match: re.Match[str], after: int) -> tuple[int, int]:
    """From the sentence before the match's to `after` sentences after it, within _WINDOW."""
    index = bisect_right(bounds, match.start()) - 1
    start = bounds[index - 1] if index > 0 else 0
    last = index + 1 + after
    end = bounds[last] if last < len(bounds) else len(text)
    return max(start, match.start() - _WINDOW), min(end, match.end() + _WINDOW)


def _media_near(text: str, bounds: list[int], match: re.Match[str]) -> bool:
    """A film, song, book or the news in this sentence or the ones either side."""
    start, end = _around(text, bounds, match, 0)
    return _MEDIA.search(text, start, end) is not None


@dataclass(frozen=True, slots=True)
class _Found:
    rule: _Rule | None  # None: found by the backstop
    start: int  # in the normalised text
    end: int
    level: Level
    kind: str
    why: str


def _judge(
    rule: _Rule,
    match: re.Match[str],
    text: str,
    bounds: list[int],
    judged: list[tuple[int, int, int]] | None = None,
) -> _Found | None:
    """What a match means in its context, or None when it is not risk.

    Matches read in context (past the rule's own required context) are added to
    `judged`, kept or not, so the backstop defers to the rule's reading of that phrase.
    """
    start, end = match.span()
    index = bisect_right(bounds, start) - 1
    # Context is read within _WINDOW characters, so a huge unpunctuated entry stays linear.
    sentence_start = max(bounds[index], start - _WINDOW)
    sentence_end = min(bounds[index + 1] if index + 1 < len(bounds) else len(text), end + _WINDOW)
    sentence_prefix = text[sentence_start:start]
    after = text[end:sentence_end]
    clause_start = _clause_start(text, start, sentence_start)
    clause_prefix = text[clause_start:start]
    matched = match.group()

    if rule.context is not None and not rule.context.search(text, sentence_start, sentence_end):
        return None
    if judged is not None:
        judged.append((start, end, rule.level.rank))
    if rule.not_before is not None and rule.not_before.search(after):
        return None
    if rule.not_after is not None and rule.not_after.search(sentence_prefix):
        return None
    denied = _DENIED_AFTER.match(text, end, end + 40)
    if rule.negatable and (_negated(clause_prefix, sentence_prefix) or denied):
        return None
    if _over_in_clause(text, clause_start, start, end, sentence_end):
        return None
    if _ASKED.search(sentence_prefix) and not _ASKED_YES.search(text, end, sentence_end):
        return None

    if not _FIRST.search(sentence_prefix) and (
        _MEDIA.search(text, sentence_start, sentence_end)
        or (rule.mention and _media_near(text, bounds, match))
    ):
        return None
    other = False
    quoted = _inside_quotes(text, sentence_start, start)
    if quoted:
        if _media_near(text, bounds, match):
            return None
        other = bool(_SPEAKER.search(sentence_prefix) or _SPEAKER_AFTER.search(after))
    elif rule.kind == "third_person":
        other = True
    elif not rule.writer:
        other = _subject_is_other(clause_prefix, matched) or (
            rule.kind in _THINGS_KINDS
            and _THEIR_THINGS.search(text, sentence_start, sentence_end) is not None
        )
    if not other and not quoted and rule.kind != "third_person":
        speaker = None
        for speaker in _SPEAKER.finditer(sentence_prefix):  # noqa: B007 - the last one counts
            pass
        if speaker is not None and not _FIRST.search(sentence_prefix, speaker.end()):
            other = not rule.writer
    if other:
        if _media_near(text, bounds, match):
            return None
        if _past_over(text, bounds, match):
            return None
        return _Found(rule, start, end, Level.CONCERN, "third_person", _third_why(rule))

    if rule.level is Level.URGENT and _is_distant_past(
        sentence_prefix, matched, text, start, sentence_end
    ):
        if _past_over(text, bounds, match):
            return None
        return _Found(rule, start, end, Level.CONCERN, "past_risk", _past_why(rule))
    if rule.kind == "past_risk" and _past_over(text, bounds, match):
        return None
    return _Found(rule, start, end, rule.level, rule.kind, rule.why)


def _is_distant_past(prefix: str, matched: str, text: str, start: int, sentence_end: int) -> bool:
    """The sentence places the risk in the past and nothing in it says 'now' or 'again'."""
    sentence = prefix + text[start:sentence_end]
    if not _DISTANT.search(sentence):
        return False
    # "I still think about when I tried ...": recency before "when" is about the remembering.
    when = prefix.rfind(" when ")
    scope = sentence[when:] if when >= 0 else sentence
    if _RECENT.search(scope):
        return False
    near = " ".join(prefix[when + 1 :].split()[-4:]) + " " + matched
    if "used to" in near or "use to" in near:
        return True
    return not _PRESENT.search(near)


def _past_over(text: str, bounds: list[int], match: re.Match[str]) -> bool:
    """This sentence or the next says the risk is over."""
    index = bisect_right(bounds, match.start()) - 1
    _, stop = _around(text, bounds, match, 1)
    start = max(bounds[index], match.start() - _WINDOW)
    return _OVER.search(text, start, stop) is not None and not _RELAPSE.search(text, start, stop)


def _over_in_clause(text: str, clause_start: int, start: int, end: int, sentence_end: int) -> bool:
    """The clause of the match, outside the match, says the risk is over: "two years clean
    from cutting"."""
    clause_end = sentence_end
    after = _CLAUSE_BREAK.search(text, end, sentence_end)
    if after is not None:
        clause_end = after.start()
    if _RELAPSE.search(text, clause_start, clause_end):
        return False
    return any(
        m.end() <= start or m.start() >= end for m in _OVER.finditer(text, clause_start, clause_end)
    )


def _past_why(rule: _Rule) -> str:
    return f"past risk not said to be over ({rule.why})"


def _third_why(rule: _Rule) -> str:
    if rule.kind == "third_person":
        return rule.why
    return f"reports someone else's risk ({rule.why})"


# ---------------------------------------------------------------------------
# 4. The public function.


def screen(text: str) -> Screening:
    """Screen one piece of free text the client wrote.

    Never raises for any `str`; "" screens as NONE. Evidence spans index `text`.
    """
    if not text or not isinstance(text, str):
        return NOTHING
    norm = _normalise(text)
    low = norm.text
    bounds = _sentence_bounds(low)
    where = _needles_by_sentence(low, bounds)
    present = set(where)
    candidates = sorted({i for needle in present for i in _RULES_BY_NEEDLE.get(needle, ())})
    found: list[_Found] = []
    judged: list[tuple[int, int, int]] = []  # every rule match read, kept or not
    for rule in (_RULES[i] for i in candidates):
        if any(group.isdisjoint(present) for group in rule.needles[1:]):
            continue
        found.extend(_verdicts(rule, low, bounds, where, judged))
    if not any(item.level is Level.URGENT for item in found):
        found.extend(_backstop(low, bounds, judged))
    if USE_MODEL and not any(item.level is Level.URGENT for item in found):
        found.extend(_model(low, bounds, found, judged))
    if not found:
        return NOTHING
    evidence = _evidence(norm, _keep_strongest(found))
    level = max((e.level for e in evidence), key=lambda lv: lv.rank)
    return Screening(level, evidence)


def _verdicts(
    rule: _Rule,
    low: str,
    bounds: list[int],
    where: dict[str, set[int]],
    judged: list[tuple[int, int, int]],
) -> Iterator[_Found]:
    """The rule's matches that are risk, sentence by sentence, at most _MAX_PER_RULE of
    each level; the search stops once the rule's own level is full or after
    _MAX_MATCHES matches, so one phrase repeated a thousand times stays fast."""
    counts: dict[Level, int] = {}
    matches = islice(
        (
            match
            for index in _sentences_for(rule, where)
            for match in rule.pattern.finditer(
                low, bounds[index], bounds[index + 1] if index + 1 < len(bounds) else len(low)
            )
        ),
        _MAX_MATCHES,
    )
    for match in matches:
        if match.end() == match.start():
            continue
        verdict = _judge(rule, match, low, bounds, judged)
        if verdict is None or counts.get(verdict.level, 0) >= _MAX_PER_RULE:
            continue
        if screening_backstop.vetoed(rule.kind, low, bounds, verdict.start, verdict.end):
            continue
        counts[verdict.level] = counts.get(verdict.level, 0) + 1
        yield verdict
        if counts.get(rule.level, 0) >= _MAX_PER_RULE:
            return


def _model(
    low: str, bounds: list[int], found: list[_Found], judged: list[tuple[int, int, int]]
) -> list[_Found]:
    """The offline classifier's raise, when its probability passes its threshold: the
    strongest sentence of the strongest window, as urgent or (if nothing was found) concern.
    A sentence holding a phrase a rule read (kept or declined) lends the model no weight."""
    reading = screening_model.read(low, bounds, judged, need_concern=not found)
    for hit, level, kind in (
        (reading.urgent, Level.URGENT, "model_urgent"),
        (reading.concern, Level.CONCERN, "model_concern"),
    ):
        if hit is not None:
            why = f"model: probability {hit.probability:.2f} of {level} language in this sentence"
            return [_Found(None, hit.start, hit.end, level, kind, why)]
    return []


def _backstop(low: str, bounds: list[int], judged: list[tuple[int, int, int]]) -> list[_Found]:
    """The recall-first layer (`screening_backstop`), for what the rules did not read.

    A rule that matched a phrase has judged it, in context (an idiom, a negation, the
    past): a backstop hit overlapping a rule match of the same or a higher level defers
    to it. Where no rule matched, or only a weaker one, the backstop's reading stands.
    """
    found = []
    for hit in screening_backstop.scan(low, bounds):
        level = KIND_LEVELS[hit.kind]
        if any(s < hit.end and hit.start < e and rank >= level.rank for s, e, rank in judged):
            continue
        found.append(_Found(None, hit.start, hit.end, level, hit.kind, hit.why))
    return found


def _needles_by_sentence(low: str, bounds: list[int]) -> dict[str, set[int]]:
    """Each needle in the text, with the sentences it occurs in."""
    where: dict[str, set[int]] = {}
    for match in _NEEDLE_SCAN.finditer(low):
        index = bisect_right(bounds, match.start()) - 1
        for needle in _PREFIXES[match.group(1)]:
            where.setdefault(needle, set()).add(index)
    return where


def _sentences_for(rule: _Rule, where: dict[str, set[int]]) -> list[int]:
    """Sentences holding a needle of every group of the rule: the only places it can match."""
    sentences: set[int] | None = None
    for group in rule.needles:
        hit: set[int] = set()
        for needle in group:
            found = where.get(needle)
            if found:
                hit |= found
        sentences = hit if sentences is None else sentences & hit
        if not sentences:
            return []
    return sorted(sentences) if sentences else []


def _keep_strongest(found: list[_Found]) -> list[_Found]:
    """Drop matches inside a stronger or equal one, so each phrase is reported once."""
    found.sort(key=lambda f: (f.start, -f.end, -f.level.rank))
    kept: list[_Found] = []
    cluster: list[_Found] = []  # overlapping matches: only these can contain each other
    reach = -1
    for item in found:
        if item.start >= reach:
            kept.extend(_strongest_of(cluster))
            cluster, reach = [], -1
        cluster.append(item)
        reach = max(reach, item.end)
    kept.extend(_strongest_of(cluster))
    return kept


def _strongest_of(found: list[_Found]) -> list[_Found]:
    kept: list[_Found] = []
    for item in found:
        covered = any(
            k.start <= item.start and item.end <= k.end and k.level.rank >= item.level.rank
            for k in kept
        )
        if covered:
            continue
        kept = [
            k
            for k in kept
            if not (item.start <= k.start and k.end <= item.end and item.level.rank >= k.level.rank)
        ]
        kept.append(item)
    return kept


def _evidence(norm: _Normalised, found: list[_Found]) -> tuple[Evidence, ...]:
    items = []
    for item in found:
        start, end = norm.span(item.start, item.end)
        items.append(Evidence(start, end, norm.original[start:end], item.kind, item.why))
    return tuple(items)


__all__ = ["NOTHING", "Evidence", "Level", "Screening", "screen"]
