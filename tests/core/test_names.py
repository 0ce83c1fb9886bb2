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
