import pytest
from pydantic import ValidationError

from swgraph.core import model as m


@pytest.mark.parametrize(
    "value, precision, earliest, latest",
    [
        ("2015", "year", "2015-01-01", "2015-12-31"),
        (2010, "year", "2010-01-01", "2010-12-31"),
        ("2016-02", "month", "2016-02-01", "2016-02-29"),
        ("2015-12", "month", "2015-12-01", "2015-12-31"),
        ("2015-06-11", "day", "2015-06-11", "2015-06-11"),
    ],
)
def test_when_precision_and_bounds(value, precision, earliest, latest):
    w = m.When.parse(value)
    assert (w.precision, w.earliest, w.latest) == (precision, earliest, latest)


def test_when_inferred_mapping_round_trips():
    w = m.When.parse({"value": "2019-11-13", "inferred": True, "note": "year inferred"})
    assert w.inferred and w.value == "2019-11-13"
    assert w.model_dump() == {"value": "2019-11-13", "inferred": True, "note": "year inferred"}
    assert m.When.parse("2015").model_dump() == "2015"


@pytest.mark.parametrize("bad", ["2015-13", "2015-02-30", "15-06-11", "June 2015", ""])
def test_when_rejects_non_dates(bad):
    with pytest.raises(ValidationError):
        m.When.parse(bad)


def test_unknown_field_is_an_error():
    with pytest.raises(ValidationError) as info:
        m.Organisation(id="x", kind="provincial_association", name_zh="甲", colour="red")
    assert info.value.errors()[0]["type"] == "extra_forbidden"


def test_agreement_needs_two_distinct_parties():
    with pytest.raises(ValidationError, match="at least two parties"):
        m.Agreement(id="a", title_zh="协议", parties=["x"])
    with pytest.raises(ValidationError, match="listed twice"):
        m.Agreement(id="a", title_zh="协议", parties=["x", "x"])
    assert m.Agreement(id="a", title_zh="协议", parties=["x", "y", "z"]).parties == ["x", "y", "z"]


def test_ids_and_region_codes_have_a_form():
    with pytest.raises(ValidationError):
        m.Person(id="Has Space", name_zh="甲")
    with pytest.raises(ValidationError):
        m.Organisation(id="x", kind="county_association", name_zh="甲", region="4401")
    assert m.Organisation(id="x", kind="county_association", name_zh="甲", region=440103).region == "440103"


def test_tiers_follow_the_registry():
    tiers = {k: m.Organisation(id="x", kind=k, name_zh="甲").tier for k in
             ["national_federation", "provincial_association", "municipal_association", "county_association",
              "service_agency", "university"]}
    assert tiers == {"national_federation": 0, "provincial_association": 1, "municipal_association": 2,
                     "county_association": 3, "service_agency": 4, "university": None}
