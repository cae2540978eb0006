"""What the reading steps find, before the Article is built: every candidate for the outlet and
the date with the evidence for it, and the parts set aside (captions, credits, dropped lines).
`assemble` builds the Article once, choosing among the candidates by the strength of their
evidence (precision first: an outlet only the page's own furniture suggests is not taken)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..models import Article

# Evidence for the outlet, strongest first: a later kind is used only when no earlier one is there.
OUTLET_EVIDENCE = ("label", "hint", "header", "byline", "dateline", "copyright", "domain", "trailer", "credit",
                   "role", "masthead", "email", "self-reference", "page-agreement")
# Evidence for the date, strongest first.
DATE_EVIDENCE = ("hint", "date-header", "label", "header-line", "byline", "dateline", "footer", "header-inferred-year",
                 "dateline-inferred-year", "footer-inferred-year", "url", "email")  # email: a forwarded message's Date


@dataclass
class Draft:
    title: str | None = None
    byline: str | None = None
    url: str | None = None
    dateline: str | None = None
    language: str | None = None
    outlets: list[tuple[str, str, bool]] = field(default_factory=list)  # (name, evidence, known to the registry)
    dates: list[tuple[str, str]] = field(default_factory=list)  # (ISO date, evidence)
    captions: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    page_names: list[tuple[str, str]] = field(default_factory=list)  # (where, raw text): masthead lines, copyright holders
    stamps: list = field(default_factory=list)  # the header's date stamps, chosen from together
    year_pending: tuple[int, int] | None = None  # a day and month with no year, and where from
    year_pending_from: str | None = None

    def outlet(self, name: str | None, evidence: str, known: bool) -> None:
        if name:
            self.outlets.append((name, evidence, known))

    def date(self, iso: str | None, evidence: str) -> None:
        if iso:
            self.dates.append((iso, evidence))

    def has_date(self) -> bool:
        return bool(self.dates)


def choose_outlet(candidates: list[tuple[str, str, bool]]) -> str | None:
    """A registry outlet before any other; among equals, the strongest evidence, then the first found."""
    if not candidates:
        return None
    ranked = sorted(enumerate(candidates), key=lambda item: (not item[1][2], OUTLET_EVIDENCE.index(item[1][1]), item[0]))
    return ranked[0][1][0]


def choose_date(candidates: list[tuple[str, str]]) -> tuple[str, str] | None:
    if not candidates:
        return None
    return min(enumerate(candidates), key=lambda item: (DATE_EVIDENCE.index(item[1][1]), item[0]))[1]


def assemble(draft: Draft, body: str) -> Article:
    chosen = choose_date(draft.dates)
    return Article(body=body, title=draft.title, source=choose_outlet(draft.outlets),
                   published=chosen[0] if chosen else None, date_source=chosen[1] if chosen else None,
                   dateline=draft.dateline, byline=draft.byline, language=draft.language, url=draft.url,
                   captions=draft.captions, credits=draft.credits, dropped=draft.dropped, warnings=draft.warnings)
