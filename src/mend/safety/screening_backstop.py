"""A recall-first backstop for crisis-language screening (decision 0011, "known gap").

The precise rules in `screening.py` name phrases; people who are thinking about death
rarely use the phrase a rule was written for. This layer is built the other way round:
from how suicidal thinking, self-harm, plans and preparations are *expressed*, as
small vocabularies that combine.

- **Desire or intent x outcome.** A word of wanting, hoping, intending, planning or
  dwelling on ("want to", "hope", "ready to", "thinking about", "tempted to", "'d
  rather") followed within a few words by an outcome of death or not existing ("die",
  "be dead", "not wake up", "stop existing", "disappear forever", "end it all",
  "jump off", "step in front of"). Any pairing counts, not a list of sentences.
- **Wishing against life.** A negated want or ability before living ("don't want to
  live", "no longer want to be alive", "no reason to keep living", "tired of being
  alive"): here negation is the risk, not its denial.
- **Self-directed acts** that are risk in themselves ("kill myself", "end my life",
  "suicide", "overdose", "self-harm"), others better off without the writer, means
  with acquisition or research, preparations, self-harm with a body part, a tool,
  intent or recency, and (at concern) hopelessness, burden, entrapment and vanishing.

- **Indirect language** people use instead of naming it: farewells ("this is
  goodbye", "the only thing stopping me is my cat"), a chosen time ("tonight's the
  night"), courage sought ("working up the courage"), someone to join after a death,
  "soon none of this will matter", a verdict against one's own life ("I shouldn't be
  alive"), death wished for anywhere in a clause ("I wish I'd died in that crash",
  "the only way out is death").

Every match is then read in its sentence and clause, with general filters: figures of
speech (an idiom list: "dying to", "to die for", "killing it", "bored to death",
"kill me now"...), negation that governs the match, a forecast or fear of dying
rather than a wish ("I'm scared I'll die in surgery"), someone else as the subject
(their wish to die is concern; their low mood is nothing), media or quotation, a
question someone asked, a safety-plan "if I ever ...", someone telling the writer to
(abuse, unless it is the writer's own "voice in my head"), accidents and sport for
self-harm, ordinary leaving (a new job, a move) for goodbyes, grief for someone else,
and time: distant past is concern, past said to be over is nothing. `vetoed()` applies
the general exclusions to the precise rules' findings as well.

Pure and fast: regexes compiled at import. One trie-shaped scan finds, per sentence,
the words each signal needs (`_NEEDLES`); a signal's regex runs only on sentences that
hold them, so ordinary text costs one scan. `scan()` takes text already normalised by
`screening._normalise` (lower case, straight quotes, slang and typos rewritten) and
its sentence starts, and returns hits in that text's offsets; `screening.screen` maps
them back to the original and decides how they combine with the precise rules.

Limits: this is still vocabulary. It generalises over wordings of the families above,
not over every way a person can say they want to die; metaphor ("I want everything to
go black"), context spread over several sentences, and irony are out of its reach.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

# Kinds a hit can have; `screening.KIND_LEVELS` gives each its level.
URGENT_KINDS = frozenset(
    {
        "wish_to_die",
        "intent",
        "better_off_without_me",
        "plan",
        "means",
        "preparatory_act",
        "self_harm",
    }
)
_PREFIX = "broad screen"


@dataclass(frozen=True, slots=True)
class Hit:
    """A match in the normalised text: `start`/`end` index what `scan` was given."""

    start: int
    end: int
    kind: str
    why: str


# ---------------------------------------------------------------------------
# Pattern helpers. In the sources below a space is a run of blanks inside one line,
# "<gN>" is a gap of up to N ordinary words (never a negator or a clause word), each
# followed by a space.

_SP = r"[^\S\n]+"
_GAP_WORD = (
    r"(?!(?:not|never|no|nor|but|and|or|because|cause|so|if|than|though|although|unless|"
    r"until|when|while|except)\b|[a-z']*n't\b)[a-z0-9'*-]+"
)


def _c(source: str) -> re.Pattern[str]:
    for size in "12345":
        source = source.replace(f"<g{size}>", f"(?:{_GAP_WORD}\x01){{0,{size}}}")
    source = source.replace(" *", "\x02").replace(" ?", "\x02")
    source = source.replace(" ", _SP).replace("\x01", _SP).replace("\x02", r"[^\S\n]*")
    return re.compile(source)


def _alt(*words: str) -> str:
    return "(?:" + "|".join(words) + ")"


# Adverbs that sit anywhere in a statement without changing it.
_ADV = (
    r"(?:(?:just|really|so|honestly|seriously|actually|literally|genuinely|truly|simply|"
    r"badly|desperately|secretly|quietly|sometimes|often|always|still|even|finally|kind of|"
    r"kinda|sort of|lowkey|low key|fr|right now|tonight|today|now|all|only|very|sincerely|"
    r"totally|completely|fully|deeply|i think|i guess|like|ngl|not going to lie|to be honest|"
    r"rly)[^\S\n]+){0,4}"
)

# ---------------------------------------------------------------------------
# Outcomes: death, not existing, or a way of dying, as something wanted or intended.

_BODY = (
    r"(?:arms?|wrists?|legs?|thighs?|skin|stomach|belly|hips?|chest|face|head|body|hands?|"
    r"fingers?|ankles?|shoulders?|forearms?|neck|throat|knuckles|scalp|calves|feet|foot|"
    r"back|ribs|breasts?)"
)
_HIGH = (
    r"(?:(?:a |the |that |this |my )?(?:bridge|building|roof|rooftop|balcony|cliffs?|car park|"
    r"multi-storey|tower|window|ledge|top floor|block of flats|flats|overpass|viaduct|"
    r"motorway bridge|something high|somewhere high|a height)|(?:the )?top of (?:the |a |my "
    r")?(?:building|car park|multi-storey|tower|block|flats|bridge|cliff|stairs))"
)
_VEHICLE = (
    r"(?:(?:a|the|an|some|that|this|next|oncoming) )?(?:train|bus|lorry|truck|car|van|traffic|"
    r"tube|tram)"
)
_DRUGS = (
    r"(?:pills|tablets|meds|medication|medications|medicine|painkillers|paracetamol|"
    r"acetaminophen|tylenol|ibuprofen|aspirin|sleeping pills|sleeping tablets|sleepers|"
    r"antidepressants|anti-depressants|insulin|opioids|opiates|oxy|codeine|tramadol|"
    r"morphine|benzos|diazepam|valium|lithium|sertraline|citalopram|fluoxetine|amitriptyline|"
    r"quetiapine|prescriptions?|meds stash|stash|supply)"
)
_OUTCOME = _alt(
    r"die(?! (?:for|of|from|laughing|happy|a little|inside|old|of old age|at \d+|on this "
    r"hill|my|the|his|her|it|them|some|their|your|our|this|that|these|those)\b)",
    r"dye(?=[^\S\n]*(?:[.!?,;\n]|$))",
    r"(?:be |being |was |were |am |'m )?dead(?! (?:tired|serious|on|set|bored|beat|end|"
    r"easy|good|funny|cute|last|heat|of|weight|inside|ringer|giveaway)\b)",
    r"(?:be |being |was |were )?gone(?= *(?:[.!?,;\n]|$| forever| for good| permanently| soon))"
    r"(?: forever| for good| permanently| soon)?",
    r"(?:just )?not be(?= (?:anymore|any more|any longer|at all)\b)",
    r"(?:just )?(?:not |never )(?:exist|be (?:alive|here|around|born)|wake(?: up)?|"
    r"have been born|been born|existed|live)"
    r"(?: anymore| any more| any longer| again| tomorrow| in the morning)?",
    r"(?:won't|will not|don't|do not|wouldn't|didn't) wake(?: up)?(?! early| at| before| for)",
    r"no longer (?:exist|be (?:alive|here|around))",
    r"stop (?:existing|living|breathing|being alive|being here|being)",
    r"cease to exist|cease existing",
    r"(?:go to |fall )?sleep (?:forever|for ever|permanently|for good|and (?:never|"
    r"not) wake(?: up)?)",
    r"(?:stay|be|remain) asleep (?:forever|for ever|permanently|for good)",
    r"(?:go to |fall )?sleep and (?:stay asleep|never wake(?: up)?|not wake(?: up)?|not "
    r"come back|never come back)(?: forever| again)?",
    r"(?:go to sleep|fall asleep|sleep|close my eyes) and (?:never|not) (?:wake(?: up)?|"
    r"open them)(?: again)?",
    r"(?:disappear|vanish|go away) and never (?:be found|come back|return|be seen again)",
    r"(?:disappear|vanish|be gone|go away|leave) (?:forever|for ever|for good|permanently|"
    r"off the face of the (?:earth|planet)|from this world|this world|this earth|this life)",
    r"(?:end|ending|ended) (?:it|it all|everything|things|my life|my own life|this life|my "
    r"existence|my suffering|myself|all of it|the pain (?:forever|for good|permanently)|"
    r"this (?:forever|for good|permanently|for real)|my story|the story|my time here)"
    r"(?! with| between| there| early| at| on a| off| for (?:today|tonight|now|the day))",
    r"(?:kill|killing|murder|murdering|off|offing|unalive|unaliving|top|topping|end|"
    r"ending|hang|hanging|drown|drowning|shoot|shooting|poison|poisoning|gas|gassing|"
    r"suffocate|suffocating|stab|stabbing|electrocute|strangle|erase|delete) myself",
    r"unalive|unaliving|ctb|catch the bus|sewerslide|neck myself",
    r"rope(?:ing)?(?=[^\S\n]*(?:[.!?,;\n]|$| myself| tonight))",
    r"(?:starve|starving|drink|drinking|bleed|bleeding) myself to death",
    r"(?:take|taking|end|ending) (?:my|my own) life",
    r"(?:commit|committing) suicide|suicide",
    r"(?:take|taking|swallow|swallowing|down|downing|neck|necking) (?:all |every one of |a "
    r"(?:load|bunch|handful|lot) of |the whole (?:box|bottle|packet|pack) of |everything in "
    r"|enough )?(?:my |the |those |these |them |of my |of the )?" + _DRUGS + r"?"
    r"(?: (?:at once|all at once|in one go|together))",
    r"(?:take|taking|swallow|swallowing|down|downing) (?:every|each|all the|all my) (?:single )?"
    r"(?:pill|tablet|painkiller|paracetamol|sleeping pill|sleeping tablet|pills|tablets|meds|"
    r"painkillers|sleeping pills|sleeping tablets)(?: (?:in the (?:house|cupboard|cabinet|"
    r"drawer)|i have|i've got|we have|there is|left))?",
    r"(?:take|taking|swallow|swallowing) (?:all|every one|the lot|everything)(?: of (?:them|"
    r"it|my " + _DRUGS + r"|the " + _DRUGS + r")|(?=[^\S\n]*(?:[.!?,;\n]|$| at once| in one go)))",
    r"(?:take|taking|swallow|swallowing) (?:them|the lot|the whole (?:box|bottle|packet|pack))"
    r"(?: all)?(?=[^\S\n]*(?:[.!?,;\n]|$| at once| in one go| tonight))",
    r"(?:overdose|overdosing|od|od'ing|take an overdose|taking an overdose)",
    r"(?:jump|jumping|leap|leaping|throw myself|throwing myself|fling myself|fall|falling|"
    r"step|stepping|walk|walking|drive|driving|swerve|swerving|crash|crashing) (?:off|from|"
    r"in front of|under|out of|into|over) " + _HIGH,
    r"(?:jump|jumping|leap|leaping|throw myself|throwing myself|step|stepping|walk|walking|"
    r"lie|lying|lay) (?:down )?(?:in front of|under|onto|into|out in front of) " + _VEHICLE,
    r"(?:swerve|swerving|drive|driving|steer|steering|crash|crashing) (?:my car |the car )?"
    r"(?:into|off) (?:oncoming |the |a )?(?:traffic|a wall|a tree|the barrier|the central "
    r"reservation|a lorry|a truck|the river|the sea|the road|a bridge)",
    r"crash(?:ing)? (?:my|the) car(?! (?:insurance|park))",
    r"(?:jump|jumping|step|stepping) (?:off|out)(?=[^\S\n]*(?:[.!?,;\n]|$))",
    r"(?:jump|jumping)(?=[^\S\n]*(?:[.!?,;\n]|$))",
    r"(?:throw|throwing|fling|flinging|hurl|hurling) myself (?:down|off|out|under|in front "
    r"of|into)(?: (?:the|a) (?:stairs|road|river|sea|canal|traffic|train|bus|water))?",
    r"(?:catch|catching) the bus(?: tonight)?(?=[^\S\n]*(?:[.!?,;\n]|$| for good| if (?:you|u) "
    r"know))",
    r"(?:what i (?:might|could|would|will|may) )?do to myself",
    r"(?:slit|slitting|slash|slashing|cut|cutting|open|opening) (?:my )?(?:wrists?|throat|veins)",
    r"bleed out|bleeding out",
    r"hang myself|hanging myself|hang(?:ing)?(?=[^\S\n]*(?:[.!?,;\n]|$))",
    r"(?:let go|give up) (?:of life|on life|on living|for good|forever|of everything for good)",
    r"(?:check|checking|log|logging|sign|signing|tap|tapping|bow|bowing) out (?:for good|"
    r"permanently|forever|early|of life|of this life)",
    r"log(?:ging)? off (?:for good|permanently|forever|of life)",
    r"(?:rest|be at peace|find peace) (?:forever|for ever|for good|permanently|in peace)",
    r"(?:leave|leaving) (?:this world|this earth|this life|everyone behind for good)",
    r"(?:be|being) (?:with|in) (?:the ground|a coffin|a box|my grave)",
    r"(?:not|never) (?:see|seeing|make it to|live to see) (?:tomorrow|another (?:day|year|"
    r"birthday|christmas|summer|winter|week)|the morning|next (?:year|week|month|christmas|"
    r"birthday))",
    r"(?:be|being|get|getting) (?:hit|run over|killed|crushed) (?:by|in|under) " + _VEHICLE,
    r"(?:it all|everything|all of it|my life|life) (?:to )?(?:be )?over(?: for good| forever| "
    r"permanently| with)?(?=[^\S\n]*(?:[.!?,;\n]|$| for good| forever| permanently| now))",
    r"(?:it|everything|this|all of it|it all|the pain|my life|life|the world) (?:to )?"
    r"(?:stop|end)(?:,)? (?:forever|for good|permanently|for ever)",
    r"(?:go to sleep|fall asleep|sleep|lie down|close my eyes) (?:and|&) let (?:it|it all|"
    r"everything|the world) (?:end|stop|be over|go)",
    r"(?:swallow|swallowing|take|taking|down|downing) (?:everything|all the \w+|the lot|"
    r"whatever) (?:in|from) (?:the|my|our|mum's|dad's) (?:medicine cabinet|cabinet|drawer|"
    r"cupboard|first aid (?:box|kit)|bathroom)",
    r"do (?:something|anything) (?:stupid|drastic|silly|permanent|final|terrible|dangerous)"
    r"(?: to myself)?(?= *(?:[.!?,;\n]|$| to myself| tonight| again| this time))",
    r"do (?:something|things|it|this) to myself",
    r"(?:god|the lord|jesus|the universe|death|someone|somebody|something|cancer|the illness|"
    r"a car|a bus|a lorry|a truck|the sea|the waves|the cold|it) (?:would |will |could |just "
    r"|to )?(?:takes?|end|ends|kill|kills|claim|claims|come for|comes for) me(?! (?:to|home|"
    r"out|back|for|shopping|now|there|through|in(?! my sleep)|along|round|around|up|off|"
    r"away|with)\b)",
)

_PEACE = _c(
    r"\b(?P<out>(?:made|make|making|at) (?:my )?peace with (?:dying|death|my death|going|"
    r"leaving|the idea of (?:dying|death|not being here|going|ending it)|not being here|not "
    r"waking up|it all ending|the end|ending it|what i'?m going to do|my decision))"
)
# Wanting, hoping, intending, dwelling on: the operator before an outcome.
_WANT = _alt(
    r"(?:want|wants|wanted|wanting|need|needs|needed|long|longing|longed|yearn|yearning|ache|"
    r"aching|mean|meant|deserve|deserves|deserved|ought|have|has|got) to",
    r"(?:would|'d) (?:like|love|prefer|rather|sooner|be happy|be glad|be fine|be okay) to",
    r"(?:would|'d) rather(?: just)?(?: i)?",
    r"(?:would|'d) (?:give|do|pay) anything to",
    r"(?:want|wants|wanted|need|needs|wish|wished)(?= (?:it|everything|this|it all|all of it|"
    r"life|my life|the world|the pain|things) (?:to )?(?:stop|end|be over)\b)",
    r"(?:scared|afraid|frightened|terrified|worried)(?: of)?(?: what)?(?: i (?:might|could|"
    r"will|'ll|would|may))?(?= do (?:something|anything|it|things|this|to myself))",
    r"(?:telling|tells|told|tell|urging|urges|pushing|pushes|keeps telling) me to",
    r"rather",
    r"prefer to",
    r"(?:wish|wishes|wished|wishing|hope|hopes|hoped|hoping|pray|prays|prayed|praying)"
    r"(?: (?:that|to god|god|to))?(?: (?:i|i'd|i'll|i could|i would|i will|i might|i was|i were|"
    r"i had|i'm|i am|to|for|my life would|it would|it will|it'd|it'll|everything would|"
    r"everything will))?(?: (?:just|finally|simply|somehow))?(?: (?:be able to|could|would|will|"
    r"had|have))?",
    r"(?:going|gonna|ready|prepared|desperate|tempted|determined|planning|plan|plans|planned|"
    r"decided|deciding|decide|intend|intends|intending|intended|about|trying|try|tries|"
    r"choose|chose|chosen|set|allowed|free|able|itching|aching|waiting|dying) to",
    r"(?:urge|urges|impulse|impulses|temptation|desire|craving|cravings|need|plan|plans|"
    r"intention|decision|wish|thoughts|thought|idea|ideas|pull|voice|voices) (?:to|of|about|"
    r"telling me to|that tells me to|saying)",
    r"(?:think|thinks|thinking|thought|dream|dreams|dreaming|dreamt|dreamed|daydream|"
    r"daydreams|daydreaming|fantasi[sz]e|fantasi[sz]es|fantasi[sz]ing|fantasi[sz]ed|obsess|"
    r"obsessing|obsessed|fixated|fixating|preoccupied|ruminate|ruminating|romanticis(?:e|ing)|"
    r"romanticiz(?:e|ing)|talk|talking|talked|write|writing|wrote|joke|joking|read|reading|"
    r"research|researching|googling|googled|searching|searched|look|looking|looked) "
    r"(?:about|of|on|over|into|up|for)",
    r"(?:considering|considered|consider|contemplating|contemplated|contemplate|planning|"
    r"picturing|pictured|imagining|imagined|imagine|picture|envisioning|craving|crave|"
    r"wishing for|praying for|hoping for|longing for|welcome|welcoming|embrace|accept|"
    r"accepting|scheduling|rehearsing|rehearsed|practising|practicing|practised|practiced)",
    r"(?:feel|feels|felt|feeling) like",
    r"(?:should|might|will|shall)(?: (?:just|finally|probably|honestly|as well))?"
    r"(?: as well)?(?= (?:kill|end|die|off|unalive|jump|hang|take|od|overdose|be dead|rope|"
    r"ctb|drown|step|throw)\b)",
    r"(?:i'll|i will|i'm|i am|i'd|im)(?= (?:just |finally |probably |honestly |really |"
    r"definitely )?(?:kill|killing|end|ending|off|offing|unalive|unaliving|jump|jumping|"
    r"hang|hanging|od|overdos|rope|roping|ctb|drown|drowning|step|stepping|throw|throwing|"
    r"check|checking|log|logging|sign|signing|tap|tapping|bow|bowing|leave|leaving|"
    r"disappear|disappearing|vanish|vanishing|go to sleep|going to sleep|be gone|be dead|"
    r"taking|take)\b)",
    r"(?:time|it's time|its time|tonight's the night|tonight is the night|the day) (?:to|i)",
    r"(?:can't|cannot) wait to",
    r"(?:get|getting) to",
    r"let myself",
    r"(?:the )?(?:only|best|easiest|one) (?:way out|option|answer|solution|choice|thing left)"
    r"(?: left)?(?: is| would be| is to| would be to|:|,)?(?: to)?",
)
_WISH_OUTCOME = _c(r"\b(?P<op>" + _WANT + r") " + _ADV + r"<g2>(?P<out>" + _OUTCOME + r")(?![\w'])")
# "Death would be a relief", "it would be easier if I just died", "I wouldn't mind if I
# never woke up", "I don't care whether I live or die".
_DEATH_NOUN = (
    r"(?:death|dying|being dead|my death|my own death|not existing|not being here|not being "
    r"alive|not being around|never waking up|not waking up|nonexistence|non-existence|the "
    r"void|oblivion|suicide|ending it|ending it all|ending things|killing myself|"
    r"(?:to )?(?:die|be dead|not exist|not wake up|not be here|be gone|disappear forever))"
)
_GOOD_THING = (
    r"(?:a |such a |the )?(?:relief|mercy|blessing|release|escape|gift|kindness|rest|"
    r"peace|freedom|bliss|answer|solution|way out|only way out|only option|only answer|only "
    r"solution|only choice|best option|best thing|easiest option|easiest thing|easier|better|"
    r"best|nice|lovely|peaceful|welcome|kinder|comforting|comfort|appealing|tempting|"
    r"inviting|calming|soothing|sweet|fix (?:everything|it all|things)|solve (?:everything|"
    r"it all|all my problems|everything)|make (?:it|everything|the pain|this) (?:stop|go "
    r"away|better|easier)|end (?:the|my|all the|all my) (?:pain|suffering|problems)|be for "
    r"the best|be best for everyone|be easier for everyone|be better for everyone)"
)

_DEATH_GOOD = _c(
    r"(?<!'s\s)(?<!his\s)(?<!her\s)(?<!their\s)\b(?P<out>" + _DEATH_NOUN + r") (?:would|will|'d|"
    r"could|might|must|sounds?|seems?|feels?|looks?|is|'s|has become|becomes|is starting to "
    r"(?:look|feel|sound|seem)|keeps (?:looking|sounding|feeling))(?: (?:honestly|just|so|such|"
    r"really|genuinely|"
    r"almost|quite|pretty|more|much|kind of|like|probably|actually|definitely|surely|be|"
    r"like|at this point))*"
    r" " + _GOOD_THING + r"\b"
)
# "If I didn't wake up, that would be a relief."
_GOOD_IF_REV = _c(
    r"\b(?P<out>if i (?:just )?(?:(?:fell asleep|went to sleep|go to sleep) and )?(?:didn't|did "
    r"not|never|don't) (?:wake|woke)(?: up)?|if i (?:just )?(?:died|was dead|were dead|was gone|"
    r"were gone|wasn't here|weren't here|disappeared|stopped existing|never existed|got hit by "
    r"(?:a |the )?\w+)),? (?:that|it|everything|life|things|i) (?:would|'d|will|'ll) (?:be|"
    r"feel) (?:a |such a |so much |honestly |totally )?(?:relief|mercy|blessing|okay|fine|good|"
    r"better|best|easier|nice|peaceful|simpler|lighter|happy|glad|relieved|at peace)"
)
_GOOD_IF = _c(
    r"\b(?P<op>" + _GOOD_THING + r"|(?:a |such a )?relief|(?:so much )?(?:easier|simpler|"
    r"better)(?: for (?:everyone|everybody|all of us|me))?|fine|okay|ok|glad|happy|grateful|"
    r"at peace|content) (?:(?:if|to|when|once) (?:i )?(?:just )?)?(?P<out>(?:not to|to not|"
    r"never to) (?:exist|wake(?: up)?|be here|be alive|be around|have to wake up)|"
    r"(?:could )?(?:died|die|"
    r"were dead|was dead|be dead|didn't wake up|did not wake up|never woke up|don't wake up|"
    r"didn't exist|did not exist|stopped existing|not (?:exist|wake up|be here|be alive)|"
    r"wasn't here|weren't here|wasn't alive|was gone|were gone|was never born|had never been "
    r"born|never existed|disappeared forever|got hit by|never have to wake up|fell asleep and "
    r"never|go to sleep and never|didn't have to wake up|never had to wake up|just went to "
    r"sleep forever|stopped breathing|ended it|ended it all|killed myself)|(?:a|the|that|"
    r"some) (?:car|bus|lorry|truck|train|van|drunk driver) (?:had )?(?:hit|killed|run over|"
    r"taken out|flattened) me|(?:my heart|my "
    r"body|everything|it all|my life) (?:just )?(?:stopped|stops|would stop|gave out|gives "
    r"out|ended|ends|shut down|gave up)|(?:i )?(?:just )?(?:never woke|didn't make it|did not "
    r"make it|got sick and died|got hit|was hit|went to sleep and (?:never|didn't)))"
)
_NOT_MIND = _c(
    r"\b(?P<op>(?:wouldn't|would not|won't|will not|don't|do not|didn't|wouldnt|really "
    r"wouldn't) (?:mind|care|be upset|be sad|be bothered|object)|(?:don't|do not|couldn't|"
    r"could not|doesn't|honestly don't) (?:really |even )?care)"
    r" (?:if|whether|when|about)(?: or not)? (?P<out>i (?:died|die|live or die|lived or died|"
    r"wake up|woke up|make it|made it|don't wake up|didn't wake up|never woke up|never wake up|"
    r"get hit|got hit|crashed|was dead|were dead|survive|survived|see tomorrow|dying|live)|"
    r"dying|death|not waking up|never waking up)"
)
_LET_IT = _c(
    r"\b(?P<out>(?:wouldn't|would not|won't|will not|wouldnt|wont|not going to|i'd refuse to|"
    r"i would refuse to|i'd just not|i'd not) (?:even )?(?:get (?:it )?(?:treated|checked)|have "
    r"(?:the |any )?(?:treatment|chemo|surgery|operation)|have it treated|fight it|seek "
    r"(?:help|treatment)|call (?:an ambulance|for help|999|911)|go to (?:the )?(?:doctor|"
    r"hospital|a&e)|tell anyone)|i'?d (?:just )?let (?:it|nature|the illness|the cancer) "
    r"(?:happen|take (?:me|its course)))"
)
_ILLNESS = re.compile(
    r"\b(?:cancer|diagnosis|diagnosed|tumou?r|lump|terminal|illness|ill|disease|heart attack|"
    r"stroke|symptoms|sepsis|infection|overdosed?|bleeding|chest pain|crash|accident|hit)\b"
)
_WOKE_UP = _c(
    r"\b(?P<out>(?:disappointed|upset|angry|gutted|sad|annoyed|furious|sorry|devastated|"
    r"frustrated) (?:that |when )?i (?:woke up|wake up|survived|'?m still (?:here|alive)|am "
    r"still (?:here|alive)|didn't die|did not die|lived|made it through (?:the|another) night)|"
    r"(?:hate|hated|dread|dreading) (?:that )?i (?:keep )?(?:waking|woke|wake) up|wish i "
    r"(?:hadn't|had not|didn't|did not|never) (?:woken|wake|woke) up|(?:woke|wake|waking) up "
    r"(?:\w+ )?(?:disappointed|upset|angry|gutted|furious) (?:that )?(?:i'?m|i am|i was) "
    r"still (?:here|alive|breathing)|another (?:day|morning) of (?:being alive|existing|"
    r"breathing)|(?:still|somehow) (?:alive|here|breathing),? (?:unfortunately|sadly|"
    r"worse luck|for some reason|annoyingly)|unfortunately (?:i'?m|i am) still (?:alive|here))"
)
_OVERDOSE_ACT = _c(
    r"\b(?P<out>(?:took|taken|take|taking|swallowed|swallowing|had|downed|necked) (?:way |far "
    r")?(?:too many|a load of|a handful of|a bunch of|loads of|all (?:of )?(?:my|the)|the "
    r"whole (?:box|bottle|packet|pack|strip) of|a whole (?:box|bottle|packet|pack|strip) of|"
    r"double|triple|extra|more) (?:\w+ )?" + _DRUGS + r"(?: \w+){0,6}? (?:on purpose|"
    r"deliberately|intentionally|to (?:die|not wake up|sleep forever|end it|make it stop|stop "
    r"(?:the|it|everything)|feel nothing|numb|check out)|hoping|wanting to|so (?:that )?i "
    r"(?:wouldn't|won't|don't|would not|will not) wake|and (?:waited|went to bed hoping|lay "
    r"down|hoped)))"
)
# A farewell: an apology for not going on, the one thing left holding them, the night chosen.
_FAREWELL = _c(
    r"\b(?P<out>sorry,? (?:\w+,? ){0,3}?i (?:couldn't|could not|can't|cannot|just couldn't) "
    r"(?:do (?:it|this)|go on|carry on|keep going|take (?:it|this)|fight (?:it|this)|stay|"
    r"hold on|be strong)(?: (?:anymore|any more|any longer))?|(?:the )?only (?:thing|things|"
    r"reason|person|people|one|ones)(?: (?:that'?s|that is|that are|who'?s|who is))? "
    r"(?:stopping|keeping|holding) me(?: (?:back|here|alive|going|from (?:doing it|it|going)))?|"
    r"(?:what|who)(?:'s| is) (?:even )?(?:stopping|keeping) me (?:alive|here|going|from "
    r"(?:doing it|it))|(?:the )?only reason i'?m (?:still )?(?:here|alive|around|breathing)|"
    r"(?:goodbye|bye|farewell) (?:everyone|everybody|world|all|guys|cruel world|forever)|"
    r"(?:i'?m|i am|i feel|i feel like i'?m) (?:\w+ )?(?:finally|so|really|truly) ready to (?:go|"
    r"leave|let go|say goodbye|rest|be at peace)(?=[^\S\n]*(?:[.!?,;\n]|$| now))|"
    r"this is (?:goodbye|the end)(?=[^\S\n]*(?:[.!?,;\n]|$))|(?:hoping|hope|pray|praying|wish|"
    r"wishing) (?:that )?(?:this|tonight|today|it) (?:is|will be|'ll be|would be) (?:the|my) "
    r"last(?! (?:time i (?:see|eat|go|have|do)|one|meeting|shift|exam|day (?:of|at)|week "
    r"of)\b)|(?:the )?(?:best|kindest|right|fairest|only|most loving|least selfish) thing (?:i "
    r"can do|i could do|to do|left|left to do|for everyone)(?: for (?:\w+ ){0,2}?)? (?:is|"
    r"would be) (?:to )?(?:not be here|die|go|disappear|leave|end it|kill myself|not exist|be "
    r"gone|remove myself|get out of (?:their|the) way))"
)
# "Tonight's the night", "I went to the bridge to jump", "I'm going to join him".
_THE_NIGHT = _c(
    r"\b(?P<out>(?:decided|i'?ve decided|i know|i feel like|feels like|i think|it'?s decided) "
    r"(?:that )?(?:tonight|today|this weekend|tomorrow|this week)(?:'s| is| will be) (?:the|my) "
    r"(?:night|day|time|weekend))"
)
_WENT_TO = _c(
    r"\b(?P<out>(?:went|go|drove|drive|walked|walk|got|climbed|took the train|took a taxi|"
    r"cycled|ran) (?:\w+ ){0,5}?to (?:jump|end it|end things|kill myself|die|hang myself|"
    r"drown myself|step off|throw myself|do it)(?! (?:for|with|in the|at the|on the)\b))"
)
_JOIN = _c(
    r"\b(?P<out>(?:going to|gonna|want to|wanna|ready to|will|'ll|long to|wish i could|can't "
    r"wait to) (?:go and )?(?:join|be with|see) (?:him|her|them|my \w+)(?: again)?(?= *(?:[.!?,;"
    r"\n]|$| in heaven| soon| up there| wherever| on the other side)))"
)
_SOON_NONE = _c(
    r"\b(?P<out>(?:soon|by (?:this time )?(?:next \w+|tomorrow|then|monday|the weekend)|after "
    r"tonight|tomorrow),? (?:none of this|nothing|it|this|any of this) (?:will|won't|is going "
    r"to|'ll) (?:be my problem|matter(?: to me)?|hurt|bother me)(?: anymore)?|won't matter "
    r"(?:soon|much longer|after tonight)|(?:soon|tonight|after tonight|tomorrow|after this|then|"
    r"before long|one day soon),? i (?:won't|will never|'ll never|will not|wont) (?:have to|need "
    r"to) (?:feel|face|deal|wake|be|do this|suffer|hurt|cope|go through|think|worry))"
)
_EXIT = _c(
    r"\b(?P<out>(?:planning|plan|planned|time for|ready for|thinking about|considering|working "
    r"on) my (?:exit|way out|departure|final exit|last day|last night|last goodbye)(?! (?:from|"
    r"strategy|plan|interview|at|with|party|do)\b))"
)
# "Everyone would be better off." (said of the writer's absence, left unsaid)
_BETTER_OFF_BARE = _c(
    r"\b(?P<out>(?:everyone|everybody|they|my family|my kids|the world|people|my parents|my "
    r"partner) (?:would|'d|will) (?:all )?be better off)(?=[^\S\n]*(?:[.!?;\n]|$| honestly| tbh|"
    r" anyway))"
)
# "I shouldn't be alive", "I should have died": a verdict against one's own life.
_SHOULD_DIE = _c(
    r"\b(?P<out>(?:wish|wishing|pray|praying|hope|hoping) for (?:a |an )?(?:car crash|crash|"
    r"fatal \w+|accident|heart attack|terminal \w+|cancer|death|the end|it (?:all )?to end|"
    r"someone to kill me|a way out)(?! (?:to|for) (?:him|her|them|my)\b)|(?:i )?(?:should|"
    r"ought to) (?:just )?(?:be dead|have died|have been killed|"
    r"not be (?:alive|here)|not exist|never have been born|have been the one who died|be the "
    r"one who dies|die)|(?:i )?(?:shouldn't|should not|oughtn't) (?:even )?(?:be alive|exist|"
    r"have been born|have survived|still be (?:here|alive)|be here anymore|be here any more|"
    r"be allowed to live)|(?:wish|hope|pray) (?:that )?something (?:bad |terrible |fatal )?"
    r"(?:would |will |to )?happens? to me|(?:relieved|glad|happy|grateful|thankful) (?:if|"
    r"when) (?:i )?(?:got|get|was given|had|have) (?:a )?(?:terminal|fatal|cancer|incurable)|"
    r"(?:terminal|fatal) (?:diagnosis|illness|cancer) (?:\w+ ){0,4}?(?:relieved|relief|glad|"
    r"welcome|happy))"
)
# "Being alive is exhausting": living itself described as unbearable.
_LIFE_HARD = _c(
    r"\b(?P<out>(?:being alive|existing|living|my life|life|waking up|every day|each day|"
    r"getting up|being me) (?:is|feels|has become|is becoming|just feels) (?:\w+ ){0,2}?"
    r"(?:exhausting|unbearable|torture|agony|hell|a nightmare|too much|pointless|meaningless|"
    r"a punishment|a chore|so hard|too hard|painful|like a prison|like a prison sentence|"
    r"a burden|like drowning|empty|unliveable|unlivable))"
)
# A want and a death word in one clause, in any order and not adjacent: "I wish I'd died
# in that crash", "the only way out is death", "death is the only answer".
_CLAUSE_WISH = _c(
    r"\b(?P<op>wish|wished|wishing|want|wanted|wanting|hope|hoping|hoped|pray|praying|prayed|"
    r"long for|longing for|yearn|crave|craving|deserve|deserves|ready to|rather|welcome|"
    r"only (?:way|option|answer|solution|choice|thing left|way out)|best (?:option|way|"
    r"answer|solution|thing)|easiest (?:option|way|thing)|way out|dream of|dreaming of|"
    r"fantasi[sz]e about|fantasi[sz]ing about|tired of|sick of|can't wait|cannot wait|"
    r"please let|let me|take me)\b[^.!?;,:\n]{1,40}?\b(?P<out>die|died|dying|dead|death)\b"
    r"(?! (?:for|of|from|laughing|happy|a little|inside|old|on this hill|tired|serious|on|"
    r"set|bored|beat|end|easy|good|funny|cute|last|heat|weight|ringer|giveaway|my|the|"
    r"his|her|their|your|our|it|them)\b)"
    r"|\b(?P<out2>death|dying|dead|to die|suicide)\b (?:is|seems|feels|looks|would be|'d be|"
    r"sounds|'s)(?: \w+){0,3}? (?P<op2>the only thing (?:i have |i've got )?(?:left )?(?:to "
    r"look forward to|i look forward to|i want|that makes sense|i think about|left)|the only "
    r"(?:way out|option|answer|solution|choice|"
    r"way)|my only (?:option|way out|answer|hope)|the answer|the best (?:option|way|answer|"
    r"solution|thing)|the easiest (?:option|way)|a relief|a mercy|a release|an escape|"
    r"freedom|peace|peaceful|my way out|the way out)\b"
    r"|\b(?P<op3>(?:the )?only (?:way out|option|answer|solution|choice|escape)(?: (?:left|"
    r"for me|i have|i can see))?|my only (?:way out|option|escape)) (?:is|would be|seems|'s) "
    r"(?P<out3>death|dying|to die|suicide|ending it|ending my life|killing myself|to end it|to "
    r"kill myself|not (?:existing|being here)|to disappear forever)\b"
)
# Acts and presences that mean a plan without naming it: a means kept in mind, courage
# sought, "it" done tonight.
_COURAGE = _c(
    r"\b(?P<out>(?:work|working|worked|build|building|built|get|getting|got|find|finding|"
    r"found|muster|mustering|summon|summoning) up (?:the )?(?:courage|nerve|guts|bottle)(?! "
    r"to (?:ask|tell|talk|speak|call|text|say|go to|apply|quit|leave (?:him|her|my job))\b)"
    r"|(?:the )?(?:courage|nerve|guts|strength|bottle) to (?:do it|go through with it|end "
    r"it|act on it|jump|step off|let go|finish it)|(?:tonight|today|this weekend|tomorrow),? "
    r"i'?m (?:finally |actually |really )?(?:going to|gonna) do it(?=[^\S\n]*(?:[.!?,;\n]|$))|"
    r"(?:finally|actually|really) (?:going to|gonna) (?:do it|go through with it)(?= *(?:[.!?,"
    r";\n]|$| tonight| this time| today))|go(?:ing)? through with it(?= *(?:[.!?,;\n]|$| "
    r"tonight| this time| today))|(?:i think )?it'?s time (?:i|to) (?:end(?:ed)? it|do it|go|"
    r"went|let go|say goodbye|leave)(?=[^\S\n]*(?:[.!?,;\n]|$))|(?:gun|shotgun|rifle|pistol|"
    r"rope|noose|pills|tablets|blade|razor|knife|bridge|cliff|tracks|railway|ledge) (?:\w+ )"
    r"{0,8}?(?:keep|can't stop|cannot stop|been|i'm|always) (?:thinking|dreaming) (?:about|of) "
    r"(?:it|them|using (?:it|them)|taking them|going there)(?=[^\S\n]*(?:[.!?,;\n]|$)))"
)
# Wishing against life: a negated want, ability or reason before living.
_LIFE = (
    r"(?:live|living|be alive|being alive|stay alive|staying alive|exist|existing|be here "
    r"(?:anymore|any more|any longer|now|on this earth|in this world|tomorrow)|being here "
    r"(?:anymore|any more|any longer)|wake up(?! (?:early|at|before|for|to|in time|on time|so|"
    r"with|and (?:go|do|get|make|have)))|keep living|keep breathing|go on living|carry on "
    r"living|continue living|keep existing|survive|be around|see tomorrow|see another (?:day|"
    r"year|birthday|christmas)|face (?:another day|tomorrow|another morning|life)|be in this "
    r"world|be on this earth)"
)
# After "live", "exist", "wake up": the end of the statement, not a place or a manner
# ("live in London", "living out of a suitcase", "wake up early").
_LIFE_GAP = (
    r"(?=[^\S\n]*(?:[.!?,;:\n)\"]|$|-|anymore|any more|any longer|at all|like this|this way|"
    r"in this (?:world|body|pain|state|life|hell)|on this (?:earth|planet)|with (?:this|the|"
    r"these) (?:pain|feeling|thoughts|voices)|without (?:hope|purpose|a reason)|another|"
    r"tomorrow|today|tonight|now|either|honestly|tbh|lol|and\b|but\b|because|cause|cos|so\b|"
    r"if\b|when\b|since|after|or\b|though|again|ever|to be honest|in the morning|right now|"
    r"much longer|for much longer|past|beyond|through|to see))"
)
_AGAINST_LIFE = _c(
    r"\b(?P<op>(?:(?:don't|do not|didn't|did not|doesn't|no longer|never|not|won't|will not|"
    r"can't|cannot|couldn't|dont|hardly|barely|really don't|honestly don't) (?:really |even "
    r"|actually |honestly |truly |just )?(?:want|wanna|wish|care|feel like|have the (?:energy|"
    r"strength|will|desire)|see the point|see any point|see a reason|see any reason|see why i "
    r"should|think i (?:can|want to|should)|know (?:how|why) (?:to|i should)|know if i want "
    r"to|need|deserve|plan|intend|expect|bother|have (?:a|any) reason)(?: (?:in|of|to|for))?|"
    r"(?:not|never) (?:sure|certain|convinced) (?:if |whether |that )?i (?:want|can|should)"
    r"(?: to)?|no (?:reason|point|will|desire|wish|purpose|sense|use)(?: (?:left|anymore))?"
    r"(?: (?:to|in|of|for))?|nothing (?:left )?(?:to|worth)|(?:tired|sick|weary|done|finished|"
    r"exhausted) (?:of|with|by)|had enough of|(?:hate|hating|hated|loathe|despise)(?: having to)?|"
    r"(?:lost|losing|lose|have no|there's no|no) (?:the |all |any )?(?:will|desire|reason|"
    r"motivation|strength) to|(?:can't|"
    r"cannot) (?:bear|stand|face|handle|do|keep|stand the thought of)(?: to)?|(?:fed up|over) "
    r"(?:with|of)|give up on|given up on|gave up on|(?:not|isn't|is not) worth) )"
    + _ADV
    + r"(?:to )?(?P<out>"
    + _LIFE
    + r"|life(?! (?:insurance|coach|drawing|drawings|skills|admin|event|events|hack|hacks|"
    r"story|lesson|lessons|goals?|plans?|choices|partner|savings|expectancy|jacket|cycle|"
    r"support|sentence|science|sciences)\b)|being me|being myself|being a person|being human|"
    r"existing|this life|my life|living|to live for|to keep going for|left for me|doing "
    r"(?:this )?(?:whole )?life(?: thing)?|do (?:this )?(?:whole )?life(?: thing)?|to look "
    r"forward to)" + _LIFE_GAP + r"(?! (?:like this|this way) (?:at|for|in))"
)
_NOT_WORTH = _c(
    r"\b(?P<out>(?:my )?life (?:isn't|is not|isnt|'s not|is no longer|no longer feels|doesn't "
    r"feel|just isn't|really isn't) (?:\w+ )?worth (?:living|it|anything|the effort)|(?:life|"
    r"living) (?:is|feels) (?:not|never) worth it|nothing (?:left )?(?:to live for|worth "
    r"living for)|no (?:reason|point|will) (?:left )?to (?:live|keep living|go on living|be "
    r"alive|stay alive|keep going|carry on living|exist)|life (?:is|'s) (?:just |really |"
    r"clearly )?not for me|life isn't for me|(?:i'?m|i am|i was) (?:just )?not (?:made|built|"
    r"meant|cut out) for (?:this world|life|living|this life|being alive)|(?:i )?don't belong "
    r"(?:in this world|here anymore|on this earth|anywhere anymore|among the living)|"
    r"(?:opting|opt|opted|clocking|clock|tapping|tap) out(?: of (?:life|everything|existence|"
    r"this life|living))?(?=[^\S\n]*(?:[.!?,;\n]|$| for good| permanently| soon| tonight)))"
)
# Self-directed acts: risk in themselves, wherever the writer is the subject.
_ACT = _c(
    r"\b(?P<out>(?:kill|killing|killed|murder|murdering|off|offing|offed|unalive|unaliving|"
    r"unalived|top|topping|topped|end|ending|hang|hanging|hanged|drown|drowning|poison|"
    r"poisoning|gas|gassing|suffocate|suffocating|electrocute|strangle|strangling|delete|"
    r"deleting|erase|erasing|yeet|yeeting|shoot|shooting) myself|toaster bath|self-delete|"
    r"self-deleting"
    r"|(?:end|ending|ended|take|taking|took) (?:my|my own) life|suicide|suicidal|"
    r"unalive|unaliving|ctb|catch the bus|sewerslide|slit my wrists|slitting my wrists|"
    r"(?:an |the )?overdose|overdosing|overdosed|od|od'd|od'ing|self-harm|self-harming|"
    r"self-harmed|self-injury|self-injuring|sh|neck myself|rope myself|end it all|"
    r"(?<=i\s)attempted(?=[^\S\n]*(?:[.!?,;\n]|$|when|at \w+|in (?:19|20)\d\d|last|twice|once|"
    r"before|again|as a|back|a few|two|three|years|months))|"
    r"ending it all|end things for good|end everything)(?![\w'-])"
)
# Others better off without the writer, or not missing them.
_ABSENCE = (
    r"(?:without (?:me|(?:people|someone|somebody|anyone|a person|a failure|a loser|an? "
    r"\w+) like me|the likes of me)|with me (?:dead|gone|out of the way|out of the picture|"
    r"not around|not "
    r"here)|(?:once|when|after|if) i'?m (?:gone|dead|not here|not around|no longer here|out "
    r"of the picture|out of the way)(?! (?:on|for|to|from|away|abroad|travelling|shopping))|"
    r"(?:if|when|once|after) i (?:just )?(?:was|were|am) (?:gone|dead|not (?:here|around|"
    r"alive)|no longer (?:here|around|alive)|never born|out of the picture|out of the way)|"
    r"(?:if|when|once|after) i (?:just )?(?:wasn't|weren't|was not|were not) (?:here|around|"
    r"alive|in (?:their|the|his|her|your) (?:lives|life|way))|(?:if|when|once|after) i "
    r"(?:just )?(?:died|disappeared|vanished|killed myself|ended it|stopped existing|never "
    r"existed|didn't exist|had never been born|was never born|left for good|never came back|"
    r"didn't wake up|never woke up|went away for good)|if i had never been born|if i'd never "
    r"been born|if i never existed)"
)
_BETTER_OFF = _c(
    r"\b(?P<op>(?:better|easier|happier|lighter|simpler|calmer|nicer|freer|free|fine|okay|"
    r"ok|alright|relieved|relief|glad|happy|better place|get over it|get over me|move on|"
    r"forget (?:about )?me|not miss me|barely notice|hardly notice|cope|manage|thrive|"
    r"celebrate|be better|be fine|be okay|start again|start over|start afresh|be free|"
    r"finally|kinder|fairer|cheaper|quieter|at peace|breathe|less stress|less hassle|one less|"
    r"flourish|get on with|live their lives|be at peace))(?: \w+){0,8}? (?P<out>"
    + _ABSENCE
    + r")|\b(?P<out2>"
    + _ABSENCE
    + r"),? (?:\w+ ){0,8}?(?P<op2>better off|happier|easier|"
    r"better|relieved|free|freer|start again|start over|move on|finally|breathe|at peace|be "
    r"fine|be okay|be happy|cope|manage|celebrate|get over it|forget (?:about )?me|not miss "
    r"me|be better|more (?:room|space|money|time|peace)|carry on|go on|nothing would change|"
    r"wouldn't change|no difference|wouldn't notice|won't notice|wouldn't matter|won't "
    r"matter|be lighter|be simpler|be quieter)\b"
)
_NO_ONE_CARES = _c(
    r"\b(?P<op>(?:no one|nobody|no-one|none of them|not one person|not a single (?:person|soul)|"
    r"not a soul|who|would anyone|will anyone|does anyone|would anybody|will anybody|they|"
    r"everyone|people|my family|my friends)(?: \w+){0,2}? (?:would|will|'d|'ll|is going to|"
    r"are going to|even|ever|actually|really|honestly|probably|even really)?(?: \w+)? ?(?:care|"
    r"notice|miss me|mind|cry|mourn|grieve|come to my funeral|be sad|be upset|remember me|"
    r"realise|realize|notice i'?m gone|notice i was gone|be relieved|feel relieved|be glad|"
    r"celebrate|barely notice|hardly notice))(?: \w+){0,4}? (?P<out>" + _ABSENCE + r"|i was "
    r"gone|i'?m gone|i'?d gone)|\b(?P<op2>(?:no one|nobody|no-one|none of them|they|everyone|"
    r"people|my family|my friends|no one would|nobody would|they won't|they wouldn't|won't|"
    r"wouldn't)(?: \w+)? (?:miss|mourn|grieve for) (?:me|my absence))(?!\w)"
)
_SOON_GONE = _c(
    r"\b(?P<out>(?:won't|will not|wont) (?:bother|trouble|burden|annoy|worry|upset|be a "
    r"problem (?:for|to)) (?:anyone|anybody|you|everyone|them|people|you all)(?: (?:much "
    r"longer|for much longer|for long|anymore|any more|again|soon))(?=[^\S\n]*(?:[.!?,;\n]|$))|"
    r"(?:won't|will not|wont|am not going to|i'm not going to|not going to) be "
    r"(?:here|around|alive|a (?:problem|burden|bother|nuisance|worry)(?: (?:to|for) "
    r"(?:anyone|anybody|everyone|them|you|my family))?) (?:much longer|for (?:much )?longer|"
    r"for long|soon|anymore|any more|by (?:christmas|tomorrow|the (?:weekend|end of|morning)|"
    r"next|then|monday|tuesday|wednesday|thursday|friday|saturday|sunday|the time)|tomorrow|"
    r"this time next (?:week|month|year)|after "
    r"(?:tonight|today|this week|this weekend|this month)|to see (?:it|that|another|next|my)|"
    r"next (?:year|week|month|christmas))|(?:won't|will not|'m not going to|am not going to) "
    r"be (?:in it|around for (?:it|that|them|any of it)|here for (?:it|that|them|any of it)|"
    r"there to see (?:it|that|them)|part of (?:it|the future|their future))|(?:no one|nobody|"
    r"they|you|everyone|my family) "
    r"(?:will|'ll|won't) (?:have to|need to) (?:deal|put up|worry|bother|cope|look after|care "
    r"for) (?:with |about |for )?me (?:for )?(?:much longer|for long|soon|anymore|any more|any "
    r"longer)|(?:this|it) (?:is|will be|'s|'ll be) (?:my|the) (?:very )?last time i(?:'ll| "
    r"will)? (?:ever )?(?:write|post|see|speak|talk|say|wake)|(?:this|it) (?:is|will be|'s|"
    r"'ll be) (?:my|the) (?:very )?last (?:entry|post|message|note|words|goodbye|birthday|"
    r"christmas)(?! (?:before|for|of|until|at|in|on|as|with|together|here at|this|single|"
    r"with))|(?:my|the) last (?:entry|post|message|goodbye|words)(?=[^\S\n]*(?:[.!?,;"
    r"\n]|$))|(?:don't|do not|can't|cannot|won't) (?:think|expect|see|imagine) (?:i'?ll|i "
    r"will|myself|me|i'?m going to|i'?d) (?:still )?(?:make it|making it|be (?:here|alive|"
    r"around)|being (?:here|alive|around)|survive|surviving|last|lasting|living) (?:\w+ ){0,2}?"
    r"(?:to|till|until|past|through|beyond|by|in|at|for|another)? ?(?:the end of (?:the|this) "
    r"(?:year|month|week)|next (?:year|week|month|christmas|summer|birthday)|christmas|summer|"
    r"my (?:next )?birthday|another (?:year|week|month|day)|tomorrow|the weekend|(?:a|one) "
    r"more (?:year|week|month)|much longer|long|thirty|forty|\d+))"
)
# Plans, methods and means, with something that makes them a plan.
_RESEARCH = _c(
    r"\b(?P<op>(?:looked|looking|look|searched|searching|search|googled|googling|google|"
    r"researched|researching|research|read up|reading up|checked|checking|worked out|working "
    r"out|figured out|figuring out|calculated|calculating|found out|finding out|asked (?:ai|"
    r"chatgpt|google)|watched videos)(?: up| into| for| on| online| about)?)(?: \w+){0,3}? "
    r"(?P<out>(?:how (?:many|much)(?: \w+){0,3}? (?:it would take|would (?:kill|do it|be "
    r"enough|be fatal|be lethal)|to (?:take|die|overdose|od|do it|be fatal|kill)|is (?:lethal|"
    r"fatal|a lethal dose|too many|an overdose)|(?:are|is) fatal)|how (?:long|to) (?:it takes "
    r"to |to )?(?:die|bleed out|drown|hang|suffocate|overdose|kill|do it|end it|go without "
    r"(?:pain|hurting))|(?:the )?(?:lethal|fatal|deadly|toxic) (?:dose|amount|quantity|"
    r"levels?)|(?:painless|quick|quickest|fastest|easiest|easy|best|surest|certain|peaceful|"
    r"reliable|quiet|clean) (?:ways?|methods?|means) (?:to|of) (?:die|dying|go|going|do it|"
    r"end it|kill|suicide|death|not wake up)|ways to (?:die|kill myself|end it|go|do it|"
    r"commit suicide|not wake up)|suicide (?:methods?|forums?|sites?)|(?:the )?(?:tallest|"
    r"highest) (?:bridge|building|car park|multi-storey|tower|cliff|block|point)s? (?:in|"
    r"near|around|nearby|close)(?! the (?:world|country|uk|us|europe))(?! \w+ for (?:a|the|my) "
    r"(?:quiz|project|class|homework|essay|trip|holiday))|(?:which|what) (?:bridge|building|"
    r"car park|drugs?|pills?|medication|tablets?|method|rope|knot)s? (?:would|are|is|to|could|"
    r"work|kill)(?: \w+){0,3}? (?:kill|fatal|lethal|die|do it|end it|enough|painless|quick)|"
    r"how to (?:tie a noose|hang|slit|cut deep|get a gun|buy a gun)|(?:train|fast train|"
    r"express) (?:times|timetables?|schedules?) (?:through|past|for|at|near|over) (?:the )?"
    r"(?:level crossing|crossing|bridge|viaduct|tracks|railway)|overdos(?:e|es|ing)(?! (?:training|"
    r"awareness|prevention|kits?|rates|statistics|first aid))|whether (?:it|they|that) would "
    r"(?:hurt|kill|be enough)))"
)
_HOARD = _c(
    r"\b(?P<op>(?:saving|saved|save|stockpiling|stockpiled|stockpile|hoarding|hoarded|hoard|"
    r"stashing|stashed|stash|squirrelling|squirreling|squirrelled|squirreled|hiding|hid|hidden|"
    r"secretly keeping|keeping|kept|building up|built up|collecting up|collected up|"
    r"putting aside|put aside|setting aside|set aside|holding onto|holding on to|not taking "
    r"and keeping|saving up|saved up)) (?:\w+ ){0,3}?(?P<out>" + _DRUGS + r"|rope|a rope|"
    r"noose|blades?|razors?|razor blades|a gun|the gun|his gun|charcoal|helium|poison|"
    r"bleach|pills)(?! (?:in a box|by the bed|in the cupboard|for the (?:dog|cat|trip|journey|"
    r"holiday)|organiser|organizer|so i remember))"
    r"(?! (?:for|from) (?:my|the|a) (?:dog|cat|kids?|children|pharmacy|chemist|holiday|trip))"
)
_ENOUGH = _c(
    r"\b(?P<out>(?:enough|all (?:the|those|these|my)) " + _DRUGS + r" (?:\w+ ){0,10}?(?:look(?:"
    r"ing)? at them|star(?:e|ing) at them|count(?:ing)? them|thinking about (?:them|taking)|"
    r"hold(?:ing)? them)|(?:tested|testing|tried|trying|practised|practiced|practising|"
    r"practicing|rehearsed|rehearsing) (?:\w+ ){0,5}?(?:with|using) (?:the|a|my) (?:belt|rope|"
    r"cord|scarf|ligature|bag|noose|cable|tie)|(?:bought|buying|ordered|ordering|got|getting|"
    r"picked up|found) (?:a |some |the "
    r"|a length of |a long |a strong |new )?(?:rope|noose)(?! (?:for|to|from) )|(?:count|"
    r"counting|counted|counts|recount\w*) (?:\w+ ){0,2}?" + _DRUGS + r"|(?:enough|plenty of|"
    r"a stash of|a stockpile of|a supply of|a hoard of|a "
    r"collection of|a box of|boxes of|a bag of|a drawer full of|a drawer of|a shoebox of) "
    r"(?:\w+ )?" + _DRUGS + r"(?: (?:saved|stashed|hidden|put away|ready|for when|to do it|to "
    r"end it|to die|to kill|to not wake|to overdose|that would|for later|for the right time|"
    r"in case|for if|for one day))|(?:got|have|bought|ordered|found|hid|hidden|ready|keeping|"
    r"keep|keeps|carry|carrying|"
    r"kept) (?:\w+ ){0,3}?(?:" + _DRUGS + r"|a rope|rope|the rope|noose|blades?|razors?|razor "
    r"blades|a gun|the gun|charcoal|helium) (?:\w+ ){0,4}?(?:for when i'?m ready|for when i "
    r"need|for when it gets|for the end|for later|to do it|to end it|to use|for tonight|"
    r"for my plan|for myself|in case|hidden|under my (?:bed|mattress|pillow)|in my (?:drawer|"
    r"wardrobe|room|car|bag|sock drawer)|ready)|(?:tied|tying|tie|made|making|bought|buying|"
    r"ordered|got|found) (?:a |the |my )?noose)"
    r"(?! for (?:the )?(?:swing|garden|boat|tent|camping|washing|climbing|dog|cat))"
)
_KNOW_HOW = _c(
    r"\b(?P<out>(?:i )?(?:know|knew|decided|worked out|figured out|planned|chosen|picked|"
    r"settled on) (?:exactly |already |just |now )?(?:where|how|when|what) (?:i'?d|i would|"
    r"i will|i'?ll|i am going to|i'?m going to|i'?m gonna|to) (?:do it|go|end it|jump|"
    r"finish it|make it happen|go through with it|die|kill myself|take them|use it|end "
    r"things)|(?:my|the) plan (?:is|was|'s) (?:to )?(?:\w+ ){0,3}?(?:the )?(?:"
    + _DRUGS
    + r"|rope|noose|bridge|train|tracks|gun|knife|blade|jump|overdose|hang|drown|cliff|roof)|"
    r"(?:chosen|picked|set|decided on|settled on|planned|worked out|sorted out|"
    r"thought through|thought out) (?:the |a |my )?(?:date|day|time|place|spot|location|"
    r"method|way|bridge|rope|tree|plan)s? (?:and|&) (?:the |a |my )?(?:date|day|time|place|"
    r"spot|location|method|way|bridge|rope|tree)|(?:i have|i've got|i've made|i made|i've "
    r"worked out|there's) (?:a|my) (?:plan|method|way)(?: \w+){0,3}? (?:to (?:do it|end it|"
    r"die|kill myself|go)|for (?:how|when|where) i))"
)
_AT_THE_EDGE = _c(
    r"\b(?P<op>(?:stood|standing|sat|sitting|was|been|went|walked|climbed|leaned|leaning|"
    r"hung|hanging|dangled|dangling|drove|parked|lay|lying)) (?:\w+ ){0,4}?"
    r"(?:on|at|by|to|over|near|onto|up to|out on|beside|across) (?:the )?(?P<out>ledge|"
    r"railings?|parapet|platform edge|edge of (?:the |a )?(?:platform|roof|bridge|cliff|"
    r"building|car park|balcony|tracks)|top of (?:the |a )?(?:car park|multi-storey|building|"
    r"bridge|cliff|tower|block)|rail (?:tracks|line)|railway|train tracks|tracks|level "
    r"crossing|roof|rooftop|bridge|cliffs?)(?: \w+){0,8}? (?:thinking|thought|wondering|"
    r"wanting|wanted|ready|deciding|tempted|imagining|working up|daring myself|trying to "
    r"(?:decide|work up|make myself)|about to|nearly|almost|so close to) (?:\w+ ){0,3}?"
    r"(?:jump|jumping|step|stepping|fall|falling|let go|letting go|lean|leaning|go over|going "
    r"over|climb over|climbing over|how easy|how quick|how high|how far|end|ending|do it|doing "
    r"it|it|the drop|the water|the train|the trains)"
)
_TALL = _c(
    r"\b(?P<op>(?:looking at|looked at|checking out|checked out|scouting|scouted|visiting|"
    r"visited|researching|researched|went to|going to|walking past|walked past|staring at|"
    r"stared at)) (?:\w+ ){0,2}?(?P<out>(?:tall|high|the tallest|the highest) (?:buildings|"
    r"bridges|car parks|multi-storeys|cliffs|places|towers|blocks))(?: \w+){0,6}? (?:which "
    r"one|the best one|the right one|how high|how tall|whether|if (?:it|they|one) would|and "
    r"(?:thinking|wondering|working out|imagining))"
)
_HOLD = _c(
    r"\b(?P<op>(?:held|holding|hold|pressed|pressing|put|putting|had|pointed|pointing|ran|"
    r"running)) (?:a |the |my |dad's |his |her )?(?P<out>(?:blade|knife|razor|scissors|"
    r"gun|rope|belt|cord|pills|tablets|glass|shard)) (?:\w+ ){0,3}?(?:to|against|over|"
    r"across|around|into|at) (?:my )?(?:wrists?|throat|neck|arms?|skin|head|temple|"
    r"chest|mouth|veins)"
)
# Preparations for dying.
_PREPARE = _c(
    r"\b(?P<out>(?:wrote|written|writing|write|left|leaving|leave|drafted|drafting|recorded|"
    r"recording|made|making|typed|typing) (?:a |my |the |some |all my |all the |little |"
    r"short )?(?:suicide |goodbye |farewell |final |last )(?:notes?|letters?|messages?|"
    r"posts?|videos?|texts?|emails?|cards?|words|will)|(?:suicide|goodbye|farewell) "
    r"(?:notes?|letters?|messages?|posts?|videos?)|(?:notes?|letters?|messages?|cards?) "
    r"(?:\w+ ){0,4}?(?:for (?:after|when|once) i'?m (?:gone|dead|not here|not around)|to "
    r"be (?:opened|read|found) (?:after|when|once)|for (?:them|everyone|my \w+) to find|"
    r"saying sorry and goodbye|saying goodbye(?! (?:to (?:the|my) (?:class|team|office|"
    r"colleagues)|before (?:the|my|our) (?:move|trip|holiday))))|(?:said|saying|say) (?:my )?"
    r"(?:last |final )?goodbyes(?! (?:at|to (?:the|our|this|that|my (?:old|childhood)|my "
    r"(?:colleagues|class|team|classmates|flat|house|home|office|students)|everyone at)))|"
    r"(?:told|tell|telling|showed|shown|left|written down|wrote down|writing down) (?:\w+ )"
    r"{0,4}?(?:where|how to find|how to get into|how to access) (?:my|the) (?:bank|passwords?|"
    r"will|documents|papers|accounts?|details|insurance|life insurance|pin|logins?)(?: "
    r"\w+){0,5}?,? (?:just in case|in case|for afterwards|for when i'?m gone|if anything "
    r"happens)|(?:wrote|written|writing|write|recorded|recording|typed|typing|drafted|drafting) "
    r"(?:out )?(?:my|some|all my|all the|little|short)? ?goodbyes?(?! (?:card|cards|speech|"
    r"email|party|do|drinks|lunch|present|gift|song)\b)|"
    r"(?:said|saying|say) (?:a )?(?:last |final |quiet |secret )?goodbye to (?:\w+ ){0,3}?"
    r"(?:without (?:them|anyone|anybody|him|her) (?:knowing|realising|realizing)|without "
    r"(?:telling|saying) (?:them|anyone|him|her) why|for the "
    r"(?:last|final) time|one last time|for good|in my head|quietly|secretly|properly this "
    r"time|(?:the )?people i love|everyone i love|my loved ones|everyone who matters)|(?:giving|"
    r"gave|give|given) (?:away )?(?:all )?(?:my |of my )?(?:things|stuff|"
    r"belongings|possessions|favourite things|favorite things|treasured|prized|precious|"
    r"most precious|jewellery|jewelry|everything i own|everything)(?: away)?(?! (?:to (?:the )?"
    r"(?:charity|tip|dump|library)|because|since|as (?:we|i)'re|before (?:the|our|my) "
    r"(?:move|moving)|for the move|when we move))|(?:put|putting|got|getting|sorted|sorting|set|"
    r"setting) (?:all )?my affairs in order|(?:sorted|sorting|updated|updating|made|making|"
    r"wrote|writing|finished|finishing|signed) (?:out )?(?:my|a) will(?: \w+){0,6}? (?:so "
    r"(?:they|everyone|nobody|no one|my \w+) (?:won't|don't|doesn't|will not|has|have)|for "
    r"when i'?m (?:gone|not here)|because i won't (?:be|need)|and (?:who|which|what) gets? my "
    r"\w+ (?:when|after|once) i'?m gone)|(?:notes?|letters?|messages?|posts?|emails?|texts?|"
    r"videos?) (?:\w+ ){0,5}?(?:once|when|after|for when) (?:it'?s|it is|i'?ve|i have|i'?m) "
    r"(?:done|over|finished|gone|done it|dead)(?=[^\S\n]*(?:[.!?,;\n]|$))|(?:cancelled|"
    r"canceled|cancelling|paid off|paying off|"
    r"settled|settling|closed|closing|sorted|sorting|deleted|deleting|tied up|tying up) "
    r"(?:\w+ ){0,5}?so (?:that )?(?:no one|nobody|no-one|they|my family|my \w+|mum|dad|"
    r"everyone) (?:won't|doesn't|don't|will not|does not|do not|has to|have to|'ll|will|"
    r"won't have to) (?:have to )?(?:deal|sort|worry|clean|pay|bother|cope|handle)|(?:paid|"
    r"paying|prepaid|cancelled|canceled|sorted|settled|cleared) (?:[\w']+ ){0,6}?so (?:that )?"
    r"(?:no one|nobody|no-one|they|my family|my \w+|mum|dad|everyone)(?:'s| is| will be| "
    r"won't be| isn't| gets| doesn't get)? ?(?:not )?(?:left|stuck) (?:with (?:it|them|the "
    r"\w+|anything|my \w+)|to (?:deal|sort|pay|clean))|"
    r"(?:cleaned|tidied|cleared|packed|sorted) (?:\w+ ){0,5}?so (?:nobody|no one|they|my family|"
    r"mum|dad|my \w+) (?:has|have|needs?|will have|won't have|doesn't have|don't have) to (?:do|"
    r"deal with|sort|clean|clear) (?:it|anything|up|with it|my \w+|everything)(?: up)? (?:after|"
    r"afterwards|later)(?=[^\S\n]*(?:[.!?,;\n]|$))|(?:gave|given|giving|give|sold|selling|handed"
    r") [^.!?;\n]{0,60}?i won't (?:be )?need(?:ing)? (?:them|it|these|those|any of (?:it|this|"
    r"them)|my \w+)(?: (?:anymore|any more|where i'?m going|after (?:tonight|this)))?(?=[^\S\n]*"
    r"(?:[.!?,;\n]|$))|"
    r"(?:who'?ll|who will|who'?d|who would|who should|who can|someone to|somebody to) (?:take|"
    r"have|look after|care for|feed|get) my (?:dog|cat|pets?|kids|children|plants|things|"
    r"stuff|fish|rabbit|bird)(?! (?:while|when i'?m (?:away|on)|for the (?:weekend|week)|"
    r"next)\b)|(?:playlist|songs?|music|hymns?|readings?|flowers|outfit|eulogy|plans?) "
    r"(?:\w+ ){0,3}?for my (?:own )?funeral|plan(?:ned|ning)? my (?:own )?funeral|(?:who|"
    r"what|which) (?:gets|will get|should get|can have|is getting) my (?:things|stuff|"
    r"belongings|cat|dog|pets?|room|money|guitar|books|clothes)(?! (?:when we move|while i'?m "
    r"away))|(?:made|making|arranged|arranging|sorted|sorting) (?:\w+ ){0,4}?(?:arrangements|"
    r"sure|provision|plans?)(?: \w+){0,8}? (?:after i'?m gone|when i'?m gone|once i'?m gone|"
    r"for when i'?m gone|in case i'?m not (?:here|around)|if anything happens to me|for "
    r"afterwards|without me)|(?:(?:after|when|once|for when) i'?m (?:gone|dead|not here|not "
    r"around)(?! (?:on|for|to|from|away|abroad|travelling|shopping|out|into)))|"
    r"(?:rehomed|rehoming|found a (?:new )?home for|found new homes for) my (?:cat|dog|pets?|"
    r"rabbit|fish|bird|hamster)(?! because (?:we|i) (?:moved|are moving|am moving|'re moving|"
    r"'m moving)))"
)
# Self-harm: a harming verb on the writer's body, with a tool, an intent or a time that
# makes it self-harm rather than an accident; or an urge to do it.
_HARM_VERB = (
    r"(?:cut|cutting|cuts|scratch|scratched|scratching|burn|burned|burnt|burning|carve|carved|"
    r"carving|slash|slashed|slashing|hit|hitting|punch|punched|punching|bang|banged|banging|"
    r"slam|slammed|slamming|bite|bit|biting|stab|stabbed|stabbing|scrape|scraped|scraping|"
    r"pick|picked|picking|gouge|gouged|gouging|bruise|bruised|bruising|whip|whipped|pinch|"
    r"pinched|pinching|hurt|hurting|harm|harmed|harming|injure|injured|injuring|mutilate|"
    r"mutilated|mutilating|starve|starved|starving|choke|choked|choking|strangle|strangled|"
    r"claw|clawed|clawing|tear|tore|tearing|rip|ripped|ripping|pull|pulled|pulling|dig|dug|"
    r"digging|smash|smashed|smashing|beat|beating|punish|punished|punishing|bleed|bled)"
)
_HARM_OBJECT = r"(?:myself|my (?:own )?(?:upper |inner |left |right )?" + _BODY + r"|me)"
_HARM_HOW = (
    r"(?:on purpose|deliberately|intentionally|purposely|to feel (?:something|anything|"
    r"pain|better|real|in control|alive|numb|nothing)|to punish myself|as (?:a )?punishment|"
    r"because i deserve|to cope|to make (?:it|the pain|myself) (?:stop|go away|feel)|until "
    r"(?:it|they|i|the skin|my \w+) (?:bled|bleeds|bleed|bruised|bruise|blistered|broke|"
    r"split|was raw|were raw|went numb|hurt)|till (?:it|they|i) (?:bled|bleeds|bleed|"
    r"bruised)|(?:it|they) (?:bled|was bleeding|were bleeding)|raw|bloody|to the bone|"
    r"with (?:a |the |my )?(?:lighter|blade|razor|razor blade|compass|scissors|hot "
    r"\w+|cigarette|match|matches|pencil sharpener blade|sharpener|shard|safety pin|"
    r"pin|needle|keys?|nails|fingernails|belt|straighteners)|in secret|secretly|where (?:no "
    r"one|nobody) (?:can|could|will|would) see|so (?:no one|nobody) (?:sees|would see|can "
    r"see)|<WHEN>)"
)
_HARM_WHEN = (
    r"(?:again|(?:last|this) (?:night|morning|evening|week|weekend)|yesterday|today|tonight|"
    r"earlier|just now|an hour ago|hours ago|(?:a |one |two |three |few |couple of |a few "
    r"|a couple of )days ago|every (?:night|day|evening|morning)|most (?:nights|days)|in "
    r"the bathroom)"
)
# Verbs that are self-harm only with intent ("I hurt my back again" is sport).
_WEAK_HARM = re.compile(
    r"(?:hurt|hurting|hit|hitting|bang|banged|banging|bite|bit|biting|bruise|bruised|"
    r"bruising|pinch|pinched|pinching|pull|pulled|pulling|injure|injured|injuring|tear|tore|"
    r"tearing|rip|ripped|ripping|dig|dug|digging|pick|picked|picking|choke|choked|choking|"
    r"smash|smashed|smashing|beat|beating|slam|slammed|slamming|punch|punched|punching|"
    r"starve|starved|starving|bleed|bled)"
)
_ACCIDENT = re.compile(
    r"\b(?:accident|accidentally|by mistake|clumsy|clumsily|on (?:the|a) (?:oven|stove|hob|"
    r"kettle|iron|pan|tray|radiator|door|cupboard|corner|table|grill|barbecue|bbq|fence|"
    r"bramble|nettles?|glass|tin|can|step|stairs|ice)|cooking|chopping|slicing|peeling|"
    r"shaving|gardening|weeding|playing|training|football|rugby|netball|hockey|the gym|"
    r"sparring|boxing|climbing|cycling|running|skiing|skating|surfing|fell|fall|falling|"
    r"tripped|slipped|opening|lifting|moving|carrying|dog|cat|puppy|kitten|bit me|paper cut|"
    r"papercut|stubbed|sunburn|sunburnt|sunbathing|the sun|hair straighteners while|bread "
    r"knife|kitchen|dentist|doctor|nurse|surgery|operation|vaccine|jab|blood test|tattoo|"
    r"piercing|waxing|eyebrows|washing up|washing-up|the dishes|broken glass|a glass broke|"
    r"smashed a glass|dropped a glass|tin lid)\b"
)
_SELF_HARM = _c(
    r"\b(?P<op>" + _HARM_VERB + r") (?:" + _ADV + r")(?P<out>" + _HARM_OBJECT + r")"
    r"(?: \w+){0,6}? (?P<how>"
    + _HARM_HOW.replace("<WHEN>", _HARM_WHEN)
    + r")"
    + r"|\b(?P<op2>(?:on purpose|deliberately|intentionally|purposely)),? (?:i )?"
    + _HARM_VERB
    + r" (?:"
    + _HARM_OBJECT
    + r"|the wall|a wall|walls|the door|the mirror|glass)"
    + r"|\b(?P<op3>"
    + _HARM_VERB
    + r") (?:the |a )?(?:wall|walls|door|mirror|window|glass) "
    r"(?:\w+ ){0,4}?(?:on purpose|deliberately|to feel|to hurt myself|until my (?:"
    + _BODY
    + r") (?:bled|split|broke|bruised)|until (?:i|it) bled)"
    + r"|\b(?P<op4>"
    + _HARM_VERB
    + r") (?:\w+ ){0,2}?(?:until|till) (?:i|it|they|my \w+) "
    r"(?:bled|bleed|bleeds|was bleeding|were bleeding|bruised|blistered|opened)"
    + r"|\b(?P<op5>(?:took|take|taking|takes) it out on) (?:myself|my (?:own )?"
    + _BODY
    + r")"
    + r"|\b(?P<op6>(?:picked|picking|pick|scratched|scratching|dug|digging|tore|tearing|"
    r"ripped|ripping|opened|reopened|reopening) (?:at |into |open )?(?:my )?(?:scars|wounds?|"
    r"cuts|scabs|stitches)) (?:\w+ ){0,4}?(?:until|till|again|on purpose|deliberately|so "
    r"they|and (?:they|it) bled)"
)
_HARM_URGE = _c(
    r"\b(?P<op>(?:urge|urges|need|needing|craving|cravings|itch|itching|pull|temptation|"
    r"tempted|want|wanting|wanted|desperate|dying|longing) (?:\w+ ){0,2}?to|want to|need to|"
    r"going to|gonna|about to|i'll|i will|i'm going to|i might|might) "
    + _ADV
    + r"(?P<out>(?:cut|burn|scratch|carve|slash|hurt|harm|hit|punch|bang|bleed|starve|punish|"
    r"injure|self-harm|sh)(?: (?:myself|my (?:" + _BODY + r")|me)|(?=[^\S\n]*(?:[.!?,;\n]|$| "
    r"again| so bad| so badly| deep| deeper| tonight| right now| really bad)))"
    r"|see (?:my own )?blood|feel the (?:blade|razor|pain|sting|burn)|use (?:the |a |my )?"
    r"(?:blade|razor|lighter)|relapse)(?![\w'-])"
)
_HARM_NOUN = _c(
    r"\b(?P<out>(?:relapsed|relapse|relapsing)(?: (?:on|with|into|again|tonight|last night|"
    r"today|yesterday|this week))?|(?:used|got out|grabbed|took out|picked up|found|bought) "
    r"(?:the |a |my |some |new )?(?:blade|blades|razor|razors|razor blades|sharpener blade|"
    r"lighter) (?:again|tonight|last night|today|yesterday|this morning|this week|on "
    r"(?:myself|my (?:" + _BODY + r")))|(?:fresh|new|deep|deeper|open|bleeding|infected) "
    r"(?:cuts|cut|wounds?|burns?|scratches|marks|scars) on my (?:" + _BODY + r")|"
    r"(?:sh|self-harm|self harm|cutting|burning) (?:again|urges|is back|relapse|tonight|last "
    r"night|this week|today|yesterday|every night))(?![\w'-])"
)
# Concern: hopelessness, burden, entrapment, vanishing. Generic words, first person.
_HOPELESS = _c(
    r"\b(?P<out>(?:just )?existing,? (?:not|rather than|instead of) (?:really )?living|not "
    r"living,? (?:just|only) existing|nothing (?:makes sense|feels real|means anything) "
    r"(?:anymore|any more)|hopeless(?:ness)?(?! (?:at|with|romantic|case of|cook|at cooking))|"
    r"(?:no|"
    r"zero|lost (?:all )?|losing (?:all )?|given up (?:all )?|gave up (?:all )?|without|out "
    r"of|stopped having|don't have any|have no) hope(?! (?:of (?:getting|finding|winning|"
    r"catching|making) (?:a|the|it|tickets|there)|of \w+ing\b|for (?:the|this|that|a) (?:team|"
    r"match|"
    r"season|game|weather|project)))|(?:given|gave|giving|give) up "
    r"(?:hope|hoping|on (?:everything|life|myself|me|the future|getting better|trying|it all|"
    r"ever|things|people|my life))|(?:stopped|stop|quit) (?:believing|hoping|trying|caring) "
    r"(?:that |it |things |anything |i )?(?:will|would|can|could|get|gets|at all|anymore|any "
    r"more|about anything)?(?=[^\S\n]*(?:[.!?,;\n]|$| anymore| any more| at all| things| it| "
    r"i| that| about anything| will| would))|what(?:'s| is) (?:even )?the point(?: (?:of|in) "
    r"(?:anything|everything|it all|any of (?:it|this)|trying|me|living|going on|carrying "
    r"on|life|existing|waking up|getting up|bothering|being (?:here|alive|me)))?(?=[^\S\n]*"
    r"(?:[.!?,;\n]|$| anymore| any more))|(?:there's |there is |i see |i can't see |i don't "
    r"see |see )?(?:no|any) (?:point|future|way forward|light at the end(?: of (?:the|this|"
    r"my) tunnel)?|hope|reason to (?:try|"
    r"bother|get up|keep trying))(?: (?:for me|in (?:anything|trying|me|living|going on|life)|"
    r"to (?:anything|life|trying|me)|anymore|any more|left|ahead))?(?=[^\S\n]*(?:[.!?,;\n]|$"
    r"| for me| anymore| any more| left| ahead))|(?:life|my life|everything|it all|all of it|"
    r"existence|my existence|living|"
    r"i|i'm|i am|i feel|i've felt|feel|feeling|felt|feels) (?:\w+ ){0,5}?(?:pointless|meaningless|"
    r"futile|purposeless|empty|hollow|worthless|no purpose|no meaning)(?= *(?:[.!?,;\n]|$| "
    r"and| anymore| any more| inside| now))|(?:nothing|none of it|none of this|nothing i do) "
    r"(?:\w+ )?(?:matters|means anything|makes a difference|helps|will help|changes "
    r"anything|is worth it)(?=[^\S\n]*(?:[.!?,;\n]|$| anymore| any more| to me| at all| and| "
    r"anyway))|nothing to look forward to|(?:a |such a )?lost cause|beyond (?:help|saving|"
    r"repair|hope|fixing)|more of the same (?:misery|pain|suffering|hell|nothing|emptiness|"
    r"loneliness)|(?:my )?future (?:is|looks|feels) (?:\w+ ){0,2}?(?:(?:just )?more of "
    r"(?:this|the same)|bleak|black|empty|pointless|dark|hopeless|nothing|grey|gray|over)|"
    r"never (?:going to|gonna|will|be able to) (?:be )?(?:happy|okay|ok|better|loved|normal|"
    r"good enough|enough|fixed|free)(?! (?:with|about|at|in|until|unless))|why (?:do|should|"
    r"would|even|am) i (?:even )?(?:bother|try|keep trying|keep going|go on|carry on|get up|"
    r"exist|here|alive)(?=[^\S\n]*(?:[.!?,;\n]|$| anymore| any more| at all| when| if))|"
    r"(?:so |really |just |completely )?(?:tired|sick|weary|exhausted) of (?:all of (?:it|this)|"
    r"everything|it all|all this|fighting|trying|being me|existing|struggling|pretending|"
    r"hurting|feeling like this)(?=[^\S\n]*(?:[.!?,;\n]|$| and| now| anymore| any more))|"
    r"(?:don't|do not|dunno|no idea|not sure) (?:know )?why i (?:even )?(?:bother|try|keep "
    r"trying|keep going|get up|carry on)|(?:the )?point of me|why (?:am|was) i (?:even |"
    r"still )?(?:born|alive|here)(?=[^\S\n]*"
    r"(?:[.!?,;\n]|$)))"
)
# "Nothing will ever get better", "things are never going to change".
_NEVER_BETTER = _c(
    r"\b(?P<out>(?:don't|do not|can't|cannot|honestly don't) (?:think|see|believe|imagine) "
    r"(?:that )?(?:things|it|life|anything|i|my life|this|the future) (?:will|'ll|is going to|"
    r"are going to|can|could|'s going to) (?:ever )?(?:get (?:any )?(?:better|easier)|improve|"
    r"change|be (?:okay|ok|better|different|happy|good|easier))|nothing (?:\w+ ){0,2}?(?:will|"
    r"is going to|'s going to|is ever going to|'ll|"
    r"can|could|ever) (?:ever |really )?(?:get better|improve|change|be (?:okay|ok|alright|"
    r"better|different|good|normal|fine)(?: again)?|matter|help|go right|work out|gets better|"
    r"changes|improves)|(?:it|things|life|my life|this|i|my future|the future) (?:\w+ ){0,2}?(?:is "
    r"never going to|'s never going to|are never going to|'re never going to|never|won't ever|"
    r"will never|can never|isn't ever going to|is not ever going to|ain't ever|never ever) "
    r"(?:ever |really )?(?:get better|improve|change|be (?:okay|ok|alright|better|different|"
    r"good|normal|fine|happy)(?: again)?|go right|gets better|changes|improves|get easier))"
    r"(?=[^\S\n]*(?:[.!?,;\n]|$| for me| again| anymore| any more| ever| and| no matter| "
    r"whatever))"
)
_BURDEN = _c(
    r"\b(?P<out>(?:a |such a |the )?burden(?! of (?:proof|care|debt|disease|illness)| sharing)|"
    r"(?:a |such a )?(?:drain|weight|millstone|albatross|dead weight|deadweight|liability|"
    r"problem|nuisance|bother|pain|mess|disappointment|let-down|letdown|failure|waste of "
    r"(?:space|air|oxygen|skin|life|a (?:life|person|human))|mistake) (?:on|to|for|around|in) "
    r"(?:everyone|everybody|them|him|her|my (?:\w+ ){0,2}?\w+|people|the people|the world|"
    r"all of them|this family|the family|anyone)(?!'s (?:time|day))|waste of (?:space|air|"
    r"oxygen|skin|a (?:life|person|human))|(?:drag|dragging|dragged|bring|bringing|brought|"
    r"pull|pulling|weigh|weighing) (?:everyone|everybody|people|them|him|her|my \w+|the "
    r"(?:family|team|people around me)|others|those around me) down|(?:ruin|ruining|ruined|"
    r"wreck|wrecking|wrecked|spoil|spoiling|poison|poisoning|destroy|destroying) (?:everything|"
    r"everyone's|everybody's|every|their|his|her|my (?:\w+'s|family|kids'?|friends') "
    r"(?:lives|life))|(?:make|makes|making|made) (?:everyone's|everybody's|their|his|her|my "
    r"\w+'s|other people's|people's) (?:lives?|days?) (?:\w+ )?(?:harder|worse|miserable|"
    r"hell|difficult)|(?:deserve|deserves) (?:\w+ ){0,2}?better(?: \w+){0,2}? than me|(?:too much|"
    r"too "
    r"hard|too difficult|impossible) (?:for|to (?:be|live) with for) (?:everyone|everybody|"
    r"anyone|people|them|him|her|my \w+)|all i (?:ever )?do is (?:ruin|hurt|disappoint|cause|"
    r"mess|upset|let|drag|take|fail)|i (?:hate|despise|loathe) (?:myself|who i am|being me)|"
    r"(?:i'm|i am|i feel|feel) (?:so |just |completely |utterly |totally |such )?(?:worthless|"
    r"useless|unlovable|unloveable|pathetic|a failure|a disgrace|disgusting|a waste)(?= *"
    r"(?:[.!?,;\n]|$| and| to| as a| of a| human| person))|"
    r"(?:i'?m|i am|i feel like|i'?ve been|i was) (?:a |such a |the )?(?:terrible|awful|"
    r"horrible|useless|shit|crap|rubbish|lousy|bad|pathetic|failure of a|worst|disgrace of a) "
    r"(?:mother|mum|mom|father|dad|parent|wife|husband|partner|daughter|son|friend|sister|"
    r"brother|person|human being|human)(?! (?:at|for|when|because|lol|haha|sometimes)\b)|"
    r"(?:keep |always |just )?(?:failing|letting down|disappointing|hurting|ruining things "
    r"for) (?:everyone|everybody|the people|people|all of them|my family|my kids|my "
    r"children|my parents|my partner|those)(?: (?:who|i|around|that) \w+(?: \w+)?)?(?= *"
    r"(?:[.!?,;\n]|$| again| over and over))|(?:cause|causing) (?:\w+ )?"
    r"(?:problems|trouble|pain|stress) for (?:everyone|everybody|people|them|all of them|"
    r"the people i love))"
)
_TRAPPED = _c(
    r"\b(?P<out>(?:trapped|caged|imprisoned)(?! (?:in (?:traffic|the lift|the car|a queue|the "
    r"queue|a meeting|the office|the house by the)|wind|nerve|behind|under))|(?:no|there's no|"
    r"there is no|can't find a|can't see a|can't see any|don't see a|don't see any|not a|"
    r"without a|without any|any) (?:way (?:out|forward|through|up|back)|escape|exit route|way "
    r"to escape|end in sight)(?=[^\S\n]*(?:[.!?,;\n]|$| for me| anymore| any more| left| of "
    r"(?:this|it|here|my (?:life|head|mind|pain|situation))(?=[^\S\n]*(?:[.!?,;\n]|$| and| "
    r"but| because| so))| of "
    r"(?:this|my) (?:life|pain|hell|mess|situation|head|darkness|hole|feeling)| from (?:this|"
    r"it|myself|my (?:head|life|mind|thoughts)|the (?:pain|feeling|thoughts|darkness))))|"
    r"(?:can't|cannot|couldn't|can no longer|unable to) (?:\w+ )?(?:cope|handle|take|bear|"
    r"stand|face|manage|survive|deal with|go on|carry on|keep going|keep doing|keep up|"
    r"breathe|escape|do this|do it) (?:with )?(?:this|it|any of (?:this|it)|anything|any more|"
    r"anymore|any longer|much (?:more|longer)|this (?:life|pain|feeling|anymore|any more|any "
    r"longer|much longer)|life|myself|living like this|the pain|the thoughts|another day|the "
    r"feeling|how i feel|everything|being me|like this)?(?=[^\S\n]*(?:[.!?,;\n]|$| anymore| "
    r"any more| any longer| much| like this| and))|(?:don't know|dunno|not sure|idk|i "
    r"wonder) how (?:much )?(?:longer|long) i can (?:do|take|cope|keep|go on|handle|last|"
    r"hold on|carry on|survive|manage|live)|(?:can't|cannot|can no longer) (?:keep )?"
    r"pretend(?:ing)?(?: (?:i'?m|to be|everything'?s|that i'?m) (?:ok|okay|fine|alright|"
    r"happy))?(?=[^\S\n]*(?:[.!?,;\n]|$| any ?more| any longer))|tired of pretending|(?:want|"
    r"need|wish|wanted) (?:it all|everything|"
    r"the world|life|my (?:brain|head|mind)|the (?:thoughts|noise|pain|voices)) (?:to )?(?:stop|"
    r"end|go away|be over|shut up|go quiet)|(?:end|ends) of my (?:rope|tether)(?! with (?:the|"
    r"my|this) (?:builders|landlord|neighbours|neighbors|boss|kids|council|printer|car|"
    r"computer))|breaking point|rock bottom|(?:falling|fallen|fall) apart(?! (?:at the seams|"
    r"in the wash))|(?:drowning|suffocating|sinking|going under)(?! in (?:paperwork|laundry|"
    r"work|emails|admin|homework|marking|washing|assignments|deadlines))(?=[^\S\n]*(?:[.!?,;"
    r"\n]|$| and| inside| in (?:my|this|here)))|(?:stuck|locked) (?:in|inside) (?:my (?:own )?"
    r"(?:head|mind|life|body|brain)|this (?:life|body|hell|hole|pit|darkness|cycle|loop|"
    r"nightmare|place))(?! (?:all day|for (?:a|the) (?:day|week|afternoon)))|(?:in|like|"
    r"inside) (?:a |an )?(?:cage|prison|trap|box|hole|pit|tunnel|cell) (?:with no|without "
    r"(?:a|any)|and (?:there's|there is) no|i can't get out of|i can't escape)(?: \w+)?|no "
    r"escaping|stuck (?:forever|"
    r"with no way|and (?:there's|there is|i can't|i cannot|no))|(?:(?:it|this|everything|"
    r"life|it all|all of (?:it|this)|the pain|my life|being alive|existing)(?:'s| is| feels| "
    r"has become| is getting| is becoming)(?: \w+)? (?:too much|unbearable|unendurable|"
    r"intolerable)|more than i can (?:bear|take|handle))(?= *(?:[.!?,;\n]|$| for "
    r"me| to (?:bear|handle|take|cope)| anymore| any more))|(?:can't|cannot) (?:escape|get "
    r"away from|get out of) (?:this|it|my (?:head|life|mind|thoughts)|the (?:pain|feeling|"
    r"thoughts|darkness))(?: feeling)?(?=[^\S\n]*(?:[.!?,;\n]|$| no matter| however| and)))"
)
_VANISH = _c(
    r"\b(?P<op>" + _WANT + r") " + _ADV + r"<g2>(?P<out>(?:disappear|vanish|fade away|"
    r"evaporate|run away|go away|escape|be invisible|go somewhere (?:no one|nobody) (?:knows|"
    r"would find|can find|will find|could find) me|go (?:somewhere )?far away|"
    r"never be found|not be found|not exist for a while|be somewhere else|be erased|"
    r"not be me|stop being me|be someone else|stop feeling|feel nothing|feel nothing ever "
    r"again|be numb)(?: (?:forever|for good|and never come back|and never be found|and not "
    r"come back|from (?:everyone|everything|it all|my life|this life|the world|here)|for a "
    r"while|for a bit|for a (?:few )?(?:days|weeks|months)|somewhere|where no one|where nobody"
    r"))?)(?=[^\S\n]*(?:[.!?,;:\n]|$|and\b|but\b|because|cause|so\b|sometimes|honestly|tbh|"
    r"lol|again|now|tonight|right now|from|forever|completely|altogether|off the))"
)
_DEATH_DWELL = _c(
    r"\b(?P<op>(?:think|thinking|thought|thoughts|dream|dreaming|obsess|obsessing|obsessed|"
    r"fixated|preoccupied|ruminate|ruminating|fantasi[sz]e|fantasi[sz]ing|daydream|"
    r"daydreaming|romanticis(?:e|ing)|romanticiz(?:e|ing)|fascinated|picture|picturing|"
    r"imagine|imagining|visuali[sz]e|visuali[sz]ing)) (?:\w+ ){0,3}?(?:about |of |on |over |"
    r"with |by |at )?(?:is |are |was )?(?P<out>death|dying|being dead|not existing|"
    r"not being (?:here|"
    r"alive|around)|my (?:own )?(?:death|funeral|grave|body being found)|what (?:it would be "
    r"like|happens) (?:to die|when (?:you|i) die|after (?:i|you) die|if i died)|how i(?:'d| "
    r"would| will| could) die|how (?:to|i could) (?:go|do it|die)|how (?:people|everyone|they|"
    r"my family) would (?:react|feel|cope) (?:if|when|after) i)"
)
# Dwelling on one's own dying, not death as a topic: a wish to die.
_OWN_DEATH = re.compile(
    r"dying|being dead|not existing|not being (?:here|alive|around)|my (?:own )?(?:death|"
    r"funeral|grave|body being found)|how i(?:'d| would| will| could) die|how (?:to|i could) "
    r"(?:go|do it|die)|how (?:people|everyone|they|my family) would (?:react|feel|cope) "
    r"(?:if|when|after) i"
)

# Words at least one of which (per "&" group) any match of a signal holds, at a word start
# ("$": the whole word). One scan finds them all; a signal runs only on sentences holding
# every one of its groups, which keeps ordinary text cheap.
_DRUG_WORDS = (
    "pill|tablet|med|medic|painkill|paracetamol|acetaminophen|tylenol|ibuprofen|"
    "aspirin|sleeping|sleepers|antidepress|anti-depress|insulin|opioid|opiate|oxy|"
    "codeine|tramadol|morphine|benzo|diazepam|valium|lithium|sertraline|citalopram|"
    "fluoxetine|amitriptyline|quetiapine|prescription|stash|supply"
)
_MEANS_WORDS = _DRUG_WORDS + "|rope|noose|blade|razor|gun|charcoal|helium|poison|bleach"
_ABSENCE_WORDS = (
    "without me|with me|gone|dead|not here|not around|not alive|no longer|never born|"
    "out of the|wasn't|weren't|was not|were not|died|disappeared|vanished|myself|"
    "ended it|existing|existed|didn't exist|been born|for good|never came back|wake|"
    "woke|miss me|mourn me|grieve for me|my absence|like me|likes of me"
)
_NEEDLES: dict[str, str] = {
    "_ACT": (
        "myself|life|suicid|unaliv|ctb$|catch the bus|sewer|wrist|overdos|od$|od'|self-harm|"
        "self-inj|sh$|end it|ending it|end things|end everything|attempted"
    ),
    "_WISH_OUTCOME": (
        "die|dye|dead|gone|exist|born|wake|alive|not be|never be|not live|never live|not have|"
        "never have|not been|never been|no longer|stop existing|stop living|stop breathing|"
        "stop being|cease|sleep|asleep|close my eyes|disappear|vanish|be gone|go away|leave|"
        "leaving|end$|ending|ended|myself|unaliv|ctb$|catch the bus|catching the bus|sewer|"
        "rope|roping|neck|life|suicid|at once|in one go|together|take all|taking all|take every|"
        "taking every|take the lot|taking the lot|take everything|taking everything|swallow|"
        "take them|taking them|take the whole|taking the whole|overdos|od$|od'|bridge|building|"
        "roof|balcony|cliff|car park|multi-storey|tower|window|ledge|top floor|block of flats|"
        "flats|overpass|viaduct|something high|somewhere high|a height|top of|train|bus$|lorry|"
        "truck|car$|van$|traffic|tube|tram|wall|tree|barrier|central reservation|river|sea$|"
        "road|jump|step off|stepping off|step out|stepping out|wrist|throat|vein|bleed|hang|"
        "let go|let it|let everything|let the world|give up|check out|checking out|log out|"
        "logging out|sign out|signing out|tap out|tapping out|bow out|bowing out|log off|"
        "logging off|rest$|peace|ground|coffin|a box|grave|not see|never see|not seeing|"
        "never seeing|not make it|never make it|live to see|over$|forever|for good|permanently|"
        "for ever|lie down|cabinet|drawer|cupboard|first aid|bathroom|medicine|stupid|drastic|"
        "silly|permanent|final|terrible|dangerous|takes me|take me|kill me|kills me|end me|"
        "ends me|claim me|claims me|come for me|comes for me"
    ),
    "_AGAINST_LIFE": (
        "live|living|alive|exist|be here|being here|wake|survive|be around|see tomorrow|"
        "see another|face|this world|this earth|be in this|be on this|life|being me|"
        "being myself|being a person|being human|to look forward|left for me|to keep going|"
        "keep breathing"
        "|being alive"
    ),
    "_NOT_WORTH": (
        "worth|live for|living for|reason|point|will to|will left|life|opt|clock|tap|"
        "not made|not built|not meant|not cut out|don't belong"
    ),
    "_DEATH_GOOD": (
        "death|dying|dead|existing|being here|being alive|being around|waking|nonexist|"
        "non-exist|void|oblivion|suicid|ending it|ending things|killing myself|die|not exist|"
        "not wake|not be here|be gone|disappear"
    ),
    "_GOOD_IF": (
        "died|die|dead|wake|woke|exist|be here|be alive|be around|wasn't here|weren't here|"
        "wasn't alive|gone|never born|been born|never existed|disappeared|hit by|sleep|asleep|"
        "stopped breathing|ended it|killed myself|not to|to not|never to|my heart|my body|"
        "everything|it all|my life|never woke|didn't make it|did not make it|got sick|got hit|"
        "was hit|went to sleep|car|bus|lorry|truck|train|van|drunk driver"
    ),
    "_NOT_MIND": "mind|care|upset|sad$|bothered|object",
    "_LET_IT": (
        "wouldn't|would not|won't|will not|wouldnt|wont|not going to|refuse|i'd just|i'd not|"
        "let it|let nature|let the&treat|chemo|surgery|operation|fight it|seek|ambulance|999|911|"
        "doctor|hospital|tell anyone|happen|take me|its course|checked|for help"
    ),
    "_PEACE": "peace",
    "_GOOD_IF_REV": "if i",
    "_BETTER_OFF_BARE": "better off",
    "_SHOULD_DIE": (
        "should|ought|shouldn't|oughtn't|better off|something|relieved|glad|happy|grateful|"
        "thankful|terminal|fatal"
        "|wish|wishing|pray|praying|hope|hoping"
    ),
    "_CLAUSE_WISH": "die|died|dying|dead|death|suicid",
    "_COURAGE": (
        "courage|nerve|guts|bottle|strength|do it|go through|going through|time|gun|shotgun|"
        "rifle|pistol|rope|noose|pills|tablets|blade|razor|knife|bridge|cliff|tracks|railway|"
        "ledge"
    ),
    "_FAREWELL": (
        "sorry|only|what's|what is|who's|who is|goodbye|bye|farewell|this is|last|thing|ready"
    ),
    "_THE_NIGHT": (
        "tonight's|tonight is|today's|today is|tomorrow's|tomorrow is|this weekend's|"
        "this weekend is|this week's|this week is|tonight will|today will|tomorrow will"
    ),
    "_WENT_TO": (
        "jump|end it|end things|kill myself|die$|hang myself|drown myself|step off|"
        "throw myself|do it"
    ),
    "_JOIN": "join|be with|see him|see her|see them|see my",
    "_SOON_NONE": "my problem|matter|have to|need to",
    "_EXIT": "my exit|my way out|my departure|my final exit|my last",
    "_LIFE_HARD": (
        "being alive|existing|living|my life|life|waking up|every day|each day|getting up|being me"
    ),
    "_WOKE_UP": (
        "wake|woke|waking|woken|survived|still alive|still here|still breathing|i'm still|"
        "i am still|am still|didn't die|did not die|lived|made it through|another day of|"
        "another morning of|somehow"
    ),
    "_OVERDOSE_ACT": _DRUG_WORDS,
    "_BETTER_OFF": _ABSENCE_WORDS,
    "_NO_ONE_CARES": _ABSENCE_WORDS + "|i was gone|i'm gone|i'd gone",
    "_SOON_GONE": (
        "won't be|will not be|wont be|not going to be|have to deal|have to put up|have to worry|"
        "have to bother|have to cope|have to look after|have to care|need to deal|need to worry|"
        "need to put up|last$|think i|expect i|see myself|imagine myself|think myself|"
        "see me|imagine me|expect to|be in it|be around for|be here for|be there to|be part of"
        "|bother|trouble|burden|annoy|worry|upset"
    ),
    "_RESEARCH": (
        "look|search|googl|research|read up|reading up|check|worked out|working out|figured|"
        "figuring|calculat|found out|finding out|asked ai|asked chatgpt|asked google|"
        "watched videos"
    ),
    "_HOARD": (
        "sav|stockpil|hoard|stash|squirrel|hid|keeping|kept|building up|built up|collecting up|"
        "collected up|putting aside|put aside|setting aside|set aside|holding on|not taking&"
        + _MEANS_WORDS
    ),
    "_ENOUGH": _MEANS_WORDS + "|count|recount|belt|cord|scarf|ligature|cable",
    "_KNOW_HOW": (
        "know|knew|decided|worked out|figured out|planned|chosen|picked|settled|set$|sorted out|"
        "thought through|thought out|i have|i've|i made|there's"
        "|my plan|the plan"
    ),
    "_TALL": "tall|high",
    "_AT_THE_EDGE": (
        "ledge|railing|parapet|platform edge|edge of$|top of|rail|train track|tracks|"
        "level crossing|roof|bridge|cliff"
    ),
    "_HOLD": (
        "blade|knife|razor|scissors|gun|rope|belt|cord|pills|tablets|glass|shard&wrist|throat|"
        "neck|arm|skin|head|temple|chest|mouth|vein"
    ),
    "_PREPARE": (
        "note|letter|message|post|video|text|email|card|words|will$|suicide|goodbye|farewell|"
        "final|last|giving|gave|give|given|affairs|gets|get my|can have|getting|arrangements|"
        "sure|provision|plan|gone|dead|not here|not around|rehom|new home|home for|homes for|"
        "cancel|paid|paying|prepaid|cleared|settl|clos|sort|delet|tied up|tying up|left with|"
        "stuck with|who'll|who will|who'd|who would|who should|who can|someone to|somebody to|"
        "funeral|passwords|password|bank|documents|papers|accounts|insurance|pin$|login"
        "|cleaned|tidied|cleared|packed|need"
    ),
    "_SELF_HARM": (
        "cut|scratch|burn|carv|slash|hit|punch|bang|slam|bite|biting|stab|scrap|pick|goug|"
        "bruis|whip|pinch|hurt|harm|injur|mutilat|starv|chok|strangl|claw|tear|tore|rip|pull|"
        "dig|dug|smash|beat|punish|bleed|bled|on purpose|deliberately|intentionally|purposely|"
        "took it out|take it out|taking it out|takes it out|opened|reopen"
    ),
    "_HARM_URGE": (
        "cut|burn|scratch|carv|slash|hurt|harm|hit|punch|bang|bleed|starv|punish|injur|"
        "self-harm|sh$|blood|blade|razor|lighter|pain|sting|relapse"
    ),
    "_HARM_NOUN": (
        "relaps|blade|razor|sharpener|lighter|cut|wound|burn|scratch|mark|scar|sh$|self-harm|"
        "self harm|cutting|burning"
    ),
    "_DEATH_DWELL": (
        "death|dying|dead|existing|being here|being alive|being around|not existing|not being|"
        "funeral|grave|body being found|die|how i|how to|how people|how everyone|how they|"
        "how my family|what it would|what happens"
    ),
    "_VANISH": (
        "disappear|vanish|fade away|evaporat|run away|go away|escape|be invisible|go somewhere|"
        "go far|far away|never be found|not be found|not exist|be somewhere|be erased|"
        "not be me|stop being|be someone|stop feeling|feel nothing|be numb"
    ),
    "_HOPELESS": (
        "hopeless|hope|given up|gave up|giving up|give up|stopped believing|stopped hoping|"
        "stopped trying|stopped caring|stop believing|stop hoping|stop trying|stop caring|"
        "quit believing|quit hoping|quit trying|quit caring|point|future|way forward|light at|"
        "reason to|pointless|meaningless|futile|purposeless|empty|hollow|worthless|no purpose|"
        "no meaning|nothing|none of|look forward|lost cause|beyond|more of the same|never going|"
        "never gonna|never will|never be able|why|existing|not living|makes sense|feels real|"
        "means anything"
        "|tired|sick|weary|exhausted"
    ),
    "_NEVER_BETTER": (
        "nothing|never|won't ever|will never|can never|isn't ever|is not ever|ain't ever|"
        "don't think|do not think|can't see|cannot see|don't see|don't believe|can't imagine|"
        "honestly don't|can't think|cannot think|can't believe|don't imagine"
    ),
    "_BURDEN": (
        "burden|drain|weight|millstone|albatross|dead weight|deadweight|liability|problem|"
        "nuisance|bother|pain|mess|disappointment|let-down|letdown|failure|waste|mistake|drag|"
        "bring|brought|pull|weigh|ruin|wreck|spoil|poison|destroy|make|made|deserve|too much|"
        "too hard|too difficult|impossible|all i|hate|despise|loathe|worthless|useless|"
        "unlovable|unloveable|pathetic|disgrace|disgusting|cause|causing"
        "|terrible|awful|horrible|shit|crap|rubbish|lousy|bad$|worst|failing|letting|"
        "disappointing|hurting|ruining"
    ),
    "_TRAPPED": (
        "trapped|caged|imprisoned|way out|way forward|way through|way up|way back|escape|"
        "exit route|end in sight|can't|cannot|couldn't|can no longer|unable|don't know|dunno|"
        "not sure|idk|wonder|want|need|wish|end of my|ends of my|breaking point|rock bottom|"
        "falling apart|fallen apart|fall apart|drowning|suffocating|sinking|going under|stuck|"
        "locked|too much|unbearable|unendurable|intolerable|more than i can|it's|it is|this is|"
        "everything is|life is|it all|all of|the pain|my life|being alive|existing|cage|"
        "prison|trap|box|hole|pit|tunnel|cell|escaping|pretend"
    ),
}

# Signals: (pattern, its name for the needles and special cases, kind, why). A phrase one
# signal has explained is not read again by a later one.
_SIGNALS: tuple[tuple[re.Pattern[str], str, str, str], ...] = (
    (_ACT, "_ACT", "intent", "names suicide, self-harm or killing themselves"),
    (
        _WISH_OUTCOME,
        "_WISH_OUTCOME",
        "wish_to_die",
        "wants, intends or dwells on dying or not existing",
    ),
    (_AGAINST_LIFE, "_AGAINST_LIFE", "wish_to_die", "does not want to live or go on living"),
    (_NOT_WORTH, "_NOT_WORTH", "wish_to_die", "says life is not worth living"),
    (_DEATH_GOOD, "_DEATH_GOOD", "wish_to_die", "speaks of death as a relief or way out"),
    (
        _GOOD_IF,
        "_GOOD_IF",
        "wish_to_die",
        "says it would be better if they died or did not wake up",
    ),
    (_GOOD_IF_REV, "_GOOD_IF_REV", "wish_to_die", "says their death would be a relief"),
    (_NOT_MIND, "_NOT_MIND", "wish_to_die", "does not care whether they live or die"),
    (_LET_IT, "_LET_IT", "wish_to_die", "would let a fatal illness or injury take its course"),
    (_PEACE, "_PEACE", "wish_to_die", "has made peace with dying"),
    (_SHOULD_DIE, "_SHOULD_DIE", "wish_to_die", "says they should not be alive"),
    (
        _BETTER_OFF_BARE,
        "_BETTER_OFF_BARE",
        "better_off_without_me",
        "says others would be better off (without them)",
    ),
    (_CLAUSE_WISH, "_CLAUSE_WISH", "wish_to_die", "wishes for death or sees it as the way out"),
    (_COURAGE, "_COURAGE", "intent", "speaks of getting the courage to act, or of a means"),
    (_FAREWELL, "_FAREWELL", "intent", "sounds like a farewell or a decision to act"),
    (_THE_NIGHT, "_THE_NIGHT", "intent", "has chosen when to act"),
    (_WENT_TO, "_WENT_TO", "plan", "went somewhere to act on it"),
    (_JOIN, "_JOIN", "intent", "wants to join someone who has died"),
    (_SOON_NONE, "_SOON_NONE", "intent", "implies nothing will matter to them soon"),
    (_EXIT, "_EXIT", "intent", "is planning their exit"),
    (_LIFE_HARD, "_LIFE_HARD", "hopelessness", "describes living itself as unbearable"),
    (_WOKE_UP, "_WOKE_UP", "wish_to_die", "is sorry to be alive or to wake up"),
    (_OVERDOSE_ACT, "_OVERDOSE_ACT", "intent", "took an overdose on purpose"),
    (
        _BETTER_OFF,
        "_BETTER_OFF",
        "better_off_without_me",
        "says others would be better off without them",
    ),
    (
        _NO_ONE_CARES,
        "_NO_ONE_CARES",
        "better_off_without_me",
        "says no one would care or miss them if gone",
    ),
    (_SOON_GONE, "_SOON_GONE", "intent", "implies they will not be around much longer"),
    (_RESEARCH, "_RESEARCH", "plan", "has researched a method or a lethal amount"),
    (_HOARD, "_HOARD", "means", "is saving or hiding means of harm"),
    (_ENOUGH, "_ENOUGH", "means", "has means of harm set aside"),
    (_KNOW_HOW, "_KNOW_HOW", "plan", "has a method, place or time"),
    (_AT_THE_EDGE, "_AT_THE_EDGE", "plan", "has been at a place of danger thinking about it"),
    (_TALL, "_TALL", "plan", "has been looking for a high place"),
    (_HOLD, "_HOLD", "means", "has held a means of harm to themselves"),
    (_PREPARE, "_PREPARE", "preparatory_act", "describes preparations for dying"),
    (_SELF_HARM, "_SELF_HARM", "self_harm", "describes hurting themselves on purpose or recently"),
    (_HARM_URGE, "_HARM_URGE", "self_harm", "has an urge to hurt themselves"),
    (_HARM_NOUN, "_HARM_NOUN", "self_harm", "describes recent self-harm"),
    (_DEATH_DWELL, "_DEATH_DWELL", "possible_risk", "dwells on death or dying"),
    (_VANISH, "_VANISH", "wish_to_disappear", "wants to disappear or escape"),
    (_HOPELESS, "_HOPELESS", "hopelessness", "sounds hopeless"),
    (_NEVER_BETTER, "_NEVER_BETTER", "hopelessness", "says things will never get better"),
    (_BURDEN, "_BURDEN", "burden", "feels a burden or worthless"),
    (_TRAPPED, "_TRAPPED", "entrapment", "feels trapped or unable to cope"),
)

# Signals whose match names the writer ("myself", "without me", "my life").
_SELF_NAMED = frozenset({"better_off_without_me", "means", "preparatory_act", "self_harm", "plan"})

# ---------------------------------------------------------------------------
# Context.

_CLAUSE_BREAK = re.compile(
    r"[,:()\[\]\"]|[^\S\n]-+[^\S\n]|\b(?:but|though|although|however|yet|whereas|because|"
    r"cause|cos|so|while|whilst|until|unless|which|plus|except|and|"
    r"and yet|even though)\b"
)
_NEGATOR = re.compile(
    r"\b(?:not|never|no longer|don't|do not|didn't|did not|doesn't|does not|won't|will not|"
    r"wouldn't|would not|isn't|aren't|wasn't|weren't|cannot|can't|couldn't|haven't|have not|"
    r"hasn't|has not|hadn't|had not|nor|ain't|zero|without|free of|free from|far from|"
    r"nothing like|instead of|rather than|no(?! (?:one|wonder|matter|body|where|longer|more|"
    r"doubt|way out|way forward|point|reason|hope|future|escape|end|idea|clue|sense|energy|"
    r"joy|purpose|will|desire)\b)|stopped|quit)\b"
)
# After a negator, these make the statement risk again: "can't stop thinking about it".
_UNNEGATE = re.compile(
    r"^(?:[^\S\n]*[\w']+){0,2}?[^\S\n]*\b(?:stop|stopping|help|helping|shake|shift|get "
    r"(?:rid|over|past|away|it out)|escape|resist|fight|control|ignore|silence|quiet|block|"
    r"turn off|push away|sure|know (?:if|whether|why|how)|lie|lying|kidding|joking|pretend|"
    r"deny|care (?:if|whether)|mind (?:if|whether)|see (?:a|any|the) (?:point|reason|way|"
    r"future)|think of anything|wait|keep myself safe|trust myself|promise|go on|carry on|"
    r"keep going|cope|take (?:it|this)|bear|handle|face|do this|get out|want to live|want to "
    r"be (?:here|alive)|want to wake|want to exist|sleep|eat|focus|concentrate|even|always|"
    r"just|see myself|imagine (?:a|my) future|imagine (?:living|getting|being))\b"
)
_UNNEGATE_BEFORE = re.compile(
    r"\b(?:not a day goes by|never a day|not a single day|can't help|cannot help|can't stop|"
    r"cannot stop|couldn't stop|could not stop|can't get|cannot get|never stop|won't stop|"
    r"doesn't stop|don't know (?:if|whether|how|why)|not sure (?:if|whether)?|never thought|"
    r"never imagined|never expected|never realised|never realized|i lied|lie if|lying if|"
    r"not going to lie|i'm not okay|i am not okay|i'm not ok|not gonna lie)\b"
)
_DENIED_AFTER = re.compile(
    r"[^\S\n]*(?:thoughts?|urges?|ideation|feelings?)?[^\S\n]*(?:(?:isn't|is not|isnt|wasn't|"
    r"was not|'s not|won't be|will never be|would never be|has never been|have never been|is "
    r"never|was never|are not|aren't|is off|are off|is no longer|are no longer)[^\S\n]+"
    r"(?:[\w']+[^\S\n]+){0,5}?(?:something|an option|on the table|on the cards|off the table|"
    r"on my mind|happening|going to happen|the answer|the plan|my plan|a thought|in my head|"
    r"for me|what i want|considered|a possibility|real|true|an issue|a risk|a problem|the "
    r"case|relevant|me|who i am)\b|(?::|-+|=|\?+)[^\S\n]*(?:none|no|nil|zero|nope|nah|never|"
    r"not (?:today|really|at all|now|any more|anymore))\b)"
)
_NEW_SUBJECT = re.compile(r"\b(?:i|i'm|i've|i'll|i'd|me|my)\b")
_NEW_SUBJECT_OK = re.compile(
    r"^[^\S\n]*(?:(?:really|even|actually|honestly|ever|truly|seriously|necessarily)[^\S\n]+)?"
    r"(?:think|believe|feel like|say|saying|said|mean|meant|reckon|that|claim|claiming|"
    r"suggest|suggesting|pretend|imagine|expect|feel|see|want|plan|intend)\b"
)
_FIRST = re.compile(r"\b(?:i|i'm|i've|i'd|i'll|me|my|myself|mine|im|ive|id)\b|\bpart of me\b")
_THIRD = re.compile(
    r"\b(?:he|she|they|he's|she's|they're|he'd|she'd|they'd|he'll|she'll|they'll|him|her|"
    r"them|his|their|himself|herself|themselves|you|you're|you'd|you'll|your|yourself|"
    r"someone|somebody|people|everyone else|a (?:friend|girl|boy|guy|woman|man|kid|person|"
    r"student|classmate|colleague|client|patient)|(?:my|our|a|the|his|her|their) "
    r"(?:mum|mom|mother|dad|father|sister|brother|son|daughter|friend|best friend|bestie|"
    r"partner|husband|wife|boyfriend|girlfriend|bf|gf|cousin|aunt|uncle|niece|nephew|"
    r"grandma|gran|nan|nana|grandad|granddad|grandpa|grandmother|grandfather|colleague|"
    r"coworker|co-worker|classmate|roommate|flatmate|housemate|neighbour|neighbor|client|"
    r"patient|student|kid|child|teen|teenager|ex|fiance|fiancee|mate|boss|sibling|twin|"
    r"parents?|family|friends|team|manager|teacher|therapist|doctor|nurse|stepdad|stepmum|"
    r"stepmom|character|narrator|singer|author|poet|protagonist|hero|heroine|villain|"
    r"dog|cat|pet))\b"
)
# Reported speech or a question someone else asked.
_SPEAKER = re.compile(
    r"\b(?:he|she|they|someone|somebody|my \w+(?: \w+)?|his \w+|her \w+|their \w+|a \w+|"
    r"(?!i\b|we\b)[a-z]{2,}) (?:said|says|told me|tells me|texted|messaged|wrote|writes|"
    r"posted|admitted|confided|mentioned|keeps saying|kept saying|was saying|has been "
    r"saying|is saying|whispered|cried|screamed|shouted|yelled|sobbed|confessed|joked|"
    r"tweeted|sang|sings)\b"
)
_TOLD_ME_TO = re.compile(
    r"\b(?:told|tell|tells|telling|said|says|saying|wants|wanted|want) (?:me|us|people|"
    r"everyone|him|her|them|you) (?:to|that i should|i should|i'd be|i would be)\b|\b(?:said|"
    r"says|saying|reckons|thinks|told everyone|posted|commented|wrote|texted) (?:that )?i "
    r"(?:should|ought to|'d be better|would be better|deserve)\b|\b(?:go|should|you should|"
    r"just|u should) (?:kill|kys|off) (?:your|yo)self\b"
)
# The voice that tells the writer to do it is their own: "my brain keeps telling me to".
_INNER_VOICE = re.compile(
    r"\b(?:voice|voices|brain|head|mind|thoughts?|depression|illness|demons?|something|part "
    r"of me|inner critic|intrusive thoughts?)(?: in my head| inside me| inside)? (?:keeps |"
    r"kept |is |are |keep )?(?:tell|telling|tells|told|saying|says|said|whisper\w*|urging|"
    r"screaming|shouting)\b"
)
_ASKED = re.compile(
    r"\b(?:asked|asks|asking|ask|questions?|questionnaire|form|screening|check-?in|survey|"
    r"assessment|phq|quiz)\b(?: (?:me|us|everyone|again|today))? (?:if|whether|about|how "
    r"often|have you|do you|are you)\b|\b(?:if|in case|when|whenever) i (?:ever |start to |"
    r"begin to |get |feel |have |notice |hit )(?:[\w']+ ){0,8}?(?:i(?:'ll| will| can| should| "
    r"am going to| need to| must)|my (?:safety|crisis|coping) plan|call|ring|phone|text|"
    r"contact|tell|reach out)\b|\b(?:safety plan|crisis plan|coping plan|what to do if i|"
    r"what happens if i|how to spot|warning signs|signs of)\b"
)
_ASKED_YES = re.compile(
    r"\b(?:i said yes|i told (?:her|him|them) (?:the truth|yes)|i admitted|i answered yes|"
    r"i ticked yes|i said i do|i said i have)\b"
)
_MEDIA = re.compile(
    r"\b(?:films?|movies?|songs?|lyrics?|sings|sang|singer|band|album|books?|novels?|poems?|"
    r"poetry|poet|characters?|protagonist|narrator|episodes?|tv|telly|the show|a show|"
    r"documentar(?:y|ies)|podcasts?|articles?|news|headlines?|newspaper|paper said|theatre|"
    r"theater|musical|opera|plot|author|video game|game|anime|manga|comic|netflix|hamlet|"
    r"ophelia|romeo|juliet|shakespeare|quote|quoted|line from|chapter|meme|tiktok|youtube|"
    r"reddit|tweet|celebrity|actor|actress|biography|lecture|essay|textbook|seminar|radio|"
    r"bbc|read about|read that|read an|watched|watching|listened to|listening to|sitcom|"
    r"soap|fiction|fictional|stor(?:y|ies)|true crime|villain|heroine|trailer|audiobook|"
    r"scene|storyline|series|season|play|playwright|script|comedian|statistics|rates|"
    r"research|study|studies|training|course|workshop|awareness|prevention|campaign|"
    r"charity|helpline|hotline|fundraiser|module|class about|lesson about|history of|"
    r"museum|exhibition|poster|leaflet)\b"
)
# The match is a topic word in a phrase about the topic, not the writer's act.
_TOPIC_AFTER = re.compile(
    r"[^\S\n]*(?:prevention|awareness|training|course|workshop|statistics|rates?|"
    r"research|hotline|helpline|line|lines|charity|charities|campaign|talk|lecture|module|"
    r"class|seminar|risk assessment|screening|policy|kit|first aid|bereavement|survivors?|"
    r"support group|group|team|service|services|nurse|worker|counsellor|counselor|"
    r"specialist|ward|clinic|unit|pack|leaflet|poster|crisis team|response|reversal|"
    r"antidote|scar cream|scars? (?:cream|tattoo)|of (?:a|my|his|her|their|the) "
    r"(?:friend|colleague|client|patient|student|classmate|uncle|aunt|cousin|neighbour|"
    r"neighbor|brother|sister|father|mother|dad|mum|mom)|bombers?|bombing|squad|mission|"
    r"pact|doors?|drill|mode)\b"
)
# Before the word: someone else's ("his overdose") or an indefinite topic ("has a suicide
# in it"), unless the writer did it ("I took an overdose").
_TOPIC_BEFORE = re.compile(
    r"(?:\b(?:his|her|their|its|prevent|preventing|accidental|accidentally)|'s)[^\S\n]*$|"
    r"(?<!\bi )(?<!\bi'd )(?<!\bi've )(?<!\bmy )\b(?!(?:took|take|taking|attempted|attempt|"
    r"tried|try|had|have|survived|considered|considering|planned|planning|plan|commit|"
    r"committed|committing|want|wanted|thinking|thought|myself|i|me)\b)[a-z']+ (?:a|an|the)"
    r"[^\S\n]*$"
)
_RECENT = re.compile(
    r"\b(?:last night|yesterday|today|tonight|this (?:morning|afternoon|evening|week|weekend|"
    r"month)|earlier|just now|an hour ago|hours ago|(?:a|one|two|three|four|five|a couple "
    r"of|couple of|a few|few) days ago|the other (?:day|night)|again|right now|currently|"
    r"lately|recently|these days|still|now|anymore|any more|keep|keeps|always|every "
    r"(?:day|night))\b"
)
_DISTANT = re.compile(
    r"\b(?:used to|use to|years? ago|(?:a|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"\d+|few|several|many|a few|a couple of|couple of) (?:years|months|decades) ago|months "
    r"ago|decades ago|last (?:year|summer|winter|spring|autumn|fall|decade)|in (?:19|20)\d\d|"
    r"back in|back then|as a (?:teen|teenager|kid|child|student|young (?:person|adult|man|"
    r"woman)|girl|boy)|when i was (?:younger|little|young|small|a (?:teen|teenager|kid|child|"
    r"student)|at (?:school|uni|university|college)|in (?:school|high school|college|uni|"
    r"university|my teens|my twenties|year \d+)|\d+|[a-z]+teen|twenty|thirty)|in my "
    r"(?:teens|twenties|thirties|20s|30s|teenage years|youth|early twenties|late teens|late "
    r"twenties)|at (?:school|uni|university|college|secondary school|high school|\d+|"
    r"[a-z]+teen|twenty|thirty)|growing up|in the past|a long time ago|long ago|previously|"
    r"a while back|years back|history of|once before|(?:twice|two times|three times|\d+ "
    r"times) before|(?:attempted|tried|done it|overdosed) (?:\w+ )?before|during (?:my|uni|"
    r"university|school|college|the divorce|covid|lockdown)|my (?:teens|twenties|teenage "
    r"years|20s|youth|childhood|adolescence|school years|uni years)|back when|old "
    r"(?:journals?|diar(?:y|ies)|entries))\b"
)
_OVER = re.compile(
    r"\b(?:(?:been )?(?:clean|free|safe|sober) (?:for|since) (?:a long time|ages|years|months|"
    r"a while|so long|\w+ (?:years|months))|(?:grateful|thankful|glad|lucky|relieved) (?:that )?"
    r"i (?:survived|made it|lived|didn't die|pulled through|got through|am still here|'m "
    r"still here)|(?:i'?m|i am) (?:\w+ ){0,3}?(?:now )?(?:and )?(?:happy|well|okay|fine|good|"
    r"thriving|safe|content)(?= *(?:[.!?,;\n]|$))|life is (?:so much |much |really |)(?:good|"
    r"great|better|okay|fine|lovely|brilliant)(?: now| these days)?)\b|"
    r"\b(?:(?:haven't|have not|hasn't|has not|hadn't|had not|not|never) (?:[\w']+ ){0,5}?"
    r"(?:in|for|since) (?:over |nearly |almost |about |more than |around |well over )?"
    r"(?:a|one|two|three|four|five|six|seven|eight|nine|ten|a few|several|many|a couple of|"
    r"couple of|\d+)? ?(?:years?|months?|ages|a long time|a while|so long|(?:19|20)\d\d)|"
    r"(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|several|many) (?:years?|"
    r"months?) (?:clean|free|sober|self-harm[- ]free|harm[- ]free|safe|of recovery)|no longer|"
    r"not anymore|not any more|don't anymore|never again|i stopped|i quit|i've stopped|"
    r"stopped (?:years|months|a long)|(?:it'?s|that'?s|those days are|that part of my life "
    r"is|that was|it was|those thoughts are|that feeling is) (?:all |long |well |firmly )?"
    r"(?:over|behind me|in the past|history|gone)|in recovery|recovered|(?:i'?m|i am) "
    r"(?:much |so much |a lot |really |doing (?:much |so much |a lot |really )?)?(?:better|"
    r"well|good|okay|ok|safe|fine|happy|stable|healthy|content)(?: (?:now|these days|today))"
    r"|(?:i'?m|i am) (?:now |really |so |very )?(?:happy|doing well|well|safe|stable|"
    r"healthy)(?= *(?:[.!?,;\n]|$))|in a (?:much |far |way |really )?(?:better|good|safer|"
    r"healthier|different|great) place|got (?:the )?help|got better|got through (?:it|that)|"
    r"came through|survived it|proud of (?:myself|how far|me|my progress)|glad i'?m (?:still )?"
    r"(?:here|alive)|glad i survived|glad i didn't|(?:grateful|thankful) (?:to be|i'?m|i am|"
    r"that i'?m) (?:still )?(?:here|alive)|today i (?:volunteer|work|help|run|support|"
    r"mentor)|now i (?:volunteer|work|help|run|support|mentor)|free of (?:it|that|them)|free "
    r"from (?:it|that|them)|(?:since|in) (?:19|20)\d\d and|long gone|a different person now|"
    r"those feelings (?:are|have) (?:gone|passed)|therapy (?:has )?(?:helped|changed|saved)|"
    r"(?:helped|saved) me|changed (?:everything|my life)|turned (?:it|things|my life) around)\b"
)
_RELAPSE = re.compile(r"\brelaps(?:e|ed|ing)\b|\b(?:but|until) (?:then |last night |today )?i "
                      r"(?:did it|cut|started) again\b")  # fmt: skip
# Figures of speech that hold a signal word: a match inside one is not risk.
_IDIOM = re.compile(
    r"\b(?:dying (?:to|for|of (?:boredom|embarrassment|laughter|laughing|curiosity|thirst|"
    r"hunger|heat|cold|shame|cringe|cuteness|excitement|anticipation|suspense))|(?:die|died|"
    r"dying|dead|killed|killing) (?:of|from|with|in) (?:embarrassment|laughter|laughing|"
    r"boredom|shame|cringe|curiosity|excitement|happiness|joy|jealousy|envy|anticipation|"
    r"hunger|thirst|the heat|heat|cold|cuteness|suspense|fright|stress|nerves)|to die for|"
    r"die laughing|died laughing|(?:i'?d|i would|would|could|i could|i'll|will) (?:happily |"
    r"gladly )?die for|die happy|die a little|died a little|die on this hill|dead (?:tired|"
    r"serious|on my feet|end|heat|of night|set|easy|good|funny|cute|bored|beat|last|"
    r"centre|center|ringer|giveaway|zone)|(?:bored|scared|sick|frightened|worried|worked|"
    r"tickled|loved|done|talked|freezing|starving|stressed) to death|(?:work|working|"
    r"worked|run|running|ran|stress|stressing|worry|worrying|bore|boring|bored|laugh|"
    r"laughing|freeze|freezing|exercise|exercising|train|training|party|partying|eat|eating|"
    r"push|pushing|pushed|drive|driving|drove) (?:myself|me) (?:to death|into the ground|"
    r"to an early grave|silly|crazy)|(?:the|be the) death of me|over my dead body|"
    r"(?:wouldn't|would not|won't) be caught dead|dead to me|drop dead (?:gorgeous|"
    r"lovely)|death (?:trap|metal|stare|grip|valley|row|eater|wish list)|deadline|"
    r"(?:nearly|almost|could have|could've|practically|literally|basically|just about|i "
    r"thought i'?d|thought i would) (?:died|die|dead|killed me)(?= (?:laughing|when|of|from|"
    r"at|seeing|because|with|on the spot|right there|!)|[.!?,;\n]|$)|so \w+ (?:that )?i "
    r"(?:could|might|thought i'?d|was going to|wanted to) (?:just |literally )?die|kill "
    r"(?:time|it|for|two birds)|killing (?:it|time)|killed (?:it|time)|kill me now|"
    r"(?:make|made|makes) (?:me|you) want to die(?: (?:of|from|laughing))|want to die "
    r"(?:of|from|laughing|with)|(?:end|ended|ending) (?:it|things) "
    r"(?:with|between)|end (?:of|it) (?:there|here) for (?:today|now)|(?:i'?m|i am) so done "
    r"lol|done for (?:the|today|tonight)|(?:kill|killed|killing) (?:the )?(?:mood|"
    r"vibe|lights|engine)|suicide (?:squad|mission|doors?|drill|run|sprints?)|shot myself "
    r"in the foot|(?:kick|kicked|kicking) myself|cut myself (?:off|out|some slack|a "
    r"(?:break|slice|piece))|hurt (?:myself|my \w+) (?:at|playing|lifting|running|in the)|"
    r"(?:disappear|disappearing|vanish|escape|escaping|lose myself|get lost) (?:under|into|"
    r"in) (?:a |the |my |some )?(?:\w+ )?(?:duvet|covers|blanket|bed|books?|novel|film|show|"
    r"game|music|work|garden|hoodie|crowd|series|podcast|nature|countryside|hills|mountains|"
    r"woods|forest|wilderness|cabin|cottage|sunset|highlands|lakes)|edge of (?:the |my |a )?"
    r"(?:bed|sofa|couch|chair|seat|bath|desk|table|pool|stage|my seat)|(?:never|not) wake "
    r"up (?:before|until|till|early|at|in time)|hate myself for (?!(?:being|existing|"
    r"living|everything|who i am|still))|(?:matters?|mattered) more than|no future in "
    r"(?!(?:this|my|me|it|life|anything|living)\b)|lost hope (?:of|for) (?:getting|finding|"
    r"winning|catching|making|seeing) |(?:failure|useless|hopeless|rubbish|terrible) at "
    r"(?!(?:life|everything|being (?:alive|a person|human|me))\b)|no escape from (?:the |this "
    r"|that )?(?:heat|rain|cold|noise|traffic|queue|queues|builders|neighbours|neighbors|"
    r"wind|snow|sun|kids|meetings?|emails?|work)|(?:the )?point (?:in|of) (?:arguing|"
    r"asking|complaining|explaining|cleaning|tidying|cooking|buying|voting|going out|"
    r"dressing up|revising|waiting|rushing)|existing on |(?:living|live) (?:out of|off|on) "
    r"(?:a |my |the )?(?:suitcase|suitcases|toast|takeaways?|noodles|coffee|savings|benefits|"
    r"pasta|cereal|paycheck|payday|wages|credit)|(?:tired|sick|done) (?:of|with) living "
    r"(?:out|with|in|at|near|here|there|paycheck|like a (?:student|slob|hermit))|"
    r"swallow me (?:up|whole)|the ground (?:to )?swallow|sleep (?:for|till|until) (?:a|an|"
    r"the|\d+|ages|days|a week|a hundred|ever)|"
    r"could sleep (?:forever|for a week|for days)|(?:hang|hanging|hung) (?:out|on|up|"
    r"around|the (?:washing|picture|pictures|clothes|laundry))|"
    r"(?:jump|jumped|jumping) (?:in|into) (?:the |a )?(?:lake|pool|shower|car|queue|"
    r"conversation|taxi|cab|deep end|fray|bath)|(?:jump|jumped|jumping) (?:at (?:the|a) "
    r"chance|for joy|the queue|to conclusions|on (?:the|a) (?:bandwagon|call|train)|through "
    r"hoops|off the pier|out of my skin)|give up on (?:trying to )?(?:understand|fix|figure|"
    r"learn|find|get|make|explain)\w*|end of my (?:rope|tether) with (?:the|my|this|these|"
    r"those|that|our) (?!(?:life|pain|thoughts|head|mind|illness|depression)\b)|"
    r"it'?s over (?:now|between)|game over|over the moon|"
    r"(?:log|logging|logged|sign|signing|signed) off (?:for (?:the|to)|work|now)|"
    r"checked out (?:of (?:the )?(?:hotel|library|shop))|"
    r"stuck (?:on|at|in) (?:traffic|work|home|the (?:office|airport|station|queue|lift|car|"
    r"motorway|m\d+)|a (?:queue|meeting|lift|jam|traffic jam))|rest in peace(?:,)? (?:grandad|gran|"
    r"nan|dad|mum|\w+'s)|take (?:my|the|a) (?:meds|tablets|pills) (?:with|at|on|after|"
    r"before|every|twice|once|properly|on time)|sleep (?:forever|for ever)(?= (?:at|on|this|"
    r"in|after|tomorrow|on sunday))|(?:i|i'll|i'm) (?:going to|gonna) (?:sleep|bed)|"
    r"no (?:point|hope) (?:in )?(?:going|going out|asking|trying to (?:explain|call|fix))|"
    r"hopeless (?:at|with)|over the limit|drop dead (?:after|from|of|tired|gorgeous)|ready to "
    r"drop(?: dead)?|could (?:just )?drop(?: dead)?|"
    r"(?:jump off a cliff|walk over hot coals|sell my soul|give my right arm) "
    r"for|cut myself (?:a |an |some )?(?:\w+ )?(?:slice|piece|break|portion|bit|wedge|chunk|"
    r"slack)|(?:can't|cannot) (?:take|stand|bear|handle|cope with) (?:\w+ ){0,3}?(?:this|"
    r"the|these) (?:rain|heat|cold|weather|noise|traffic|commute|snow|wind|humidity|queues?|"
    r"builders|drilling|music|smell)|(?:the )?point (?:of|in) (?!(?:living|existing|being|trying|"
    r"going|"
    r"carrying|waking|getting up)\b)\w+ing (?:\w+ )?(?:if|when)|"
    r"(?:live|exist|be) in a world without (?!(?:you|him|"
    r"her|them|my|hope)\b)|"
    r"(?:it'?s|it is|that'?s|song|tune|lyrics?|line|words?|jingle|this|chorus) (?:\w+ )?"
    r"stuck in my head|overdos(?:e|ed|ing) on (?!(?:my |the |his |her |some |a few |all (?:my|"
    r"the) )?(?:pills|tablets|meds|medication|painkillers|paracetamol|drugs|heroin|insulin|"
    r"sleeping|antidepressants|opioids|opiates|alcohol|vodka|codeine|tramadol|morphine|"
    r"fentanyl|benzos)\b))"
)


def _clause_start(text: str, start: int, sentence_start: int) -> int:
    last = sentence_start
    for match in _CLAUSE_BREAK.finditer(text, sentence_start, start):
        last = match.end()
    return last


def _inside_quotes(text: str, sentence_start: int, start: int) -> bool:
    if text.count('"', sentence_start, start) % 2 == 1:
        return True
    prefix = text[sentence_start:start]
    opens = len(re.findall(r"(?:^|(?<=[\s:(\[]))'(?=\w)", prefix))
    closes = len(re.findall(r"(?<=[\w.,!?])'(?=[\s.,!?;:)\]]|$)", prefix))
    return opens > closes


def _negated(clause_prefix: str, sentence_prefix: str) -> bool:
    """A negator that governs the match: in its clause, near it, not cancelled."""
    if _UNNEGATE_BEFORE.search(sentence_prefix):
        return False
    last = None
    for last in _NEGATOR.finditer(clause_prefix):  # noqa: B007 - the last one counts
        pass
    if last is None:
        return False
    gap = clause_prefix[last.end() :]
    if len(gap.split()) > 6 or _UNNEGATE.search(gap):
        return False
    return not (_NEW_SUBJECT.search(gap) and not _NEW_SUBJECT_OK.match(gap))


def _subject_is_other(clause_prefix: str) -> bool:
    """The nearest subject before the match is someone other than the writer."""
    tail = clause_prefix[-90:]
    third = [m.end() for m in _THIRD.finditer(tail)]
    if not third:
        return False
    first = [m.end() for m in _FIRST.finditer(tail)]
    return not first or third[-1] > first[-1]


@dataclass(frozen=True, slots=True)
class _Context:
    text: str
    bounds: Sequence[int]


# Signals that carry their own negation ("don't want to live"): a negator before them
# is part of the signal, not a denial of it.
_SELF_NEGATING = frozenset({"_AGAINST_LIFE", "_NOT_WORTH", "_NOT_MIND", "_LET_IT", "_SOON_GONE"})
_PREDICT_OP = re.compile(
    r"(?:going|gonna|about) to|(?:should|might|may|could|will|shall)(?: \w+)*|i'll|i will|"
    r"i'm|i am|i'd|im"
)
_PASSIVE_DEATH = re.compile(r"die|dye|(?:be |being |was |were |am |'m )?dead|not wake(?: up)?")
_FEAR = re.compile(
    r"\b(?:scared|afraid|terrified|frightened|worried|worry|worrying|fear|fears|feared|"
    r"panic|panicking|panicked|anxious|nervous|thought|convinced|feel like|felt like|feels "
    r"like|sure|certain|paranoid|dread|dreading)\b"
)
_PREDICT_AFTER = re.compile(
    r"[^\S\n]+(?:if|of|from|alone|before|when|one day|someday|eventually|in (?:surgery|the "
    r"operation|theatre|hospital|childbirth|labour|labor|a crash)|during|on the operating|"
    r"young|old|happy|in my sleep (?:one day|when))\b"
)
_HARM_INTENT = re.compile(
    r"\b(?:on purpose|deliberately|intentionally|purposely|to feel|punish|punishment|only "
    r"thing that (?:helps|helped|works|calms)|"
    r"deserve|to cope|self-harm|relapse|relapsed|urge|urges|blade|razor|lighter|over and "
    r"over|(?:until|till) (?:it|they|i|my \w+)(?: (?:was|were|got))? (?:bled|bleed|bleeding|"
    r"bruised|bruise|raw|swollen|black and blue))\b"
)
# Leaving a job, a home or a country, a holiday: ordinary goodbyes and giving away.
_ORDINARY_GOING = re.compile(
    r"\b(?:mov(?:e|es|ed|ing) (?:house|flat|home|abroad|out|away|in|to|back|country|city|"
    r"on from (?:the|my|this) job)|the move|emigrat\w*|relocat\w*|declutter\w*|downsiz\w*|"
    r"spring clean\w*|clear(?:ing|ed)? out|new (?:house|"
    r"flat|place|home|job|role|city|country)|holiday|vacation|trip|travel\w*|flight|abroad|"
    r"leaving do|leaving party|last day at|farewell party|retir\w*|graduat\w*|end of term|"
    r"contract|visa|semester|exchange year|gap year|backpacking|interrail\w*|festival|"
    r"hospital stay|surgery|operation|exams?|deployment|deployed|posting|tour|boarding|"
    r"boarding school|new baby|wedding|honeymoon|company|notice|handing in|resign\w*|"
    r"redundan\w*|chang(?:e|ing) jobs?|switch(?:ing)? jobs?|my team|the team|quit(?:ting)? "
    r"(?:my|the|this) job|leaving (?:the|my|this) (?:job|company|"
    r"team|school|flat|city|firm|office))\b"
)
# Someone else's death: grief, not the writer's wish.
_GRIEF = re.compile(
    r"\b(?:(?:he|she|they|who|mum|mom|dad|gran|granny|grandma|grandad|grandpa|nan|nana|"
    r"nanna|uncle|aunt|auntie|cousin|friend|brother|sister|husband|wife|partner|son|daughter|"
    r"dog|cat|pet|baby|\w+'s|(?:my|our|his|her|their) \w+) (?:\w+ )?(?:died|passed away|passed|"
    r"passed on|was killed|got killed)|passed away|funeral|loss of|lost (?:my|our|his|her)|"
    r"grief|griev\w*|bereave\w*|memorial|anniversary of|cemetery|wake for|obituary|put (?:the|"
    r"our|my) (?:dog|cat) down)\b"
)
# After "... isn't something": "I'd rule out" leaves it open.
_STILL_OPEN = re.compile(r"\b(?:rule out|ruling out|ruled out|say no to)\b")
# "Thinking about his death": someone else's.
_OTHERS_BEFORE = re.compile(r"(?:\b(?:his|her|their|your|its)|'s)[^\S\n]+$")
_HATE_LIFE = re.compile(r"(?:hate|hating|hated|loathe|despise)[^\S\n]+(?:my |this )?life")
# "We read a poem about wanting to disappear": the phrase is what the work is about.
_MEDIA_ABOUT = re.compile(
    r"\b(?:poem|song|book|film|movie|novel|story|play|show|series|episode|article|"
    r"documentary|podcast|lyrics|character|video|essay|painting|comic|game)s?[^\S\n]+(?:[\w']+"
    r"[^\S\n]+){0,3}?(?:about|where|in which|that|who|called|titled|on)\b"
)
_NOW_BEFORE = re.compile(r"\b(?:still|again|now|keep|keeps|lately|these days|right now)\b")
# Without a past time in the sentence, only a duration or recovery says risk is over:
# "I haven't cut in two years", not "I stopped eating".
_OVER_NOW = re.compile(
    r"\b(?:(?:haven't|have not|hasn't|has not|not|never)\b.*\b(?:in|for|since)\b|clean|free "
    r"(?:of|from)|recovered|recovery|glad|grateful|thankful|proud|good place|better place|"
    r"survived|behind me|in the past|history|long gone|different person|got help|got better|"
    r"came through|got through)"
)


@dataclass(frozen=True, slots=True)
class _Sentence:
    """The sentence around a match, and the clause it is in."""

    start: int
    end: int
    clause_start: int
    clause_end: int
    next_end: int  # end of the following sentence


def _sentence(text: str, bounds: Sequence[int], start: int, end: int) -> _Sentence:
    index = bisect_right(bounds, start) - 1
    sentence_start = max(bounds[index], start - 400)
    sentence_end = min(bounds[index + 1] if index + 1 < len(bounds) else len(text), end + 400)
    clause_end = sentence_end
    brk = _CLAUSE_BREAK.search(text, end, sentence_end)
    if brk is not None:
        clause_end = brk.start()
    next_end = bounds[index + 2] if index + 2 < len(bounds) else len(text)
    return _Sentence(
        sentence_start,
        sentence_end,
        _clause_start(text, start, sentence_start),
        clause_end,
        min(next_end, sentence_end + 300),
    )


def _is_idiom(text: str, where: _Sentence, start: int, end: int) -> bool:
    lo, hi = max(where.start, start - 40), min(where.end, end + 40)
    return any(m.start() < end and m.end() > start for m in _IDIOM.finditer(text, lo, hi))


def _is_topic(text: str, where: _Sentence, start: int, end: int) -> bool:
    """ "Suicide prevention", "his overdose": the word names a topic, not the writer's act."""
    if _TOPIC_AFTER.match(text, end):
        return True
    return bool(_TOPIC_BEFORE.search(text[max(where.start, start - 30) : start]))


