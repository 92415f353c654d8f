"""The case library: the bundled cases, from Python and by id.

The cases in the repository's ``cases/`` directory ship inside the wheel (as
``normengine/bundled_cases``), so that they work from any directory::

    >>> from normengine.cases import bundled_cases, case_path
    >>> [c.id for c in bundled_cases()][:2]
    ['afghanistan-2001', 'corfu-channel-1949']
    >>> case_path("kosovo-1999").name
    'kosovo-1999.yaml'

Every command that takes a case file (and :func:`normengine.evaluate`)
also takes a bundled case's id: ``normengine evaluate kosovo-1999``. A case
argument goes through :func:`case_location`, the one place that resolves it:
a path that exists is itself; otherwise a bundled case's id (``kosovo-1999``,
``kosovo-1999.yaml`` or ``cases/kosovo-1999.yaml``) is that case's file, and
``cases`` (or ``cases/``) is the library's directory.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

__all__ = ["BundledCase", "bundled_case", "bundled_cases", "bundled_cases_dir", "case_location", "case_path"]

_INSTALLED = "bundled_cases"
_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


def bundled_cases_dir() -> Path:
    """The directory of the bundled cases.

    In an installed wheel it is ``normengine/bundled_cases``; in a source
    checkout it is the repository's top-level ``cases/``.

    Raises:
        NormengineError: neither exists (a broken installation).
    """
    from .errors import NormengineError

    pkg = Path(__file__).resolve().parent
    installed = pkg / _INSTALLED
    if installed.is_dir():
        return installed
    source = pkg.parent / "cases"
    if source.is_dir() and (pkg.parent / "rules" / "ruleset.toml").is_file():
        return source
    raise NormengineError("the bundled cases are missing: reinstall normengine")


def _bundled_file(ident: str) -> Path | None:
    if not _ID.match(ident):
        return None
    try:
        directory = bundled_cases_dir()
    except Exception:
        return None
    for suffix in (".yaml", ".yml"):
        path = directory / f"{ident}{suffix}"
        if path.is_file():
            return path
    return None


def case_location(given: str | Path) -> Path:
    """Where a case argument points: the path itself if it exists, else the bundled case it names.

    ``kosovo-1999``, ``kosovo-1999.yaml`` and ``cases/kosovo-1999.yaml`` name
    the bundled case when no such file exists here; ``cases`` and ``cases/``
    name the library's directory when no such directory exists here. Anything
    else is returned as the path it is (and reading it reports it missing).
    """
    path = Path(given)
    if path.exists():
        return path
    text = str(given).replace("\\", "/")
    if text.rstrip("/") == "cases":
        try:
            return bundled_cases_dir()
        except Exception:
            return path
    name = text.removeprefix("./").removeprefix("cases/")
    for suffix in (".yaml", ".yml"):
        name = name.removesuffix(suffix)
    found = _bundled_file(name) if "/" not in name else None
    return found if found is not None else path


def case_path(ident: str) -> Path:
    """The file of the bundled case with this id.

    Raises:
        CaseError: no bundled case has this id.
    """
    found = _bundled_file(ident)
    if found is None:
        from .errors import CaseError, InputIssue

        known = ", ".join(c.id for c in bundled_cases())
        raise CaseError([InputIssue(ident, None, None, "", f"no bundled case with this id (they are: {known})")])
    return found


@dataclass(frozen=True)
class BundledCase:
    """A case of the library: its id, title and date, and its file.

    Args:
        id: the case's id (its file name without ``.yaml``).
        title: its title.
        date: its date (ISO).
        path: its file.
    """

    id: str
    title: str
    date: str
    path: Path

    def verdicts(self, perspectives: list[str] | None = None) -> dict[str, dict[str, str]]:
        """The engine's verdict on each act under each perspective (the bundled ones by default), computed now.

        Returns:
            perspective id to (act id to verdict).
        """
        from .engine import evaluate_full
        from .rulesets import load_ruleset

        ruleset = load_ruleset()
        out: dict[str, dict[str, str]] = {}
        for name in perspectives or sorted(ruleset.perspectives):
            report = evaluate_full(self.path, ruleset, name, explanations=False).report
            out[name] = {act.id: act.verdict for act in report.acts}
        return out

    def load(self) -> object:
        """The validated case model (:class:`normengine.case.Case`)."""
        from .loader import load_case

        return load_case(self.path)


def bundled_case(ident: str) -> BundledCase:
    """The bundled case with this id.

    Raises:
        CaseError: no bundled case has this id.
    """
    from .loader import load_case

    path = case_path(ident)
    model = load_case(path)
    return BundledCase(path.stem, model.title, model.date.isoformat(), path)


def bundled_cases() -> list[BundledCase]:
    """Every bundled case, sorted by id."""
    from .loader import load_case

    out = []
    for path in sorted([*bundled_cases_dir().glob("*.yaml"), *bundled_cases_dir().glob("*.yml")]):
        model = load_case(path)
        out.append(BundledCase(path.stem, model.title, model.date.isoformat(), path))
    return sorted(out, key=lambda c: c.id)
