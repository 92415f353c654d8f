"""Where normengine may write: never over a case file or a rule set, and whole or not at all.

Every file a command writes (a report, a comparison, a schema, batch results)
goes through :func:`check_output` first, which refuses a path that is one of
the command's inputs: a case file, or a file of the rule set (its manifest,
its ``.lp`` files and every file they ``#include``). Reports are written with
:func:`normengine.atomic.write_atomic` (a temporary file and a rename); batch
results are appended a whole line at a time (:mod:`normengine.batch`).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .errors import NormengineError, display_path

__all__ = ["INPUT_SUFFIXES", "OutputError", "check_output", "protected_files", "write_output"]

# In a directory given as input (``test cases/``, ``batch lib/``), files with these suffixes are inputs too.
INPUT_SUFFIXES = (".yaml", ".yml", ".lp", ".toml")


class OutputError(NormengineError):
    """An output file that must not or cannot be written (exit status 2)."""

    exit_status = 2


def protected_files(cases: Iterable[str | Path], rules: str | Path | None) -> set[Path]:
    """The resolved paths of the case files and of every file of the rule set.

    Raises:
        RuleSetError: the rule set cannot be loaded (the command would fail on it anyway).
    """
    from .rulesets import MANIFEST, load_ruleset

    out = {Path(c).resolve() for c in cases}
    ruleset = load_ruleset(rules)
    manifest = ruleset.root / MANIFEST
    if manifest.is_file():
        out.add(manifest.resolve())
    out.update(p.resolve() for p in ruleset.every_file())
    return out


def check_output(output: str | Path | None, protected: Iterable[Path]) -> None:
    """Refuse to write ``output`` over an input of the command.

    Raises:
        OutputError: ``output`` is a case file or a file of the rule set, or a case, test or rule
            file in a directory given as input.
    """
    if output is None or str(output) == "-":
        return
    target = Path(output).resolve()
    inside = any(p.is_dir() and target.is_relative_to(p) and target.suffix in INPUT_SUFFIXES for p in protected)
    if inside or target in set(protected):
        raise OutputError(
            f"{display_path(output)}: refusing to write over an input (a case file or a rule file); "
            "choose another output file"
        )


def write_output(output: str | Path, data: str | bytes) -> None:
    """Write ``data`` to ``output`` whole or not at all.

    Raises:
        OutputError: the file cannot be written (no such directory, a directory, no permission, disk full).
    """
    from .atomic import write_atomic

    try:
        write_atomic(Path(output), data)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise OutputError(f"{display_path(output)}: cannot write it: {reason}") from None
