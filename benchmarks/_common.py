"""Shared helpers for the swgraph benchmarks: sizes, data sets, subprocess workers, machine info, formatting.

Every measured stage runs in its own Python subprocess (see :func:`run_task`)
so that its peak memory (``ru_maxrss``) is its own and a baseline that runs
too long can be killed and reported as ``> T s`` instead of stalling the run.

Data sets come from the real generator (``swgraph.synthetic``, the code behind
``swgraph generate --profile national-2015 --scale X --seed N``). A size is
either ``seeds`` (the bundled documented seeds), ``national-2015`` (scale 1,
~3,800 organisations) or a number of nodes (organisations in the
collaboration graph), for which the scale is found from the generator's own
counts (one calibration step, in memory, not timed).
"""

from __future__ import annotations

import datetime as _dt
import json
import math
import os
import platform
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PROFILE = "national-2015"
SEED = 1

# ------------------------------------------------------------------ sizes

FULL_SIZES = ["seeds", "national-2015", "20000", "100000"]
QUICK_SIZES = ["seeds", "500", "2000"]
FULL_MAP_SIZES = [500, 5000, 50000]
QUICK_MAP_SIZES = [500, 2000]


def size_label(size: str) -> str:
    if size in ("seeds", "national-2015"):
        return size
    n = int(size)
    return f"{n // 1000}k" if n >= 1000 and n % 1000 == 0 else str(n)


def parse_sizes(text: str) -> list[str]:
    out = []
    for part in text.replace(" ", "").split(","):
        if not part:
            continue
        low = part.lower()
        if low in ("seeds", "national-2015", "national"):
            out.append("national-2015" if low == "national" else low)
            continue
        mult = 1
        if low.endswith("k"):
            low, mult = low[:-1], 1000
        try:
            n = int(float(low) * mult)
        except ValueError:
            raise SystemExit(f"--sizes: {part!r} is not seeds, national-2015 or a number of nodes (e.g. 20000 or 20k)")
        if n < 50:
            raise SystemExit(f"--sizes: {part!r}: at least 50 nodes")
        out.append(str(n))
    return out


def scale_for_nodes(target: int, documented_orgs: int) -> tuple[float, int]:
    """Scale at which the generator yields about ``target`` organisations (documented + synthetic).

    Up to scale 1 the ~290 associations are fixed and only agencies scale;
    above 1 associations grow too. A linear guess is corrected once from the
    generator's own count (in memory, not timed). Returns ``(scale,
    synthetic organisations at that scale)``.
    """
    from swgraph.synthetic import generate

    def counts(scale: float) -> tuple[int, int]:
        c = generate(PROFILE, scale=scale, seed=SEED).counts()
        return c.get("organisations", 0), c.get("organisations.service_agency", 0)

    base, agencies = counts(1.0)
    fixed = base - agencies
    want = max(target - documented_orgs, 10)
    scale = max((want - fixed) / agencies, 0.001) if want <= base else want / base
    got, _ = counts(scale)
    if abs(got - want) > 0.02 * want:
        f = fixed if scale <= 1 else 0
        scale = max(scale * max(want - f, 1) / max(got - f, 1), 0.001)
        got, _ = counts(scale)
    return round(scale, 6), got


# ------------------------------------------------------------------ machine info


def machine_info() -> dict:
    info = {
        "date": _dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "python": sys.version.split()[0],
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "cores": os.cpu_count(),
        "cpu": _cpu_model(),
        "ram_gib": _ram_gib(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "libraries": library_versions(),
    }
    try:
        info["chromium"] = subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True, text=True,
                                          timeout=20).stdout.strip()
    except Exception:  # noqa: BLE001 - purely informative
        info["chromium"] = None
    try:
        info["swgraph_commit"] = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                                                capture_output=True, text=True, timeout=10).stdout.strip() or None
    except Exception:  # noqa: BLE001
        info["swgraph_commit"] = None
    return info


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _ram_gib() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024**2, 1)
    except OSError:
        pass
    return None


def library_versions() -> dict:
    from importlib import metadata

    out = {}
    for name in ("swgraph", "networkx", "igraph", "rustworkx", "networkit", "numpy", "scipy", "pyvis", "pydantic",
                 "PyYAML", "selenium", "neo4j"):
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = None
    return out


# ------------------------------------------------------------------ subprocess workers


