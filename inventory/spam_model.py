"""A small learned spam model for the message genre: words that adverts and frauds use.

Headers tell most broadcast mail apart, but spam forges them: a third of a public spam corpus
reads as correspondence by its headers. A naive Bayes model over the words of the subject and
body (presence, not counts; folded; no names) tells spam from mail people write to each other.
It is plain data shipped in the package (a table of word log-odds), trained reproducibly by
``mailbox-inventory train-spam`` from folders of spam and of legitimate mail, and it decides only
when it is very sure: a message it calls spam counts nothing for comments on people, health
data or private life, never anything for credentials or identifiers.
"""

from __future__ import annotations

import json
import math
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import repeat
from pathlib import Path

from detectors._util import fold

_WORD = re.compile(r"[^\W\d_]{2,20}")
MODEL_FILE = "spam_words.json"
#: log-odds above which a message reads as mass-produced: chosen on held-out mail (see
#: docs/detectors.md); what passes it is mostly adverts, newsletters and press releases
THRESHOLD = 20.0


def words(text: str) -> set[str]:
    return set(_WORD.findall(fold(text[:30000])))


@dataclass(frozen=True)
class SpamModel:
    prior: float
    weights: dict[str, float]

    def log_odds(self, text: str) -> float:
        # the weights looked up in C, in the same order (the same sum to the last bit)
        return self.prior + sum(map(self.weights.get, words(text), repeat(0.0)))


@lru_cache(maxsize=1)
def shipped() -> SpamModel | None:
    """The model shipped in the package, or None when absent (the genre then rests on headers)."""
    try:
        data = json.loads(resources.files("inventory").joinpath("models", MODEL_FILE).read_text("utf-8"))
    except (FileNotFoundError, OSError, ValueError):
        return None
    return SpamModel(float(data["prior"]), {k: float(v) for k, v in data["weights"].items()})


def is_spam(text: str) -> bool:
    return spam_odds(text) >= THRESHOLD


def spam_odds(text: str) -> float:
    """The model's log-odds that the text is mass-produced (0 without a model)."""
    model = shipped()
    return model.log_odds(text) if model is not None else 0.0


def _message_text(path: Path) -> str:
    from .errors import MessageError
    from .parse import parse_message

    try:
        pm = parse_message(path.read_bytes())
    except MessageError:
        return ""
    return pm.subject + "\n" + pm.body


def _files(root: str) -> list[Path]:
    """The message files of a corpus folder, chosen as flag-rate chooses them."""
    from .flagrate import AnyFileSource

    return sorted(p for p in Path(root).rglob("*") if p.is_file() and AnyFileSource.accepts(p.name))


def train(spam: list[set[str]], ham: list[set[str]], min_df: int = 4, keep: int = 5000) -> SpamModel:
    """Bernoulli naive Bayes with add-one smoothing over the ``keep`` most telling frequent words."""
    df_s: dict[str, int] = {}
    df_h: dict[str, int] = {}
    for docs, df in ((spam, df_s), (ham, df_h)):
        for d in docs:
            for t in d:
                df[t] = df.get(t, 0) + 1
    ns, nh = len(spam), len(ham)
    scored = []
    for t in set(df_s) | set(df_h):
        a, b = df_s.get(t, 0), df_h.get(t, 0)
        if a + b < min_df:
            continue
        ps, ph = (a + 1) / (ns + 2), (b + 1) / (nh + 2)
        # a present word adds log(ps/ph); an absent one log((1-ps)/(1-ph)), folded into the bias
        present, absent = math.log(ps / ph), math.log((1 - ps) / (1 - ph))
        scored.append((abs(present) * math.log(a + b + 1), t, present - absent, absent))
    scored.sort(reverse=True)
    kept = scored[:keep]
    bias = math.log((ns + 1) / (nh + 1)) + sum(absent for *_, absent in kept)
    return SpamModel(round(bias, 3), {t: round(w, 3) for _, t, w, _ in kept})


def run(spam_dirs: list[str], ham_dirs: list[str], check_dirs: list[str], out: str | None) -> str:
    """Train on even-numbered files, report on odd-numbered ones and on ``check_dirs`` (all
    legitimate mail), then train on everything and write the model."""
    spam_files = [p for d in spam_dirs for p in _files(d)]
    ham_files = [p for d in ham_dirs for p in _files(d)]
    spam = [words(_message_text(p)) for p in spam_files]
    ham = [words(_message_text(p)) for p in ham_files]
    half = train(spam[::2], ham[::2])
    lines = [f"spam {len(spam)} messages, legitimate {len(ham)}; threshold {THRESHOLD}"]
    test_s = [half.log_odds(" ".join(d)) >= THRESHOLD for d in spam[1::2]]
    test_h = [half.log_odds(" ".join(d)) >= THRESHOLD for d in ham[1::2]]
    lines.append(f"held-out half: spam recognised {sum(test_s)}/{len(test_s)}, legitimate called spam "
                 f"{sum(test_h)}/{len(test_h)}")
    model = train(spam, ham)
    for d in check_dirs:
        texts = [_message_text(p) for p in _files(d)]
        flagged = sum(model.log_odds(t) >= THRESHOLD for t in texts)
        lines.append(f"{Path(d).name}: legitimate mail called spam {flagged}/{len(texts)}")
    if out:
        tmp = f"{out}.tmp"
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump({"format": 1, "trained_on": {"spam": [Path(d).name for d in spam_dirs],
                                                   "legitimate": [Path(d).name for d in ham_dirs]},
                       "prior": model.prior, "weights": dict(sorted(model.weights.items()))},
                      fh, ensure_ascii=False, separators=(",", ":"))
        os.replace(tmp, out)
        lines.append(f"model written to {out}: {len(model.weights)} words")
    return "\n".join(lines)
