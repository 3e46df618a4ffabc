"""What a figure counts (its item) and the verb that governs it (its action).

Two readings, tried in order:

1. After a classifier ("举办19场新闻发布活动", "为46家重点培育小微企业送去…")
   the counted noun follows the figure.
2. Otherwise the item is the noun phrase between the governing verb and the
   number ("发布工作概况30条" → 工作概况, 发布), or, when the verb ends the
   clause ("网站浏览量达9527人次"), the noun phrase before it.

Only the clause around the figure is segmented (rjieba part-of-speech tags,
without the HMM, corrected by ``configs/figures/items.toml``), which keeps the
hot path cheap.  Offsets of the tokens index the text as written, so items keep
the report's own characters (traditional stays traditional).
"""
from __future__ import annotations

import re
from typing import NamedTuple

from ..segment import segmenter
from .lexicon import ItemRules

# a character that ends a clause
CLAUSE_BREAK = re.compile("[" + re.escape(",，。；;：:！？!?\n\r（）()【】[]") + "]")
OPEN_QUOTES = "“‘「『\""
CLOSE_QUOTES = "”’」』\""
_NOUN_FLAGS = ("n", "vn", "nz", "j", "l", "an", "i", "eng")
_SKIP_FLAGS = ("m", "t", "q", "r", "p", "c", "u", "d", "f", "x", "y", "e", "o", "w")


# tuples, not dataclasses: one is built per word of every clause around a figure
class Token(NamedTuple):
    word: str
    flag: str
    start: int
    end: int


class Naming(NamedTuple):
    item: str | None
    action: str | None
    inherit: bool = False
    last_verb: str | None = None


def tokens(text: str, offset: int = 0) -> list[Token]:
    out = []
    pos = offset
    for word, flag in segmenter().tag(text, hmm=False):
        out.append(Token(word, flag, pos, pos + len(word)))
        pos += len(word)
    return out


class ItemNamer:
    """Names items and actions under one set of :class:`ItemRules`."""

    def __init__(self, rules: ItemRules) -> None:
        self.rules = rules

    def is_verb(self, token: Token) -> bool:
        if token.word in self.rules.nouns:
            return False
        return token.word in self.rules.verbs or token.flag == "v" or token.flag == "vd"

    def is_noun(self, token: Token) -> bool:
        if token.word in self.rules.nouns:
            return True
        if token.word in self.rules.verbs or token.word in self.rules.stop_words:
            return False
        return token.flag.startswith(_NOUN_FLAGS) or (len(token.word) > 1 and token.flag in ("a", "b", "s", "nr"))

    def left_start(self, norm: str, start: int, floor: int) -> int:
        """Where the clause holding the figure at ``start`` begins (never before ``floor``)."""
        lower = max(floor, start - self.rules.max_left)
        after_breaks = [m.end() for m in CLAUSE_BREAK.finditer(norm, lower, start)]
        return after_breaks[-1] if after_breaks else lower

    def following(self, text: str, norm: str, end: int) -> tuple[str, int, int] | None:
        """The noun phrase right after a classifier, as (text, start, end), or None."""
        stop = min(len(norm), end + self.rules.max_right)
        clause_end = CLAUSE_BREAK.search(norm, end, stop)
        limit = clause_end.start() if clause_end else stop
        if limit == end:
            return None
        quoted_end = end
        if norm[end] in OPEN_QUOTES:
            close = next((i for i in range(end + 1, limit) if norm[i] in CLOSE_QUOTES), None)
            if close is None:
                return None
            quoted_end = close + 1
        toks = tokens(norm[quoted_end:limit], quoted_end)
        taken: list[Token] = []
        for tok in toks:
            if tok.word in self.rules.stop_words or tok.flag.startswith(_SKIP_FLAGS) and not self.is_noun(tok):
                break
            if self.is_verb(tok):
                if taken or quoted_end > end:
                    break
                # 翻译简讯: a verb right after the classifier may modify the noun that follows.
                taken.append(tok)
                continue
            if not self.is_noun(tok):
                break
            taken.append(tok)
        while taken and self.is_verb(taken[-1]):
            taken.pop()
        if not taken and quoted_end == end:
            return None
        last = taken[-1].end if taken else quoted_end
        return text[end:last], end, last

    def preceding(self, text: str, norm: str, start: int, end: int, previous_action: str | None = None) -> Naming:
        """Item and action from the clause ``norm[start:end]`` that ends at the number.

        A clause holding only a verb of the same family as the figure before
        ('主动公开668条…依申请公开19条') continues that figure's enumeration and
        shares its item.
        """
        toks = tokens(norm[start:end], start)
        naming = self._preceding(text, toks, previous_action)
        last_verb = next((t.word for t in reversed(toks) if self.is_verb(t)), None)
        return naming._replace(last_verb=last_verb)

    def _preceding(self, text: str, toks: list[Token], previous_action: str | None) -> Naming:
        rules = self.rules
        inherit_start = bool(toks) and toks[0].word in rules.inherit_starts
        toks = self._strip_lead(toks)
        action = None
        # Trailing fillers and verbs of relation ('浏览量达', '出席新闻发布会共计').
        while toks and (toks[-1].word in rules.tail_fillers or toks[-1].flag.startswith(("m", "x", "u", "d"))):
            tok = toks.pop()
            if self.is_verb(tok) and action is None:
                action = tok.word
        if not toks:
            return Naming(None, action, inherit=True)
        for k in range(len(toks) - 1, -1, -1):
            if self.is_verb(toks[k]) and k < len(toks) - 1:
                item = self._head(text, toks[k + 1:])
                if item:
                    return Naming(item, action or toks[k].word)
        if self.is_verb(toks[-1]):
            verb = toks[-1]
            before = self._strip_lead(toks[:-1])
            if verb.word in rules.relation_verbs and not any(self.is_noun(t) for t in before):
                return Naming(None, verb.word, inherit=True)
            if any(self.is_noun(t) for t in before) and not self.is_verb(before[-1]):
                return Naming(self._head(text, before), verb.word)
            if inherit_start or verb.word[-2:] == (previous_action or "")[-2:]:
                return Naming(None, verb.word, inherit=True)
            previous_verb = next((t.word for t in reversed(before) if self.is_verb(t)), None)
            return Naming(text[verb.start:verb.end], previous_verb)
        return Naming(self._head(text, toks), action)

    def _strip_lead(self, toks: list[Token]) -> list[Token]:
        i = 0
        while i < len(toks) and (toks[i].word in self.rules.lead_fillers or toks[i].flag.startswith(("m", "t", "x", "p", "c", "u", "r"))):
            i += 1
        return toks[i:]

    def _head(self, text: str, toks: list[Token]) -> str | None:
        """The noun phrase of ``toks``: after the last 的, without fillers at either end."""
        cut = max((i for i, t in enumerate(toks) if t.word == "的"), default=-1)
        if cut >= 0 and cut < len(toks) - 1:
            toks = toks[cut + 1:]
        toks = self._strip_lead(toks)
        while toks and (toks[-1].word in self.rules.tail_fillers or toks[-1].flag.startswith(("x", "u", "m"))):
            toks = toks[:-1]
        if not toks:
            return None
        item = text[toks[0].start:toks[-1].end].strip()
        return item or None
