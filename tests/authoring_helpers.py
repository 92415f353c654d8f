"""Helpers for the authoring tests: small rule sets written into a temporary directory."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from normengine.cli import main


def write(root: Path, files: dict[str, str]) -> Path:
    """Write files (dedented) under ``root``; return ``root``."""
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


def ruleset(root: Path, perspective: str, extra: str | None = None, name: str = "mine") -> Path:
    """A rule set that builds on the bundled one, with one perspective file (and optionally a shared file)."""
    manifest = f"""
        name = "{name}"
        builds_on = ["builtin"]
        files = [{'"extra.lp"' if extra is not None else ""}]
        default_perspective = "{name}"

        [perspectives]
        {name} = "{name}.lp"
        """
    files = {"ruleset.toml": manifest, f"{name}.lp": perspective}
    if extra is not None:
        files["extra.lp"] = extra
    return write(root, files)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the command line in-process; return the status, stdout and stderr."""
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


NATIONALS = """
    %@ source: [unsc-pv-1939-1943] (a perspective that admits the protection of nationals abroad)
    perspective(mine, "mine (the orthodox view, but protection of nationals admitted)").
    %@ source: [unsc-pv-1939-1943 S/PV.1939] (Israel's statement in the Council on Entebbe, 9 July 1976)
    position(protection_of_nationals, accept).
    %@ source: [nicaragua-1986 para 268]
    position(humanitarian_intervention, reject).
    %@ source: [unsc-pv-3988]; [unsc-pv-4726]
    position(implied_authorisation, reject).
    %@ source: [corfu-channel-1949 p 35]
    position(narrow_reading_of_article_2_4, reject).
    %@ rule: mine_force_over_human_rights
    %@ source: [nicaragua-1986 para 268]
    %@ says: on this view, {Pa} prevails over human rights invoked by {C}
    prefers(stated_position, A, C, Pa, against) :- conflict_between(A, C, human_rights, Pa); force_principle(Pa).
    """

RESCUE = """
    id: rescue
    title: State A rescues its nationals held in State B
    date: 2001-07-04
    parties:
      - {id: state-a, kind: state}
      - {id: state-b, kind: state}
    acts:
      - {id: raid, type: ground_operations, actors: [state-a], target: state-b, start: 2001-07-04}
    justifications:
      - id: a-nationals
        act: raid
        type: protection_of_nationals
        claimed_by: [state-a]
        assessments:
          - {element: nationals_in_imminent_danger, holds: true}
          - {element: territorial_state_unwilling_or_unable, holds: true}
          - {element: necessity, holds: true}
          - {element: proportionality, holds: true}
    """
