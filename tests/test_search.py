import pytest

from swgraph.records.dataset import load_dataset
from swgraph.records.search import find


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


@pytest.mark.parametrize(
    "names, expected",
    [
        (["广东省社会工作师联合会", "广东省社工师联合会", "guang dong sheng she gong shi lian he hui"], "gd-swa"),
        (["北京社会工作者协会", "北京市社会工作者协会", "Beijing Social Workers Association"], "bj-swa"),
        (["中国社会工作联合会", "中国社会工作协会", "China Federation of Social Workers", "cfsw"], "cfsw"),
        (["刘京", "Liu Jing", "liujing"], "liu-jing"),
    ],
)
def test_every_name_finds_the_same_entity(ds, names, expected):
    assert [find(ds, n)[0].id for n in names] == [expected] * len(names)


def test_partial_names_and_no_match(ds):
    assert find(ds, "美好社区")[0].id == "prog-meihao-shequ"
    assert find(ds, "不存在的组织") == []
    assert find(ds, "   ") == []
