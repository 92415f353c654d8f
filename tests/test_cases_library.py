"""The case library: bundled cases by id, from Python and from any directory, and inside the wheel."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from normengine import evaluate
from normengine.cases import bundled_case, bundled_cases, bundled_cases_dir, case_location, case_path
from normengine.errors import CaseError
from normengine.loader import load_case

from .authoring_helpers import run
from .conftest import CASES, ROOT
from .test_cases import DISAGREEING


def test_the_library_lists_every_bundled_case_with_its_title_and_date() -> None:
    library = bundled_cases()
    assert [c.id for c in library] == sorted(p.stem for p in CASES.glob("*.yaml"))
    assert bundled_cases_dir().resolve() == CASES.resolve()
    for case in library:
        model = load_case(case.path)
        assert (case.title, case.date) == (model.title, model.date.isoformat())


def test_a_bundled_case_computes_its_verdicts_under_each_perspective() -> None:
    kosovo = bundled_case("kosovo-1999")
    verdicts = kosovo.verdicts()
    assert sorted(verdicts) == ["humanitarian", "orthodox", "sovereigntist"]
    assert verdicts["orthodox"]["allied-force"] == "unlawful"
    assert (
        verdicts["humanitarian"]["allied-force"]
        == evaluate(kosovo.path, perspective="humanitarian").act("allied-force").verdict
    )
    with pytest.raises(CaseError, match="no bundled case with this id"):
        case_path("atlantis-2099")


def test_a_case_argument_names_a_file_or_a_bundled_case(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    kosovo = CASES / "kosovo-1999.yaml"
    for given in ("kosovo-1999", "kosovo-1999.yaml", "cases/kosovo-1999.yaml", "./cases/kosovo-1999.yaml"):
        assert case_location(given).resolve() == kosovo.resolve(), given
    assert case_location("cases").resolve() == CASES.resolve()
    assert case_location("no-such-case") == Path("no-such-case")
    assert case_location("elsewhere/kosovo-1999.yaml") == Path("elsewhere/kosovo-1999.yaml")
    (tmp_path / "kosovo-1999").write_text("a file of the user's", encoding="utf-8")
    assert case_location("kosovo-1999") == Path("kosovo-1999")  # a file that exists wins
    (tmp_path / "cases").mkdir()
    assert case_location("cases") == Path("cases")
    by_id, by_path = evaluate("nicaragua-1986"), evaluate(CASES / "nicaragua-1986.yaml")
    assert by_id.to_json() == by_path.to_json()


def test_every_command_takes_a_bundled_case_id_from_any_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    status, out, err = run(capsys, "evaluate", "kosovo-1999", "--format", "json")
    assert status == 0, err
    assert json.loads(out)["case"] == "kosovo-1999"
    status, out, _ = run(capsys, "explain", "kosovo-1999", "--act", "allied-force")
    assert status == 0 and "Operation Allied Force: UNLAWFUL" in out
    # A case without contested facts (kosovo-1999 has some: the authors' readings of its assessments differ),
    # since --format iccma exports one framework.
    status, out, _ = run(capsys, "graph", "nicaragua-1986", "--format", "iccma")
    assert status == 0 and out.startswith("p af")
    status, out, _ = run(capsys, "test", "cases/corfu-channel-1949.yaml")
    assert status == 0 and "1 passed" in out
    status, _, err = run(capsys, "evaluate", "atlantis-2099")
    assert status == 2 and "atlantis-2099: no such file" in err


def test_normengine_cases_lists_the_library(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    status, out, _ = run(capsys, "cases", "--no-verdicts", "--format", "json")
    assert status == 0
    listed = json.loads(out)
    assert [c["id"] for c in listed] == [c.id for c in bundled_cases()]
    assert all(c["title"] and re.fullmatch(r"\d{4}-\d{2}-\d{2}", c["date"]) for c in listed)


@pytest.mark.slow  # evaluates every bundled case under every perspective: a sweep of the whole library
def test_normengine_cases_lists_the_verdicts_of_the_library(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    status, out, _ = run(capsys, "cases")
    assert status == 0
    assert re.search(r"^kosovo-1999  1999-\d\d-\d\d  Kosovo 1999", out, re.M), out
    assert re.search(r"^  allied-force +humanitarian: lawful +orthodox: unlawful +sovereigntist: unlawful$", out, re.M)
    assert out.rstrip().endswith(f"{len(bundled_cases())} bundled cases")


# ----------------------------------------------------------------- installed from the wheel


def _readme_commands() -> list[str]:
    """The README's shell examples that need nothing but the installed package."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    out = []
    for block in re.findall(r"```sh\n(.*?)```", text, re.S):
        for line in block.splitlines():
            command = line.split("  #")[0].strip()
            if not command.startswith("normengine ") or any(
                word in command for word in ("nationals", "library/", "serve", " new ", "--executor")
            ):
                continue
            out.append(command)
    return out


