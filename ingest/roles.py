"""Text + mentions -> titles as the article states them ("Foreign Minister Choe Son-hui",
"Choe Ryong-hae, chairman of the Supreme People's Assembly's standing committee"), linked to
the person and, where named, the organization or country. Pure."""

from __future__ import annotations

import re

from .models import Mention, Role
from .lexicon import LEXICON

# Title heads and relations ("sister of ..."); forms of address ("Mr") are no titles
HEAD_WORDS = LEXICON.title_heads | LEXICON.relation_heads
HEADS = "|".join(sorted((re.escape(h) for h in HEAD_WORDS), key=len, reverse=True))
MODIFIERS = "|".join(sorted(map(re.escape, LEXICON.title_modifiers), key=len, reverse=True))
CONNECTOR = r"(?:of|to|for|at|on|in|the|and|des|der|für|in)"
CAP = r"(?:[A-ZÀ-Þ][\w.'’-]*|U\.S\.|U\.N\.)"
# A title right before the name: capitalized words and a head noun, optionally "of/to X".
TITLE_BEFORE = re.compile(
    rf"(?P<title>(?:(?:{CAP}|{MODIFIERS})\s+){{0,5}}"
    rf"(?<![\w.'’-])(?i:{HEADS})(?:\s+{CONNECTOR}(?:\s+{CONNECTOR})?(?:\s+{CAP}){{1,4}})?)\s*,?\s*$")
# A title after the name: ", chairman of the ..." / ", the powerful sister of ..." up to , . ; or a verb.
TITLE_AFTER = re.compile(
    rf"^\s*,\s*(?P<title>(?:the\s+|a\s+|an\s+)?(?:[\w.'’-]+\s+){{0,4}}?(?i:{HEADS})\b[^,.;:()\"“”]{{0,90}}?)"
    rf"\s*(?=,|\.(?:\s|$)|;|\s+(?:who|which|said|says|told|has|had|was|is|will|would|attended|met)\b|$)")
DEMONYMS = {
    "russian": "place:russia", "north korean": "place:north-korea", "south korean": "place:south-korea",
    "u.s.": "place:united-states", "us": "place:united-states", "american": "place:united-states",
    "ukrainian": "place:ukraine", "chinese": "place:china", "japanese": "place:japan", "german": "place:germany",
    "british": "place:united-kingdom", "belarusian": "place:belarus", "russische": "place:russia",
    "russischer": "place:russia", "nordkoreanische": "place:north-korea", "nordkoreanischer": "place:north-korea",
}


def find_roles(text: str, mentions: list[Mention]) -> list[Role]:
    """One Role per title stated next to a person's name (full names, not bare surnames)."""
    roles: list[Role] = []
    people = [m for m in mentions if m.entity_type == "person"]
    for person in people:
        line_start = max(text.rfind("\n", 0, person.char_start) + 1, person.char_start - 120)
        before = text[line_start:person.char_start]
        recent = {w.lower() for w in re.findall(r"[\w']+", before)[-8:]}
        match = TITLE_BEFORE.search(before) if recent & HEAD_WORDS else None
        if match and match.group("title").strip():
            start = line_start + match.start("title")
            roles.append(_role(text, person, start, start + len(match.group("title").rstrip(" ,")), mentions))
        if person.resolution.startswith("surname"):
            continue
        after = text[person.char_end:person.char_end + 160].split("\n", 1)[0]
        match = TITLE_AFTER.match(after)
        if match:
            start = person.char_end + match.start("title")
            roles.append(_role(text, person, start, start + len(match.group("title").rstrip()), mentions))
    return roles


def _role(text: str, person: Mention, start: int, end: int, mentions: list[Mention]) -> Role:
    surface = text[start:end]
    title = re.sub(r"^(?:the|a|an)\s+", "", surface, flags=re.I)
    inside = [m for m in mentions if start <= m.char_start and m.char_end <= end and m is not person]
    organization = next((m.entity_key for m in inside if m.entity_type == "organization"), None)
    place = next((m.entity_key for m in inside if m.entity_type == "place"), None)
    possessive = re.match(r"^(?:the\s+)?(?P<owner>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,3})[’']s\s+(?P<rest>.+)$", title)
    if possessive:  # "North Korea's Foreign Minister": the title is "Foreign Minister", the country a place
        title = possessive["rest"]
    if place is None:
        lowered = title.lower()
        for demonym, key in DEMONYMS.items():
            if lowered.startswith(demonym + " "):
                place = key
                break
    return Role(person_key=person.entity_key, title=title, organization_key=organization, place_key=place,
                char_start=start, char_end=end, surface=surface)
