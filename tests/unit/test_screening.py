"""Crisis-language screening against the labelling guide (tests/data/screening/LABELS.md).

Every sentence here was written for these tests. Each case names the guide's rule
it checks: urgent kinds, concern kinds, and what must stay `none` (idioms,
negation, quotation, past risk that is over, ordinary sad days).
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mend.safety import Evidence, Level, Screening, screen
from mend.safety.screening import KIND_LEVELS

URGENT_KINDS = {
    "wish_to_die",
    "intent",
    "better_off_without_me",
    "plan",
    "means",
    "preparatory_act",
    "self_harm",
}

# (text, kind of the strongest evidence) -- urgent.
URGENT: list[tuple[str, str]] = [
    # a wish to die, active or passive
    ("Honestly I just want to die.", "wish_to_die"),
    ("Some nights I wish I was dead.", "wish_to_die"),
    ("I keep wishing I could fall asleep and never wake up.", "wish_to_die"),
    ("I don't want to be here anymore.", "wish_to_die"),
    ("I don't want to live like this anymore.", "wish_to_die"),
    ("I really don't want to wake up tomorrow.", "wish_to_die"),
    ("Part of me wants to die and part of me is scared.", "wish_to_die"),
    ("I'd rather be dead than keep feeling like this.", "wish_to_die"),
    ("I honestly don't care if I live or die at this point.", "wish_to_die"),
    ("I'm so tired of being alive.", "wish_to_die"),
    ("Life isn't worth living any more.", "wish_to_die"),
    ("There's nothing left to live for.", "wish_to_die"),
    ("What's the point of living when every day is the same grey fog?", "wish_to_die"),
    ("I don't see the point in living.", "wish_to_die"),
    ("I've been thinking about death a lot, my own I mean.", "wish_to_die"),
    ("I'm not sure I want to be alive.", "wish_to_die"),
    ("Dying would be a relief at this stage.", "wish_to_die"),
    ("I hope I get hit by a car on the way to work.", "wish_to_die"),
    ("I wish I'd never been born.", "wish_to_die"),
    ("I wish it would all just end.", "wish_to_die"),
    ("I want to disappear forever.", "wish_to_die"),
    ("I'd be better off dead.", "wish_to_die"),
    # intent, including slang
    ("I'm going to kill myself.", "intent"),
    ("I keep thinking about ending my life.", "wish_to_die"),
    ("Tonight I want to end it all.", "intent"),
    ("I just want to end it.", "intent"),
    ("I've been considering suicide.", "intent"),
    ("I feel suicidal again.", "intent"),
    ("I won't be around much longer.", "intent"),
    ("This is my last entry.", "intent"),
    ("I want to jump off the bridge near work.", "intent"),
    ("I want to step in front of a train.", "intent"),
    ("I'm thinking about taking an overdose.", "intent"),
    ("I took a handful of my sleeping pills last night.", "intent"),
    ("I can't keep myself safe tonight.", "intent"),
    ("tbh i wanna kms", "intent"),
    ("i should just kys honestly", "intent"),
    ("I want to unalive myself.", "intent"),
    ("been thinking about ctb a lot", "intent"),
    ("I'm going to off myself.", "intent"),
    # others would be better off
    ("Everyone would be better off without me.", "better_off_without_me"),
    ("My family would be happier without me around.", "better_off_without_me"),
    ("They won't miss me when I'm gone.", "better_off_without_me"),
    ("No one would even notice if I disappeared.", "better_off_without_me"),
    ("Nobody would miss me.", "better_off_without_me"),
    ("It would be easier for everyone if I wasn't here.", "better_off_without_me"),
    ("Would anyone care if I died?", "better_off_without_me"),
    ("If I died tomorrow, nobody would care.", "better_off_without_me"),
    # plan, method, means
    ("I've been saving my pills in a sock drawer.", "plan"),
    ("I looked up how many it would take.", "plan"),
    ("I googled painless ways to die.", "plan"),
    ("I know which bridge I would use.", "plan"),
    ("I have a plan to end it.", "plan"),
    ("I've picked a date.", "plan"),
    ("I know where dad keeps his gun.", "means"),
    ("I bought a rope and hid it in the garage.", "means"),
    # preparatory acts
    ("I've been giving my things away.", "preparatory_act"),
    ("I wrote letters to everyone I love.", "preparatory_act"),
    ("I've put my affairs in order.", "preparatory_act"),
    ("I said my goodbyes.", "preparatory_act"),
    ("I won't need any of my stuff anymore.", "preparatory_act"),
    # self-harm now or recently, or an urge now
    ("I cut again last night.", "self_harm"),
    ("I really want to burn myself.", "self_harm"),
    ("I hurt myself on purpose after the argument.", "self_harm"),
    ("I've started cutting again.", "self_harm"),
    ("The urge to cut is so strong right now.", "self_harm"),
    ("I self-harmed yesterday.", "self_harm"),
]

CONCERN: list[tuple[str, str]] = [
    # hopelessness
    ("Nothing will ever get better.", "hopelessness"),
    ("There's no future for me.", "hopelessness"),
    ("What's the point of anything.", "hopelessness"),
    ("I feel completely hopeless.", "hopelessness"),
    ("I've given up on everything.", "hopelessness"),
    ("It's never going to change.", "hopelessness"),
    # burden
    ("I'm just a burden to everyone.", "burden"),
    ("I ruin everything for the people I love.", "burden"),
    ("I feel like such a burden on my family.", "burden"),
    # entrapment
    ("I can't take this anymore.", "entrapment"),
    ("There's no way out of this.", "entrapment"),
    ("I feel so trapped in my own life.", "entrapment"),
    ("I don't think I can go on like this.", "entrapment"),
    ("I can't go on.", "entrapment"),
    # ambiguous disappearance
    ("I wish I could just disappear for a while.", "wish_to_disappear"),
    # past risk not said to be over
    ("I tried to overdose in 2019.", "past_risk"),
    ("I used to cut.", "past_risk"),
    ("When I was fifteen I wanted to die.", "past_risk"),
    ("I attempted suicide when I was at uni.", "past_risk"),
    ("I haven't cut in three days.", "past_risk"),
    # someone else's risk, told by the writer
    ("My sister said she wants to die.", "third_person"),
    ("My best friend tried to kill herself last month.", "third_person"),
    (
        "My friend texted me saying 'I want to kill myself' and I didn't know what to do.",
        "third_person",
    ),
    ("He says he doesn't want to live anymore.", "third_person"),
    ("Our neighbour's son is suicidal.", "third_person"),
]

NONE: list[str] = [
    # idioms and hyperbole
    "This traffic is killing me.",
    "I'd kill for a coffee right now.",
    "I nearly died laughing at the wedding speech.",
    "My phone died halfway through the call.",
    "She killed it on stage tonight.",
    "I'm dying to see you this weekend.",
    "Dead tired after the night shift.",
    "That exam murdered me.",
    "I was bored to death in the meeting.",
    "The chocolate cake was to die for.",
    "Over my dead body will I wear that jumper.",
    "We cut corners on the report and it showed.",
    "I'm cutting back on caffeine.",
    "I'd rather die than sing karaoke.",
    "I wanted to die of embarrassment when I tripped.",
    "My feet are killing me after that hike.",
    "I cut myself shaving this morning.",
    "I burned myself on the oven tray.",
    "I hurt myself lifting boxes at work.",
    "I've been cutting myself off from friends, which isn't great.",
    "I got my hair cut again.",
    "I want to dye my hair purple.",
    "I'm hopeless at cooking.",
    "I'm stuck in traffic again.",
    "I could murder a pizza.",
    "My plant is dead because I forgot to water it.",
    "I'm killing myself at the gym this month.",
    "I gave away my old clothes to the charity shop because we're moving.",
    "I said goodbye to everyone at the airport.",
    "I wrote a letter to my mum for her birthday.",
    # clear negation
    "I would never hurt myself.",
    "I'm not suicidal, just tired.",
    "I don't want to die, I want things to change.",
    "I no longer want to die.",
    "I'm not going to kill myself.",
    "There's no way I'd hurt myself.",
    "I have no intention of ending my life.",
    "I don't feel hopeless anymore.",
    "I'm not a burden, my therapist keeps reminding me.",
    # past risk that is over
    "I haven't self-harmed in three years and I'm proud.",
    "I used to want to die but I don't feel that way anymore.",
    "I tried to kill myself in 2015; those days are behind me.",
    # quotations of media
    "The film ends with him killing himself.",
    "In the book the character says she wants to die.",
    'The song goes "I want to die" and it is stuck in my head.',
    "I read a news story about a man who killed himself.",
    # questions someone else asked
    "My GP asked if I ever want to hurt myself and I said no.",
    # ordinary entries, including sad ones
    "Work was awful.",
    "I cried after the call with mum.",
    "I'm exhausted but I went for a walk.",
    "Had a long day, made pasta, watched telly, bed.",
    "I felt low this morning but the run helped.",
    "The meeting ended early so I went home.",
    "I want to end my subscription to the gym.",
    "I don't want to live in London forever.",
    "I don't want to be here at this party.",
    "We took all the tablets the vet gave us for the dog.",
    "",
]


def _level(text: str) -> Level:
    return screen(text).level


@pytest.mark.parametrize(("text", "kind"), URGENT)
def test_urgent(text: str, kind: str) -> None:
    """LABELS.md urgent: wish to die, intent, better off without me, plan, preparation,
    self-harm now."""
    result = screen(text)
    assert result.level is Level.URGENT, result
    assert kind in {e.kind for e in result.evidence}, result


@pytest.mark.parametrize(("text", "kind"), CONCERN)
def test_concern(text: str, kind: str) -> None:
    """LABELS.md concern: hopelessness, burden, entrapment, disappearance, past risk not
    over, someone else's risk."""
    result = screen(text)
    assert result.level is Level.CONCERN, result
    assert kind in {e.kind for e in result.evidence}, result


