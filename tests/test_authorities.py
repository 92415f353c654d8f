"""The table of authorities: every source cites it, reports end with it, and the checker enforces it."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from normengine.authoring import check as check_module
from normengine.authoring.check import check_ruleset
from normengine.authorities import AuthorityTable, citations, cited, load_table, obtainable, project_reference
from normengine.errors import RuleSetError
from normengine.report import report_schema
from normengine.rulesets import bundled_rules_dir, load_ruleset, parse_program

from .authoring_helpers import run, write
from .conftest import CASES, ROOT, evaluation

TOOL = ROOT / "tools" / "cite_sources.py"
# What a reader cannot obtain: the project's own documents and files.
PROJECT = re.compile(r"DOMAIN|STYLE §|\.lp\b|perspectives/\*|case schema|seed talk")


def bundled_sources() -> list[tuple[str, int, str]]:
    """Every (file, line, source) of the bundled rule set: shared rules and every perspective's."""
    ruleset = load_ruleset()
    out: dict[tuple[str, int], str] = {}
    for name in sorted(ruleset.perspectives):
        program = parse_program([*ruleset.files, ruleset.perspective_file(name)[1]], ruleset.roots)
        for meta in [*program.rules.values(), *program.facts.values(), *program.unannotated]:
            if meta.source is not None:
                out[(meta.file, meta.line)] = meta.source
    return [(f, line, s) for (f, line), s in sorted(out.items())]


def test_every_source_of_the_bundled_rule_set_resolves_to_an_authority_in_the_table() -> None:
    table = load_ruleset().authorities()
    sources = bundled_sources()
    assert len(sources) > 250  # every annotated rule and fact of the bundled law
    for file, line, source in sources:
        where = f"{file}:{line}: {source}"
        assert citations(source), f"no [id pinpoint] citation: {where}"
        assert table.names_authority(source), where
        assert not table.unknown(source), f"unknown authority {table.unknown(source)}: {where}"
        assert project_reference(source) is None, f"names a project document: {where}"
        assert not PROJECT.search(source), where


def test_every_authority_of_the_table_has_a_citation_a_short_form_and_is_cited() -> None:
    raw = tomllib.loads((bundled_rules_dir() / "authorities.toml").read_text(encoding="utf-8"))
    table = load_ruleset().authorities()
    assert set(raw) == set(table)
    cited_ids = {c.id for _f, _l, s in bundled_sources() for c in citations(s)}
    for ident, entry in table.items():
        assert entry.citation and entry.short
        if ident.endswith(tuple(f"-{y}" for y in range(1940, 2030))) and "ICJ Rep" in entry.citation:
            assert entry.url is not None and entry.url.startswith("https://www.icj-cij.org/case/"), ident
        if entry.citation.startswith(("UNSC Res", "UNGA Res")):
            assert entry.url is not None and entry.url.startswith("https://undocs.org/"), ident
        if entry.citation.startswith("International Law Commission"):
            assert entry.url is not None and entry.url.startswith("https://legal.un.org/ilc/"), ident
    # Every authority the rules cite is in the table (above); most of the table is cited by the rules,
    # the rest by the bundled cases.
    case_ids = {
        c.id for path in CASES.glob("*.yaml") for c in citations(path.read_text(encoding="utf-8")) if c.id in table
    }
    assert set(table) <= cited_ids | case_ids, sorted(set(table) - cited_ids - case_ids)


def test_a_source_renders_in_short_form_and_the_report_ends_with_the_table() -> None:
    ev = evaluation("kosovo-1999")
    data = json.loads(ev.report.to_json())
    text = json.dumps(data, ensure_ascii=False)
    assert "[un-charter" not in text and "[nicaragua-1986" not in text  # rendered, not raw
    ids = [a["id"] for a in data["authorities"]]
    assert ids == sorted(ids) and "un-charter" in ids and "nicaragua-1986" in ids
    nicaragua = next(a for a in data["authorities"] if a["id"] == "nicaragua-1986")
    assert nicaragua["citation"].endswith("[1986] ICJ Rep 14")
    assert nicaragua["url"] == "https://www.icj-cij.org/case/70"
    assert any("268" in p for p in nicaragua["pinpoints"])
    # Every entry of the table is cited by some source of the report, under its short form.
    sources = [s for s in re.findall(r'"source": "((?:[^"\\]|\\.)*)"', text)]
    for entry in data["authorities"]:
        assert any(entry["short"] in s for s in sources), entry["id"]


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(p.stem for p in CASES.glob("*.yaml")))
def test_no_report_names_a_project_document(case: str) -> None:
    for perspective in ("orthodox", "humanitarian", "sovereigntist"):
        report = evaluation(case, perspective).report
        text = report.to_json()
        assert not PROJECT.search(text), (case, perspective, PROJECT.search(text))
        assert not re.search(r"\[[a-z0-9]+(?:-[a-z0-9]+)+(?: [^\]]*)?\]", text), "a raw citation left"
        if re.search(r'"source": "', text):
            assert report.authorities, case