def _denied(text: str, where: _Sentence, match: re.Match[str], name: str) -> bool:
    """Negation that governs the signal, before it in its clause or just after it."""
    if name in _SELF_NEGATING:
        return False
    start, end = match.span()
    sentence_prefix = text[where.start : start]
    if _negated(text[where.clause_start : start], sentence_prefix):
        return True
    if _NO_CHANCE.search(text, where.clause_start, start):
        return True
    return bool(_DENIED_AFTER.match(text, end, where.end))


def _someone_else(text: str, where: _Sentence, match: re.Match[str], kind: str) -> bool:
    """The writer reports another person's words or state."""
    start, end = match.span()
    sentence_prefix = text[where.start : start]
    if _inside_quotes(text, where.start, start):
        return bool(_SPEAKER.search(sentence_prefix) or _SPEAKER.search(text, end, end + 60))
    outcome = match.group("out") if "out" in match.re.groupindex else None
    self_named = kind in _SELF_NAMED or bool(
        outcome and re.search(r"\b(?:myself|my (?:own )?life|me|i|i'm)\b", outcome)
    )
    if not self_named and _subject_is_other(text[where.clause_start : start]):
        return True
    speaker = None
    for speaker in _SPEAKER.finditer(sentence_prefix):  # noqa: B007 - the last one counts
        pass
    return speaker is not None and not _FIRST.search(sentence_prefix, speaker.end())


