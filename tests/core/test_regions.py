from swgraph.core import regions


def test_levels_and_names():
    assert regions.level("100000") == "national"
    assert (regions.name("110000"), regions.level("110000")) == ("北京市", "province")
    assert (regions.name("810000"), regions.level("810000")) == ("香港特别行政区", "province")
    assert (regions.name("510100"), regions.level("510100")) == ("成都市", "prefecture")
    assert (regions.name("110114"), regions.level("110114")) == ("昌平区", "county")
    assert not regions.is_known("999999") and not regions.is_known("440000x")


def test_containment():
    assert regions.contains("100000", "440103")
    assert regions.contains("440000", "440103") and regions.contains("440100", "440103")
    assert not regions.contains("440300", "440103")
    # a district of a municipality sits directly under the province-level division
    assert regions.ancestors("110114") == ["110000", "100000"]
    assert regions.prefecture_of("110114") is None


def test_division_counts_come_from_the_package():
    assert len(regions.provinces()) == 34
    assert len(regions.prefectures("440000")) == 21  # Guangdong's 21 prefecture-level cities
    assert regions.prefectures("110000") == []
    assert all(regions.level(c) == "county" for c in regions.counties("440100"))
