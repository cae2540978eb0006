"""Raw article text -> Article (title, outlet, date, dateline, byline, credits, clean body). Pure.

The reading is a chain of small steps, each of which only takes what it is sure of:
header lines (date header, title, outlet, byline, date line, photo credit and caption),
then paragraphs (caption paragraph, dateline, promo lines, credits, trailing agency credit),
then repairs inside paragraphs (sentences run together without a space).
Whatever the text does not say stays None.
"""

from __future__ import annotations

import datetime as dt
import re

from . import dates
from .models import Article

# ---------------------------------------------------------------- patterns (data, not logic)

DATE_HEADER = re.compile(r"^\s*date\s+(?P<token>\S+)[ \t]*(?P<rest>.*)$", re.I)
BYLINE = re.compile(r"^(?:by|von)\s+(?P<name>[A-ZÀ-Þ][^\n]{1,100})$", re.I)
# "Justin McCurry in Tokyo" / "Justin McCurry and Jane Doe in Seoul" (Guardian style, no "By")
BYLINE_IN = re.compile(r"^(?P<name>[A-ZÀ-Þ][\w'’-]+(?: [A-ZÀ-Þ][\w'’-]+){1,2}(?: and [A-ZÀ-Þ][\w'’-]+(?: [A-ZÀ-Þ][\w'’-]+){1,2})?)"
                       r" in (?P<place>[A-ZÀ-Þ][\w'’ -]{1,30})$")
BYLINE_TIME = re.compile(r"(?:updated|published|posted)?:?\s*\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*"
                         r"(?:[A-Z]{2,5}(?:\s*[+-]\s*\d{1,2}(?::\d{2})?)?)?", re.I)  # "6:02 PM GMT+9"
EMAIL = re.compile(r"\s*[\[(<]?[\w.+-]+@[\w-]+(?:\.[\w-]+)+[\])>]?")
# "Title: ...", "Author: ...", "URL: ..." lines that exports and scrapers put above an article
TITLE_LABEL = re.compile(r"^(?:title|headline|titel|überschrift)\s*:\s*(?P<value>\S.{0,250})$", re.I)
AUTHOR_LABEL = re.compile(r"^(?:author|authors|byline|writer|autor|autorin)\s*:\s*(?P<value>\S.{0,100})$", re.I)
METADATA_LABEL = re.compile(r"^(?:url|link|section|category|categories|tags?|keywords|language|lang|rubrik|ressort)\s*:\s*\S.*$",
                            re.I)
SOURCE_LABEL = re.compile(r"^(?:source|quelle)\s*:\s*(?P<name>.{2,60})$", re.I)
DATE_LABEL = re.compile(
    r"^\s*(?P<label>published|updated|posted|last updated|first published|date|"
    r"veröffentlicht|aktualisiert|stand|datum)\b", re.I)
PHOTO_CREDIT = re.compile(
    r"^(?:(?:image|photo|picture|foto|bild)\s*(?:credit|courtesy|source)?\s*[:/]|"
    r"(?:photo|image|picture)s?\s+by\b|"
    r"[\w.&' -]{1,40}\s+(?:images|photos?)$|"
    r"\(?(?:photo|image|foto)\s*[:/]\s*|"
    r"getty\b|file photo\b)", re.I)
PROMO = re.compile(
    r"^(?:WATCH|LISTEN|READ MORE|READ ALSO|ALSO READ|RELATED|SEE ALSO|MORE|VIDEO|PODCAST|"
    r"Read more|Also read|Related|Watch|Listen|Sign up|Subscribe|Follow us|Click here|Advertisement|"
    r"Mehr zum Thema|Lesen Sie auch|Auch interessant)\b\s*(?:l\b|\||:|-|–|—|>>|›)?",
)
BOILERPLATE = re.compile(
    r"^(?:\(END\)|\(?end\)?|-{2,}|\*{3,}|#+|©.*|copyright\b.*|all rights reserved\.?|"
    r"\(?reporting by\b.*|\(?writing by\b.*|\(?editing by\b.*|\(?additional reporting by\b.*|"
    r".{1,100}\bcontributed (?:to (?:this|the) (?:report|story|article)|reporting)\b.{0,60})$",
    re.I)
