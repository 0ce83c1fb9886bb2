"""Names: pinyin romanisation and name search.

Pinyin comes from ``pypinyin`` over whole runs of Chinese text, so that a
character with several readings is read as the word it is in (重庆 chong
qing, 长沙 chang sha, 行业 hang ye), with a small override table for
organisation-name words that pypinyin reads wrongly. Runs are memoised, and
the ``swgraph`` command keeps the memo in the ``pinyin`` area of the user's
cache (:mod:`swgraph.core.usercache`; :func:`save_pinyin`), keyed by pypinyin's
version and the override table, so romanising a national-scale network is paid
once (pypinyin reads about 20,000 names a second).

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
import hashlib
import re
import unicodedata
from importlib import metadata

from swgraph.core import usercache

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


_added: list[str] = []  # runs read in this process and not yet in the saved memo
#: the saved memo keeps at most this many runs (beyond, only the last command's)
MEMO_LIMIT = 250_000


def _memo_path():
    folder = usercache.folder("pinyin")
    if folder is None:
        return None
    try:
        version = metadata.version("pypinyin")
    except metadata.PackageNotFoundError:  # pragma: no cover - a declared dependency
        version = "?"
    key = hashlib.sha256(f"3|{version}|{sorted(PHRASE_OVERRIDES.items())}".encode()).hexdigest()[:20]
    return folder / f"{key}.tsv"


@functools.cache
def _memo() -> dict[str, str]:
    """``{run of Chinese: its syllables, space-separated}``, from the saved memo when there is a usable one.

    The memo is the SHA-256 of the rest, then UTF-8 lines ``run<TAB>syllables`` (a run is
    Chinese characters only, syllables are letters): 60,000 runs read in about 40 ms.
    """
    path = _memo_path()
    blob = usercache.read(path) if path else None
    head, _, body = (blob or b"").partition(b"\n")
    if body and head == hashlib.sha256(body).hexdigest().encode():
        try:
            return dict(line.split("\t") for line in body.decode("utf-8").split("\n") if line)
        except ValueError:  # pragma: no cover - a memo with the right checksum is one this module wrote
            pass
    return {}  # none yet, or damaged: read again from pypinyin


@functools.cache
def _segmenter():
    """pypinyin's own word segmentation (forward maximum matching over its phrase table, overrides included)."""
    _lazy_pinyin()  # loads the overrides, which retrains the segmenter
    from pypinyin.seg import mmseg  # noqa: PLC0415 - with pypinyin, lazily

    return mmseg.seg.cut


@functools.lru_cache(maxsize=1 << 16)
def _word_pinyin(word: str) -> str:
    return " ".join(_lazy_pinyin()(word))


def _run_pinyin(run: str) -> list[str]:
    """The syllables of a run of Chinese, as ``pypinyin.lazy_pinyin`` reads it.

    pypinyin cuts a run into words and reads each word on its own; doing the same
    here, with each word's reading memoised, gives the same syllables (the tests
    compare them on every name of a generated national network) at a ninth of the
    cost, since organisation names share their words (社会, 工作, 服务中心, place names).
    """
    memo = _memo()
    hit = memo.get(run)
    if hit is None:
        hit = memo[run] = " ".join(_word_pinyin(w) for w in _segmenter()(run))
        _added.append(run)
    return hit.split(" ")


def save_pinyin() -> None:
    """Keep the runs read so far in the user's cache for the next process (no-op when nothing is new; never raises)."""
    path = _memo_path() if _added else None
    if path is None:
        return
    memo = _memo()
    runs = memo if len(memo) <= MEMO_LIMIT else dict.fromkeys(_added[-MEMO_LIMIT:])
    body = "".join(f"{k}\t{memo[k]}\n" for k in runs).encode("utf-8")
    if usercache.write(path, hashlib.sha256(body).hexdigest().encode() + b"\n", body):
        _added.clear()


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


@functools.lru_cache(maxsize=1 << 18)
def normalise(text: str) -> str:
    """A search key: NFKC, case-folded, tone marks removed (ü as v), without spaces and punctuation."""
    if text.isascii():  # the same steps, which leave ASCII as it is but for case
        return _DROP.sub("", text.lower())
    text = unicodedata.normalize("NFKC", text).casefold().translate(_UMLAUT)
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return _DROP.sub("", unicodedata.normalize("NFC", text))


def romanised_keys(name: str) -> set[str]:
    """The keys a Chinese name is found by besides itself: its pinyin and its initials (none for other text).

    >>> sorted(romanised_keys("广东省")), romanised_keys("Guangdong")
    (['gds', 'guangdongsheng'], set())
    """
    if not name or not _HAN.search(name):
        return set()
    return {normalise(pinyin(name)), initials(name)} - {""}


def search_keys(names: list[str]) -> set[str]:
    """Every key an entity can be found by: each name, and the pinyin and initials of each Chinese name."""
    keys = set()
    for name in names:
        if name:
            keys.add(normalise(name))
            keys |= romanised_keys(name)
    keys.discard("")
    return keys
