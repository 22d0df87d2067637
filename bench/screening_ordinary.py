"""Ordinary journal sentences from templates, as extra none examples for the classifier.

The labelled sets are more than half risk, and their none sentences are mostly hard
cases (idioms, negations, near misses). A model trained on them alone learns that
ordinary frames ("I want to", "I'm going to", "tonight", "I keep", "I should just")
lean towards risk, and a journal entry of ten plain sentences collects enough of
that to be raised. These sentences, written as templates with ordinary slots only
(no death, dying, self-harm, hopelessness, burden or entrapment vocabulary), teach the
frames' ordinary uses. `sentences(count, seed)` is deterministic. They are used for
training only, never scored.
"""

from __future__ import annotations

import random

WHO = (
    "I", "We", "My sister", "My brother", "Mum", "Dad", "My partner", "My friend", "Sam",
    "The kids", "My flatmate", "My boss", "Gran", "Our neighbour", "Jo", "My colleague",
)  # fmt: skip
WHEN = (
    "today", "this morning", "after work", "tonight", "at lunch", "yesterday", "on Saturday",
    "this weekend", "tomorrow", "last night", "before bed", "after dinner", "on the way home",
    "this afternoon", "next week", "on Friday", "first thing", "later",
)  # fmt: skip
DOING = (
    "go to the shops", "clean the kitchen", "call my mum", "finish the report",
    "book the dentist", "walk the dog", "cook a curry", "watch the match", "read my book",
    "fix the shelf", "do the washing", "go for a run", "sort the recycling",
    "paint the fence", "plan the holiday", "ring the bank", "tidy my desk", "bake bread",
    "water the plants", "go swimming", "meet Priya for coffee", "visit my aunt",
    "answer my emails", "learn some Spanish", "change the bedsheets", "take the car in",
    "pay the gas bill", "start the new series", "get a haircut", "try the new cafe",
    "go to bed early", "sleep in", "have a long bath", "write my shopping list",
    "get the train to Leeds", "pick up the kids", "renew my passport", "hoover the stairs",
    "buy a birthday card", "make a dentist appointment", "take the bins out",
)  # fmt: skip
THINGS = (
    "a new kettle", "some flowers", "the train tickets", "a present for Mum", "new trainers",
    "a book about gardening", "the weekly shop", "a birthday cake", "paint for the hall",
    "a winter coat", "some plants", "a board game", "bread and milk", "a phone case",
    "a ticket for the concert", "batteries", "a lamp for the bedroom", "dog food",
)  # fmt: skip
FEEL = (
    "tired", "a bit flat", "stressed about work", "happy", "nervous", "excited", "grumpy",
    "relieved", "proud of myself", "fed up with the rain", "anxious before the meeting",
    "calmer", "busy", "rushed", "sleepy", "pleased", "frustrated with the bus", "content",
    "a bit lonely", "overwhelmed with emails", "annoyed", "hopeful about the interview",
)  # fmt: skip
PLACES = (
    "the park", "the library", "the supermarket", "work", "the gym", "the beach", "town",
    "the garden centre", "my mum's", "the station", "the pub", "the cinema", "the office",
    "the market", "the canal", "the pool", "the dentist", "the post office",
)  # fmt: skip
TEMPLATES = (
    "I want to {doing} {when}.",
    "I'm going to {doing} {when}.",
    "I really need to {doing}.",
    "I keep meaning to {doing}.",
    "I should just {doing} {when}.",
    "I've decided to {doing} {when}.",
    "Tonight I'm going to {doing}.",
    "I can't wait to {doing}.",
    "I'm ready to {doing}.",
    "I finally managed to {doing}.",
    "I'm putting off having to {doing}.",
    "{who} wants to {doing} {when}.",
    "{who} and I went to {place} {when}.",
    "I went to {place} {when} and it was fine.",
    "I bought {thing} {when}.",
    "{who} gave me {thing}.",
    "I gave {thing} to {who_lower}.",
    "I looked up how to get to {place}.",
    "I felt {feel} {when}.",
    "I'm {feel} but it's okay.",
    "Feeling {feel} {when}.",
    "I wrote a note to {who_lower} about {thing}.",
    "I keep forgetting {thing}.",
    "I just want to {doing}.",
    "I don't want to {doing} {when}.",
    "I'm done with {doing_ing} for today.",
    "I'm tired of {doing_ing}.",
    "I spent ages {doing_ing} {when}.",
    "I've been {doing_ing} all week.",
    "{who} keeps {doing_ing}.",
    "I'll be at {place} {when}.",
    "I won't be at {place} {when}.",
    "There's no way I can {doing} {when}.",
    "I've made up my mind to {doing}.",
    "It's the last time I {doing_past} this month.",
    "I said goodbye to {who_lower} at {place}.",
    "I planned to {doing} {when}.",
    "I'm saving up for {thing}.",
    "I sorted out {thing} {when}.",
)  # fmt: skip

_IRREGULAR = {
    "go": ("going", "went"), "do": ("doing", "did"), "get": ("getting", "got"),
    "make": ("making", "made"), "take": ("taking", "took"), "have": ("having", "had"),
    "pay": ("paying", "paid"), "buy": ("buying", "bought"), "write": ("writing", "wrote"),
    "meet": ("meeting", "met"), "read": ("reading", "read"), "sleep": ("sleeping", "slept"),
    "swim": ("swimming", "swam"), "run": ("running", "ran"), "begin": ("beginning", "began"),
    "put": ("putting", "put"), "ring": ("ringing", "rang"), "sort": ("sorting", "sorted"),
    "plan": ("planning", "planned"), "shop": ("shopping", "shopped"),
}  # fmt: skip


def _forms(phrase: str) -> tuple[str, str]:
    """("going to the shops", "went to the shops") from "go to the shops"."""
    verb, _, rest = phrase.partition(" ")
    if verb in _IRREGULAR:
        ing, past = _IRREGULAR[verb]
    elif verb.endswith("e") and not verb.endswith("ee"):
        ing, past = verb[:-1] + "ing", verb + "d"
    else:
        ing, past = verb + "ing", verb + "ed"
    tail = (" " + rest) if rest else ""
    return ing + tail, past + tail


def sentences(count: int, seed: int) -> list[str]:
    """`count` distinct ordinary sentences (fewer if the templates run out)."""
    rng = random.Random(seed)
    made: dict[str, None] = {}
    tries = 0
    while len(made) < count and tries < count * 20:
        tries += 1
        doing = rng.choice(DOING)
        ing, past = _forms(doing)
        who = rng.choice(WHO)
        text = rng.choice(TEMPLATES).format(
            doing=doing,
            doing_ing=ing,
            doing_past=past,
            when=rng.choice(WHEN),
            who=who,
            who_lower=who if who in ("I", "Sam", "Jo") else who[0].lower() + who[1:],
            thing=rng.choice(THINGS),
            feel=rng.choice(FEEL),
            place=rng.choice(PLACES),
        )
        made.setdefault(text, None)
    return list(made)
