"""ingest.web.render: article text to HTML with highlighted spans; untrusted text is always escaped."""

import re

from ingest.web.render import Span, fts_query, render_text, snippet_html


def test_spans_are_highlighted_linked_and_escaped():
    text = 'Kim <b>met</b> "Putin" & Lavrov.'
    html = render_text(text, [Span(0, 3, "person", "m-1", "/people/kim-jong-un", 'Kim "Jong Un"'),
                              Span(15, 22, "quote", "q-1", None, "Quote — Kim")])
    assert html == ('<p><span class="hl hl-person" id="m-1" title="Kim &#34;Jong Un&#34;">'
                    '<a href="/people/kim-jong-un">Kim</a></span> &lt;b&gt;met&lt;/b&gt; '
                    '<span class="hl hl-quote" id="q-1" title="Quote — Kim">&#34;Putin&#34;</span> &amp; Lavrov.</p>')


def test_nested_spans_nest_and_links_never_nest():
    text = "the Russian Embassy in Seoul said"
    html = str(render_text(text, [Span(4, 28, "organization", "m-1", "/organizations/embassy"),
                                  Span(23, 28, "place", "m-2", "/places/seoul")]))
    assert html == ('<p>the <span class="hl hl-organization" id="m-1"><a href="/organizations/embassy">Russian '
                    'Embassy in <span class="hl hl-place" id="m-2">Seoul</span></a></span> said</p>')


def test_partial_overlaps_and_paragraph_crossings_keep_the_anchor_only():
    text = "First paragraph here.\n\nSecond one."
    html = str(render_text(text, [Span(6, 30, "event", "e-1"), Span(0, 5, "person", "m-1"),
                                  Span(3, 10, "place", "m-2")]))
    assert '<span class="anchor" id="e-1"></span>' in html and '<span class="anchor" id="m-2"></span>' in html
    assert html.count("<p>") == 2
    assert re.sub(r"<[^>]+>", "", html) == "First paragraph here.\nSecond one."


def test_fts_query_quotes_every_term_and_snippets_escape():
    assert fts_query('Kim Jong-un "strategic partnership" NEAR(') == '"Kim" "Jong un" "strategic partnership" "NEAR"'
    assert fts_query("  ") is None
    assert fts_query("instruments of ratification") == '"instruments" "ratification"'
    assert fts_query('"instruments of ratification"') == '"instruments of ratification"'
    assert fts_query("the of") == '"the" "of"'  # only stopwords: searched as typed
    assert snippet_html("<i>treaty</i>", [[3, 9]]) == "&lt;i&gt;<mark>treaty</mark>&lt;/i&gt;"