def maxrss_mb() -> float:
    """Peak resident set size of this process so far, in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Timer:
    def __enter__(self):
        self.t0 = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.s = time.perf_counter() - self.t0


def run_task(module: str, task: str, args: dict, *, timeout: float | None, workdir: Path) -> dict:
    """Run ``module.TASKS[task](**args)`` in a fresh interpreter; return its result dict.

    The result always has ``status``: ``ok``, ``timeout`` (killed after
    ``timeout`` seconds; ``timeout_s`` says when) or ``error`` (``error`` holds
    the last lines of stderr). ``ok`` results carry the task's own keys plus
    ``rss_base_mb`` (peak RSS after the task loaded its inputs, when it says
    so) and ``rss_peak_mb`` (peak RSS of the whole process).
    """
    workdir.mkdir(parents=True, exist_ok=True)
    fd, out_path = tempfile.mkstemp(prefix=f"{task}-", suffix=".json", dir=workdir)
    os.close(fd)
    spec = json.dumps({"module": module, "task": task, "args": args, "out": out_path})
    cmd = [sys.executable, str(HERE / "_common.py"), "--worker", spec]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(HERE), str(ROOT), os.environ.get("PYTHONPATH", "")]))
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                            start_new_session=True, cwd=str(ROOT))
    try:
        _out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # our own child and anything it started (e.g. chromium)
        except ProcessLookupError:
            pass
        proc.communicate()
        Path(out_path).unlink(missing_ok=True)
        return {"status": "timeout", "timeout_s": timeout, "wall_s": time.perf_counter() - t0}
    wall = time.perf_counter() - t0
    try:
        text = Path(out_path).read_text()
        Path(out_path).unlink(missing_ok=True)
        res = json.loads(text) if text.strip() else None
    except (OSError, ValueError):
        res = None
    if proc.returncode != 0 or res is None:
        tail = "\n".join((err or "").strip().splitlines()[-6:])
        return {"status": "error", "error": tail or f"exit code {proc.returncode}", "wall_s": wall}
    res.setdefault("status", "ok")
    res["wall_s"] = wall
    return res


def _worker(spec_text: str) -> None:
    import importlib

    spec = json.loads(spec_text)
    mod = importlib.import_module(spec["module"])
    res = mod.TASKS[spec["task"]](**spec["args"])
    res["rss_peak_mb"] = round(maxrss_mb(), 1)
    Path(spec["out"]).write_text(json.dumps(res, default=_json_default))


def _json_default(o):
    if hasattr(o, "item"):
        return o.item()
    if isinstance(o, Path):
        return str(o)
    raise TypeError(type(o).__name__)


# ------------------------------------------------------------------ the CLI of a source tree, timed

# Runs ``swgraph`` from the tree on PYTHONPATH (ahead of the editable install), so the
# same interpreter and libraries can run the current checkout and an older revision.
CLI_SHIM = "import sys; from swgraph.cli.main import cli; sys.argv[0] = 'swgraph'; cli(prog_name='swgraph')"


def _children_cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def run_cli(tree: Path, args: list[str], *, env: dict | None = None, cwd: Path | None = None,
            timeout: float | None = None, stdout_path: Path | None = None) -> dict:
    """Run ``swgraph ARGS`` from source tree ``tree`` in a subprocess; time it.

    Returns ``{"rc", "cpu_s", "wall_s", "status", "stderr_tail"}``: ``cpu_s`` is
    user + system CPU of the process and everything it waited for
    (``getrusage(RUSAGE_CHILDREN)`` before and after), ``wall_s`` the elapsed
    time; ``status`` is ``ok`` (exit 0), ``exit N`` or ``timeout``. Standard
    output goes to ``stdout_path`` (or nowhere).
    """
    cmd = [sys.executable, "-c", CLI_SHIM, *[str(a) for a in args]]
    full_env = dict(os.environ, PYTHONPATH=str(tree), **(env or {}))
    out = open(stdout_path, "wb") if stdout_path else subprocess.DEVNULL  # noqa: SIM115 - closed below
    cpu0, t0 = _children_cpu(), time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.PIPE, env=full_env, cwd=str(cwd or tree),
                            start_new_session=True)
    status = None
    try:
        _o, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        _o, err = proc.communicate()
        status = "timeout"
    wall, cpu = time.perf_counter() - t0, _children_cpu() - cpu0
    if stdout_path:
        out.close()
    if status is None:
        status = "ok" if proc.returncode == 0 else f"exit {proc.returncode}"
    tail = "\n".join(err.decode("utf-8", "replace").strip().splitlines()[-4:])
    return {"rc": proc.returncode, "status": status, "cpu_s": cpu, "wall_s": wall, "stderr_tail": tail,
            "command": ["swgraph", *[str(a) for a in args]]}


def compile_tree(tree: Path) -> None:
    """Byte-compile swgraph in ``tree``, as ``pip install`` does for an installed package.

    Without it a machine with ``PYTHONDONTWRITEBYTECODE=1`` (this one) compiles swgraph's
    source again in every command: about 0.1 s CPU each, which no user of a wheel pays.
    """
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree / "swgraph")], check=False,
                   stdout=subprocess.DEVNULL)


def extract_tree(rev: str, dest: Path) -> Path:
    """The files of git revision ``rev`` of this repository, written into ``dest`` (``git archive``).

    Nothing in the repository changes (no worktree is registered). Returns ``dest``.
    """
    dest.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", rev], capture_output=True, check=False)
    if archive.returncode != 0:
        raise SystemExit(f"git archive {rev}: {archive.stderr.decode(errors='replace').strip()}")
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive.stdout, check=True)
    return dest


def resolve_rev(rev: str) -> str:
    """The full commit id of ``rev`` (SystemExit with git's message when unknown)."""
    proc = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--verify", f"{rev}^{{commit}}"], capture_output=True,
                          text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"unknown revision {rev!r}: {proc.stderr.strip()}")
    return proc.stdout.strip()