def _time(text: str, where: _Sentence, start: int, end: int) -> str:
    """ "now", "past" (distant, not said to be over) or "over"."""
    sentence = text[where.start : where.end]
    clause = text[where.clause_start : where.clause_end]
    over = [
        m
        for m in _OVER.finditer(text, where.start, where.next_end)
        if m.end() <= start or m.start() >= end
    ]
    relapse = _RELAPSE.search(text, where.start, where.next_end) is not None
    if (
        _DISTANT.search(sentence)
        and not _RECENT.search(clause)
        and not (_NOW_BEFORE.search(text, max(where.start, start - 40), start))
    ):
        return "over" if over and not relapse else "past"
    if over and not relapse:
        # "I haven't cut in two years", "I don't feel that way any more": over, now.
        in_sentence = [m for m in over if m.start() < where.end]
        if in_sentence and any(_OVER_NOW.search(m.group()) for m in in_sentence):
            return "over"
    return "now"


def _past_and_over(text: str, where: _Sentence, start: int, end: int) -> bool:
    """A distant past the writer says is over ("when I was fifteen ..., but I'm in a good
    place now"); recent words in the clause ("again", "last night") keep it open."""
    sentence = text[where.start : where.end]
    if not _DISTANT.search(sentence) or _RECENT.search(text, where.clause_start, where.clause_end):
        return False
    if _RELAPSE.search(text, where.start, where.next_end):
        return False
    return any(
        m.end() <= start or m.start() >= end
        for m in _OVER.finditer(text, where.start, where.next_end)
    )