# Page furniture copied along with an article: share and save buttons, reading time
UI_CHROME = re.compile(
    r"^(?:(?:share|save|print|e-?mail|copy link|comments?|bookmark|tweet|facebook|twitter|whatsapp|linkedin|"
    r"telegram|share this (?:article|page|story)|share on \w+|\d+\s*min(?:ute)?s?\s+read|teilen|drucken|merken)"
    r"\s*[|·•/,]?\s*)+$", re.I)
# The heading of a list of links that ends a page ("Related topics", then "North Korea", "Russia")
LINK_LIST_HEADING = re.compile(
    r"^(?:related(?: topics| stories| articles| content| coverage| news)?|more on this (?:story|topic)|"
    r"more from [\w ]{1,30}|top stories|most read|see also|mehr zum thema)\s*:?$", re.I)
# "Seoul correspondent" / "Diplomatic editor, BBC News": a reporter's role under a byline with no "By"
JOURNALIST_ROLE = re.compile(
    r"^(?:[\w'’-]+\s+){0,4}(?:correspondent|reporter|editor|writer|journalist|columnist|analyst|contributor|"
    r"bureau chief|staff)(?:\s*,\s*(?P<outlet>[\w .&'’-]{1,40}))?$", re.I)
PERSON_NAME_LINE = re.compile(r"^[A-ZÀ-Þ][\w'’.-]+(?: [A-ZÀ-Þ][\w'’.-]+){1,3}$")
CAPTION_WORDS = re.compile(r"\b(photo|image|picture|pictured|file photo|shows|seen|poses|released by)\b", re.I)
TRAILING_PAREN_CREDIT = re.compile(r"\s*\((?P<name>[A-Z][\w.&' -]{1,40})\)\s*(?:\(END\))?\s*$")
DASH = r"(?:--|—|–|-|:)"
_MONTH_DAY = rf"(?P<mon>{dates.MONTH})\s*(?P<day>\d{{1,2}})|(?P<day2>\d{{1,2}})\.?\s+(?P<mon2>{dates.MONTH})"
DATELINES = [
    # MOSCOW, December 4. /TASS/.   (TASS style)
    re.compile(rf"^(?P<place>[A-ZÀ-Þ][\w.'’/ -]{{1,40}}?)[,.]\s*(?:{_MONTH_DAY})\.?\s*/(?P<agency>[A-Za-z -]{{2,20}})/\.?\s*", re.I),
    # MOSCOW, Nov 9 (Reuters) -   /   Pyongyang, December 5 (KCNA) --   /   MOSCOW. Oct 24 (Interfax) -
    re.compile(
        rf"^(?P<place>[A-ZÀ-Þ][\w.'’/ -]{{1,40}}?)[,.]\s*(?:{_MONTH_DAY})(?:,?\s*(?P<year>\d{{4}}))?\s*"
        rf"\((?P<agency>[^)\n]{{1,40}})\)\s*{DASH}\s*", re.I),
    # SEOUL, South Korea (AP) —   /   WASHINGTON (Reuters) -   /   Moskau (dpa) -
    re.compile(rf"^(?P<place>[A-ZÀ-Þ][\w.'’/ -]{{1,40}}?)(?:,\s*(?P<region>[A-Z][\w. ]{{1,30}}?))?\s*"
               rf"\((?P<agency>[^)\n]{{1,40}})\)\s*{DASH}\s*"),
    # Seoul, South Korea CNN —   (an outlet named without parentheses: taken only for a known outlet)
    re.compile(rf"^(?P<place>[A-ZÀ-Þ][\w.'’/ -]{{1,40}}?)(?:,\s*(?P<region>[A-Z][\w. ]{{1,30}}?))?\s+"
               rf"(?P<bare_agency>[A-Z][A-Za-z]{{1,15}})\s*(?:--|—|–)\s*"),
    # SEOUL:   /   MOSCOW —   /   PYONGYANG, North Korea --
    re.compile(r"^(?P<place>[A-ZÀ-Þ][A-ZÀ-Þ.'’/ -]{1,40}[A-ZÀ-Þ])(?:,\s*(?P<region>[A-Z][\w. ]{1,30}?))?\s*"
               r"(?::|--|—|–)\s+"),
]
# Markdown (.md files): headings, emphasis, links and images give way to their words
MARKDOWN_SIGNS = re.compile(r"^#{1,6} \S|\*\*[^\s*][^*\n]*\*\*|\]\((?:https?://|/)|^\*[^*\n]+\*$", re.M)
MARKDOWN_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\s]*\)")
MARKDOWN_LINK = re.compile(r"\[([^\]\n]+)\]\((?:https?://|/|#)[^)\s]*\)")
MARKDOWN_HEADING = re.compile(r"^#{1,6}[ \t]+(?=\S)", re.M)
MARKDOWN_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
MARKDOWN_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
RUN_TOGETHER = re.compile(r"(?<=[a-z0-9%)\]’'])([.!?])(?=[\"“‘]?[A-ZÀ-Þ][a-zà-ÿ])")
SENTENCE_END = re.compile(r"""[.!?]["'”’)]*$""")

