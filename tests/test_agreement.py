"""The two-encoder comparison (normengine.agreement): pairing by what happened, figures from real reports."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml

from normengine.agreement import compare_encodings, match_acts, match_parties
from normengine.loader import load_case

ROOT = Path(__file__).resolve().parents[1]
KOSOVO = ROOT / "cases" / "kosovo-1999.yaml"


def _data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(KOSOVO.read_text(encoding="utf-8"))
    return data


def _write(tmp_path: Path, name: str, data: dict[str, Any]) -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def _rename(data: dict[str, Any], old: str, new: str) -> dict[str, Any]:
    """Every occurrence of a party id, renamed (as another encoder might have named the party)."""

    def walk(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: walk(v) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v) for v in value]
        return new if value == old else value

    renamed: dict[str, Any] = walk(data)
    return renamed


def test_a_file_agrees_with_itself() -> None:
    result = compare_encodings(KOSOVO, KOSOVO)
    assert result.complete
    acts = len(load_case(KOSOVO).acts)
    assert all(figure == (acts, acts) for figure in result.figures().values())
    assert all(not p.differing for p in result.pairs)


def test_parties_are_paired_by_name_when_ids_differ(tmp_path: Path) -> None:
    data = _data()
    second = _rename(data, "fry", "yugoslavia")
    case_a, case_b = load_case(KOSOVO), load_case(_write(tmp_path, "second.yaml", second))
    mapping = match_parties(case_a, case_b)
    assert mapping["yugoslavia"] == "fry"
    pairs = match_acts(case_a, case_b, mapping)
    assert all(p.first == p.second and not p.differing for p in pairs)


def test_a_start_date_a_few_days_off_still_pairs_but_is_not_hidden(tmp_path: Path) -> None:
    data = _data()
    act = data["acts"][0]
    act["start"] = date.fromisoformat(str(act["start"])) + timedelta(days=3)
    case_a, case_b = load_case(KOSOVO), load_case(_write(tmp_path, "second.yaml", data))
    pairs = {p.first: p for p in match_acts(case_a, case_b, match_parties(case_a, case_b), date_slack=0)}
    assert pairs[act["id"]].second == act["id"]
    assert pairs[act["id"]].differing == ("start",)


def test_an_act_without_counterpart_counts_against_every_perspective(tmp_path: Path) -> None:
    data = _data()
    dropped = data["acts"].pop()
    data["justifications"] = [j for j in data.get("justifications", []) if j["act"] != dropped["id"]]
    data.pop("outcome", None)
    result = compare_encodings(KOSOVO, _write(tmp_path, "second.yaml", data))
    assert not result.complete
    acts = len(load_case(KOSOVO).acts)
    assert all(total == acts and agree <= acts - 1 for agree, total in result.figures().values())
    assert any(p.first == dropped["id"] and p.second is None for p in result.pairs)


@pytest.mark.parametrize("case", ["iraq-2003", "afghanistan-2001", "kosovo-1999", "crimea-2014"])
def test_bundled_second_encodings_are_compared_under_every_perspective(case: str) -> None:
    result = compare_encodings(ROOT / "cases" / f"{case}.yaml", ROOT / "tests" / "encodings" / f"{case}.yaml")
    assert set(result.figures()) == {"orthodox", "humanitarian", "sovereigntist"}
    assert all(r.first_verdict or r.second_verdict for r in result.rows)


def test_the_agree_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from normengine.cli import main

    second = ROOT / "tests" / "encodings" / "kosovo-1999.yaml"
    assert main(["agree", "kosovo-1999", "kosovo-1999", "--format", "json"]) == 0
    same = capsys.readouterr().out
    assert '"complete": true' in same
    status = main(["agree", "kosovo-1999", str(second), "--format", "json"])
    out = capsys.readouterr().out
    expected = compare_encodings(KOSOVO, second)
    assert status == (0 if expected.complete else 1)
    assert out == expected.to_json()
    assert main(["agree", "kosovo-1999", "-"]) == 2
    assert "standard input" in capsys.readouterr().err


def test_an_organisation_listed_with_other_members_is_the_same_actor(tmp_path: Path) -> None:
    """Two files that name the same organisation as an act's actor, but list its members differently (a fact
    about the party, not the act), pair the act without an actors difference; with its kind and target written
    differently too, the act still pairs (two keys differ, as for UNITAF in Somalia 1992)."""
    somalia = ROOT / "cases" / "somalia-1992.yaml"
    data: dict[str, Any] = yaml.safe_load(somalia.read_text(encoding="utf-8"))
    unitaf = next(p for p in data["parties"] if p["id"] == "unitaf")
    unitaf["members"] = [m for m in unitaf["members"] if m != "uk"]
    case_a, case_b = load_case(somalia), load_case(_write(tmp_path, "members.yaml", data))
    pairs = {p.first: p for p in match_acts(case_a, case_b, match_parties(case_a, case_b))}
    assert pairs["unitaf-deployment"].second == "unitaf-deployment"
    assert pairs["unitaf-deployment"].differing == ()
    act = next(a for a in data["acts"] if a["id"] == "unitaf-deployment")
    act.update({"id": "unitaf-operation", "type": "ground_operations", "target": "somalia"})
    for entry in [*data["justifications"], *data["outcome"]["acts"]]:
        if entry["act"] == "unitaf-deployment":
            entry["act"] = "unitaf-operation"
    case_b = load_case(_write(tmp_path, "kind.yaml", data))
    pairs = {p.first: p for p in match_acts(case_a, case_b, match_parties(case_a, case_b))}
    assert pairs["unitaf-deployment"].second == "unitaf-operation"
    assert pairs["unitaf-deployment"].differing == ("target", "kind")


def test_a_mission_and_the_organisation_whose_organ_it_is_are_the_same_actor(tmp_path: Path) -> None:
    """One writer names the mission (AMIS, `organ_of: african-union`), another the organisation: the act pairs
    without an actors difference (ARIO Art 6: the organ's conduct is the organisation's); without `organ_of` the
    actors share nothing, and the act pairs only on its title, with the actors shown as a key that differs."""
    darfur = ROOT / "cases" / "darfur-2004.yaml"
    data: dict[str, Any] = yaml.safe_load(darfur.read_text(encoding="utf-8"))
    act = next(a for a in data["acts"] if a["id"] == "amis-deployment")
    act["actors"] = ["african-union"]
    for k in data["consents"]:
        k["to"] = ["african-union" if t == "amis" else t for t in k["to"]]
    case_a, case_b = load_case(darfur), load_case(_write(tmp_path, "organisation.yaml", data))
    pairs = {p.first: p for p in match_acts(case_a, case_b, match_parties(case_a, case_b))}
    assert pairs["amis-deployment"].second == "amis-deployment"
    assert pairs["amis-deployment"].differing == ()
    first = yaml.safe_load(darfur.read_text(encoding="utf-8"))
    next(p for p in first["parties"] if p["id"] == "amis").pop("organ_of")
    case_a = load_case(_write(tmp_path, "no-organ.yaml", first))
    pairs = {p.first: p for p in match_acts(case_a, case_b, match_parties(case_a, case_b))}
    assert pairs["amis-deployment"].differing == ("actors",)


def test_the_same_act_given_to_different_actors_pairs_on_its_title(tmp_path: Path) -> None:
    """One writer gives the security presence to a body of its own (KFOR), another to the alliance leading it:
    the actors share nothing, but the kind, the first day and the title's words match, so the act pairs, with
    `actors` shown as a key that differs; titled otherwise, it does not pair."""
    opinion = ROOT / "cases" / "kosovo-opinion-2010.yaml"
    data: dict[str, Any] = yaml.safe_load(opinion.read_text(encoding="utf-8"))
    data["parties"].append({"id": "nato", "name": "North Atlantic Treaty Organization", "kind": "organisation"})
    act = next(a for a in data["acts"] if a["id"] == "kfor-deployment")
    act["actors"] = ["nato"]
    case_a, case_b = load_case(opinion), load_case(_write(tmp_path, "alliance.yaml", data))
    pairs = {p.first: p for p in match_acts(case_a, case_b, match_parties(case_a, case_b))}
    assert pairs["kfor-deployment"].second == "kfor-deployment"
    assert pairs["kfor-deployment"].differing == ("actors",)
    act["title"] = "the alliance's troops on the ground"
    case_b = load_case(_write(tmp_path, "retitled.yaml", data))
    pairs = {p.first: p for p in match_acts(case_a, case_b, match_parties(case_a, case_b))}
    assert pairs["kfor-deployment"].second is None