def _prediction(text: str, where: _Sentence, match: re.Match[str]) -> bool:
    """ "I'm scared I'm going to die", "I'll die if I eat another bite": a forecast or a
    fear of dying, not a wish. Only for a plain death outcome after a modal."""
    op, outcome = match.group("op"), match.group("out")
    if not _PREDICT_OP.fullmatch(op) or not _PASSIVE_DEATH.fullmatch(outcome):
        return False
    prefix = match.string[where.start : match.start()]
    return bool(_FEAR.search(prefix) or _PREDICT_AFTER.match(match.string, match.end()))


def _not_self_harm(sentence: str, match: re.Match[str], name: str) -> bool:
    """An injury by accident, in sport or care, or a weak verb ("hurt", "hit") with only a
    time and no intent ("I hurt my back again")."""
    intent = _HARM_INTENT.search(sentence) is not None
    if _ACCIDENT.search(sentence) and not intent:
        return True
    if name == "_SELF_HARM" and match.group("op") and _WEAK_HARM.fullmatch(match.group("op")):
        how = match.group("how") or ""
        return not intent and bool(re.fullmatch(_HARM_WHEN, how))
    return False


def _other_in_gap(match: re.Match[str]) -> bool:
    """ "I hope grandma doesn't die", "I wish my plant hadn't died", "I wish he was dead":
    between the want and the death word, a negation or someone else."""
    gap = match.string[match.end("op") : match.start("out")]
    if _NEGATOR.search(gap) or _FEAR.search(gap):
        return True
    if re.search(r"\bmy (?:own )?$", gap) or re.search(r"\bme\b", gap):
        return False
    return bool(_THIRD.search(gap) or re.search(r"\b(?:my|our|the|a|this|that) \w+", gap))


