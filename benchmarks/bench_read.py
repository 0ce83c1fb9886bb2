"""Read + model-check speed: the lean first read and the cached re-read against the line-tracking reader.

One command::

    .venv/bin/python benchmarks/bench_read.py                       # national-2015, ~20k, ~100k organisations
    .venv/bin/python benchmarks/bench_read.py --sizes national-2015,20k --repeat 3

For each size a data set is generated once with ``swgraph.synthetic.write_generated``
(what ``swgraph generate --profile national-2015 --scale X --seed 1`` runs; not timed,
kept in ``--workdir``). Then, in this one process, each reader runs on the same files:

* ``old`` — the line-tracking reader every file went through before (kept as the
  fallback for files with problems): ``_read_file(..., lean=False)``;
* ``lean`` — ``read_dataset`` with the cache off (``SWGRAPH_CACHE_DIR=off``): C parser,
  plain data, Pydantic validation, no line bookkeeping — the first read of new data;
* ``first`` — ``read_dataset`` with an empty cache: the lean read plus writing the cache;
* ``cached`` — ``read_dataset`` again on the unchanged files: every file from the cache.

CPU seconds (``time.process_time``) and wall seconds are printed for each, with µs per
record (records = every record plus every source), and the ratio to ``old``. With
``--repeat N`` each figure is the median of N runs. The readers' results are compared
(every record's dump, its file and line, the dataset block): a difference is an error.
Garbage collection stays on, as in a real run. The machine's load average is printed
first: figures on a shared machine are inflated (compare CPU seconds).
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import PROFILE, SEED, scale_for_nodes  # noqa: E402

GOAL_FIRST_US = 30.0  # µs per record, first read
GOAL_CACHED_20K_S = 2.0  # s, unchanged ~20k network


def _scale(size: str) -> float:
    from swgraph.synthetic.build import load_documented

    if size == "national-2015":
        return 1.0
    n = int(float(size[:-1]) * 1000) if size.lower().endswith("k") else int(size)
    return scale_for_nodes(n, len(load_documented().organisations))[0]


def _data(size: str, workdir: Path) -> Path:
    from swgraph.synthetic import write_generated

    out = workdir / f"read-{size}"
    if not (out / ".complete").exists():
        if out.exists():
            shutil.rmtree(out)
        write_generated(out, PROFILE, scale=_scale(size), seed=SEED)
        (out / ".complete").write_text("")
    return out


def _old_read(path: Path):
    from swgraph.records.dataset import Dataset, _read_file, iter_yaml_files

    ds, problems = Dataset(), []
    for f in iter_yaml_files([path]):
        _read_file(f, ds, problems, lean=False)
    return ds, problems


def _new_read(path: Path):
    from swgraph.records.dataset import read_dataset

    return read_dataset([path])


def _timed(fn, *args):
    gc.collect()
    c0, w0 = time.process_time(), time.perf_counter()
    out = fn(*args)
    return out, time.process_time() - c0, time.perf_counter() - w0


def _fingerprint(ds) -> tuple:
    recs = [(r.collection, r.model_dump_json(), ds.origin(r)) for r in ds.all_records()]
    srcs = [(k, v.model_dump_json(), ds.origin(v)) for k, v in ds.sources.items()]
    return ds.info.model_dump_json(), recs, srcs


def bench_size(size: str, workdir: Path, repeat: int) -> dict:
    path = _data(size, workdir)
    cache = Path(tempfile.mkdtemp(prefix="swgraph-bench-cache-", dir=workdir))
    runs: dict[str, list[tuple[float, float]]] = {k: [] for k in ("old", "lean", "first", "cached")}
    reference = None
    n = orgs = 0
    try:
        for _ in range(repeat):
            (ds, problems), c, w = _timed(_old_read, path)
            assert problems == [], problems[:3]
            runs["old"].append((c, w))
            reference = _fingerprint(ds)
            n = sum(1 for _ in ds.all_records()) + len(ds.sources)
            orgs = len(ds.organisations)
            del ds
            os.environ["SWGRAPH_CACHE_DIR"] = "off"
            (ds, _), c, w = _timed(_new_read, path)
            runs["lean"].append((c, w))
            assert _fingerprint(ds) == reference, "lean read differs from the line-tracking read"
            del ds
            shutil.rmtree(cache, ignore_errors=True)
            os.environ["SWGRAPH_CACHE_DIR"] = str(cache)
            (ds, _), c, w = _timed(_new_read, path)
            runs["first"].append((c, w))
            assert _fingerprint(ds) == reference, "first read differs from the line-tracking read"
            del ds
            (ds, _), c, w = _timed(_new_read, path)
            runs["cached"].append((c, w))
            assert _fingerprint(ds) == reference, "cached read differs from the line-tracking read"
            del ds
    finally:
        os.environ.pop("SWGRAPH_CACHE_DIR", None)
        shutil.rmtree(cache, ignore_errors=True)
    med = {k: (statistics.median(c for c, _ in v), statistics.median(w for _, w in v)) for k, v in runs.items()}
    return {"size": size, "organisations": orgs, "records": n,
            "yaml_mb": round(sum(p.stat().st_size for p in path.rglob("*.yaml")) / 1e6, 1), "runs": med}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="national-2015,20k,100k")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--workdir", default=os.path.join(tempfile.gettempdir(), "swgraph-bench"))
    args = ap.parse_args(argv)
    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores; "
          f"median of {args.repeat}")
    head = f"{'size':>14} {'orgs':>7} {'records':>8} {'reader':>7} {'CPU s':>8} {'wall s':>8} {'µs/rec CPU':>11} {'× old CPU':>10}"
    print(head)
    results = []
    for size in args.sizes.split(","):
        res = bench_size(size.strip(), workdir, args.repeat)
        results.append(res)
        old_cpu = res["runs"]["old"][0]
        for reader, (c, w) in res["runs"].items():
            ratio = "" if reader == "old" else f"{old_cpu / c:9.1f}×"
            print(f"{res['size']:>14} {res['organisations']:>7} {res['records']:>8} {reader:>7} {c:8.2f} {w:8.2f} "
                  f"{c / res['records'] * 1e6:11.1f} {ratio:>10}")
        sys.stdout.flush()
    print("\ngoals (CPU figures):")
    for res in results:
        c, _ = res["runs"]["lean"]
        us = c / res["records"] * 1e6
        print(f"  first read {res['size']}: {us:.1f} µs/record (goal ≤ {GOAL_FIRST_US:.0f}) "
              f"{'met' if us <= GOAL_FIRST_US else 'NOT met'}")
        if res["size"].lower() in ("20k", "20000"):
            cc, cw = res["runs"]["cached"]
            print(f"  unchanged {res['size']} re-read: {cc:.2f} s CPU, {cw:.2f} s wall (goal ≤ {GOAL_CACHED_20K_S:.0f} s) "
                  f"{'met' if cc <= GOAL_CACHED_20K_S else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