STOPWORDS = {
    "en": {"the", "and", "of", "to", "in", "said", "is", "was", "with", "that", "on", "for", "as", "by"},
    "de": {"der", "die", "das", "und", "nicht", "mit", "den", "von", "ist", "im", "dem", "sich", "auch", "ein", "eine", "zu"},
    "fr": {"le", "la", "les", "et", "des", "du", "un", "une", "est", "dans", "pour", "que", "qui"},
}


# ---------------------------------------------------------------- public entry point

def parse_article(text: str, outlets: dict[str, str] | None = None) -> Article:
    """Read one article's text. `outlets` maps lower-cased outlet names/aliases to the
    outlet's canonical short name (defaults to the registry's news organizations)."""
    if outlets is None:
        from .registry import default_registry

        outlets = default_registry().outlets
    article = Article(body="")
    if ("#" in text or "*" in text or "](" in text) and MARKDOWN_SIGNS.search(text):  # the regex alone: ~0.1 ms
        text = unwrap_markdown(text)
        article.warnings.append("Markdown markup unwrapped")
    lines = [line.rstrip() for line in text.split("\n")]
    while lines and not lines[0].strip():
        lines.pop(0)
    lines = _drop_email_header(lines, article)
    article.language = detect_language(text)
    lines = _read_header(lines, article, outlets)
    paragraphs = _split_paragraphs(lines)
    paragraphs = _read_paragraphs(paragraphs, article, outlets)
    article.body = "\n\n".join(repair_run_together(p) for p in paragraphs)
    return article


def unwrap_markdown(text: str) -> str:
    """'# Title' -> 'Title', '**December 4**' -> 'December 4', '[the ministry](https://...)' ->
    'the ministry'; images are left out (the raw file keeps them all)."""
    text = MARKDOWN_IMAGE.sub("", text)
    text = MARKDOWN_LINK.sub(r"\1", text)
    text = MARKDOWN_HEADING.sub("", text)
    text = MARKDOWN_STRONG.sub(r"\2", text)
    return MARKDOWN_EMPHASIS.sub(r"\1", text)


# ---------------------------------------------------------------- header lines

FORWARDED = re.compile(r"^-{2,}\s*(?:forwarded message|original message|weitergeleitete nachricht)\s*-{2,}$", re.I)
EMAIL_FIELD = re.compile(r"^(?:from|to|cc|bcc|date|sent|subject|reply-to|von|an|gesendet|betreff|datum)\s*:", re.I)


def _drop_email_header(lines: list[str], article: Article) -> list[str]:
    """An article forwarded by e-mail: the '---- Forwarded message ----' line and the From/Date/
    Subject block under it are left out of the article (the raw file keeps them)."""
    index = 1 if lines and FORWARDED.match(lines[0].strip()) else 0
    fields = 0
    while index + fields < len(lines) and EMAIL_FIELD.match(lines[index + fields].strip()):
        fields += 1
    if fields < 2 or (index == 0 and not any(re.match(r"(?i)^(?:from|von)\s*:", l.strip()) for l in lines[:fields])):
        return lines
    article.dropped.extend(line.strip() for line in lines[:index + fields])
    rest = lines[index + fields:]
    while rest and not rest[0].strip():
        rest.pop(0)
    return rest



