"""Names: pinyin romanisation and name search.

Pinyin comes from ``pypinyin`` over whole runs of Chinese text, so that a
character with several readings is read as the word it is in (重庆 chong
qing, 长沙 chang sha, 行业 hang ye), with a small override table for
organisation-name words that pypinyin reads wrongly. Runs are cached, so
romanising a national-scale network stays fast.

Search keys are tone-insensitive (Guǎngdōng finds guangdong), space- and
case-insensitive, and include the initials of the syllables (zgshgzlhh).

>>> pinyin("中国社会工作联合会")
'zhong guo she hui gong zuo lian he hui'
>>> pinyin("重庆市"), pinyin("社会工作行业"), initials("中国社会工作联合会")
('chong qing shi', 'she hui gong zuo hang ye', 'zgshgzlhh')
>>> normalise(" Guǎngdōng  Federation ")
'guangdongfederation'
"""

from __future__ import annotations

import functools
import re
import unicodedata

_HAN = re.compile(r"[\u3400-\u9fff]")
_DROP = re.compile(r"[\s\-_·•.,，。、'\"“”‘’()（）《》]+")
#: characters no text may carry into a file or a terminal: C0 controls but tab and newline, DEL, C1 controls
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_RUNS = re.compile(r"[\u3400-\u9fff]+|[A-Za-z0-9]+")

#: words in organisation names that pypinyin reads wrongly: word -> tone-marked syllables
PHRASE_OVERRIDES = {
    "单亲": ["dān", "qīn"],
}


@functools.cache
def _lazy_pinyin():
    import pypinyin  # noqa: PLC0415 - lazy: 0.5 s to import, only names without stored pinyin need it

    pypinyin.load_phrases_dict({word: [[s] for s in syllables] for word, syllables in PHRASE_OVERRIDES.items()})
    return functools.partial(pypinyin.lazy_pinyin, style=pypinyin.Style.NORMAL)


@functools.lru_cache(maxsize=200_000)
def _run_pinyin(run: str) -> tuple[str, ...]:
    return tuple(_lazy_pinyin()(run))


def pinyin(text: str) -> str:
    """Tone-less pinyin of ``text`` read word by word; other letters and digits kept as lower-case words.

    >>> pinyin("京津冀+1")
    'jing jin ji 1'
    """
    words: list[str] = []
    for run in _RUNS.findall(text):
        words.extend(_run_pinyin(run) if _HAN.match(run) else [run.lower()])
    return " ".join(words)


def initials(text: str) -> str:
    """The first letter of each pinyin syllable of the Chinese in ``text``.

    >>> initials("广东省社会工作师联合会")
    'gdsshgzslhh'
    """
    return "".join(s[0] for run in _RUNS.findall(text) if _HAN.match(run) for s in _run_pinyin(run))


_UMLAUT = str.maketrans({c: "v" for c in "üǖǘǚǜ"})  # pinyin's ü is written v in tone-less keys (nv, lv)


def normalise(text: str) -> str:
    """A search key: NFKC, case-folded, tone marks removed (ü as v), without spaces and punctuation."""
    text = unicodedata.normalize("NFKC", text).casefold().translate(_UMLAUT)
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return _DROP.sub("", unicodedata.normalize("NFC", text))


def search_keys(names: list[str]) -> set[str]:
    """Every key an entity can be found by: each name, and the pinyin and initials of each Chinese name."""
    keys = set()
    for name in names:
        if not name:
            continue
        keys.add(normalise(name))
        if _HAN.search(name):
            keys.add(normalise(pinyin(name)))
            keys.add(initials(name))
    keys.discard("")
    return keys
