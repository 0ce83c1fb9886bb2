"""Run NetworkX's shipped test modules, in place, against swgraph's functions.

The modules listed in :mod:`.suite` are imported from the installed
``networkx`` package (not copied) and collected below ``suite.py``, so they
run with the normal ``pytest`` command and under its settings
(``filterwarnings = error``; NetworkX's own ``conftest.py``, which silences
some warnings, is not loaded). While a module runs, every reference to a
NetworkX function with an adapter (:mod:`.adapters`) -- attributes of any
``networkx`` module, including the test module's own imports, and
parametrised arguments -- points to the adapter; everything is restored
when the module is torn down. The terminal summary gives passed / not
applicable / failed per group.
"""

from __future__ import annotations

import fnmatch
import importlib
import sys
from collections import Counter, defaultdict
from pathlib import Path

import networkx
import pytest

from . import adapters, suite

HERE = Path(__file__).parent
NX_ROOT = Path(networkx.__file__).parent
NOT_APPLICABLE_PREFIX = "not applicable: "


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: NetworkX's marker for its slow tests (run here)")


def pytest_collect_file(file_path, parent):
    if file_path == HERE / "suite.py":
        return SuiteFile.from_parent(parent, path=file_path)
    return None


def _originals():
    """``{id(original): Adapted}`` for every NetworkX function with an adapter."""
    out = {}
    for dotted, adapter in adapters.ADAPTERS.items():
        obj = networkx
        for part in dotted.split("."):
            obj = getattr(obj, part)
        out[id(obj)] = adapters.Adapted(dotted, obj, adapter)
    return out


class Patch:
    """Point every ``networkx`` module attribute that is an adapted function to its adapter, and back."""

    def __init__(self):
        self.wrappers = _originals()
        self.saved = []

    def apply(self):
        for name, mod in list(sys.modules.items()):
            if name != "networkx" and not name.startswith("networkx."):
                continue
            for attr, value in list(vars(mod).items()):
                w = self.wrappers.get(id(value))
                if w is not None and w.original is value:
                    self.saved.append((mod, attr, value))
                    setattr(mod, attr, w)
        if not self.saved:
            raise RuntimeError("no NetworkX function was replaced: the adapters' names do not match networkx")

    def restore(self):
        for mod, attr, value in reversed(self.saved):
            setattr(mod, attr, value)
        self.saved.clear()


_PATCH: Patch | None = None  # the active patch, while a NetworkX module runs


class SuiteFile(pytest.File):
    """``suite.py``: one :class:`NetworkXModule` per listed test module, then the table check."""

    def collect(self):
        for group, rels in suite.GROUPS.items():
            for rel in rels:
                if not (NX_ROOT / rel).is_file():
                    raise FileNotFoundError(f"networkx {networkx.__version__} ships no {rel}")
                yield NetworkXModule.from_parent(self, path=self.path, name=rel, nodeid=f"{self.nodeid}::{rel}",
                                                 group=group)
        yield TableCheck.from_parent(self, name="not_applicable_table")


class NetworkXModule(pytest.Module):
    """A NetworkX test module, imported from the installed package, run with swgraph's functions."""

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.group = group
        self.modname = "networkx." + self.name.removesuffix(".py").replace("/", ".")

    def _getobj(self):
        return importlib.import_module(self.modname)

    def setup(self):
        global _PATCH
        patch = Patch()
        patch.apply()
        _PATCH = patch

        def restore():
            global _PATCH
            patch.restore()
            _PATCH = None

        self.addfinalizer(restore)
        super().setup()


def _suite_id(item):
    """``<module path>::<test id>`` of a NetworkX test item."""
    return item.nodeid.split("suite.py::", 1)[1]


def not_applicable(item) -> str | None:
    sid = _suite_id(item)
    for pattern, reason in suite.NOT_APPLICABLE:
        if fnmatch.fnmatchcase(sid, pattern):
            return reason
    return None