# ------------------------------------------------------------------ graph files (shared between stages)


def save_graph(G, path: Path) -> None:
    """The topology and the two numeric edge attributes the metrics read, node order kept (pickle)."""
    import pickle

    nodes = list(G)
    index = {v: i for i, v in enumerate(nodes)}
    edges = [(index[u], index[v], float(d.get("weight", 1.0))) for u, v, d in G.edges(data=True)]
    with open(path, "wb") as fh:
        pickle.dump({"nodes": nodes, "edges": edges}, fh, protocol=pickle.HIGHEST_PROTOCOL)


def load_graph(path: str | Path):
    """An ``nx.Graph`` with ``weight`` and ``distance`` (= 1/weight) on every edge, nodes in saved order."""
    import pickle

    import networkx as nx

    with open(path, "rb") as fh:
        data = pickle.load(fh)
    nodes = data["nodes"]
    G = nx.Graph()
    G.add_nodes_from(nodes)
    G.add_edges_from((nodes[i], nodes[j], {"weight": w, "distance": 1.0 / w}) for i, j, w in data["edges"])
    return G


def contract_graph(n_nodes: int | None, *, exact: bool = False):
    """The real collaboration graph of a generated data set with about ``n_nodes`` organisations.

    ``n_nodes=None`` gives the bundled seeds. With ``exact``, a larger
    generated graph is trimmed to exactly ``n_nodes`` nodes by dropping the
    last service agencies (highest ids), so the graph keeps every association.
    """
    from swgraph.graph import collaboration_graph
    from swgraph.records.dataset import Dataset, load_dataset, read_dataset
    from swgraph.synthetic import generate
    from swgraph.synthetic.build import load_documented

    if n_nodes is None:
        return collaboration_graph(load_dataset())
    documented = load_documented()
    doc_orgs = len(documented.organisations)
    target = int(n_nodes * 1.03) + 5 if exact else n_nodes
    scale, _ = scale_for_nodes(target, doc_orgs)
    ds = dataset_in_memory(generate(PROFILE, scale=scale, seed=SEED, documented=documented), documented)
    G = collaboration_graph(ds)
    if exact and G.number_of_nodes() > n_nodes:
        agencies = sorted((v for v, d in G.nodes(data=True) if d.get("kind") == "service_agency"), reverse=True)
        drop = set(agencies[: G.number_of_nodes() - n_nodes])
        G = G.subgraph([v for v in G if v not in drop]).copy()
    del Dataset, read_dataset
    return G


def dataset_in_memory(gset, documented):
    """Documented + generated records as one Dataset, without writing YAML (for stages that do not time loading)."""
    from swgraph.core.registry import COLLECTIONS
    from swgraph.records.dataset import Dataset, DatasetInfo

    ds = Dataset(info=DatasetInfo.model_validate(gset.info))
    ds.sources = dict(documented.sources)
    for coll in COLLECTIONS:
        ds.records[coll] = list(documented.records.get(coll, []))
    for coll, recs in gset.records.items():
        model = COLLECTIONS[coll]
        ds.records[coll].extend(model.model_validate(r) for r in recs)
    return ds


# ------------------------------------------------------------------ formatting


def fmt_s(x: float | None) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "-"
    if x >= 100:
        return f"{x:,.0f} s"
    if x >= 10:
        return f"{x:.1f} s"
    if x >= 1:
        return f"{x:.2f} s"
    if x >= 0.001:
        return f"{x * 1000:.1f} ms"
    return f"{x * 1e6:.0f} µs"


def fmt_ratio(base: float | None, mine: float | None, *, base_lower_bound: bool = False) -> str:
    """'×57 faster' / '×1.3 slower' of ``mine`` against ``base``; '≥' when the base is a lower bound."""
    if base is None or mine is None or mine <= 0 or base <= 0:
        return "-"
    r = base / mine
    prefix = "≥" if base_lower_bound else ""
    if r >= 1:
        return f"{prefix}×{r:,.0f} faster" if r >= 10 else f"{prefix}×{r:.1f} faster"
    if base_lower_bound:
        return "-"
    return f"×{1 / r:,.0f} slower" if 1 / r >= 10 else f"×{1 / r:.1f} slower"


def fmt_mb(x: float | None) -> str:
    return "-" if x is None else f"{x:,.0f} MiB"


def table(headers: list[str], rows: list[list[str]], title: str | None = None) -> str:
    widths = [len(h) for h in headers]
    for r in rows:
        for i, c in enumerate(r):
            widths[i] = max(widths[i], len(str(c)))
    line = "  ".join("-" * w for w in widths)
    out = []
    if title:
        out.append(title)
    out.append("  ".join(h.ljust(w) for h, w in zip(headers, widths)))
    out.append(line)
    for r in rows:
        out.append("  ".join(str(c).ljust(w) for c, w in zip(r, widths)))
    return "\n".join(out)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--worker":
        sys.path[:0] = [str(HERE), str(ROOT)]
        _worker(sys.argv[2])
    else:
        raise SystemExit("internal worker entry point; run benchmarks/run.py")
