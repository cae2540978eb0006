import re

from ingest.wire import shared_copy, shingle_hashes

LEAD = ("A strategic partnership pact signed by the leaders of Russia and North Korea on Wednesday includes a mutual "
        "defence clause under which each country agrees to help the other repel external aggression.")


def test_shared_lead_is_found_with_offsets():
    a = "SEOUL: " + LEAD + " More from AFP here about other things entirely."
    b = "Headline\n\n" + LEAD + " A different second paragraph from CBC follows."
    copy = shared_copy(a, b)
    assert copy.shared_words >= 30
    [(start, end)] = copy.passages
    assert a[start:end] == LEAD.rstrip(".")
    assert 0 < copy.similarity <= 1


def test_unrelated_articles_share_nothing():
    assert shared_copy(LEAD, "Kim Jong Un inspected a factory in Hamhung on Tuesday with officials.") is None


def test_shingle_hashes_are_stable_across_runs_and_sampled():
    # The hashes are stored in every archive: a new process, release or Python must give these.
    assert shingle_hashes(LEAD) == [-2448355347274874292, 5407028313532663338, 7324400025751588561]
    assert len(shingle_hashes(LEAD * 20)) < 40
    assert shingle_hashes(LEAD.upper()) == shingle_hashes(LEAD)  # words are compared case-folded


SECOND = ("Депутаты Государственной думы одобрили договор единогласно, а Пхеньян назвал его «историческим» — "
          "the ratification law's text was published on the Kremlin's legal portal the same evening, officials said.")


def test_two_passages_with_non_latin_words_keep_their_offsets():
    a = ("Dateline. " + LEAD + " Between them the first outlet wrote a long paragraph of its own about markets, "
         "weather, football and unrelated politics in another region entirely. " + SECOND + " The end.")
    b = SECOND + "\n\nA separate, unrelated paragraph stands here in the second story.\n\n" + LEAD
    copy = shared_copy(a, b)
    assert [a[start:end] for start, end in copy.passages] == [LEAD.rstrip("."), SECOND.rstrip(".")]
    assert copy.shared_words == len(re.findall(r"\w+", LEAD + SECOND))  # words as the shingles count them
