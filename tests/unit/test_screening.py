"""Crisis-language screening against the labelling guide (tests/data/screening/LABELS.md).

Every sentence here was written for these tests. Each case names the guide's rule
it checks: urgent kinds, concern kinds, and what must stay `none` (idioms,
negation, quotation, past risk that is over, ordinary sad days).
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mend.safety import Evidence, Level, Screening, screen, screening
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


# More paraphrases of each urgent kind, one per line.
MORE_URGENT: list[str] = [
    "My body would be found by Monday probably and I've made peace with that.",
    "I've stopped taking my meds and started keeping them instead.",
    "I don't want to see another birthday.",
    "I'm counting down the days until I can finally rest.",
    "I just want to be with Dad again, wherever he is now.",
    "I'd rather not wake up than face another day like today.",
    "It's all sorted, the dog's going to my sister and the bills are paid.",
    "If I take enough of my sleeping tablets I won't wake up.",
    "I can't stop imagining how much lighter everyone would feel without me dragging them down.",
    "I'm a waste of air and the world would be better off.",
    "They'll be sad for a bit but they'll get over it, everyone does.",
    "I burned myself with the iron on purpose last night.",
    "I've started cutting my stomach where nobody can see.",
    "I punched myself in the face until my nose bled.",
    "I keep digging my nails in till it bleeds.",
    "I want to see blood.",
    "i just wanna disappear permanently",
    "kms fr this time",
    "tryna unalive myself tonight ngl",
    "i dont wanna be alive no more",
    "i want to kil myslef",
    "suicde is all i think about",
    "I'm going to do it tonight 💊💊",
    "Ready to end it 🪦",
    "Tomorrow I'm going to the bridge and I'm not coming back.",
    "I looked at the knife in the kitchen for a long time tonight.",
    "I don't think I can keep myself alive much longer.",
    "The voices tell me to kill myself and I'm starting to listen.",
    "I asked my GP for more sleeping pills so I'd have enough.",
    "I've started saying proper goodbyes to people without them realising.",
    "I'm writing this so there's a record of why I did it.",
    "I hope I just don't wake up.",
    "Everything is arranged. I just need to pick the night.",
    "I think this is the week I finally go through with it.",
    "i have the blade in my hand right now",
    "Scrolling through methods again at 3am.",
    "Bought paracetamol from three different shops today so nobody would question it.",
    "I've been eyeing up the train line behind the house.",
    "Honestly death doesn't scare me anymore, it feels like a door.",
    "I just want to close my eyes and not open them again.",
    "I want the pain to stop for good, whatever it takes.",
    "I'm tired. Not sleepy tired. Tired of being alive tired.",
    "I'd give anything to just not be alive anymore.",
    "They'd all be relieved, even if they won't admit it.",
    "If I vanished nobody would even file a missing person report.",
    "I'm just a problem that needs to be removed.",
    "My wrists are scabbed over from the weekend.",
    "Took a blade to my arm again after the argument.",
    "Relapsed last night after 4 months clean. Cut deeper than ever.",
    "I've been burning myself with cigarettes when nobody's home.",
    "I need the release of cutting, it's the only thing that works.",
    "gonna end it all 2nite",
    "i dont wanna live anymore fr",
    "thinking abt jumping again",
    "ive got a plan",
    "If I drive off the road on the way home nobody would know it wasn't an accident.",
    "I'm going to overdose this weekend.",
    "I've decided I'm not going to be alive by Christmas.",
    "There's no reason for me to be here anymore.",
    "I want to be dead.",
    "Honestly I'd love to just not exist anymore.",
    "I keep praying I won't wake up.",
    "i just wanna die lol everything sucks",
    "It would be so easy to just end my life tonight.",
    "I'm done. I'm going to take all my pills tonight.",
    "I've decided how I'm going to do it.",
    "I've been looking up how much insulin would be fatal.",
    "I've been stockpiling my antidepressants for weeks.",
    "There's a bottle of vodka and a box of paracetamol on my desk and I know what I'm doing"
    " with them.",
    "I keep thinking about hanging myself.",
    "I wrote my goodbye letter this morning.",
    "I gave my guitar to my brother and told him to keep it forever.",
    "Everyone would be so much happier if I just vanished for good.",
    "My kids deserve a mum who isn't me, they'd be better off without me.",
    "Nobody would notice if I was gone.",
    "Would anybody even come to my funeral?",
    "I cut myself again tonight.",
    "I burned my arm with a cigarette on purpose.",
    "I've been hitting myself when I get angry.",
    "I relapsed and cut last night.",
    "I want to hurt myself so badly right now.",
    "I need to cut, the urge won't go away.",
    "i wnt to dye",
    "im gonna kms fr",
    "i'm going to end it tonight, sorry everyone",
    "I won't be around to see the new year.",
    "Soon none of this will matter because I won't be here.",
    "I'm planning to jump from the multi-storey car park.",
    "I stood at the edge of the platform waiting for the train to come and thought about jumping.",
    "I feel suicidal and I'm scared.",
    "Thoughts of killing myself won't leave me alone.",
    "I'd be doing everyone a favour by disappearing for good.",
    "I'm ready to go. I've said goodbye to everyone who matters.",
    "I can't wait to die.",
    "I'm tired of existing.",
    "What's the point in being alive?",
    "Death sounds peaceful right now.",
    "I don't deserve to live.",
    "Sometimes I just want everything to go black and stay that way.",
    "I keep picturing my own funeral and it feels like relief.",
    "There's a part of me that would welcome death.",
    "If I'm honest, I'd like to stop existing.",
    "I don't think I'll make it to the end of the month, and I'm okay with that.",
    "I'm planning to drive off the road on the way home.",
    "I have a stash of sleeping pills under my bed.",
    "I've researched which rope would hold my weight.",
    "I've been saying my goodbyes quietly this week.",
    "I'm giving away my records and my books to friends, I won't need them.",
    "Wrote notes to my kids explaining everything.",
    "Booked a hotel room for Friday so nobody finds me at home.",
    "I scratched my wrists with a razor last night.",
    "I've been burning my thighs with a lighter.",
    "I punched the wall until my knuckles bled, then cut my arm.",
    "The urge to self-harm is unbearable tonight.",
    "i need to sh so bad rn",
    "ngl i wanna kms",
    "Everyone's lives would be simpler if I'd never existed.",
    "My family will be better off once I'm out of the picture.",
    "I'm just waiting to die.",
    "I'd happily never wake up again.",
    "I want to go to sleep forever.",
    "Please let me not wake up tomorrow.",
    "I'm so close to ending it.",
    "I can't see myself making it through another week, I'm done.",
    "There's a rope in the garage and I keep thinking about it.",
    "I am going to end my life this weekend.",
    "i want 2 die",
    "honestly i think everyone would be fine if i just wasnt here anymore",
    "lately i keep hoping i dont wake up in the morning",
    "i have a whole plan and i know when im going to do it",
    "tonights the night i finally do it",
    "i want my life to be over",
    "im so done with living",
    "i could just take everything in the cupboard and that would be that",
    "Today I sat in the car in the garage with the engine running for a while.",
    "I've been collecting razor blades in a tin.",
    "I keep cutting and I can't stop.",
    "I carved words into my leg last night.",
    "My thighs are a mess of cuts again.",
    "I'm gonna end it all, i mean it this time",
    "I texted my ex goodbye and said I was sorry for everything, it's time.",
    "I'd rather be dead than go back to hospital.",
    "Nobody would even care if I died tonight.",
    "I wish I could die in my sleep.",
    "I think about killing myself every single day.",
    "I have pills and I'm going to take them all tonight.",
    "At this point death feels like the only way out.",
]

# More concern: hopelessness, burden, entrapment, disappearance, past, others.
MORE_CONCERN: list[str] = [
    "I don't see how things could ever get better.",
    "Everything feels hopeless lately.",
    "I feel like everyone would be happier if I wasn't so much work.",
    "I'm nothing but a drain on my family's money.",
    "I'm stuck and there's no way forward.",
    "I can't handle life at the moment.",
    "I'm running out of reasons to keep trying.",
    "I'd like to disappear for a while and not tell anyone.",
    "When I was 16 I took a load of pills.",
    "I was in hospital after cutting too deep a few years ago.",
    "My mate Josh told me he's been googling ways to die.",
    "My sister has been hurting herself again.",
    "I'm worried about my son, he said he doesn't see the point in living.",
    "Things just keep getting worse and I can't see them ever improving.",
    "I'm a failure and always will be.",
    "My family would be better off with a different daughter.",
    "I keep letting everyone down.",
    "I feel so alone and like nobody would care.",
    "I'm drowning and nobody can see it.",
    "I'm stuck in a life I hate with no way out.",
    "Some days I just want to vanish.",
    "I took an overdose in 2015.",
    "My partner self-harms and I don't know how to help.",
    "I don't know how much longer I can keep pretending.",
    "There's no light anywhere.",
    "I'm worthless and nothing will ever change that.",
    "There's no hope left for me.",
    "I'm such a burden on my parents.",
    "Everyone would be happier if I wasn't so difficult.",
    "I can't cope anymore.",
    "I feel so trapped in this marriage.",
    "I just want to run away from everything.",
    "I wish I could disappear for a bit.",
    "I tried to kill myself when I was seventeen.",
    "I used to self-harm in high school.",
    "My friend told me she's been cutting.",
    "My son said he wants to kill himself.",
    "My girlfriend took an overdose last year.",
    "Things are never going to get better for me.",
    "I don't see the point of anything anymore.",
    "I'm a waste of space.",
    "I can't do this anymore.",
    "I'm at breaking point.",
    "I have scars from when I used to cut.",
    "Nothing I do matters.",
    "Nothing is ever going to get better for me.",
    "I'm a disappointment to everyone.",
    "I feel like I'm a burden to my whole family.",
    "I can't keep going like this.",
    "I've lost all hope.",
    "My life feels completely pointless.",
    "I feel completely stuck and I can't see a way out.",
    "I wish I could vanish for a week.",
    "I attempted suicide twice in my teens.",
    "I cut myself a lot when I was at school.",
    "My best mate told me he's been thinking about suicide.",
    "My daughter has been self-harming.",
    "I'm so tired of fighting every day.",
    "There's no future for someone like me.",
    "Why do I even bother anymore?",
    "I feel like nothing will ever be okay again.",
    "I'm so hopeless about everything.",
    "I'm just a waste of everyone's time.",
    "i cant take it anymore",
    "I feel like I'm stuck in a hole I can't climb out of.",
    "Nothing I do is ever good enough and it never will be.",
    "My brother has been talking about ending his life.",
    "My friend's been cutting herself.",
    "I used to think about suicide a lot in college.",
    "I overdosed when I was 19.",
]

# More that must stay none: idioms, negation, media, past over, ordinary days.
MORE_NONE: list[str] = [
    "I could have died when I saw my ex at the party lol.",
    "I'm dying of boredom in this lecture.",
    "This assignment will be the death of me.",
    "Killing two birds with one stone, I did the shopping on the way home.",
    "The plants in the office are dead, nobody waters them.",
    "I haven't cut myself since I was a teenager, and I don't want to.",
    "I'm not going to hurt myself, I just needed to write this down.",
    "My therapist asked about suicidal thoughts and I told her honestly I haven't had any.",
    "The podcast host talked about his brother's suicide.",
    "We read Romeo and Juliet in class; she stabs herself at the end.",
    "In the show, the detective finds a suicide note.",
    "The band's new song is all about wanting to die young.",
    "I gave my old laptop to my cousin.",
    "I've written my will, it's just sensible at my age.",
    "I said goodbye to everyone at work, it was my last day.",
    "I was so tired I could have slept forever.",
    "I'm exhausted, I just want to sleep for a week.",
    "I hate my job and I want to quit.",
    "I'm so bored I want to scream.",
    "Tired, headachey, but got through the day.",
    "I cut the grass and then cut my hair.",
    "Burnt the toast again.",
    "I hit my head on the car door getting in.",
    "The dog bit me, nothing serious.",
    "Rough day but I'm okay.",
    "I'm stressed about money but we'll figure it out.",
    "Everyone at work is annoying me today.",
    "I wish my brother would move out.",
    "I hope my team wins tonight.",
    "I wanted to cry when I saw the vet bill.",
    "I laughed so much I thought I'd die.",
    "I'm dead serious about going to the gym.",
    "If my boss asks me to stay late again I'll kill him, lol.",
    "My battery died so I couldn't call.",
    "I'm cutting sugar out of my diet.",
    "She's a knockout in that dress.",
    "We had a killer workout.",
    "I feel dead inside on Monday mornings, lol.",
    "I'm not planning to hurt myself; I just wanted to vent.",
    "I used to self-harm but I've been free of it for six years now.",
    "My granddad shot himself in the foot by selling the house early.",
    "The book I'm reading has a suicide in it and it's beautifully written.",
    "My friend's dog died today and I'm heartbroken for her.",
    "I have a plan for the garden this spring.",
    "I'm going to take all my old clothes to the tip.",
    "I bought paracetamol for my headache.",
    "I wrote a letter to the council about the bins.",
    "I gave my sister my old bike.",
    "I sat on the bridge and ate my lunch.",
    "I'm tired of the rain.",
    "The heat is killing me today.",
    "I'm dying for a cup of tea.",
    "My laptop died during the presentation.",
    "I laughed so hard I nearly died.",
    "The comedian absolutely killed it.",
    "I could kill my brother for eating my leftovers.",
    "That workout nearly killed me.",
    "I'm dead on my feet after that shift.",
    "We cut the meeting short.",
    "I cut my finger chopping onions.",
    "I burned myself on the kettle this morning.",
    "I'd rather die than go to that wedding.",
    "I wouldn't be caught dead in that outfit.",
    "My phone battery is dead again.",
    "I'm not suicidal and never have been.",
    "I would never take my own life.",
    "I don't want to hurt myself, I just want to sleep.",
    "No thoughts of self-harm today.",
    "It's been five years since I last self-harmed and I feel strong.",
    "I used to feel suicidal but therapy really helped and I'm in a good place now.",
    "We watched a documentary about a poet who killed herself.",
    "In the novel, the heroine drowns herself in the river.",
    "The song's chorus is 'I want to die young'.",
    "The news said a teenager took his own life after bullying.",
    "I'm going to end my gym membership.",
    "I want to end things with my boyfriend.",
    "I'm ending it with Sam tonight, I've made up my mind.",
    "I'm so tired but I'm proud of myself for going.",
    "Mum is in hospital and I'm scared.",
    "I miss my dad so much since he died.",
    "My grandad passed away last night, I can't stop crying.",
    "The plants are dying because of the heat.",
    "We had to put the dog down, it was awful.",
    "I'm hopeless at maths.",
    "I feel a bit down but the walk helped.",
    "I gave away my old books to the library.",
    "I said goodbye to my friends before the move.",
    "I wrote letters to my penpals in Japan.",
    "I left a note for my flatmate about the bins.",
    "I'm saving up for a new bike.",
    "I keep my pills in a box by the bed so I remember them.",
    "I took my tablets with breakfast.",
    "I looked up how many calories are in a croissant.",
    "I know which bus to take now.",
    "I have a plan for the weekend: clean, cook, rest.",
    "We set a date for the wedding!",
    "Work is a nightmare but I'll survive.",
    "I'm stuck at home with a cold.",
    "There's no way out of this car park, the barrier's broken.",
    "I can't take this heat anymore.",
    "Dad's gun is locked up for the hunting season.",
    "I bought some rope for the washing line.",
    "I'm bored to death of this rain.",
    "My sister is dying to meet you.",
    "I'd kill to have your hair.",
    "I'm drowning in paperwork this week.",
    "I'll be gone for two weeks in Spain.",
    "I won't be around next week, I'm on holiday.",
    "I don't want to be here, this party is so boring.",
    "When I'm gone on holiday the cat sitter will come.",
    "That film was so sad, the ending killed me.",
    "I hurt my back lifting the sofa.",
    "I hit my head on the cupboard door, ouch.",
    "She said she'd rather die than miss the concert.",
    "I'm killing it at work lately.",
    "I feel like I'm going to die if I eat another bite.",
    "Once I'm gone for the weekend, you'll have the flat to yourself.",
    "My nan always says she wants to be cremated when she dies.",
    "I don't plan on being here past nine tonight, the shop closes.",
    "I won't be around much this week because of exams.",
    "We're giving away our old sofa because we bought a new one.",
    "I wrote a note to my teacher explaining why I missed class.",
    "I've written letters to everyone in my family for Christmas.",
    "My therapist asked whether I've had thoughts of suicide and I said no.",
    "The form asked if I ever want to hurt myself, which I don't.",
    "I can't stop laughing at this video.",
    "I can't take my eyes off the baby, she's gorgeous.",
    "I'm not going to lie, today was brilliant.",
    "Nobody would believe how good this cake is.",
    "No one would notice if I skipped the gym once.",
    "If I died my hair blonde, would anyone notice?",
    "I'd be better off with a new phone.",
    "They'd be better off without the extra meeting.",
    "Everyone would be happier without the noise from next door.",
    "I was so embarrassed I wanted the ground to swallow me.",
    "This deadline is going to be the death of me.",
    "I'm tired of this weather.",
    "I'm so done with this week, roll on Friday.",
    "I'm done with work for today.",
    "There's no point going out in this rain.",
    "What's the point of the new system if nobody uses it?",
    "I gave up sugar for Lent.",
    "I'm ready to give up on this puzzle.",
    "Nothing will get better than this holiday!",
    "Things are getting better at work.",
    "Life is good right now.",
    "I'm starting to feel hopeful again.",
    "My cousin's cat died and she's devastated.",
    "He killed the spider for me.",
    "The detective novel had a murder in chapter one.",
    "I watched a horror film and couldn't sleep.",
    "I almost died when I saw the bill.",
    "My leg is killing me after the run.",
    "I've cut down on coffee and I sleep better.",
    "She cut her hair really short and it suits her.",
    "I hit the snooze button three times.",
    "I took my meds on time all week, proud of that.",
    "The doctor increased my sertraline dose.",
    "I have enough money to pay the rent this month, finally.",
    "Picked up my prescription from the pharmacy.",
    "I looked up how long it takes to boil an egg.",
    "I found the best way to make pancakes.",
    "We planned our route for the hike.",
    "I stood on the bridge and took photos of the sunset.",
    "We walked along the cliffs and the view was stunning.",
    "I want to jump in the lake this summer.",
    "The train was cancelled so I walked home.",
    "My brother shot a great goal in the match.",
    "I'm drowning in laundry.",
    "I used to live in Leeds.",
    "I tried sushi for the first time.",
    "I attempted a marathon last year.",
    "I hurt my ankle playing football.",
    "I have a scar from my appendix operation.",
    "My dog is a bit of a burden when we travel, honestly.",
    "The burden of proof is on them.",
    "I don't want to be a burden to my kids when I'm old, so I'm saving.",
    "I'm sick of my phone breaking.",
    "I feel like a failure at cooking.",
    "It's the end of an era, my favourite cafe closed.",
    "I'm going to end the day with a bath.",
    "I need to end this call, sorry.",
    "I wish I could go back to Spain.",
    "I wish I had more time.",
    "I hope the bus comes soon.",
    "I hope it doesn't rain.",
    "I would die for my kids.",
    "My kids are my reason to live.",
    "I want to live a long life.",
    "I love being alive on days like this.",
    "I'm glad I'm still here to see this.",
    "Mum says she'd rather die than move into a care home.",
    "In the play, Juliet stabs herself.",
    "We learned about Sylvia Plath in English.",
    "The podcast was about suicide prevention.",
    "I signed up for suicide prevention training at work.",
    "Self-harm awareness week is coming up at school.",
    "I want to die my hair red for the festival.",
    "Can't wait to see you, I'm dying to catch up!",
    "Lol I nearly died when she said that.",
    "Ugh my car died on the motorway again.",
    "We killed time at the airport with cards.",
    "The film was so dull I wanted to die.",
    "I'm not going anywhere, don't worry.",
    "I haven't felt suicidal in years.",
    "I stopped self-harming four years ago and I'm doing really well.",
    "The lecture was on the history of suicide in Victorian England.",
    "The character in the book hangs himself at the end.",
    "My gran died peacefully at 94.",
    "Sleep forever? No, just a long lie-in please.",
    "We need to cut the budget by ten percent.",
    "The kids are driving me up the wall.",
    "I am so done with this assignment.",
    "There's no way I'm going out tonight.",
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


@pytest.mark.parametrize("text", MORE_URGENT)
def test_more_urgent(text: str) -> None:
    assert _level(text) is Level.URGENT, screen(text)


@pytest.mark.parametrize("text", MORE_CONCERN)
def test_more_concern(text: str) -> None:
    assert _level(text) is Level.CONCERN, screen(text)


@pytest.mark.parametrize("text", MORE_NONE)
def test_more_none(text: str) -> None:
    assert _level(text) is Level.NONE, screen(text)


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


ALL_SENTENCES = sorted(
    {t for t, _ in URGENT + CONCERN}
    | set(NONE + MORE_URGENT + MORE_CONCERN + MORE_NONE + PARTIAL_NEGATIONS + TYPOS_AND_SLANG)
)


def test_the_fast_guard_never_skips_a_match() -> None:
    """Needles and sentences only decide where each rule's regex runs; on every sentence
    here the regexes find nothing more when run over the whole text."""
    skipped = []
    for text in ALL_SENTENCES:
        low = screening._normalise(text).text
        bounds = screening._sentence_bounds(low)
        where = screening._needles_by_sentence(low, bounds)
        for rule in screening._RULES:
            everywhere = {m.span() for m in rule.pattern.finditer(low) if m.end() > m.start()}
            guarded: set[tuple[int, int]] = set()
            if all(not group.isdisjoint(where) for group in rule.needles):
                for index in screening._sentences_for(rule, where):
                    end = bounds[index + 1] if index + 1 < len(bounds) else len(low)
                    guarded |= {m.span() for m in rule.pattern.finditer(low, bounds[index], end)}
            skipped += [(rule.why, low[a:b]) for a, b in everywhere - guarded]
    assert skipped == []
