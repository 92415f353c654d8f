"""The exchange formats, read back by tools that are not normengine.

* apx by pygarg (its parser refuses any line but ``arg``/``att``; its SAT solver gives the
  grounded extension and credulous acceptance under preferred semantics);
* ICCMA 2023 by py_arg (python-argumentation), which reads every line after the header as an
  attack; its own algorithms give the grounded and preferred extensions;
* AIF by ``tests/aifread.py``, a reader written from the AIF rules alone, whose framework is
  then solved by py_arg.

Each must give back the framework the engine reasoned on, and the acceptance the engine reports.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pygarg_apx = pytest.importorskip("pygarg.dung.apx_parser")
pygarg_solver = pytest.importorskip("pygarg.dung.solver")
pytest.importorskip("py_arg")

from py_arg.abstract_argumentation_classes.abstract_argumentation_framework import (  # noqa: E402
    AbstractArgumentationFramework,
)
from py_arg.abstract_argumentation_classes.argument import Argument  # noqa: E402
from py_arg.abstract_argumentation_classes.defeat import Defeat  # noqa: E402
from py_arg.algorithms.semantics.get_grounded_extension import get_grounded_extension  # noqa: E402
from py_arg.algorithms.semantics.get_preferred_extensions import get_preferred_extensions  # noqa: E402
from py_arg.import_export.argumentation_framework_from_iccma23_format_reader import (  # noqa: E402
    ArgumentationFrameworkFromICCMA23FormatReader,
)

from normengine.cli import main  # noqa: E402
from normengine.graph import ArgumentGraph, argument_graph  # noqa: E402

from . import aifread  # noqa: E402
from .conftest import CASES, contested, evaluation  # noqa: E402

ALL_CASES = sorted(p.stem for p in CASES.glob("*.yaml"))
PLAIN = [c for c in ALL_CASES if not contested(c)]
# py_arg enumerates preferred extensions by a search that takes minutes past about 20 arguments
# (nicaragua-1986 has 28): its preferred check runs on the frameworks up to this size.
PY_ARG_PREFERRED_MAX = 14


def graph(case: str) -> ArgumentGraph:
    return argument_graph(evaluation(case))


def _expected(g: ArgumentGraph) -> tuple[set[str], set[str]]:
    return {a.id for a in g.arguments if a.status == "accepted"}, {a.id for a in g.arguments if a.credulous}


def test_the_bundled_cases_give_frameworks_to_check() -> None:
    assert len(PLAIN) >= 10
    # (eight until the cases gained the acts their second encoders recorded, December 2026: six are still small
    # enough for py_arg's preferred semantics, and every plain case is checked under the other semantics)
    assert sum(len(graph(c).arguments) <= PY_ARG_PREFERRED_MAX for c in PLAIN) >= 6


@pytest.mark.parametrize("case", PLAIN)
def test_pygarg_reads_the_apx_export_and_agrees(case: str, tmp_path: Path) -> None:
    g = graph(case)
    path = tmp_path / f"{case}.apx"
    assert main(["graph", str(CASES / f"{case}.yaml"), "--format", "apx", "-o", str(path)]) == 0
    args, atts = pygarg_apx.parse(str(path))  # sys.exit on any line it cannot parse
    assert sorted(args) == sorted(a.id for a in g.arguments)
    assert sorted(map(tuple, atts)) == sorted((t.attacker, t.target) for t in g.attacks)
    grounded, credulous = _expected(g)
    assert set(pygarg_solver.compute_grounded_extension(args, atts)) == grounded
    for a in args:
        accepted, _ext = pygarg_solver.credulous_acceptability(args, atts, a, "PR")
        assert accepted == (a in credulous), a


def test_pygarg_refuses_the_comment_lines_that_are_now_opt_in(tmp_path: Path) -> None:
    """Why apx has no comments by default: pygarg stops at the first ``%`` line."""
    path = tmp_path / "k.apx"
    path.write_text(graph("kosovo-1999").to_apx(comments=True), encoding="utf-8")
    with pytest.raises(SystemExit, match="cannot be parsed"):
        pygarg_apx.parse(str(path))


def _py_arg_sets(af: AbstractArgumentationFramework) -> tuple[set[str], set[str] | None]:
    """py_arg's grounded extension, and the union of its preferred extensions (None for a large framework)."""
    grounded = {a.name for a in get_grounded_extension(af)}
    if len(af.arguments) > PY_ARG_PREFERRED_MAX:
        return grounded, None
    credulous = {a.name for e in get_preferred_extensions(af) for a in e}
    return grounded, credulous


