"""Page furniture that survives main-text extraction: paywall and newsletter prompts, share bars,
"Read more" promos, copyright lines, the byline and date lines at the top or bottom, endnotes.

Each test looks at one short paragraph; a long paragraph is always kept (it is the story, even if
it mentions subscribers or newsletters). What is taken out goes to Document.dropped.
"""

from __future__ import annotations

import re

SHORT = 300  # furniture is short; a paragraph longer than this is never dropped by a pattern

CHROME = (
    ("paywall", re.compile(
        r"^(?:to )?(?:continue|keep) reading\b|(?:subscribe|sign in|log ?in|register) to (?:continue|keep) reading|"
        r"subscribe (?:now|today|here|to (?:read|continue|unlock|access|get|see))|"
        r"already an? (?:member|subscriber)\b|not an? (?:member|subscriber) (?:yet)?\?|"
        r"sign (?:in|up) to (?:read|continue|unlock|access)|log ?in to (?:read|continue)|"
        r"(?:this|the) (?:full )?(?:article|content|story|report|analysis) is (?:only )?(?:for|available (?:only )?to|reserved for|exclusive to)"
        r" (?:\w+ )?(?:subscribers|members|premium)|"
        r"(?:remaining|rest of (?:this|the)) (?:article|story|report)(?: is)? (?:available|for|reserved)|"
        r"become an? (?:paying |premium )?(?:member|subscriber) (?:to|and) (?:support|read|continue|get|access|unlock)|"
        r"start (?:your )?(?:free )?trial|unlock (?:this|the full) (?:article|story|report)|get unlimited access|"
        r"(?:for|to) (?:subscribers|members) only|"
        r"подписк[аиу] (?:чтобы|для) (?:чтения|продолжения)|유료 ?회원(?:만|에게|전용)",
        re.I)),
    ("newsletter", re.compile(
        r"(?:sign up|subscribe|register) (?:for|to) (?:our|the|a) .{0,40}(?:newsletter|briefing|digest|bulletin)|"
        r"newsletter sign-?up|get (?:our|the) .{0,30}newsletter|enter your e-?mail|stay (?:informed|up to date) .{0,60}"
        r"(?:newsletter|inbox|e-?mail)|delivered (?:to|straight to) your inbox", re.I)),
    ("share", re.compile(
        r"^(?:(?:share|save|print|e-?mail|copy link|link copied|comments?|bookmark|tweet|facebook|twitter|x|whatsapp|"
        r"linkedin|telegram|vk|kakao ?talk|reddit|share this (?:article|page|story)|share on \w+|\d+\s*min(?:ute)?s?\s+read|"
        r"reading time:? ?\d+ ?min\w*|font size|text size|listen to (?:this )?article|a\+|a-)\s*[|·•/,]?\s*)+$", re.I)),
    ("promo", re.compile(
        r"^(?:read more|read also|also read|related(?: articles| stories| news)?|see also|more on this|watch|listen|video|"
        r"click here|follow us|download (?:our|the) app|advertisement|sponsored|recommended|most read|top stories|"
        r"читайте также|смотрите также|관련 ?기사)\b\s*(?:[:|>»›-]|$)", re.I)),
    ("copyright", re.compile(
        r"^(?:©|\(c\)\s|copyright\s*(?:©|\(c\)|\d{4}|by\b))|all rights reserved|reproduction (?:is )?(?:prohibited|forbidden)|"
        r"без разрешения|무단 ?전재|재배포 ?금지|저작권자", re.I)),
    ("end-mark", re.compile(r"^\(?(?:END|end|끝)\)?$|^/\w+/$")),
    ("contact", re.compile(r"(?:questions|comments|feedback|corrections)\b.{0,40}\babout this (?:article|story|report)\b.{0,20}\bto\b|"
                           r"^(?:to )?contact the (?:author|reporter|writer|editor)s?\b|"
                           r"^[\w.+-]+@[\w-]+(?:\.[\w-]+)+(?:\s*[,;]\s*[\w.+-]+@[\w-]+(?:\.[\w-]+)+)*\s*(?:\(END\))?$")),
    ("standards", re.compile(r"^our standards:|trust principles\.?$", re.I)),
)

BYLINE_LINE = re.compile(r"^(?:by|von|автор:?)\s+(?P<name>[^\d\n]{3,120}?)\s*(?:\(?[\w.+-]+@[\w-]+(?:\.[\w-]+)+\)?)?\.?$", re.I)
# "김민수 기자 minsu@example.com": a Korean reporter's sign-off
KOREAN_BYLINE_LINE = re.compile(r"^(?P<name>[가-힣]{2,4})\s*(?:기자|특파원|선임기자)\s*(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+)?\s*$")
NOTES_HEADING = re.compile(
    r"^(?:end ?notes?|foot ?notes?|notes|references|sources|bibliography|citations|works cited|"
    r"примечания|источники|각주|참고 ?문헌)\s*:?$", re.I)