class TableCheck(pytest.Item):
    """Every pattern of ``NOT_APPLICABLE`` matches a collected test of a collected module."""

    def runtest(self):
        ids = [_suite_id(i) for i in self.session.items if i.getparent(NetworkXModule) is not None]
        modules = {s.split("::", 1)[0] for s in ids}
        stale = [p for p, _ in suite.NOT_APPLICABLE
                 if p.split("::", 1)[0] in modules and not any(fnmatch.fnmatchcase(s, p) for s in ids)]
        assert not stale, f"NOT_APPLICABLE patterns that match no NetworkX test: {stale}"

    def reportinfo(self):
        return self.path, None, "NOT_APPLICABLE table of the NetworkX suite"


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem):
    """Parametrised arguments bound to NetworkX functions at import time get the adapters too."""
    if _PATCH is not None and pyfuncitem.getparent(NetworkXModule) is not None:
        for name, value in list(pyfuncitem.funcargs.items()):
            w = _PATCH.wrappers.get(id(value))
            if w is not None and w.original is value:
                pyfuncitem.funcargs[name] = w


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    if item.getparent(NetworkXModule) is None:
        return (yield)
    reason = not_applicable(item)
    adapters.STATE.calls = set()
    try:
        result = yield
    except (pytest.skip.Exception, KeyboardInterrupt):
        raise
    except BaseException:
        if reason:
            pytest.skip(NOT_APPLICABLE_PREFIX + reason)
        raise
    calls = sorted(adapters.STATE.calls)
    if reason:
        if calls:
            raise AssertionError(f"declared not applicable ({reason}) but passes through swgraph's {calls}: "
                                 "remove it from suite.NOT_APPLICABLE")
        pytest.skip(NOT_APPLICABLE_PREFIX + reason)
    if not calls:
        raise AssertionError("this NetworkX test calls no function swgraph offers; declare it in suite.NOT_APPLICABLE")
    return result


_RESULTS: dict = defaultdict(Counter)  # group -> outcome -> count
_REASONS: dict = defaultdict(Counter)  # group -> reason -> count


def pytest_runtest_logreport(report):
    if "suite.py::" not in report.nodeid or report.nodeid.endswith("::not_applicable_table"):
        return
    rel = report.nodeid.split("suite.py::", 1)[1].split("::", 1)[0]
    group = next((g for g, rels in suite.GROUPS.items() if rel in rels), None)
    if group is None:
        return
    if report.when == "call" or (report.when == "setup" and not report.passed):
        if report.skipped:
            reason = str(report.longrepr[2]) if isinstance(report.longrepr, tuple) else ""
            reason = reason.removeprefix("Skipped: ")
            if reason.startswith(NOT_APPLICABLE_PREFIX):
                _RESULTS[group]["not applicable"] += 1
                _REASONS[group][reason.removeprefix(NOT_APPLICABLE_PREFIX)] += 1
            else:
                _RESULTS[group]["skipped"] += 1
                _REASONS[group]["skipped: " + reason] += 1
        else:
            _RESULTS[group][report.outcome] += 1


def pytest_terminal_summary(terminalreporter):
    if not _RESULTS:
        return
    tr = terminalreporter
    tr.section(f"NetworkX {networkx.__version__} shipped tests run against swgraph")
    for group in suite.GROUPS:
        c = _RESULTS.get(group)
        if not c:
            continue
        tr.write_line(f"{group}: {c['passed']} passed, {c['not applicable']} not applicable, "
                      f"{c['failed']} failed" + (f", {c['skipped']} skipped" if c["skipped"] else ""))
        for reason, n in sorted(_REASONS[group].items(), key=lambda kv: -kv[1]):
            tr.write_line(f"    {n:3d}  {reason}")


def pytest_report_teststatus(report, config):
    """A NetworkX test that does not apply is counted as "not applicable", never as a skip."""
    if report.skipped and isinstance(report.longrepr, tuple) and NOT_APPLICABLE_PREFIX in str(report.longrepr[2]):
        return "not applicable", "n", "NOT APPLICABLE"
    return None