@pytest.mark.parametrize("case", PLAIN)
def test_py_arg_reads_the_iccma_export_and_agrees(case: str) -> None:
    g = graph(case)
    af = ArgumentationFrameworkFromICCMA23FormatReader.from_iccma23(g.to_iccma())
    assert len(af.arguments) == len(g.arguments)
    assert len(af.defeats) == len(g.attacks)  # with comment lines it counted each as an attack
    number = {a.id: f"A{i}" for i, a in enumerate(g.arguments, 1)}
    grounded, credulous = _expected(g)
    got_g, got_c = _py_arg_sets(af)
    assert got_g == {number[x] for x in grounded}
    assert got_c is None or got_c == {number[x] for x in credulous}


def test_py_arg_misreads_iccma_comment_lines() -> None:
    """Why ICCMA has no comments by default: py_arg reads each comment line as one more attack."""
    g = graph("kosovo-1999")
    af = ArgumentationFrameworkFromICCMA23FormatReader.from_iccma23(g.to_iccma(comments=True))
    assert len(af.defeats) > len(g.attacks)


@pytest.mark.parametrize("case", PLAIN)
def test_an_independent_aif_reader_gets_the_framework_back(case: str) -> None:
    g = graph(case)
    doc = aifread.read(json.loads(g.to_aif_json()))
    by_text = {doc.texts[n]: n for n in doc.arguments}
    assert len(by_text) == len(doc.arguments), "every argument's I-node has its own text"
    ident = {a.id: by_text[g.aif_text(a)] for a in g.arguments}
    assert set(ident.values()) <= doc.arguments
    assert doc.attacks == {(ident[t.attacker], ident[t.target]) for t in g.attacks}
    # every argument that rests on facts has them, with their sources, as premises
    for a in g.arguments:
        if a.premises:
            texts = {doc.texts[p] for p in doc.premises[ident[a.id]]}
            assert any(p.text in t for p in a.premises for t in texts)
    # and solved by py_arg, the framework read from AIF has the engine's acceptance
    args = {n: Argument(n) for n in doc.arguments}
    af = AbstractArgumentationFramework(case, list(args.values()), [Defeat(args[x], args[y]) for x, y in doc.attacks])
    got_g, got_c = _py_arg_sets(af)
    grounded, credulous = _expected(g)
    assert got_g == {ident[x] for x in grounded}
    assert got_c is None or got_c == {ident[x] for x in credulous}


def test_the_aif_reader_rejects_broken_documents() -> None:
    good = json.loads(graph("kosovo-1999").to_aif_json())
    broken = json.loads(json.dumps(good))
    broken["edges"].append({"edgeID": "x", "fromID": "1", "toID": "nowhere"})
    with pytest.raises(aifread.AIFError, match="unknown node"):
        aifread.read(broken)
    broken = json.loads(json.dumps(good))
    broken["nodes"].append(dict(broken["nodes"][0]))
    with pytest.raises(aifread.AIFError, match="repeated"):
        aifread.read(broken)


def test_names_side_file_and_comments_flag(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case = str(CASES / "nicaragua-1986.yaml")
    out, names = tmp_path / "k.i23", tmp_path / "k.json"
    assert main(["graph", case, "--format", "iccma", "-o", str(out), "--names", str(names)]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("p af ") and all(line.split()[0].isdigit() for line in lines[1:])
    g = graph("nicaragua-1986")
    side = json.loads(names.read_text(encoding="utf-8"))
    assert side["case"] == "nicaragua-1986" and side["perspective"] == g.perspective
    assert [(x["index"], x["id"], x["text"], x["status"]) for x in side["arguments"]] == [
        (i, a.id, a.text, a.status) for i, a in enumerate(g.arguments, 1)
    ]
    assert main(["graph", case, "--format", "apx", "--comments"]) == 0
    assert capsys.readouterr().out.startswith("% Argument graph of nicaragua-1986")
    assert main(["graph", case, "--format", "dot", "--names", str(names)]) == 2
    assert "--names goes with" in capsys.readouterr().err
