import pytest

from swgraph.core import names
from swgraph.core.names import normalise, pinyin, search_keys


def test_pinyin_is_toneless_and_spaced():
    assert pinyin("广东省") == "guang dong sheng"
    assert pinyin("沈小平") == "shen xiao ping"
    assert pinyin("") == ""


def test_search_keys_cover_names_and_pinyin():
    keys = search_keys(["北京社会工作者协会", "Beijing Social Workers Association"])
    assert normalise("bei jing she hui gong zuo zhe xie hui") in keys
    assert normalise("beijing social workers association") in keys
    assert "北京社会工作者协会" in keys


def test_pinyin_reads_polyphones_as_words():
    """Finding 8: one character at a time gave zhong qing, zhang sha, sha men, xing ye."""
    assert pinyin("重庆市社会工作协会").startswith("chong qing")
    assert pinyin("长沙市").startswith("chang sha")
    assert pinyin("厦门市").startswith("xia men")
    assert pinyin("社会工作行业") == "she hui gong zuo hang ye"
    assert pinyin("讲好社工故事").startswith("jiang hao")
    assert pinyin("单亲家庭服务") == "dan qin jia ting fu wu"  # from the override table


def test_search_keys_are_tone_insensitive_and_include_initials():
    from swgraph.core.names import initials

    keys = search_keys(["广东省社会工作师联合会"])
    assert normalise("Guǎngdōng shěng shèhuì gōngzuò shī liánhéhuì") in keys
    assert initials("中国社会工作联合会") == "zgshgzlhh"
    assert "gdsshgzslhh" in keys
    assert normalise("nǚ") == "nv" == normalise("NV")


# ----------------------------------------------------------------------------- the pinyin memo

@pytest.fixture
def fresh_memo(tmp_path, monkeypatch):
    """An empty in-process memo over an empty cache folder (restored afterwards)."""
    monkeypatch.setenv("SWGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    names._memo.cache_clear()
    monkeypatch.setattr(names, "_added", [])
    yield tmp_path / "cache" / "pinyin"
    names._memo.cache_clear()


def test_pinyin_read_once_is_saved_and_reused_by_the_next_process(fresh_memo, monkeypatch):
    assert names.pinyin("广东省社会工作师联合会") == "guang dong sheng she hui gong zuo shi lian he hui"
    names.save_pinyin()
    (saved,) = fresh_memo.iterdir()
    assert "\n广东省社会工作师联合会\tguang dong sheng she hui gong zuo shi lian he hui\n" in saved.read_text(encoding="utf-8")
    names._memo.cache_clear()  # as a new process would start

    def no_pypinyin():
        raise AssertionError("pypinyin called for a saved run")

    monkeypatch.setattr(names, "_lazy_pinyin", no_pypinyin)
    assert names.pinyin("广东省社会工作师联合会") == "guang dong sheng she hui gong zuo shi lian he hui"
    assert names.initials("广东省社会工作师联合会") == "gdsshgzslhh"


def test_a_damaged_or_foreign_memo_is_read_again_from_pypinyin(fresh_memo):
    names.pinyin("重庆市")
    names.save_pinyin()
    (saved,) = fresh_memo.iterdir()
    head, body = saved.read_bytes().split(b"\n", 1)
    assert body == "重庆市\tchong qing shi\n".encode()
    wrong = "重庆市\tzhong qing shi\n".encode()
    for damaged in (head + b"\n" + wrong, head + b"\n" + body[:-3], b"\xff\xfe", body):
        saved.write_bytes(damaged)
        names._memo.cache_clear()
        assert names.pinyin("重庆市") == "chong qing shi"
    import hashlib

    saved.write_bytes(hashlib.sha256(wrong).hexdigest().encode() + b"\n" + wrong)
    names._memo.cache_clear()
    assert names.pinyin("重庆市") == "zhong qing shi"  # a whole private memo is trusted as it stands...
    saved.chmod(0o666)
    names._memo.cache_clear()
    assert names.pinyin("重庆市") == "chong qing shi"  # ...one others may write is not


def test_nothing_new_writes_nothing(fresh_memo):
    names.save_pinyin()
    assert not fresh_memo.exists()


def test_the_ascii_shortcut_of_normalise_is_the_full_rule():
    import random
    import unicodedata

    def full(text):  # the steps normalise documents, for any text
        text = unicodedata.normalize("NFKC", text).casefold().translate(names._UMLAUT)
        text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
        return names._DROP.sub("", unicodedata.normalize("NFC", text))

    rnd = random.Random(7)
    samples = ["", " Guangdong  Federation ", "A-B_C·D", "\x00\x7f\t", *map(chr, range(128))]
    samples += ["".join(rnd.choice([chr(i) for i in range(128)]) for _ in range(rnd.randint(1, 15))) for _ in range(3000)]
    assert [names.normalise(t) for t in samples] == [full(t) for t in samples]
    assert names.normalise("Guǎngdōng") == full("Guǎngdōng") == "guangdong"  # and the full rule still runs


def test_a_memo_past_its_limit_keeps_the_last_commands_runs(fresh_memo, monkeypatch):
    names.pinyin("北京")
    names.save_pinyin()
    monkeypatch.setattr(names, "MEMO_LIMIT", 2)
    names.pinyin("天津")
    names.pinyin("上海")
    names.save_pinyin()
    (saved,) = fresh_memo.iterdir()
    assert saved.read_bytes().split(b"\n", 1)[1] == "天津\ttian jin\n上海\tshang hai\n".encode()


def test_pinyin_word_by_word_is_pypinyins_reading_of_the_whole_run(fresh_memo):
    from swgraph.synthetic import generate

    records = generate("national-2015", scale=0.3, seed=4).records
    texts = [r.get("name_zh") or r.get("title_zh") or "" for rs in records.values() for r in rs]
    texts += ["重庆市", "长沙市社会工作行业协会", "单亲家庭服务中心", "中华人民共和国民政部", "银行行长", "重重困难"]
    runs = sorted({r for t in texts for r in names._RUNS.findall(t) if names._HAN.match(r)})
    assert len(runs) > 3000
    whole = names._lazy_pinyin()
    assert [names._run_pinyin(r) for r in runs] == [whole(r) for r in runs]