def _readme_python() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return str(re.findall(r"```python\n(.*?)```", text, re.S)[0])


@pytest.mark.slow
def test_the_installed_wheel_carries_the_library_and_the_readme_examples_run_anywhere(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-w", str(wheels), "-q"],
        capture_output=True,
        text=True,
        check=False,
    )
    if build.returncode != 0:
        pytest.fail(f"cannot build the wheel: {build.stdout}{build.stderr}")
    wheel = next(wheels.glob("normengine-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "normengine/bundled_cases/kosovo-1999.yaml" in names
    assert "normengine/rules/authorities.toml" in names
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True)
    bindir = venv / "bin"
    python = bindir / "python"
    # The venv sees the dependencies of the environment running the tests (clingo, pydantic, ...),
    # but normengine only from the wheel.
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    Path(purelib, "_test_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    # --ignore-installed: the dependencies come through a .pth from the running environment, which may hold an
    # installed normengine of the same version (CI installs the project): pip must not take that one for the wheel
    subprocess.run(
        [str(python), "-m", "pip", "install", "--no-deps", "--no-index", "--ignore-installed", "-q", str(wheel)],
        check=True,
    )
    empty = tmp_path / "empty"
    empty.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{bindir}{os.pathsep}{env.get('PATH', '')}"
    env["NORMENGINE_CACHE"] = str(tmp_path / "cache")

    def sh(command: str) -> subprocess.CompletedProcess[str]:
        # through a shell, as a reader types them (the README redirects output, e.g. `> normengine.bash`)
        return subprocess.run(["bash", "-c", command], cwd=empty, env=env, capture_output=True, text=True, check=False)

    where = sh("python -c 'import normengine; print(normengine.__file__)'")
    assert where.stdout.startswith(str(venv)), where.stdout + where.stderr
    listed = sh("normengine cases")
    assert listed.returncode == 0, listed.stderr
    assert "kosovo-1999" in listed.stdout and "orthodox: unlawful" in listed.stdout
    kosovo = sh("normengine evaluate kosovo-1999")
    assert kosovo.returncode == 0, kosovo.stderr
    assert "Operation Allied Force" in kosovo.stdout and "authorities" in kosovo.stdout
    page = sh("normengine evaluate kosovo-1999 --format html -o k.html")
    assert page.returncode == 0, page.stderr
    assert "<svg" in (empty / "k.html").read_text(encoding="utf-8")
    (empty / "k.html").unlink()
    tested = sh("normengine test cases")
    # The bundled cases whose recorded outcome the engine does not reach (tests/test_cases.py, strict xfails) fail.
    assert tested.returncode == (1 if DISAGREEING else 0), tested.stdout + tested.stderr
    assert f"{len(list(CASES.glob('*.yaml'))) - len(DISAGREEING)} passed" in tested.stdout
    assert all("FAIL " in tested.stdout and case in tested.stdout for case in DISAGREEING)
    commands = _readme_commands()
    assert len(commands) >= 8, commands
    for command in commands:
        done = sh(command)
        assert done.returncode == 0, f"README: `{command}` exited {done.returncode}: {done.stderr}"
    api = subprocess.run(
        [str(python), "-c", _readme_python()], cwd=empty, env=env, capture_output=True, text=True, check=False
    )
    assert api.returncode == 0, api.stderr
    assert api.stdout.splitlines()[0] == "lawful"
    written = " ".join(commands)
    assert all(f.name in written for f in empty.iterdir()), list(empty.iterdir())  # only what an example writes
