import io
import json
import re

from rich.console import Console

from swgraph.application.suite import analyze
from swgraph.application.tables import print_tables, sections, terminal_text
from swgraph.records.dataset import load_dataset


def test_tables_at_100_columns_never_break_a_word():
    """Every word on screen is a whole word of the data (or a cut ending in …), never "Associatio / n"."""
    result = analyze(load_dataset())
    buf = io.StringIO()
    print_tables(result, console=Console(file=buf, width=100, color_system=None))
    source = set(re.findall(r"[A-Za-z]+", json.dumps(result, ensure_ascii=False) + repr(sections(result))))
    for token in re.findall(r"[A-Za-z]+…?", buf.getvalue()):
        if token.endswith("…"):
            assert any(w.startswith(token[:-1]) for w in source), token
        else:
            assert token in source, f"{token!r} is a broken word"


def test_terminal_text_strips_control_sequences_and_keeps_markup_verbatim():
    assert terminal_text("民政部\x1b]0;pwned\x07 [bold red]x[/]") == "民政部]0;pwned [bold red]x[/]"
    buf = io.StringIO()
    from swgraph.application.tables import print_sections

    print_sections([("t", ["name"], [["[bold red]红色 [/]"]])], console=Console(file=buf, width=60, color_system=None))
    assert "[bold red]红色 [/]" in buf.getvalue()


def test_cut_points_and_bridges_list_the_first_top_and_say_how_many_more():
    from swgraph.application.api import generate_network

    result = analyze(generate_network(seed=1, scale=0.05))
    hubs = result["hubs"]
    cuts, bridges = hubs["articulation_points"], hubs["bridges"]
    assert len(cuts) > 2 and len(bridges) > 2
    rows = dict((r[0], r[1]) for r in next(s for s in sections(result, top=2) if s[0].startswith("Cut points"))[2])
    assert rows["articulation points"].count(";") == 2  # two names, then the remainder
    assert rows["articulation points"].endswith(f"and {len(cuts) - 2:,} more ({len(cuts):,} in all)")
    assert rows["bridges"].endswith(f"and {len(bridges) - 2:,} more ({len(bridges):,} in all)")
    every = dict((r[0], r[1]) for r in next(s for s in sections(result, top=len(cuts)) if s[0].startswith("Cut points"))[2])
    assert "more" not in every["articulation points"] and every["articulation points"].count(";") == len(cuts) - 1