NOTE_ENTRY = re.compile(r"^(?:\[\d{1,3}\]|\d{1,3}[.)]|\^|↑)\s*\S")
CITATION_SIGNS = re.compile(r"https?://|www\.|\baccessed\b|\bibid\b|\bop\. cit\b|\bretrieved\b|\(\d{4}\)|, \d{4}[,.]|"
                            r"\bpp?\. \d|“[^”]{5,}”|\"[^\"]{5,}\"", re.I)


def drop_paywall_tail(paragraphs: list[str]) -> tuple[list[str], list[str]]:
    """After a paywall prompt, a page holds only more of the prompt (offers, buttons, log-in
    links): when everything after the first prompt is short, all of it goes."""
    for index, paragraph in enumerate(paragraphs):
        if chrome_reason(paragraph) == "paywall":
            rest = paragraphs[index:]
            if len(rest) <= 8 and all(len(p) < SHORT for p in rest):
                return paragraphs[:index], rest
            break
    return paragraphs, []


# every CHROME pattern needs one of these (or a paragraph short enough to be a button or a label):
# a cheap test that spares the patterns on ordinary paragraphs
_CHROME_WORDS = ("premium", "remaining", "rest of", "reading", "read more", "read also", "also read", "subscri", "member", "sign in", "sign up", "log in",
                 "login", "trial", "unlock", "unlimited", "newsletter", "inbox", "mail", "briefing", "digest",
                 "bulletin", "©", "(c)", "copyright", "rights reserved", "reproduction", "standards", "principles",
                 "about this", "contact", "@", "подпис", "разрешени", "читайте", "смотрите", "회원", "무단", "재배포",
                 "저작권", "관련")
_PROMO_STARTS = ("read", "related", "see also", "more on", "watch", "listen", "video", "click", "follow", "download",
                 "advert", "sponsor", "recommend", "most read", "top stories", "читайте", "смотрите", "관련")


def chrome_reason(paragraph: str) -> str | None:
    """Why a paragraph is furniture ("paywall", "newsletter", ...), or None if it is text."""
    text = paragraph.strip()
    if not text or len(text) > SHORT:
        return None
    if len(text) > 80:
        lowered = text.lower()
        if not any(word in lowered for word in _CHROME_WORDS) and not lowered.startswith(_PROMO_STARTS):
            return None
    for reason, pattern in CHROME:
        if pattern.search(text):
            return reason
    return None


_DATE_TOKENS = re.compile(
    r"\b(?:published|updated|posted|last updated|first published|date|issued|modified|on|at|am|pm|a\.m\.|p\.m\.|"
    r"kst|gmt|utc|msk|est|edt|jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|"
    r"june|july|august|september|october|november|december|mon|tue|wed|thu|fri|sat|sun|monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday)\b\.?|입력|수정|등록|기사입력|최종수정|опубликовано|обновлено|\d+|[년월일]|[\s:.,/|·•+()-]", re.I)


def byline_line(paragraph: str) -> str | None:
    """The names of a "By ..." line ("By Kim Hyo-jin", "By Jane Doe (jd@example.com)"), or None when
    the line is a sentence that starts with "By" ("By then, the treaty had taken effect.")."""
    text = paragraph.strip()
    match = BYLINE_LINE.match(text) if len(text) < 160 else None
    if match and len(match["name"].split()) <= 12 and not re.search(r"[.!?;]\s+\S|,\s+(?:the|a|an|it|he|she|they)\b",
                                                                     match["name"]):
        from .bylines import clean_byline
        if clean_byline(match["name"]):
            return match["name"]
    match = KOREAN_BYLINE_LINE.match(text)
    return match["name"] if match else None


def is_byline_or_date_line(paragraph: str) -> bool:
    """A "By ..." line, or a line of nothing but dates, times and their labels."""
    text = paragraph.strip()
    if len(text) >= 160:
        return False
    if byline_line(text):
        return True
    return bool(re.search(r"\d", text)) and not _DATE_TOKENS.sub("", text)


def split_endnotes(paragraphs: list[str]) -> tuple[list[str], list[str]]:
    """(body, endnotes): a "Notes"/"Endnotes"/"References" heading in the later part of the text
    and all after it, or a trailing run of numbered citations."""
    start = max(1, len(paragraphs) // 3)
    for index in range(start, len(paragraphs)):
        if NOTES_HEADING.match(paragraphs[index].strip()):
            return paragraphs[:index], paragraphs[index:]
    index = len(paragraphs)
    while index > 1 and NOTE_ENTRY.match(paragraphs[index - 1].strip()):
        index -= 1
    run = paragraphs[index:]
    if len(run) >= 2 and sum(1 for p in run if CITATION_SIGNS.search(p)) * 2 >= len(run):
        return paragraphs[:index], run
    return paragraphs, []
