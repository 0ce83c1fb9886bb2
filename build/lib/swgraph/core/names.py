"""Names: pinyin romanisation and name search.

Pinyin comes from ``pypinyin``; it is computed per distinct character and
cached, so romanising a national-scale network stays fast.

>>> pinyin("中国社会工作联合会")
'zhong guo she hui gong zuo lian he hui'
>>> normalise(" Guangdong  Federation ")
'guangdongfederation'
"""

from __future__ import annotations

import functools
import re
import unicodedata

_HAN = re.compile(r"[\u3400-\u9fff]")
_DROP = re.compile(r"[\s\-_·•.,，。、'\"“”‘’()（）《》]+")


@functools.lru_cache(maxsize=None)
def _char_pinyin(ch: str) -> str:
    from pypinyin import Style, lazy_pinyin

    return lazy_pinyin(ch, style=Style.NORMAL)[0]


# Surnames and place characters whose common reading differs from pypinyin's default.
_OVERRIDES = {"会": "hui"}


def pinyin(text: str) -> str:
    """Tone-less pinyin of ``text``: one syllable per Han character, other letters and digits kept as words.

    Characters are romanised one at a time (fast, cached); a multi-reading
    character gets its most common reading, so treat the result as a search
    key rather than an authoritative romanisation.

    >>> pinyin("京津冀+1")
    'jing jin ji 1'
    """
    words: list[str] = []
    run = ""
    for ch in text:
        if _HAN.match(ch):
            if run:
                words.append(run)
                run = ""
            words.append(_OVERRIDES.get(ch) or _char_pinyin(ch))
        elif ch.isascii() and ch.isalnum():
            run += ch.lower()
        elif run:
            words.append(run)
            run = ""
    if run:
        words.append(run)
    return " ".join(words)


def normalise(text: str) -> str:
    """A search key: NFKC, case-folded, without spaces and punctuation."""
    return _DROP.sub("", unicodedata.normalize("NFKC", text).casefold())


def search_keys(names: list[str]) -> set[str]:
    """Every key an entity can be found by: each name, and the pinyin of each Chinese name."""
    keys = set()
    for name in names:
        if not name:
            continue
        keys.add(normalise(name))
        if _HAN.search(name):
            keys.add(normalise(pinyin(name)))
    keys.discard("")
    return keys