def test_the_text_report_ends_with_the_table_of_authorities(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "evaluate", str(CASES / "corfu-channel-1949.yaml"))
    assert status == 0
    tail = " ".join(out[out.index("authorities") :].replace("│", " ").split())
    assert "Corfu Channel (United Kingdom v Albania) (Merits) [1949] ICJ Rep 4" in tail
    assert "https://www.icj-cij.org/case/1" in tail
    assert "cited at:" in tail


def test_no_doc_or_schema_names_a_project_document_as_a_source() -> None:
    docs = [*ROOT.glob("docs/*.md"), ROOT / "README.md", *ROOT.glob("docs/schema/*.json")]
    for doc in docs:
        assert "DOMAIN" not in doc.read_text(encoding="utf-8"), doc
    assert "DOMAIN" not in json.dumps(report_schema())
    for line in (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("%@ source:"):
            assert citations(line) and project_reference(line) is None, line


def test_case_sources_name_nothing_a_reader_cannot_obtain() -> None:
    table = load_ruleset().authorities()
    for path in sorted(CASES.glob("*.yaml")):
        for line in path.read_text(encoding="utf-8").splitlines():
            assert "DOMAIN" not in line and "case-notes" not in line, f"{path.name}: {line}"
        sources = [line for line in path.read_text(encoding="utf-8").splitlines() if "source:" in line]
        ids = {c.id for line in sources for c in citations(line.split("source:", 1)[1])}
        assert ids <= set(table), (path.name, ids - set(table))
    assert obtainable("S/PV.3988 (24 March 1999), United Kingdom", table)
    assert obtainable("[un-charter art 23]", table)
    assert obtainable("UN Charter Art 23", table)  # the short form of an authority of the table
    assert obtainable("Letter of the Foreign Minister to the Secretary-General, 3 May 2004", table)
    assert not obtainable("the case file's finding", table)
    assert not obtainable("recorded as grave (docs/case-notes/wall-2004.md)", table)
    assert not obtainable("DOMAIN §3", table)


def test_pinpoints_merge_in_the_table() -> None:
    table = load_ruleset().authorities()
    used = cited(["[nicaragua-1986 paras 195, 199]; [nicaragua-1986 para 101]", "[un-charter art 51]", None], table)
    assert [(c.authority.id, c.pinpoints) for c in used] == [
        ("nicaragua-1986", ("paras 101, 195, 199",)),
        ("un-charter", ("art 51",)),
    ]
    assert table.render('[un-charter art 2(4)] ("in their international relations")') == (
        'UN Charter art 2(4) ("in their international relations")'
    )
    assert table.render("[no-such-authority art 1]") == "[no-such-authority art 1]"


# --------------------------------------------------------------------- the checker


def test_check_reports_a_source_without_an_authority_as_an_error_in_the_bundled_rule_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "rules"
    shutil.copytree(bundled_rules_dir(), copy)
    target = copy / "justifications" / "consent.lp"
    lines = target.read_text(encoding="utf-8").splitlines(keepends=True)
    at = [i for i, text in enumerate(lines) if text.startswith("%@ source: [")][:2]
    lines[at[0]] = "%@ source: DOMAIN §3 (consent)\n"
    lines[at[1]] = "%@ source: [armed-activites-2005 para 52]\n"
    target.write_text("".join(lines), encoding="utf-8")
    # A finding is located at the rule the annotation block stands above.
    line, second_line = (next(j for j in range(i, len(lines)) if not lines[j].startswith("%@")) + 1 for i in at)
    monkeypatch.setattr(check_module, "bundled_rules_dir", lambda: copy.resolve())
    result = check_ruleset(copy)
    found = {(f.code, f.line, f.severity) for f in result.findings if f.file.endswith("consent.lp")}
    assert ("source-project-document", line, "error") in found, result.to_text()
    assert ("source-unknown-authority", second_line, "error") in found, result.to_text()
    assert "did you mean armed-activities-2005?" in result.to_text()


def test_check_warns_about_a_user_source_that_cites_no_authority(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    manifest = 'name = "mine"\nbuilds_on = ["builtin"]\nfiles = ["extra.lp"]\n'
    root = write(
        tmp_path / "mine",
        {
            "ruleset.toml": manifest,
            "extra.lp": '%@ source: a book I read\nlabel(x, "x").\n%@ source: [un-charter art 2(4)]\nlabel(y, "y").\n',
        },
    )
    status, out, _ = run(capsys, "check", str(root))
    assert status == 1
    assert "extra.lp:2: warning: the source names no authority of the table" in out
    assert "extra.lp:4" not in out


def test_a_user_table_adds_authorities_and_may_not_redefine_the_bundled_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    own = '[uk-1999]\ncitation = "UNSC Verbatim Record (24 March 1999) UN Doc S/PV.3988"\nshort = "UK 1999"\n'
    manifest = 'name = "mine"\nbuilds_on = ["builtin"]\nfiles = ["extra.lp"]\nauthorities = "authorities.toml"\n'
    root = write(
        tmp_path / "mine",
        {
            "ruleset.toml": manifest,
            "authorities.toml": own,
            "extra.lp": '%@ source: [uk-1999]; [un-charter art 2(4)]\nlabel(x, "x").\n',
        },
    )
    table = load_ruleset(root).authorities()
    assert "uk-1999" in table and "un-charter" in table
    status, out, _ = run(capsys, "check", str(root))
    assert status == 0, out
    (root / "authorities.toml").write_text(own + '[un-charter]\ncitation = "x"\nshort = "y"\n', encoding="utf-8")
    with pytest.raises(RuleSetError, match="already defined"):
        load_ruleset(root).authorities()
    status, _, err = run(capsys, "check", str(root))
    assert status == 2 and "authorities.toml" in err and "'un-charter' is already defined" in err
    (root / "authorities.toml").write_text('["Bad Id"]\ncitation = "x"\nshort = "y"\n', encoding="utf-8")
    with pytest.raises(RuleSetError, match="lower case"):
        load_table([root / "authorities.toml"])
    (root / "authorities.toml").write_text('[ok-id]\ncitation = "x"\n', encoding="utf-8")
    with pytest.raises(RuleSetError, match="missing 'short'"):
        load_table([root / "authorities.toml"])


def test_check_warns_about_a_case_source_that_names_nothing_obtainable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (CASES / "corfu-channel-1949.yaml").read_text(encoding="utf-8")
    text = text.replace('source: "[corfu-channel-1949 p 35]', 'source: "see the project notes (notes.md)', 1)
    line = text[: text.index("see the project notes")].count("\n") + 1
    case = tmp_path / "corfu.yaml"
    case.write_text(text, encoding="utf-8")
    status, out, _ = run(capsys, "check", "--case", str(case))
    assert status == 1
    assert re.search(rf"corfu\.yaml:{line}: warning: source [\"']see the project notes", out), out
    assert "[case-source]" in out


def test_an_empty_table_knows_nothing() -> None:
    table = AuthorityTable()
    assert table.unknown("[un-charter art 2(4)]") == ["un-charter"]
    assert not table.names_authority("[un-charter art 2(4)]")


# --------------------------------------------------------------------- the conversion script


def test_the_conversion_script_is_idempotent_on_the_rules_and_the_cases() -> None:
    done = subprocess.run(
        [sys.executable, str(TOOL), "--check", "--cases"], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_conversion_script_reads_the_old_citation_styles(tmp_path: Path) -> None:
    rules = tmp_path / "r.lp"
    rules.write_text(
        "%@ source: Nicaragua (1986) §195\nx.\n"
        "%@ source: Nicaragua v. USA, ICJ Rep 1986, §195, §199\ny.\n"
        '%@ source: UN Charter Art 2(4) ("in their international relations"); GA Res 2625 principle 1\nz.\n'
        "%@ source: ARSIWA Art 20; S/RES/678 (1990) §2\nw.\n"
        "%@ source: DOMAIN §9 (something only the project knows)\nv.\n",
        encoding="utf-8",
    )
    done = subprocess.run([sys.executable, str(TOOL), str(rules)], capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert "r.lp:9: cannot map: DOMAIN §9" in done.stdout
    lines = [line for line in rules.read_text(encoding="utf-8").splitlines() if line.startswith("%@")]
    assert lines == [
        "%@ source: [nicaragua-1986 para 195]",
        "%@ source: [nicaragua-1986 paras 195, 199]",
        '%@ source: [un-charter art 2(4)] ("in their international relations"); [unga-res-2625 principle 1]',
        "%@ source: [arsiwa art 20]; [unsc-res-678 para 2]",
        "%@ source: DOMAIN §9 (something only the project knows)",
    ]
    again = subprocess.run([sys.executable, str(TOOL), str(rules)], capture_output=True, text=True, check=False)
    assert again.returncode == 1 and rules.read_text(encoding="utf-8").count("[") == 6