# Negations the precise rules do not list: "there's no chance I'd ...".
_NO_CHANCE = re.compile(
    r"\b(?:no chance|not a chance|no way in hell|never in a million years|not in a million "
    r"years|zero chance|not ever|no danger of|not once|never once|never ever|never have i|"
    r"never in my life)\b[^.!?;,\n]{0,30}$"
)
_ORDINARY_PLAN = re.compile(
    r"\b(?:money|budget|debt|debts|bills|finances|work|job|career|weekend|garden|trip|holiday|"
    r"party|meal|diet|revision|exam|exams|wedding|move|moving|business|project|"
    r"training|marathon|fitness|study|studying|cleaning|decorating|dinner|shopping)\b"
)


def _verdict(ctx: _Context, match: re.Match[str], kind: str, why: str, name: str) -> Hit | None:
    """What a signal means in its sentence: a hit (perhaps at a lower level), or None."""
    text = ctx.text
    start, end = match.span()
    outcome_start = match.start("out") if "out" in match.re.groupindex else -1
    focus = outcome_start if outcome_start >= 0 else start
    where = _sentence(text, ctx.bounds, start, end)
    sentence = text[where.start : where.end]

    if _is_idiom(text, where, focus, end):
        return None
    if (name == "_ACT" and _is_topic(text, where, focus, end)) or _TOPIC_AFTER.match(text, end):
        return None
    if name == "_LET_IT" and not _ILLNESS.search(sentence):
        return None
    if name == "_WISH_OUTCOME" and _prediction(text, where, match):
        return None
    if name == "_CLAUSE_WISH" and match.group("op") and _other_in_gap(match):
        return None
    if kind == "self_harm" and _not_self_harm(sentence, match, name):
        return None
    if name in {"_PREPARE", "_SOON_GONE"} and _ORDINARY_GOING.search(sentence):
        return None
    if (
        name == "_DEATH_DWELL"
        and _GRIEF.search(sentence)
        and "my own" not in sentence
        and not match.group("out").startswith("my ")
    ):
        return None
    if _denied(text, where, match, name):
        return None
    # A question someone asked, a safety plan, or abuse aimed at the writer.
    if _ASKED.search(text, where.start, start) and not _ASKED_YES.search(sentence):
        return None
    told = _TOLD_ME_TO.search(text, max(where.start, start - 40), focus + 1)
    if told and not _INNER_VOICE.search(text, max(where.start, told.start() - 40), told.end()):
        return None
    # Media and quotation: the writer is not speaking about themselves.
    quoted = _inside_quotes(text, where.start, start)
    lo, hi = max(where.start - 120, 0), min(where.end + 60, len(text))
    if _MEDIA.search(text, lo, hi) and (
        quoted or not _FIRST.search(text, where.start, end) or not _FIRST.search(sentence)
    ):
        return None
    if _MEDIA_ABOUT.search(text, where.start, start):
        return None

    when = _time(text, where, start, end)
    if when == "over":
        return None
    if name == "_DEATH_DWELL":
        if _OTHERS_BEFORE.search(text, max(where.start, outcome_start - 16), outcome_start):
            return None
        if _OWN_DEATH.fullmatch(match.group("out")):
            kind, why = "wish_to_die", "dwells on their own dying"
    if name == "_AGAINST_LIFE" and _HATE_LIFE.fullmatch(match.group("op") + match.group("out")):
        kind, why = "hopelessness", "hates their life"
    if _someone_else(text, where, match, kind):
        # Another person's low mood is not the writer's risk; their wish to die is.
        if kind not in URGENT_KINDS:
            return None
        return Hit(start, end, "third_person", f"{_PREFIX}: reports someone else's risk ({why})")
    if when == "past":
        return Hit(start, end, "past_risk", f"{_PREFIX}: past risk not said to be over ({why})")
    return Hit(start, end, kind, f"{_PREFIX}: {why}")


