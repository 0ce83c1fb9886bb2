import subprocess
import sys


def test_igraph_comes_without_matplotlib_and_matplotlib_still_imports_after():
    code = ("import sys; from swgraph.core.libraries import igraph; ig = igraph(); "
            "assert 'matplotlib' not in sys.modules; import matplotlib.pyplot; "
            "from swgraph.analysis._igraph import ig as again; assert again() is ig; "
            "print(ig.Graph.Famous('Zachary').vcount())")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "34"


def test_a_map_layout_does_not_import_matplotlib():
    code = ("import sys, networkx as nx; from swgraph.maps.layout import force_layout; "
            "force_layout(nx.path_graph(5)); assert 'matplotlib' not in sys.modules, 'matplotlib imported'")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr
