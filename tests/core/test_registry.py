from swgraph.core import model as m
from swgraph.core import registry as r


def test_every_collection_has_a_model_and_kind():
    assert set(r.COLLECTIONS) == {"organisations", "people", "posts", "agreements", "events", "programmes", "ties", "statistics"}
    for coll, model in r.COLLECTIONS.items():
        assert model.collection == coll
        assert coll == "organisations" or r.RECORD_KIND_OF[coll] in r.KINDS


def test_references_are_derived_from_the_model_marks():
    fields = {(rf.model.__name__, rf.name): (rf.ref.rel, rf.many) for rf in r.ref_fields(m.Event)}
    assert fields == {
        ("Event", "host"): ("HOSTED_BY", False),
        ("Event", "visitors"): ("VISITED", True),
        ("Event", "participants"): ("TOOK_PART_IN", True),
        ("Event", "people"): ("ATTENDED", True),
    }


def test_nested_references_carry_their_attributes():
    prog = m.Programme(id="p", name_zh="计划", owner="o", participants=[{"organisation": "a", "role": "base", "since": "2018"}])
    refs = list(r.iter_references(prog))
    assert [(x.path, x.target, x.ref.rel) for x in refs] == [
        ("owner", "o", "RUNS"), ("participants[0].organisation", "a", "PARTICIPATES_IN")]
    assert refs[1].attributes == {"role": "base", "since": "2018"}


def test_labels_come_from_the_allow_list():
    org = m.Organisation(id="x", kind="county_association", name_zh="甲")
    assert r.labels_of(org) == ["SwgraphNode", "Organisation", "CountyAssociation"]
    post = m.Post(id="p", person="a", organisation="b", role="president", role_zh="会长")
    assert r.labels_of(post) == ["SwgraphNode", "Record", "Post"]
    allowed = {s.label for s in r.KINDS.values()} | set(r.GROUP_LABELS.values()) | {r.BASE_LABEL}
    for kind in r.ORGANISATION_KINDS:
        assert set(r.labels_of(m.Organisation(id="x", kind=kind, name_zh="甲"))) <= allowed
