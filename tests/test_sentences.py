"""Sentence and paragraph bounds on hard-wrapped mail text."""

from detectors.sentences import paragraph_bounds, sentence_bounds, sentences


def test_wrapped_line_does_not_end_a_sentence():
    text = ("Gary Holt is back after his heart surgery and is on light duties only, so please\n"
            "don't ask him to help with lifting. Thanks.")
    a, b = sentence_bounds(text, text.index("lifting"))
    assert text[a:b].startswith("Gary Holt") and "lifting" in text[a:b]


def test_short_lines_and_titles():
    text = "Bonjour,\nM. Petit est absent.\n1. Karine Dumas - solide\n2. Yanis - vif"
    parts = [text[a:b].strip() for a, b in sentences(text)]
    assert parts == ["Bonjour,", "M. Petit est absent.", "1.", "Karine Dumas - solide", "2.", "Yanis - vif"]


def test_paragraph_bounds():
    text = "one.\n\ntwo a. two b.\n\nthree"
    a, b = paragraph_bounds(text, text.index("two b"))
    assert text[a:b] == "two a. two b."