def _read_header(lines: list[str], article: Article, outlets: dict[str, str]) -> list[str]:
    """Consume header lines (date header, title, outlet, byline, dates, credits, captions)."""
    if not lines:
        return lines
    header = DATE_HEADER.match(lines[0])
    if header:
        _set_header_date(article, header["token"])
        rest = header["rest"].strip()
        return ([rest] if rest else []) + lines[1:]

    labelled_dates: list[tuple[str, dt.date]] = []
    caption_next = skip_role_line = False
    consumed = 0
    kept: list[str] = []  # short lines inside the header that are not header (a standfirst): body text
    for index, raw in enumerate(lines[:12]):
        line = raw.strip()
        if not line:
            consumed = index + 1
            continue
        if _starts_with_dateline(line, DATELINES[:2]):  # an agency dateline with its date
            break
        if skip_role_line:
            skip_role_line = False
            role = JOURNALIST_ROLE.match(line)
            if role["outlet"] and role["outlet"].strip().lower() in outlets:
                article.source = article.source or outlets[role["outlet"].strip().lower()]
            article.dropped.append(line)
        elif UI_CHROME.match(line) or (METADATA_LABEL.match(line) and len(line) < 300):
            article.dropped.append(line)
        elif article.title is None and (label := TITLE_LABEL.match(line)):
            article.title = label["value"].strip()
        elif label := AUTHOR_LABEL.match(line):
            _set_byline(article, label["value"], outlets)
        elif article.title is not None and article.byline is None and PERSON_NAME_LINE.match(line) \
                and line.lower() not in outlets and JOURNALIST_ROLE.match(_next_line(lines, index)):
            article.byline = line  # "Jean Mackenzie" over "Seoul correspondent"
            skip_role_line = True
        elif (byline := BYLINE.match(line)) and _looks_like_byline(byline["name"]):
            _set_byline(article, byline["name"], outlets)
        elif article.title is not None and (byline_in := BYLINE_IN.match(line)):
            article.byline = article.byline or byline_in["name"]
        elif (labelled := _header_date(line)) is not None:
            labelled_dates.append(labelled)
        elif (label := SOURCE_LABEL.match(line)) or line.lower() in outlets:
            name = label["name"].strip() if label else line
            article.source = article.source or outlets.get(name.lower(), name)
        elif PHOTO_CREDIT.match(line) and len(line) < 80:
            article.credits.append(line)
            caption_next = True
        elif caption_next and _is_short_line(line):
            article.captions.append(line)
            caption_next = False
        elif article.title is None and consumed == index and _is_title_like(line) and _has_more_text(lines, index):
            article.title = line
        elif article.title is not None and article.source is None and _is_outlet_shape(line) and index <= 3 \
                and not kept:
            article.source = line
        elif article.title is not None and not kept and len(line) <= 250 and _more_header_follows(lines, index):
            kept.append(line)  # a standfirst between the headline and the byline/date lines
        else:
            break
        consumed = index + 1
    if labelled_dates and article.published is None:
        article.published = _choose_header_date(labelled_dates).isoformat()
        article.date_source = "header-line"
    return (kept + [""] if kept else []) + lines[consumed:]  # a standfirst is a paragraph of its own


def _next_line(lines: list[str], index: int) -> str:
    """The next non-blank line after lines[index], stripped ('' at the end)."""
    return next((line.strip() for line in lines[index + 1:] if line.strip()), "")


def _more_header_follows(lines: list[str], index: int) -> bool:
    """Whether a byline or date line comes within the next two lines (so this line is a standfirst)."""
    for line in [l.strip() for l in lines[index + 1:index + 4] if l.strip()][:2]:
        if BYLINE.match(line) or BYLINE_IN.match(line) or _header_date(line) is not None:
            return True
    return False


def _set_header_date(article: Article, token: str) -> None:
    found = dates.find_full_date(token)
    if found and found[1].group(0) == token:
        article.published = found[0].isoformat()
        article.date_source = "date-header"
    else:
        article.warnings.append(f"header date {token!r} is not a real date; published left empty")


def _header_date(line: str) -> tuple[str, dt.date] | None:
    """A short line that is mostly a date ('Published: 2 November 2024', 'Apr. 29, 2025 9:40 AM KST')."""
    if len(line) > 90 or SENTENCE_END.search(line) and not re.search(r"\d\s*(?:Uhr|[AP]\.?M\.?)?\.?$", line):
        return None
    found = dates.find_full_date(line)
    if not found:
        return None
    leftover = (line[: found[1].start()] + " " + line[found[1].end():])
    words = re.findall(r"[A-Za-zÀ-ÿ]{3,}", leftover)
    label = DATE_LABEL.match(line)
    noise = {"am", "pm", "uhr", "kst", "gmt", "utc", "msk", "cet", "cest", "est", "edt", "bst", "updated",
             "published", "posted", "last", "first", "date", "veröffentlicht", "aktualisiert", "stand", "datum",
             "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "wed",
             "thu", "fri", "sat", "sun", "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag",
             "sonntag", "time", "local", "on", "at", "um"}
    if sum(1 for w in words if w.lower() not in noise) > 1:
        return None
    return ((label["label"].lower() if label else ""), found[0])