@pytest.mark.parametrize("text", NONE)
def test_none(text: str) -> None:
    """LABELS.md none: idioms, clear negation, past risk over, media, ordinary days."""
    result = screen(text)
    assert result == Screening(Level.NONE, ()), result


PARTIAL_NEGATIONS = [
    "I can't stop thinking about killing myself.",
    "I don't want to live.",
    "I don't see the point in living.",
    "No one would miss me.",
    "Not a day goes by that I don't think about dying.",
    "I don't want to die, but I don't want to live either.",
    "ngl i want to die",
    "I'm not okay and I want to die.",
    "I never thought I'd say this, but I want to kill myself.",
]


@pytest.mark.parametrize("text", PARTIAL_NEGATIONS)
def test_partial_and_double_negations_are_still_risk(text: str) -> None:
    """The brief: a negation that does not deny the risk leaves it standing."""
    assert _level(text) is Level.URGENT


TYPOS_AND_SLANG = [
    "im going to kill myslef",
    "i want to dieeee",
    "i wnat to die",
    "i dont want to be alive anymore",
    "feeling suicidel again",
    "i want to kil myself",
    "everyone wuld be better off withought me",
    "I WANT TO DIE",
    "i want to d*e",
    "thinking about s*icide",
    "i really wanna unalive myself",
    "kms kms kms",
    "sewerslide is on my mind constantly, been thinking about sewerslide",
    "i’m going to end it all tonight",
    "Im gonna end my life",
    "idc if i live or die",
]


