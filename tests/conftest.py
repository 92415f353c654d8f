"""Shared fixtures: the repository's paths and cached evaluations."""

from __future__ import annotations

import copy
import gc
import os
from collections import defaultdict
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest

import normengine.rulesets.cache
import normengine.worker
from normengine.engine import Evaluation, evaluate, evaluate_full
from normengine.report import Report
from normengine.rulesets import load_ruleset

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "cases"

# The tests keep the parsed programs they make (a rule set in a temporary directory is a new program each
# time) in a cache of the checkout's, not in the user's (~/.cache/normengine), unless NORMENGINE_CACHE says
# otherwise (``off`` runs them cold); it outlives a run, so that the next starts warm, and the commands the
# tests run as fresh processes inherit it. A test of the cache itself sets its own.
os.environ.setdefault("NORMENGINE_CACHE", str(ROOT / ".test-cache" / "programs"))
# A run writes some 90 programs (the rule sets the tests write): with the user's bound of 200, the bundled
# rule set's went out before the next run, which parsed them again.
normengine.rulesets.cache.MAX_ENTRIES = 1_000


# A test process holds what a session shares (the parsed programs, the evaluations of the bundled cases, the
# reports): millions of objects, which each of the cycle collector's full passes walks (150-250 ms a pass, 15
# passes in a quick loop's worker: 5.7 s of CPU in the two workers). The tests make garbage at a rate no
# user's process does; a tenfold first threshold makes a tenth of the passes (3.0 s, `gc.callbacks` timing
# every pass, 08:47-08:50 UTC). What is collected, and every result, is the same; the engine pauses the
# collector during an evaluation either way (normengine/gcpause.py).
gc.set_threshold(10_000, 10, 10)


def _threads_but_xdists(own: Callable[[], int], theirs: int) -> Callable[[], int]:
    def count() -> int:
        return own() - theirs

    return count


if os.environ.get("PYTEST_XDIST_WORKER"):
    # Under pytest-xdist each test process runs execnet's native thread, which reads the channel to the
    # controller and holds nothing a forked child uses. Left counted, it would make every worker pool of
    # the tests start with forkserver, where the command line (one thread) forks: not counting it keeps
    # the tests on the path users run, and on its cost. A thread a test starts still counts, and
    # tests/test_worker.py checks the choice itself in a fresh interpreter.
    normengine.worker._os_threads = _threads_but_xdists(
        normengine.worker._os_threads, normengine.worker._os_threads() - 1
    )


def evaluation(case: str, perspective: str | None = None) -> Evaluation:
    """Evaluate a bundled case once per test session (no perspective: the bundled rule set's default, so that
    ``evaluation(case)`` and ``evaluation(case, "orthodox")`` share one evaluation)."""
    return _evaluation(case, perspective or _default_perspective())


@cache
def _default_perspective() -> str:
    return load_ruleset().default_perspective


@cache
def _evaluation(case: str, perspective: str) -> Evaluation:
    return evaluate_full(CASES / f"{case}.yaml", perspective=perspective)


_REPORTS: dict[tuple[str, str | None, bool], str] = {}


def report_of(case: dict[str, Any] | Path, perspective: str | None = None, *, explanations: bool = True) -> Report:
    """The bundled rule set's report on a case (a dict, or a case file), evaluated once per test process.

    Tests evaluate the same case under the same perspective again and again (the base case of the metamorphic
    tests, a variant that several tests make alike): the first call evaluates it through the public API
    (``normengine.evaluate``, on a copy of the dict), and every call gets a report of its own, parsed from the
    first report's JSON (checked, at the first call, to give back the same report), so that no test
    sees what another did to its report. The key is the case exactly as given (the ``repr`` of the dict: the
    order and the type of every value; for a file, its path and bytes), the perspective as given, and whether
    explanations are built. A test of the evaluation itself (determinism, limits, timing, a rule set of its
    own) calls ``normengine.evaluate`` directly.
    """
    key = f"{case.resolve()}\0{case.read_bytes().hex()}" if isinstance(case, Path) else repr(case)
    text = _REPORTS.get((key, perspective, explanations))
    if text is not None:
        return Report.model_validate_json(text)
    report = evaluate(
        case if isinstance(case, Path) else copy.deepcopy(case), perspective=perspective, explanations=explanations
    )
    text = report.model_dump_json()
    own = Report.model_validate_json(text)
    assert own == report, "a report does not round-trip through its JSON: it cannot be shared this way"
    _REPORTS[(key, perspective, explanations)] = text
    return own


@cache
def contested(case: str) -> bool:
    """Whether a bundled case has contested facts (so that the engine solves it over their readings, and its
    evaluation's ``analysis.modal`` is set), read from the case's facts, without solving: for
    parametrising tests at collection, which every test process does."""
    from normengine.engine import resolve_case
    from normengine.facts import to_facts
    from normengine.rulesets import load_ruleset
    from normengine.solve import build_program
    from normengine.vocabulary import using_vocabulary, vocabulary_of

    _, program = build_program(load_ruleset(), None)
    with using_vocabulary(vocabulary_of(program)):
        return bool(to_facts(resolve_case(CASES / f"{case}.yaml")).contested)


