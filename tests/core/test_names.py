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
