"""Raw article text -> Article (title, outlet, date, dateline, byline, URL, credits, clean body). Pure.

The reading is a chain of small steps, each taking only what it is sure of:

1. prepare.py — markup around the text is undone: Markdown and its front matter, a forwarded
   e-mail's header;
2. header.py + lines.py — the lines above the story are classified by a table of line rules
   (labels, URLs, date lines, bylines, outlets, credits, reporters' roles, page furniture); the
   headline is the best-scoring unclaimed line, when it is clearly best;
3. body.py — the paragraphs: furniture set aside (promos, share bars, paywall and newsletter
   chrome, lists of other stories, endnotes, page numbers), captions and credits read off, the
   dateline and a trailing agency credit taken;
4. draft.py — one assembler builds the Article from the candidates, choosing the outlet and the
   date by the strength of their evidence.

Whatever the text does not say stays None. The words all of this looks for are lexicon data
(ingest/lexicon/*.yml); the patterns built from them are in patterns.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..dates import make_date
from ..lexicon import LEXICON
from ..models import Article
from .body import read_body, repair_run_together, split_paragraphs
from .draft import Draft, assemble
from .header import read_header
from .lines import outlet_of_domain
from .prepare import drop_email_header, prepare, unwrap_markdown
from .stamps import choose_stamp, read_stamps

__all__ = ["Hints", "parse_article", "detect_language", "repair_run_together", "unwrap_markdown"]


@dataclass(frozen=True)
class Hints:
    """What a container says about an article beside its text (an HTML page's metadata, a feed
    item's fields): taken as strong evidence, the text's own reading fills what they lack."""

    title: str | None = None
    byline: str | None = None
    published: str | None = None  # YYYY-MM-DD
    source: str | None = None
    url: str | None = None
    language: str | None = None


def parse_article(text: str, outlets: dict[str, str] | None = None, hints: Hints | None = None) -> Article:
    """Read one article's text. `outlets` maps lower-cased outlet names, aliases and web domains to
    the outlet's canonical short name (default: the registry's news organizations)."""
    if outlets is None:
        from ..registry import default_registry

        outlets = default_registry().outlets
    draft = Draft()
    prepared = prepare(text)
    draft.dropped.extend(prepared.dropped)
    draft.warnings.extend(prepared.warnings)
    _take_fields(prepared.fields, draft, outlets, "label")
    if hints:
        _take_fields({k: v for k, v in vars(hints).items() if v}, draft, outlets, "hint")
    lines = [line.rstrip() for line in prepared.text.split("\n")]
    while lines and not lines[0].strip():
        lines.pop(0)
    mail: dict[str, str] = {}
    lines = drop_email_header(lines, draft.dropped, mail)
    subject = _take_mail(mail, draft)
    draft.language = (hints.language if hints and hints.language else None) or detect_language(prepared.text)
    given_title = draft.title
    rest = read_header(lines, draft, outlets, choose_title=not given_title)
    if given_title:
        draft.title = given_title
    elif subject and (draft.title is None or draft.title.isupper()):
        draft.title = subject  # no headline, or only a masthead's capitals ('NATIONAL SECURITY DAILY')
    paragraphs = read_body(split_paragraphs(rest), draft, outlets)
    if not draft.has_date() and draft.url:
        draft.date(_date_in_url(draft.url), "url")
    if not any(known for _, _, known in draft.outlets):
        draft.outlet(_outlet_of_mail(lines, outlets), "email", True)
    if not any(known for _, _, known in draft.outlets):
        draft.outlet(_outlet_of_itself(paragraphs, outlets), "self-reference", True)
    if not draft.outlets:
        draft.outlet(agreed_page_name(draft.page_names), "page-agreement", False)
    return assemble(draft, "\n\n".join(repair_run_together(paragraph) for paragraph in paragraphs))


def _outlet_of_itself(paragraphs: list[str], outlets: dict[str, str]) -> str | None:
    """The registry outlet that speaks of itself in the body ('Daily NK could not independently
    verify the figures'); one outlet only, or none."""
    found = set()
    for paragraph in paragraphs:
        for match in LEXICON.patterns.self_reference.finditer(paragraph):
            words = match["name"].split()
            name = next((outlets[" ".join(words[k:]).lower()] for k in range(len(words))
                         if " ".join(words[k:]).lower() in outlets), None)
            if name:
                found.add(name)
    return found.pop() if len(found) == 1 else None


SENTENCE_END_MARK = re.compile(r"[.!?]\s|[.!?]$")  # a sentence ends in the line: no masthead
_LEGAL_FORM = re.compile(r"[\s,]+(?:inc|llc|ltd|limited|plc|corp|corporation|co|gmbh|ag|se|oy|sa|s\.a|ооо|ао|оао)\.?$", re.I)
_HOLDER_LEAD = re.compile(r"^(?:by\s+)?(?:the\s+)?", re.I)


def _page_name_key(text: str) -> str:
    """'by the Center for Strategic & International Studies, Inc.' -> 'center for strategic and
    international studies': how a masthead and a copyright holder are compared."""
    text = _LEGAL_FORM.sub("", _HOLDER_LEAD.sub("", text.strip()))
    return " ".join(text.replace("&", " and ").casefold().split())


def _initials(key: str) -> str:
    return "".join(word[0] for word in key.split() if word not in {"and", "of", "for", "the", "on", "in"})


def agreed_page_name(page_names: list[tuple[str, str]]) -> str | None:
    """An outlet the registry does not know, taken only when the page names it twice in different
    places: a masthead line above the headline and the copyright holder under the story ('Stars
    and Stripes' ... '© 2025 Stars and Stripes'; 'CSIS' ... '© 2025 by the Center for Strategic and
    International Studies'). The masthead's own words are returned."""
    mastheads = [text.strip() for where, text in page_names if where == "masthead"
                 and 1 <= len(text.split()) <= 8 and not SENTENCE_END_MARK.search(text)]
    holders = [_page_name_key(text) for where, text in page_names if where == "copyright"]
    for masthead in mastheads:
        key = _page_name_key(masthead)
        if len(key) < 3:
            continue
        for holder in holders:
            if key == holder or (" " not in key and key.isalpha() and len(key) >= 3 and key == _initials(holder)):
                return masthead
    return None



# a date in a URL's path: /2025/07/11/, /2025-07-11-..., /20250711/ (not inside a longer number)
_URL_DATE = re.compile(r"/(?P<y>20\d\d)(?P<sep>[/-]?)(?P<m>[01]\d)(?P=sep)(?P<d>[0-3]\d)(?![\d])")


def _date_in_url(url: str) -> str | None:
    """The publication date an article's address carries in its path, when it carries one (the
    weakest date evidence: a page's own stamps and labels come first)."""
    path = url.split("://", 1)[-1].partition("/")[2]
    match = _URL_DATE.search("/" + path)
    if not match:
        return None
    date = make_date(int(match["y"]), int(match["m"]), int(match["d"]))
    return date.isoformat() if date else None


_MAIL_ADDRESS = re.compile(r"[\w.+-]+@(?P<domain>[\w-]+(?:\.[\w-]+)+)")
MAIL_LINES = 15  # lines at each end of a text read for a reporter's e-mail address


def _outlet_of_mail(lines: list[str], outlets: dict[str, str]) -> str | None:
    """The outlet of the first reporter's e-mail address near the top or the end of the text
    whose domain is a registry outlet's ('BY OH SEUNG-HYUN [oh.seunghyun@joongang.co.kr]',
    'kms@yna.co.kr'): the weakest evidence, used only when nothing else names a known outlet."""
    for line in (*lines[:MAIL_LINES], *lines[-MAIL_LINES:]):
        for match in _MAIL_ADDRESS.finditer(line):
            if outlet := outlet_of_domain(match["domain"], outlets):
                return outlet
    return None


def _take_fields(fields: dict[str, str], draft: Draft, outlets: dict[str, str], evidence: str) -> None:
    from .lines import byline_parts, outlet_of_domain

    if fields.get("title"):
        draft.title = draft.title or fields["title"].strip()
    if fields.get("byline"):
        byline = fields["byline"].replace("[[", "").replace("]]", "")  # a clipper's wiki links
        names, outlet, _ = byline_parts(byline, outlets)
        draft.outlet(outlet or outlets.get(byline.strip().lower()), evidence, True)
        if byline.strip().lower() not in outlets:  # an outlet in the author field credits no person
            draft.byline = draft.byline or names
    if fields.get("url"):
        draft.url = draft.url or fields["url"].strip()
        host = re.sub(r"(?i)^(?:https?://)?", "", draft.url).split("/", 1)[0]
        draft.outlet(outlet_of_domain(host, outlets), "domain", True)
    if fields.get("source"):
        name = fields["source"].strip()
        draft.outlet(outlets.get(name.lower(), name), evidence, name.lower() in outlets)
    if fields.get("published"):
        value = str(fields["published"])
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            draft.date(value, evidence)
        elif (stamp := choose_stamp(read_stamps(value) or [])) and stamp.date:
            draft.date(stamp.date.isoformat(), evidence)
    if fields.get("language"):
        draft.language = fields["language"]
    if fields.get("dateline"):
        draft.dateline = draft.dateline or fields["dateline"].split(",")[0].strip() or None


def _take_mail(mail: dict[str, str], draft: Draft) -> str | None:
    """A forwarded message's subject, the title when the text has no headline of its own (a
    newsletter's issue under its masthead); its date is the weakest date evidence (a newsletter's
    day of issue; the article's own date line wins)."""
    from .prepare import REPLY_PREFIX

    if mail.get("date") and (stamp := choose_stamp(read_stamps(mail["date"]) or [])) and stamp.date:
        draft.date(stamp.date.isoformat(), "email")
    return REPLY_PREFIX.sub("", mail.get("subject", "")).strip() or None


PREFERENCE = ["en", "de", "fr"]  # on a tie of stop words, the language most articles here are in


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
    languages = LEXICON.detection_stopwords_by_language
    order = sorted(languages, key=lambda code: (PREFERENCE.index(code) if code in PREFERENCE else len(PREFERENCE), code))
    scores = [(code, sum(1 for w in words if w in languages[code])) for code in order]
    if not scores:
        return None
    lang, best = max(scores, key=lambda kv: kv[1])  # ties go to the earlier language
    return lang if best >= 2 else None
