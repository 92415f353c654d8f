"""Parsers (ICCMA 2023 and apx), their error messages, and the command line."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

from normengine.af.cli import EXIT_BAD_INPUT, EXIT_OK, EXIT_TIMEOUT, add_parser, main
from normengine.af.framework import AFFormatError, Framework
from normengine.af.parse import parse_apx, parse_i23, read_file

DATA = Path(__file__).parent / "data" / "af" / "instances"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_i23_basic() -> None:
    af = parse_i23("# a comment\np af 3\n1 2\n\n# mid\n2 3\n2 3\n")
    assert af.names == ("1", "2", "3")
    assert af.attacks == ((0, 1), (1, 2))
    assert af.numeric


def test_apx_basic() -> None:
    af = parse_apx("% c\narg(a).\narg(b). arg(c).\natt(a,b).\n att( b , c ) .\natt(a,b).\n")
    assert af.names == ("a", "b", "c")
    assert af.attacks == ((0, 1), (1, 2))


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("1 2\n", 1, "header"),
        ("p af x\n", 1, "header"),
        ("# only comments\n", None, "no 'p af N' header"),
        ("p af 3\n1 2\n1 4\n", 3, "outside 1..3"),
        ("p af 3\n1 2\n0 1\n", 3, "outside 1..3"),
        ("p af 3\n1 2 3\n", 2, "two argument numbers"),
        ("p af 3\n1 b\n", 2, "two argument numbers"),
        ("p af 3\n1 2\np af 4\n", 3, "second 'p af' header"),
    ],
)
def test_i23_errors_name_file_and_line(text: str, line: int | None, words: str) -> None:
    with pytest.raises(AFFormatError) as info:
        parse_i23(text, "bad.i23")
    assert info.value.line == line
    assert words in str(info.value)
    assert str(info.value).startswith("bad.i23:" if line is None else f"bad.i23:{line}:")


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("arg(a).\natt(a,b).\n", 2, "undeclared argument 'b'"),
        ("arg(a).\narg(b)\n", 2, "expected 'arg(NAME).'"),
        ("arg(a).\nattack(a,a).\n", 2, "expected 'arg(NAME).'"),
        ("% nothing\n", None, "no arguments"),
    ],
)
def test_apx_errors_name_file_and_line(text: str, line: int | None, words: str) -> None:
    with pytest.raises(AFFormatError) as info:
        parse_apx(text, "bad.apx")
    assert info.value.line == line
    assert words in str(info.value)


def test_read_file_detects_format_by_content(tmp_path: Path) -> None:
    assert read_file(write(tmp_path, "x.txt", "p af 2\n1 2\n")).numeric
    assert not read_file(write(tmp_path, "y.txt", "arg(a).\n")).numeric
    with pytest.raises(AFFormatError, match=r"z\.txt:1: neither"):
        read_file(write(tmp_path, "z.txt", "hello\n"))
    with pytest.raises(AFFormatError, match="no such file"):
        read_file(tmp_path / "missing.i23")
    with pytest.raises(AFFormatError, match="not UTF-8"):
        path = tmp_path / "bin.i23"
        path.write_bytes(b"p af 2\n\xff\xfe\n")
        read_file(path)


@pytest.mark.parametrize("apx", sorted(DATA.glob("*.apx")), ids=lambda p: p.stem)
def test_apx_and_i23_copies_are_the_same_framework(apx: Path) -> None:
    a = read_file(apx)
    b = read_file(apx.with_suffix(".i23"))
    assert a.n == b.n
    # argument a<i> of the apx file is argument i of the .i23 file
    to_i23 = [b.resolve(name) for name in a.names]
    assert sorted((to_i23[x], to_i23[y]) for x, y in a.attacks) == sorted(b.attacks)


def test_from_lists_and_resolve() -> None:
    af = Framework.from_lists([1, 2, "a3"], [(1, 2), (2, "a3")])
    assert af.resolve("1") == 0 and af.resolve("a1") == 0 and af.resolve("3") == 2
    assert af.resolve("a9") is None
    with pytest.raises(AFFormatError, match="undeclared"):
        Framework.from_lists(["a"], [("a", "b")], source="case 7")


# -- command line ---------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_cli_answers(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    chain = write(tmp_path, "chain.i23", "p af 3\n1 2\n2 3\n")
    assert run(capsys, "solve", str(chain), "--task", "se-pr") == (EXIT_OK, "w 1 3\n", "")
    assert run(capsys, "solve", str(chain), "--task", "DS-PR", "--query", "a3")[1] == "YES\n"
    assert run(capsys, "solve", str(chain), "--task", "DC-ST", "--query", "2")[1] == "NO\n"
    assert run(capsys, "af", "solve", str(chain), "--task", "EE-CO")[1] == "w 1 3\n"
    odd = write(tmp_path, "odd.apx", "arg(a).arg(b).arg(c).\natt(a,b).att(b,c).att(c,a).\n")
    assert run(capsys, "solve", str(odd), "--task", "SE-ST")[1] == "NO\n"
    assert run(capsys, "solve", str(odd), "--task", "SE-GR")[1] == "w\n"
    assert run(capsys, "solve", str(odd), "--task", "EE-ST")[1] == "NO\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--task", "XX-PR"], "unknown task 'XX-PR'"),
        (["--task", "DC-PR"], "needs --query"),
        (["--task", "DC-PR", "--query", "a7"], "no argument 'a7'"),
    ],
)
def test_cli_bad_arguments(capsys: pytest.CaptureFixture[str], tmp_path: Path, args: list[str], message: str) -> None:
    chain = write(tmp_path, "chain.i23", "p af 3\n1 2\n2 3\n")
    status, out, err = run(capsys, "solve", str(chain), *args)
    assert status == EXIT_BAD_INPUT and out == ""
    assert message in err and "Traceback" not in err


def test_cli_bad_file_is_one_line_naming_file_and_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = write(tmp_path, "bad.i23", "p af 3\n1 2\n2 x\n")
    status, out, err = run(capsys, "solve", str(bad), "--task", "SE-GR")
    assert status == EXIT_BAD_INPUT and out == ""
    assert err.count("\n") == 1 and f"{bad}:3:" in err


def test_cli_timeout_exit_status(tmp_path: Path) -> None:
    # 40 mutual attacks: 3**40 complete extensions, far too many to list.
    lines = [f"{2 * i + 1} {2 * i + 2}\n{2 * i + 2} {2 * i + 1}" for i in range(40)]
    big = write(tmp_path, "pairs.i23", "p af 80\n" + "\n".join(lines) + "\n")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "normengine.af.cli",
            "solve",
            str(big),
            "--task",
            "EE-CO",
            "--timeout",
            "0.5",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == EXIT_TIMEOUT
    assert proc.stdout == "" and "timeout" in proc.stderr and "Traceback" not in proc.stderr


def test_add_parser_sets_handler() -> None:
    parser = argparse.ArgumentParser(prog="normengine")
    add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["af", "solve", "x.i23", "--task", "SE-GR"])
    assert callable(args.func)


def test_help_ends_with_example(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["solve", "--help"])
    out = capsys.readouterr().out
    assert "example:" in out and out.rstrip().endswith("YES")