@pytest.mark.parametrize("text", TYPOS_AND_SLANG)
def test_typos_slang_and_missing_apostrophes(text: str) -> None:
    assert _level(text) is Level.URGENT, screen(text)


def test_kys_aimed_at_someone_else_is_not_the_writer() -> None:
    """Abuse aimed at others is not the writer's risk ("kys" only when self-directed)."""
    assert _level("someone in the game chat told me to kys, what a loser") is Level.NONE


@pytest.mark.parametrize(
    "text",
    [
        "😭😭 i want to die",
        "I want to die 💀💀",
        "🙂 nice day out 🌞 with the dog 🐕",
        "<p>I don't want to be here anymore</p>",
        "<b>Work</b> was fine &amp; I'm okay",
        "I&#39;m going to kill myself",
        "I\u2019m going to kill myself",
        "İstanbul was lovely. I want to die though.",
    ],
)
def test_emoji_html_and_unicode(text: str) -> None:
    result = screen(text)
    for evidence in result.evidence:
        assert text[evidence.start : evidence.end] == evidence.text
    risky = "die" in text or "kill" in text or "here anymore" in text
    assert result.level is (Level.URGENT if risky else Level.NONE), result


def test_empty_and_blank_are_none() -> None:
    assert screen("") == Screening(Level.NONE, ())
    assert screen("   \n\t ") == Screening(Level.NONE, ())