_GOING_WORDS = re.compile(r"\b(?:around|here|gone|last|goodbye|leave|leaving|away)\b")
_ORDINARY_MEANS = re.compile(
    r"\b(?:pill organi[sz]er|dosette|blister packs?|pharmacy|chemist|prescri\w+|for the "
    r"(?:trip|holiday|journey|week|weekend)|the vet|for the (?:dog|cat)|as (?:directed|"
    r"advised)|with (?:food|breakfast|dinner|lunch|water)|washing line|tent|camping|climbing|"
    r"sailing|boat|swing|diy|gardening|cooking|shaving|for (?:my|the) (?:headache|back|"
    r"pain|migraine|cold|flu|period|tooth|teeth))\b"
)
_DEATH_CONTEXT = re.compile(
    r"\b(?:die|dying|dead|death|kill|end it|end my|overdose|od|lethal|fatal|enough to|"
    r"suicide|suicidal|not wake|never wake|for when i'?m ready|goodbye|last|hurt myself|"
    r"do it)\b"
)
_DEATH_WORDS = re.compile(r"\b(?:death|dying|die|dead)\b")


def vetoed(kind: str, text: str, bounds: Sequence[int], start: int, end: int) -> bool:
    """General exclusions that hold whichever layer found a phrase: a figure of speech, an
    injury by accident, a goodbye to a job or a home, grief for someone else, abuse aimed at
    the writer, or ordinary use of medication or rope. `screening` applies them to the
    precise rules' findings too."""
    where = _sentence(text, bounds, start, end)
    sentence = text[where.start : where.end]
    matched = text[start:end]
    if _is_idiom(text, where, start, end):
        return True
    if kind in URGENT_KINDS and _NO_CHANCE.search(text, where.clause_start, start):
        return True
    if _TOPIC_AFTER.match(text, end) or _past_and_over(text, where, start, end):
        return True
    if _MEDIA_ABOUT.search(text, where.start, start):
        return True
    denied = _DENIED_AFTER.match(text, end, where.end)
    if denied and not _STILL_OPEN.search(text, denied.end(), where.end):
        return True
    if kind == "self_harm" and _ACCIDENT.search(sentence) and not _HARM_INTENT.search(sentence):
        return True
    if (kind == "preparatory_act" or (kind == "intent" and _GOING_WORDS.search(matched))) and (
        _ORDINARY_GOING.search(sentence)
    ):
        return True
    if (
        kind in {"wish_to_die", "possible_risk"}
        and _DEATH_WORDS.search(matched)
        and _GRIEF.search(sentence)
        and "my own" not in sentence
    ):
        return True
    if kind in URGENT_KINDS:
        told = _TOLD_ME_TO.search(text, max(where.start, start - 40), start + 1)
        inner = told and _INNER_VOICE.search(text, max(where.start, told.start() - 40), told.end())
        if told and not inner:
            return True
    ordinary = _ORDINARY_MEANS.search(sentence) is not None or (
        "plan" in matched and _ORDINARY_PLAN.search(sentence) is not None
    )
    return kind in {"plan", "means"} and ordinary and not _DEATH_CONTEXT.search(sentence)