def _choose_header_date(labelled: list[tuple[str, dt.date]]) -> dt.date:
    for wanted in ("published", "first published", "veröffentlicht", "posted", "date", "datum", ""):
        for label, date in labelled:
            if label == wanted:
                return date
    return labelled[0][1]


def _set_byline(article: Article, name: str, outlets: dict[str, str]) -> None:
    name = EMAIL.sub("", name).strip()  # "SARAH KIM [kim.sarah@joongang.co.kr]"
    dated = dates.find_full_date(name)
    if dated:
        if article.published is None:
            article.published, article.date_source = dated[0].isoformat(), "byline"
        name = (name[:dated[1].start()] + name[dated[1].end():]).strip(" |,-–—")
    parts = [p.strip() for p in re.split(r"\s*(?:,|\||/| - | – | — )\s*", name) if p.strip()]
    people = []
    for part in parts:
        if re.fullmatch(r"(?:updated|published|posted)?:?\s*[\d:. apmAPMKSTGMTUC]*", part) or BYLINE_TIME.fullmatch(part):
            continue
        if part.lower() in outlets:
            article.source = article.source or outlets[part.lower()]
        elif part.lower().startswith(("the ", "staff", "reuters staff")):
            continue
        else:
            people.append(part)
    if people:
        article.byline = ", ".join(people)


def _looks_like_byline(name: str) -> bool:
    words = name.split()
    return 1 <= len(words) <= 12 and not SENTENCE_END.search(name) or name.lower().rstrip(".") in {"reuters", "afp"}


def _is_title_like(line: str) -> bool:
    words = line.split()
    return (3 <= len(words) <= 35 or (len(words) >= 1 and len(line) > 12)) and len(line) <= 250 \
        and not re.search(r"[.,;:]$", line)


def _is_short_line(line: str) -> bool:
    return len(line) <= 200 and not SENTENCE_END.search(line)


def _is_outlet_shape(line: str) -> bool:
    words = line.split()
    return 1 <= len(words) <= 4 and all(w[0].isupper() or w in {"&", "of", "the"} for w in words) \
        and not re.search(r"[.,;:!?\"“”]$|\d", line)


def _has_more_text(lines: list[str], index: int) -> bool:
    return any(line.strip() for line in lines[index + 1:])


# ---------------------------------------------------------------- paragraphs

def _split_paragraphs(lines: list[str]) -> list[str]:
    """Blank lines separate paragraphs; inside a block a line that ends a sentence ends a
    paragraph too, while a line that stops mid-sentence was hard-wrapped and is joined."""
    paragraphs: list[str] = []
    current: list[str] = []
    for raw in lines:
        line = raw.strip()
        if not line:
            if current:
                paragraphs.append(" ".join(current))
                current = []
            continue
        current.append(line)
        if re.search(r"""[.!?:"”’)\]]$""", line) or PROMO.match(line) or PHOTO_CREDIT.match(line):
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return [re.sub(r"[ \t]{2,}", " ", p) for p in paragraphs]


def _read_paragraphs(paragraphs: list[str], article: Article, outlets: dict[str, str]) -> list[str]:
    kept: list[str] = []
    paragraphs = _drop_link_list(paragraphs, article)
    for index, paragraph in enumerate(paragraphs):
        if (PROMO.match(paragraph) and len(paragraph) < 300) or UI_CHROME.match(paragraph):
            article.dropped.append(paragraph)
        elif BOILERPLATE.match(paragraph):
            article.dropped.append(paragraph) if "report" not in paragraph.lower() and "edit" not in paragraph.lower() \
                else article.credits.append(paragraph)
            article.source = article.source or _copyright_outlet(paragraph, outlets)
        elif PHOTO_CREDIT.match(paragraph) and len(paragraph) < 80:
            article.credits.append(paragraph)
        elif not kept and index < len(paragraphs) - 1 and _is_caption_paragraph(paragraph):
            credit = TRAILING_PAREN_CREDIT.search(paragraph)
            article.captions.append(paragraph)
            article.credits.append(credit["name"])
        elif kept and index == len(paragraphs) - 1 and _outlet_only(paragraph, outlets):
            article.source = article.source or _outlet_only(paragraph, outlets)
        elif kept and index == len(paragraphs) - 1 and (label := SOURCE_LABEL.match(paragraph)):
            # "Source: Al Jazeera and news agencies"
            name = re.sub(r"\s+(?:and|&|with)\s+(?:news\s+|wire\s+)?(?:agencies|wires)\W*$", "", label["name"].strip(), flags=re.I)
            article.source = article.source or outlets.get(name.lower().rstrip("."))
            article.credits.append(paragraph)
        else:
            kept.append(paragraph)
    month_day = None
    if kept:
        # the dateline opens the first paragraph, or the second after a standfirst with no full stop
        first = 1 if len(kept) > 1 and _is_short_line(kept[0]) and not _starts_with_dateline(kept[0]) else 0
        kept[first], month_day = _take_dateline(kept[first], article, outlets)
        kept[-1] = _take_trailing_credit(kept[-1], article, outlets)
    kept = [p for p in kept if p.strip()]
    if month_day and article.published is None:
        _infer_dateline_year(article, month_day, "\n\n".join(kept))
    return kept


