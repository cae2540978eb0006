"""Before the lines are read: markup that wraps an article is undone — Markdown and its front
matter, an e-mail forwarding header. Pure: text in, text out, plus what was found and left out."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from ..lexicon import LEXICON

# Markdown (.md files, clippers): headings, emphasis, links and images give way to their words
MARKDOWN_SIGNS = re.compile(r"^#{1,6} [^\s#]|\*\*[^\s*][^*\n]*\*\*|\]\((?:https?://|/)|^\*[^*\n]+\*$|\A---\n", re.M)
MARKDOWN_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\s]*\)")
MARKDOWN_LINK = re.compile(r"\[([^\]\n]+)\]\((?:https?://|/|#)[^)\s]*\)")
MARKDOWN_HEADING = re.compile(r"^#{1,6}[ \t]+(?=[^\s#])", re.M)  # not a release's end mark '# # #'
MARKDOWN_QUOTE = re.compile(r"^>[ \t]?", re.M)  # a clipper's '> excerpt' blocks
MARKDOWN_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
MARKDOWN_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>(?:.*\n){0,60}?)---[ \t]*\n")
FORWARDED = re.compile(r"^-{2,}\s*(?:forwarded message|original message|weitergeleitete nachricht)\s*-{2,}$", re.I)
EMAIL_FIELD = re.compile(r"^(?:from|to|cc|bcc|date|sent|subject|reply-to|von|an|gesendet|betreff|datum)\s*:", re.I)
SENDER_FIELD = re.compile(r"(?i)^(?:from|von)\s*:")
EMAIL_FIELDS_KEPT = {"subject": "subject", "betreff": "subject", "date": "date", "sent": "date", "datum": "date",
                     "gesendet": "date"}
REPLY_PREFIX = re.compile(r"(?i)^(?:(?:fwd?|fw|re|aw|wg|tr)\s*:\s*)+")  # 'Fwd: Re: ...' before a subject


@dataclass
class Prepared:
    text: str
    fields: dict[str, str] = field(default_factory=dict)  # from front matter: title, byline, source, url, published
    dropped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def prepare(text: str) -> Prepared:
    """Undo the markup around an article's text."""
    prepared = Prepared(text)
    if ("#" in text or "*" in text or "](" in text or text.startswith("---")) and MARKDOWN_SIGNS.search(text):
        _front_matter(prepared)
        if MARKDOWN_SIGNS.search(prepared.text):
            prepared.text = unwrap_markdown(prepared.text)
            prepared.warnings.append("Markdown markup unwrapped")
    return prepared


def unwrap_markdown(text: str) -> str:
    """'# Title' -> 'Title', '**December 4**' -> 'December 4', '[the ministry](https://...)' ->
    'the ministry'; images are left out (the raw file keeps them all)."""
    text = MARKDOWN_IMAGE.sub("", text)
    text = MARKDOWN_LINK.sub(r"\1", text)
    text = MARKDOWN_QUOTE.sub("", text)
    text = MARKDOWN_HEADING.sub("", text)
    text = MARKDOWN_STRONG.sub(r"\2", text)
    return MARKDOWN_EMPHASIS.sub(r"\1", text)


def _front_matter(prepared: Prepared) -> None:
    """A clipper's YAML front matter ('---' ... '---' above the text): its title, author, source,
    URL and publication date are fields; when it was clipped or created is not a publication date."""
    match = FRONT_MATTER.match(prepared.text)
    if not match:
        return
    try:
        data = yaml.safe_load(match["yaml"])
    except yaml.YAMLError:
        return
    if not isinstance(data, dict):
        return
    labels = LEXICON.field_labels
    for key, value in data.items():
        field_name = labels.get(str(key).lower().strip())
        if field_name in (None, "skip") or value in (None, "", []):
            continue
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value if v)
        value = str(value).strip()
        if field_name == "source" and re.match(r"https?://", value):
            field_name = "url"
        prepared.fields.setdefault(field_name, value)
    prepared.dropped.extend(line for line in match.group(0).splitlines() if line.strip())
    prepared.text = prepared.text[match.end():]


def drop_email_header(lines: list[str], dropped: list[str], fields_out: dict[str, str] | None = None) -> list[str]:
    """An article forwarded by e-mail: the '---- Forwarded message ----' line and the From/Date/
    Subject block under it are left out of the article (the raw file keeps them); the message's
    subject and date go to `fields_out` ('subject', 'date') when it is given."""
    index = 1 if lines and FORWARDED.match(lines[0].strip()) else 0
    fields = 0
    while index + fields < len(lines) and EMAIL_FIELD.match(lines[index + fields].strip()):
        fields += 1
    if fields < 2 or (index == 0 and not any(SENDER_FIELD.match(line.strip()) for line in lines[:fields])):
        return lines
    if fields_out is not None:
        for line in lines[index:index + fields]:
            name, _, value = line.strip().partition(":")
            kind = EMAIL_FIELDS_KEPT.get(name.strip().lower())
            if kind and value.strip() and kind not in fields_out:
                fields_out[kind] = value.strip()
    dropped.extend(line.strip() for line in lines[:index + fields])
    rest = lines[index + fields:]
    while rest and not rest[0].strip():
        rest.pop(0)
    return rest