@pytest.fixture(scope="session", autouse=True)
def warm_caches() -> None:
    """Parse the bundled rule set once, in this test process, before any test runs.

    A command runs in a worker process forked from this one (as the command line forks its worker), and
    a fork inherits this process's memory: with the bundled program parsed here, under every perspective
    and as ``check`` and ``vocab`` read it, each such worker starts warm instead of parsing it again, as a process
    that runs several commands would. What the commands do, and their output, does not depend on it
    (the caches are keyed by the content of every file read); a cold start is still tested where it is
    the point (tests/test_cases_library.py and tests/test_report.py run fresh processes).
    """
    from normengine.authoring.check import check_ruleset
    from normengine.authoring.vocab import vocabulary
    from normengine.rulesets import load_ruleset

    for perspective in sorted(load_ruleset().perspectives):
        evaluation("kosovo-1999", perspective)
        # A second evaluation of a case with contested facts makes the parts of the forms without some
        # records (normengine.rulesets.Program.add_to), which a worker then inherits instead of making them.
        evaluate_full(CASES / "kosovo-1999.yaml", perspective=perspective, explanations=False)
    check_ruleset()
    vocabulary()


@pytest.fixture
def cases_dir() -> Path:
    return CASES


# The quick loop (``-m "not slow"``) runs a test that sweeps the whole case library on a few cases only;
# the full suite runs it on every case. A sweep: a test parametrised over at least SWEEP bundled cases.
# The cases kept are the first QUICK of PREFERRED that the sweep has (else its first cases), so that
# each sweep still runs in the quick loop, on cases that are evaluated there anyway.
# tests/test_cases.py (every case against its authoritative outcome, every fact against its source)
# stays whole in the quick loop: it is the library's own check, and its evaluations are shared.
SWEEP = 10
QUICK = 3
PREFERRED = ("kosovo-1999", "nicaragua-1986", "crimea-2014", "iraq-2003", "afghanistan-2001", "ukraine-2022")
WHOLE = ("tests/test_cases.py",)
BUNDLED = frozenset(p.stem for p in CASES.glob("*.yaml"))


def _values(value: Any) -> Iterator[Any]:
    if isinstance(value, tuple | list):
        for part in value:
            yield from _values(part)
    else:
        yield value


def bundled_case_of(item: pytest.Item) -> str | None:
    """The bundled case a parametrised test item runs on (its id, or a path to its file), if any."""
    callspec = getattr(item, "callspec", None)
    if callspec is None:
        return None
    for value in _values(list(callspec.params.values())):
        if isinstance(value, Path) and value.suffix == ".yaml" and value.parent.resolve() == CASES:
            return value.stem
        if isinstance(value, str) and value in BUNDLED:
            return value
    return None


# Likewise a test parametrised over at least COMMAND_SWEEP commands (tests/test_commands.py: every command
# honours the limits, the guard against writing over an input, -o in every format, a case on standard
# input) runs in the quick loop for QUICK_COMMANDS only: the dispatcher that owns these is one piece of code
# (normengine/commands/dispatch.py), which they exercise; the full suite runs every command.
COMMAND_SWEEP = 5
QUICK_COMMANDS = ("evaluate", "check")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark ``slow`` each item of a library sweep that does not run on one of its quick cases, and each item
    of a command sweep that does not run one of the quick commands."""
    sweeps: dict[str, list[tuple[pytest.Item, str]]] = defaultdict(list)
    commands: dict[str, list[tuple[pytest.Item, str]]] = defaultdict(list)
    for item in items:
        case = bundled_case_of(item)
        if case is not None and not item.nodeid.startswith(WHOLE):
            sweeps[item.nodeid.split("[")[0]].append((item, case))
        command = getattr(getattr(item, "callspec", None), "params", {}).get("command")
        if isinstance(command, str):
            commands[item.nodeid.split("[")[0]].append((item, command))
    for entries in commands.values():
        if len({command for _item, command in entries}) >= COMMAND_SWEEP:
            for item, command in entries:
                if command not in QUICK_COMMANDS:
                    item.add_marker(pytest.mark.slow)
    for entries in sweeps.values():
        cases = list(dict.fromkeys(case for _item, case in entries))
        if len(cases) < SWEEP:
            continue
        quick = [*(c for c in PREFERRED if c in cases), *(c for c in cases if c not in PREFERRED)][:QUICK]
        for item, case in entries:
            if case not in quick:
                item.add_marker(pytest.mark.slow)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite the golden files under tests/golden/ from the current code instead of comparing "
        "(then review the change with git diff; see docs/api.md on the report's schema_version)",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """Whether ``--update-golden`` was given."""
    return bool(request.config.getoption("--update-golden"))