class _Trie(dict[str, "_Trie"]):
    """Characters to subtrees; the key "" marks the end of a word, "\x00" a word boundary."""


def _trie(words: Sequence[str]) -> str:
    """One alternation shaped as a trie: the engine tries each word start once, and the
    longest word wins (a boundary is tried after the longer words)."""
    root = _Trie()
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, _Trie())
        node[""] = _Trie()
    return _trie_walk(root)


def _trie_walk(node: _Trie) -> str:
    branches = [
        (r"\b" if char == "\x00" else re.escape(char)) + _trie_walk(child)
        for char, child in sorted(node.items(), key=lambda item: (item[0] == "\x00", item[0]))
        if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return "(?:" + body + ")?" if "" in node else body


def _groups(spec: str) -> tuple[frozenset[str], ...]:
    return tuple(frozenset(group.split("|")) for group in spec.split("&"))


_SIGNAL_NEEDLES = {name: _groups(spec) for name, spec in _NEEDLES.items()}
_EVERY_NEEDLE = [n for groups in _SIGNAL_NEEDLES.values() for group in groups for n in group]
_ALL_NEEDLES = sorted({n.rstrip("$") for n in _EVERY_NEEDLE})
_WHOLE_WORD = frozenset(n.rstrip("$") for n in _EVERY_NEEDLE if n.endswith("$"))
# A whole-word needle ends in "\x00", which the trie writes as a word boundary.
_NEEDLE_SCAN = re.compile(
    r"\b(?=(" + _trie([n + "\x00" if n in _WHOLE_WORD else n for n in _ALL_NEEDLES]) + "))"
)
_PREFIXES = {n: tuple(p for p in _ALL_NEEDLES if n.startswith(p)) for n in _ALL_NEEDLES}
_GROUPS = {
    name: tuple(frozenset(n.rstrip("$") for n in group) for group in groups)
    for name, groups in _SIGNAL_NEEDLES.items()
}


# Signals by the needles of their first group: only signals with a needle present run.
_SIGNALS_BY_NEEDLE: dict[str, list[int]] = {}
for _index, (_pattern, _name, _kind, _why) in enumerate(_SIGNALS):
    for _needle in _GROUPS[_name][0]:
        _SIGNALS_BY_NEEDLE.setdefault(_needle, []).append(_index)


def _needles(text: str, bounds: Sequence[int]) -> dict[str, set[int]]:
    """Each needle in the text, with the sentences it occurs in."""
    where: dict[str, set[int]] = {}
    size = len(text)
    for match in _NEEDLE_SCAN.finditer(text):
        start = match.start()
        index = bisect_right(bounds, start) - 1
        for needle in _PREFIXES[match.group(1)]:
            if needle in _WHOLE_WORD:
                stop = start + len(needle)
                if stop < size and (text[stop].isalnum() or text[stop] == "_"):
                    continue
            where.setdefault(needle, set()).add(index)
    return where


def _sentences_for(name: str, where: dict[str, set[int]]) -> list[int]:
    found: set[int] | None = None
    for group in _GROUPS[name]:
        hit: set[int] = set()
        for needle in group:
            if needle in where:
                hit |= where[needle]
        found = hit if found is None else found & hit
        if not found:
            return []
    return sorted(found) if found else []


def scan(text: str, bounds: Sequence[int]) -> list[Hit]:
    """Every signal in `text` (normalised) that survives its context, in text order.

    `bounds` are the sentence starts (0 first) that `screening` computed.
    """
    return _scan(text, bounds, gated=True)


def _scan(text: str, bounds: Sequence[int], *, gated: bool) -> list[Hit]:
    """`scan`; with `gated=False` every signal runs on every sentence (a test checks that
    the needles never change what is found)."""
    if gated:
        where = _needles(text, bounds)
        if not where:
            return []
        candidates = sorted({i for needle in where for i in _SIGNALS_BY_NEEDLE.get(needle, ())})
    else:
        everywhere = set(range(len(bounds)))
        candidates = list(range(len(_SIGNALS)))
    ctx = _Context(text, bounds)
    hits: list[Hit] = []
    taken: list[tuple[int, int]] = []
    for pattern, name, kind, why in (_SIGNALS[i] for i in candidates):
        sentences = _sentences_for(name, where) if gated else sorted(everywhere)
        for index in sentences:
            begin = bounds[index]
            stop = bounds[index + 1] if index + 1 < len(bounds) else len(text)
            for match in pattern.finditer(text, begin, stop):
                start, end = match.span()
                if end == start or any(s < end and start < e for s, e in taken):
                    continue
                hit = _verdict(ctx, match, kind, why, name)
                if hit is not None:
                    hits.append(hit)
                    taken.append((start, end))
    hits.sort(key=lambda h: h.start)
    return hits


__all__ = ["URGENT_KINDS", "Hit", "scan", "vetoed"]
