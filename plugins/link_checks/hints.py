"""The "did you mean" of a broken link, with the site's files indexed once per check. Pure.

blog_core.did_you_mean (difflib's get_close_matches) compares the mistyped name with every
known name, in full for most of them: 5 to 10 ms a link on a site of a thousand articles, and
the sorted list of names was made again for each. CloseNames gives the same answer, and
compares in full only the names that can still win: difflib's own upper bounds of the score
(from the two lengths, and from the letters the two names share, here one AND of two bit
masks) rule the others out, and the rest go from the highest bound down until no bound can
beat the best score found.
"""

import difflib
import os
from collections import Counter
from itertools import compress

from blog_core.text import SUGGESTION_CUTOFF


def _ratio(matches, length):
    """difflib's score for `matches` characters in common out of `length` (its own formula)."""
    return 2.0 * matches / length if length else 1.0


class CloseNames:
    """Names to suggest; best(word) is blog_core.did_you_mean(word, names, cutoff)."""

    def __init__(self, names, cutoff=SUGGESTION_CUTOFF):
        self.cutoff = cutoff
        # One bit per (character, n-th time in a name): the letters two names have in common,
        # counted as difflib's quick_ratio counts them, are the bits their masks share.
        self._bits = {}
        self._needed = {}
        by_length = {}
        for name in dict.fromkeys(names):
            by_length.setdefault(len(name), []).append((self._mask(name, grow=True), name))
        # Per length, the masks and the names side by side: one pass in C rules most out.
        self._by_length = {
            length: ([mask for mask, _ in entries], [name for _, name in entries])
            for length, entries in by_length.items()
        }

    def _mask(self, text, grow=False):
        mask, seen = 0, Counter()
        for character in text:
            seen[character] += 1
            ticket = (character, seen[character])
            bit = self._bits.get(ticket)
            if bit is None:
                if not grow:
                    continue  # no name has it, so no name shares it
                bit = self._bits[ticket] = 1 << len(self._bits)
            mask |= bit
        return mask

    def _letters_needed(self, length, word_length):
        """The fewest shared letters that reach the cutoff, or None when even all the letters
        of the shorter name would not (difflib's real_quick_ratio)."""
        key = (length, word_length)
        if key not in self._needed:
            total = length + word_length
            shared = range(min(length, word_length) + 1)
            self._needed[key] = next((n for n in shared if _ratio(n, total) >= self.cutoff), None)
        return self._needed[key]

    def best(self, word, leave_out=None):
        """The name closest to `word` at or above the cutoff (the higher name on a tie, as
        difflib), never `leave_out`; None when none is close enough."""
        word_mask, word_length = self._mask(word), len(word)
        candidates = []
        for length, (masks, names) in self._by_length.items():
            needed = self._letters_needed(length, word_length)
            if needed is None:
                continue
            # difflib's quick_ratio as a count of shared letters, for every name at once.
            shared = list(map(int.bit_count, map(word_mask.__and__, masks)))
            total = length + word_length
            for count, name in compress(
                zip(shared, names, strict=True), map(needed.__le__, shared)
            ):
                if name != leave_out:
                    candidates.append((_ratio(count, total), name))
        # The full comparison, from the highest bound down: once a bound is below the best
        # score so far, no name left can beat it.
        candidates.sort(reverse=True)
        matcher = difflib.SequenceMatcher()
        matcher.set_seq2(word)
        best = None
        for bound, name in candidates:
            if best is not None and (bound, name) < best:
                break
            matcher.set_seq1(name)
            score = matcher.ratio()
            if score >= self.cutoff and (best is None or (score, name) > best):
                best = (score, name)
        return best[1] if best else None


class KnownFiles:
    """Content paths by file name, for naming the known file closest to a mistyped one."""

    def __init__(self, paths):
        self.paths_by_name = {}
        for path in sorted(paths):
            self.paths_by_name.setdefault(os.path.basename(path), []).append(path)
        self.names = CloseNames(self.paths_by_name)

    def hint(self, key, leaving_out=None):
        """ " Forse intendevi «/path»?" for the file whose name is closest to `key`'s, or "";
        the path `leaving_out` is not one to suggest."""
        left_name = None
        if leaving_out is not None:
            name = os.path.basename(leaving_out)
            if self.paths_by_name.get(name) == [leaving_out]:
                left_name = name
        guess = self.names.best(os.path.basename(key), leave_out=left_name)
        if guess is None:
            return ""
        path = next(path for path in self.paths_by_name[guess] if path != leaving_out)
        return f" Forse intendevi «/{path}»?"