def test_huge_input() -> None:
    ordinary = "I went for a walk and made soup, then read for a bit. "
    text = (ordinary * 2_000)[:50_000] + "I want to die. " + (ordinary * 2_000)[:50_000]
    assert len(text) > 100_000
    result = screen(text)
    assert result.level is Level.URGENT
    (evidence,) = result.evidence
    assert text[evidence.start : evidence.end] == evidence.text == "want to die"
    assert screen(ordinary * 2_000).level is Level.NONE


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Work was long. Everyone would be better off without me.", "better off without me"),
        ("im going to kill myslef tonight", "kill myslef"),
        ("I’ve been saving my pills", "saving my pills"),
        ("<i>i wanna dieeee</i>", "wanna dieeee"),
        ("i dont want to live anymore", "dont want to live"),
        ("a\u0130b I want to die", "want to die"),
        ("Sooo tired. kms", "kms"),
        ("I&#39;m just a burden to everyone", "m just a burden"),
    ],
)
def test_evidence_points_at_the_original_text(text: str, expected: str) -> None:
    """Offsets index the string given, whatever normalisation did to it."""
    result = screen(text)
    assert result.evidence, result
    texts = [text[e.start : e.end] for e in result.evidence]
    assert all(t == e.text for t, e in zip(texts, result.evidence, strict=True))
    assert any(expected in t for t in texts), texts


def test_level_is_the_highest_evidence_level() -> None:
    text = "I'm a burden to everyone. I feel hopeless. I want to die."
    result = screen(text)
    assert {e.level for e in result.evidence} == {Level.CONCERN, Level.URGENT}
    assert result.level is Level.URGENT
    assert result.level == max((e.level for e in result.evidence), key=lambda lv: lv.rank)


def test_evidence_carries_a_plain_reason() -> None:
    (evidence,) = screen("Everyone would be better off without me.").evidence
    assert evidence.kind == "better_off_without_me"
    assert evidence.why == "says others would be better off without them"
    assert evidence.level is Level.URGENT


def test_levels_are_ordered() -> None:
    assert Level.NONE.rank < Level.CONCERN.rank < Level.URGENT.rank
    assert [str(level) for level in Level] == ["none", "concern", "urgent"]


def test_every_kind_has_a_level() -> None:
    assert {k for k, v in KIND_LEVELS.items() if v is Level.URGENT} == URGENT_KINDS


def test_risk_buried_in_a_long_entry() -> None:
    before = "Slept badly, then the bus was late and my manager was short with me. " * 4
    after = "Made a curry for dinner and watched the football with Dan. " * 4
    result = screen(before + "Sometimes I think they'd be better off without me. " + after)
    assert result.level is Level.URGENT
    (evidence,) = result.evidence
    assert evidence.kind == "better_off_without_me"


def test_third_person_does_not_hide_the_writers_own_risk() -> None:
    text = "My brother said he wants to die. I want to die too."
    result = screen(text)
    assert result.level is Level.URGENT
    assert {e.kind for e in result.evidence} == {"third_person", "wish_to_die"}


def test_negation_only_reaches_its_own_clause() -> None:
    assert _level("I'm not at work today, and I want to kill myself.") is Level.URGENT
    assert _level("I would never hurt myself, I promise.") is Level.NONE


@given(st.text(max_size=400))
def test_never_raises_and_spans_are_exact(text: str) -> None:
    result = screen(text)
    assert isinstance(result, Screening)
    for evidence in result.evidence:
        assert isinstance(evidence, Evidence)
        assert 0 <= evidence.start <= evidence.end <= len(text)
        assert text[evidence.start : evidence.end] == evidence.text
    levels = [e.level.rank for e in result.evidence]
    assert result.level.rank == max(levels, default=0)


RISKY_PIECES = [
    "I want to die",
    "kms",
    "im going to kill myslef",
    "no one would miss me",
    "&amp;",
    "<br>",
    "’",
    "İ",
    "dieeee",
    "I haven't cut in 2 years",
    "'",
    '"',
    "film",
    "my sister said",
    "\n",
    "not",
]


@given(st.lists(st.sampled_from(RISKY_PIECES) | st.text(max_size=12), max_size=12))
def test_spans_stay_exact_around_rewrites(pieces: list[str]) -> None:
    text = " ".join(pieces)
    for evidence in screen(text).evidence:
        assert 0 <= evidence.start <= evidence.end <= len(text)
        assert text[evidence.start : evidence.end] == evidence.text