def _drop_link_list(paragraphs: list[str], article: Article) -> list[str]:
    """Drop a closing list of links: a heading ("Related topics") followed only by short lines
    that end no sentence ("North Korea", "Ukraine war")."""
    for index in range(len(paragraphs) - 1, max(-1, len(paragraphs) - 12), -1):
        if LINK_LIST_HEADING.match(paragraphs[index]):
            rest = paragraphs[index + 1:]
            if index > 0 and all(len(p) <= 200 and not SENTENCE_END.search(p) for p in rest):
                article.dropped.extend(paragraphs[index:])
                return paragraphs[:index]
            break
    return paragraphs


def _copyright_outlet(paragraph: str, outlets: dict[str, str]) -> str | None:
    """'© 2024 Reuters' / 'Copyright (c) Yonhap News Agency. All rights reserved.' -> the outlet."""
    match = re.match(r"^(?:©|\(c\)|copyright)\s*(?:\(c\)|©)?\s*(?:\d{4}\s*)?(?P<name>[^.,;|]+)", paragraph, re.I)
    if not match:
        return None
    name = re.sub(r"\s+all rights reserved.*$", "", match["name"], flags=re.I).strip()
    return outlets.get(name.lower())


def _is_caption_paragraph(paragraph: str) -> bool:
    credit = TRAILING_PAREN_CREDIT.search(paragraph)
    return bool(credit and CAPTION_WORDS.search(paragraph) and len(paragraph) < 600)


def _outlet_only(paragraph: str, outlets: dict[str, str]) -> str | None:
    name = paragraph.strip().strip("()[]—–-/ ").strip()
    return outlets.get(name.lower())


def _starts_with_dateline(text: str, patterns: list[re.Pattern] = DATELINES) -> bool:
    return any(pattern.match(text) for pattern in patterns)


def _take_dateline(paragraph: str, article: Article, outlets: dict[str, str]) -> tuple[str, tuple[int, int] | None]:
    """Split a leading dateline off the first paragraph; return the rest and, when the
    dateline has a day and month but no year, that (month, day)."""
    for pattern in DATELINES:
        match = pattern.match(paragraph)
        if not match or len(paragraph) - match.end() < 20:
            continue
        groups = match.groupdict()
        if groups.get("bare_agency"):
            if groups["bare_agency"].lower() not in outlets:
                continue
            groups["agency"] = groups["bare_agency"]
        if not groups.get("agency") and not _plausible_place(match["place"]):
            continue
        region = groups.get("region")
        article.dateline = match["place"].strip() + (f", {region.strip()}" if region else "")
        if groups.get("agency"):
            agency = groups["agency"].strip()
            article.source = article.source or outlets.get(agency.lower(), agency)
        month_day = None
        month = groups.get("mon") or groups.get("mon2")
        if month and article.published is None:
            month_day = (dates.month_number(month), int(groups.get("day") or groups.get("day2")))
            if groups.get("year"):
                date = dates.make_date(int(groups["year"]), *month_day)
                if date:
                    article.published, article.date_source = date.isoformat(), "dateline"
                    month_day = None
        return paragraph[match.end():], month_day
    return paragraph, None


def _plausible_place(place: str) -> bool:
    """An all-capitals dateline word: a city, not the start of a shouted sentence."""
    words = place.split()
    return 1 <= len(words) <= 4 and place.upper() == place and len(place) >= 3


