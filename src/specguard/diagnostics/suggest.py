"""Did-you-mean: the one matcher and the one phrasing every "unknown name" hint uses.

Spec keys, kinds, types, model and column names, config names and ``specguard explain`` codes all
suggest the closest known name the same way, so a user sees the same hint shape everywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

# difflib's default: close enough to catch a typo or a swapped letter, far enough not to guess wildly
CUTOFF = 0.6


def suggest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate closest to ``word``, or None when none is close enough."""
    import difflib  # only an error needs it: a clean `check` never imports difflib

    word = str(word)
    pool = set(candidates)
    matches = difflib.get_close_matches(word, pool, n=len(pool) or 1, cutoff=CUTOFF)
    if not matches:
        return None
    # difflib breaks a tie of its ratio by the larger string, so `SG3O1` would become the last of
    # SG301..SG316. Among the best, prefer the one that agrees with the word in more places, then the
    # first in order (the lowest code).
    best = difflib.SequenceMatcher(None, word, matches[0]).ratio()
    tied = [m for m in matches if difflib.SequenceMatcher(None, word, m).ratio() == best]
    return min(tied, key=lambda m: (-sum(a == b for a, b in zip(word, m)), m))


def _quoted(name: str) -> str:
    return f"`{name}`"


def did_you_mean(
    word: str,
    candidates: Iterable[str],
    otherwise: str | None = None,
    *,
    show: Callable[[str], str] = _quoted,
) -> str | None:
    """The hint "did you mean `X`?" for the closest candidate, else ``otherwise``.

    ``show`` writes the candidate as the user would type it (e.g. ``{userId}`` in a key template).
    """
    guess = suggest(word, candidates)
    return f"did you mean {show(guess)}?" if guess is not None else otherwise
