"""Plain words for the coping vocabulary, as clients and practitioners read them."""

from __future__ import annotations

CATEGORY_WORDS = {
    "work": "Work",
    "school": "School or study",
    "family": "Family",
    "relationships": "Relationships",
    "health": "Health",
    "money": "Money",
    "loss": "Loss or grief",
    "trauma_reminder": "A reminder of something painful",
    "other": "Something else",
}
APPRAISALS = {
    "threat": "It felt like a threat",
    "loss": "It felt like a loss",
    "challenge": "It felt like a challenge",
}
CONTROL_WORDS = {
    "can": "I can change it",
    "partly": "I can change some of it",
    "cannot": "I can't change it",
}
HELPFULNESS_WORDS = {
    "helpful": "Ways that help",
    "mixed": "Ways that help sometimes",
    "harmful": "Ways that cost me something",
}
STAGE_WORDS = {
    "precontemplation": "I'm not thinking about changing this",
    "contemplation": "I'm thinking about it",
    "preparation": "I'm getting ready to change",
    "action": "I'm changing it now",
    "maintenance": "I've changed it and I'm keeping it up",
    "recurrence": "It came back, and that's part of change",
}
FUNCTION_WORDS = {
    "calm": "to calm down",
    "numb": "to numb the pain",
    "distract": "to take my mind off it",
    "express": "to let feelings out",
    "connect": "to feel close to someone",
    "control": "to feel in control",
    "energize": "to get energy",
    "feel": "to feel something",
    "punish": "to deal with feeling I deserve it",
    "solve": "to sort the problem out",
    "meaning": "to find meaning",
    "rest": "to rest",
}
FAMILY_WORDS = {
    "active_coping": "Taking action",
    "planning": "Planning",
    "instrumental_support": "Practical help",
    "acceptance": "Acceptance",
    "emotional_support": "Emotional support",
    "humour": "Humour",
    "positive_reframing": "Seeing it differently",
    "religion_spirituality": "Faith and spirituality",
    "self_distraction": "Distraction",
    "denial": "Pushing it away",
    "substance_use": "Alcohol or drugs",
    "behavioural_disengagement": "Giving up on it",
    "venting": "Letting it out",
    "self_blame": "Blaming myself",
    "relaxation_grounding": "Relaxing and grounding",
    "mindfulness": "Mindfulness",
    "physical_activity": "Moving my body",
    "creative_expression": "Creative expression",
    "nature": "Nature",
    "self_soothing": "Soothing my senses",
    "social_connection": "Being with people",
    "professional_help": "Professional help",
    "rest_routine": "Rest and routine",
    "self_harm": "Hurting myself",
    "disordered_eating": "Eating in ways that hurt",
    "withdrawal_isolation": "Pulling away from people",
    "risk_taking": "Taking risks",
    "compulsive_numbing": "Numbing out",
    "aggression": "Lashing out",
}
# "When did this happen?" choices, in minutes before now: no time zones to get wrong.
WHEN_CHOICES = (
    ("0", "Just now"),
    ("30", "About 30 minutes ago"),
    ("60", "About an hour ago"),
    ("180", "A few hours ago"),
    ("480", "Earlier today"),
    ("1440", "Yesterday"),
)