def _infer_dateline_year(article: Article, month_day: tuple[int, int], body: str) -> None:
    """A dateline gave day and month only: take the year from the article's own explicit dates,
    the first year in which that day is not before the latest dated thing the article reports."""
    month, day = month_day
    explicit = []
    for match in re.finditer(rf"\b(?P<mon>{dates.MONTH})\s+(?P<d>\d{{1,2}}),?\s+(?P<y>(?:19|20)\d\d)\b|"
                             rf"\b(?P<d2>\d{{1,2}})\.?\s+(?P<mon2>{dates.MONTH})\s+(?P<y2>(?:19|20)\d\d)\b", body, re.I):
        y = int(match["y"] or match["y2"])
        m = dates.month_number(match["mon"] or match["mon2"])
        d = int(match["d"] or match["d2"])
        if m and (date := dates.make_date(y, m, d)):
            explicit.append(date)
    if not explicit:
        years = [int(y) for y in re.findall(rf"\b{dates.MONTH}\s+((?:19|20)\d\d)\b", body, re.I)]
        explicit = [dt.date(y, 1, 1) for y in years]
    if not explicit:
        article.warnings.append("dateline gives day and month but the article states no year; published left empty")
        return
    latest = max(explicit)
    for year in (latest.year, latest.year + 1):
        date = dates.make_date(year, month, day)
        if date and date >= latest:
            article.published = date.isoformat()
            article.date_source = "dateline-inferred-year"
            article.warnings.append(f"publication year {year} inferred from the article's dates")
            return


def _take_trailing_credit(paragraph: str, article: Article, outlets: dict[str, str]) -> str:
    credit = TRAILING_PAREN_CREDIT.search(paragraph)
    if credit and (credit["name"].lower() in outlets or len(credit["name"].split()) <= 2):
        name = credit["name"].strip()
        if name.lower() in outlets or name.isupper() or name.istitle():
            article.source = article.source or outlets.get(name.lower(), name)
            return paragraph[: credit.start()].rstrip()
    glued = re.search(r"(?<=[.!?\"”])\s*(?P<name>[A-Z][\w.&-]{1,30}(?: [A-Z][\w.&-]+){0,2})$", paragraph)
    if glued and glued["name"].lower() in outlets:
        article.source = article.source or outlets[glued["name"].lower()]
        return paragraph[: glued.start("name")].rstrip()
    return paragraph


# ---------------------------------------------------------------- repairs and helpers

def repair_run_together(paragraph: str) -> str:
    """Insert the missing space in '...Friday.Choe made...'. A straight quote after the stop is
    kept with the sentence it belongs to: closing quotes stay left, opening quotes go right."""
    out: list[str] = []
    last = 0
    for match in RUN_TOGETHER.finditer(paragraph):
        end = match.end()
        nxt = paragraph[end] if end < len(paragraph) else ""
        if nxt in "\"“‘":
            opening = nxt in "“‘" or paragraph.count('"', 0, end) % 2 == 0
            if not opening:
                continue  # a closing quote glued to the next sentence is handled below
        out.append(paragraph[last:end])
        out.append(" ")
        last = end
    out.append(paragraph[last:])
    repaired = "".join(out)
    # ...fine."The next sentence -> ...fine." The next sentence (closing quote, then a new sentence)
    return re.sub(r'(?<=[a-z][.!?][”"])(?=[A-Z][a-z])', _space_if_closing(repaired), repaired)


def _space_if_closing(text: str):
    def replace(match: re.Match) -> str:
        quote_pos = match.start() - 1
        if text[quote_pos] == "”" or text.count('"', 0, quote_pos) % 2 == 1:
            return " "
        return ""
    return replace


def detect_language(text: str) -> str | None:
    """A two-letter language code from stop words and scripts, or None when unsure."""
    sample = text[:5000]
    if len(re.findall(r"[\uac00-\ud7a3]", sample)) > 50:
        return "ko"
    if len(re.findall(r"[\u0400-\u04ff]", sample)) > 50:
        return "ru"
    words = re.findall(r"[a-zäöüß]+", sample.lower())
    if len(words) < 5:
        return None
    scores = {lang: sum(1 for w in words if w in stop) for lang, stop in STOPWORDS.items()}
    lang, best = max(scores.items(), key=lambda kv: kv[1])
    return lang if best >= 2 else None
