"""Markdown and HTML reports: complete, escaped, deterministic, for evaluate, compare and explain."""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from normengine.engine import evaluate_full
from normengine.formats import authorities_of_report, render_evaluation
from normengine.formats.html import authorities_html, report_html
from normengine.formats.markdown import md, report_markdown

from .conftest import CASES, ROOT, evaluation
from .fuzz import run_cli

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)> **bold** | [link](javascript:alert(2)) & co'


def hostile_case(tmp_path: Path) -> Path:
    """Kosovo with a party name, an act title and a source that try to inject HTML and Markdown."""
    data = yaml.safe_load((CASES / "kosovo-1999.yaml").read_text(encoding="utf-8"))
    for p in data["parties"]:
        if p["id"] == "uk":
            p["name"] = HOSTILE
    data["acts"][0]["title"] = HOSTILE
    data["title"] = HOSTILE

    def authors(value: object) -> None:  # the authors of qualifications are free text: hostile too
        if isinstance(value, dict):
            for k, v in value.items():
                if k == "author" and isinstance(v, str) and "United Kingdom" in v:
                    value[k] = HOSTILE
                else:
                    authors(v)
        elif isinstance(value, list):
            for v in value:
                authors(v)

    authors(data)
    path = tmp_path / "hostile.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


class _Collector(HTMLParser):
    """Every tag and attribute of a page, and its text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend(attrs)
        for k, v in attrs:
            if k == "id" and v:
                self.ids.add(v)
            if k == "href" and v:
                self.hrefs.append(v)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(page: str) -> _Collector:
    c = _Collector()
    c.feed(page)
    c.close()
    return c


def test_html_escapes_a_hostile_party_name_title_and_act(tmp_path: Path) -> None:
    status, out, err = run_cli("evaluate", str(hostile_case(tmp_path)), "--format", "html", "--timeout", "0")
    assert status == 0, err
    page = parse(out)
    assert "script" not in page.tags and "img" not in page.tags
    assert not any(k.startswith("on") for k, _v in page.attrs)
    assert not any(v and v.startswith("javascript:") for _k, v in page.attrs)
    # the text is there, as text (the party's old name is gone everywhere but in the citations of the
    # table of authorities, e.g. Corfu Channel (United Kingdom v Albania))
    text = "".join(page.text)
    assert "United Kingdom" not in "".join(parse(out.split('<section id="authorities">')[0]).text)
    assert re.sub(r"\s+", " ", HOSTILE) in text


def test_markdown_escapes_a_hostile_party_name(tmp_path: Path) -> None:
    status, out, err = run_cli("evaluate", str(hostile_case(tmp_path)), "--format", "markdown", "--timeout", "0")
    assert status == 0, err
    prose = "\n".join(line for line in out.splitlines() if not line.startswith("| ")).replace("**", "")
    assert not re.search(r"(?<!\\)[<>&\[\]|]", prose), "an unescaped special character"
    assert "**bold**" not in out and "[link](javascript" not in out
    assert md(HOSTILE) in out
    assert "\\<script\\>" in out and "\\*\\*bold\\*\\*" in out and "\\|" in out


def _reason_texts(report_json: dict[str, object]) -> list[str]:
    out = []

    def walk(v: object) -> None:
        if isinstance(v, dict):
            if "text" in v and "kind" in v and "explanation" not in str(v.get("kind")):
                out.append(str(v["text"]))
            for k, x in v.items():
                if k != "explanation":
                    walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)

    walk(report_json)
    return out


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_redirected_output_is_never_truncated(fmt: str) -> None:
    """Through a pipe (the worker path, default limits), every reason and every act title is there in full."""
    case = CASES / "darfur-2004.yaml"
    done = subprocess.run(
        [sys.executable, "-m", "normengine", "evaluate", str(case), "--format", fmt],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report = evaluation("darfur-2004").report
    texts = _reason_texts(json.loads(report.to_json()))
    assert len(texts) > 10
    body = done.stdout
    for t in texts:
        want = html.escape(" ".join(t.split()), quote=True) if fmt == "html" else md(t)
        assert want in body, t
    for act in report.acts:
        assert (html.escape(act.title, quote=True) if fmt == "html" else md(act.title)) in body


def test_every_source_is_in_the_table_of_authorities_and_every_citation_resolves() -> None:
    ev = evaluation("nicaragua-1986")
    rows = authorities_of_report(ev.report)
    page_ = render_evaluation("html", ev)
    parsed = parse(page_)
    sources = {r.source for a in ev.report.acts for e in a.engaged for r in e.reasons if r.source}
    assert sources <= {c for _i, c, _u in rows}
    internal = [h[1:] for h in parsed.hrefs if h.startswith("#")]
    assert internal and all(anchor in parsed.ids for anchor in internal)
    assert {f"auth-{i}" for i, _c, _u in rows} <= parsed.ids
    assert "<svg" in page_ and 'class="argument ' in page_
    # no network: no external resource of any kind (links to the authorities' public texts are links, not resources)
    assert not re.search(r'src="(https?:)?//', page_)
    assert not re.search(r'<link[^>]+href="(https?:)?//', page_)
    assert re.search(r'<a href="https://www\.icj-cij\.org/case/70" rel="noopener noreferrer">', page_)


def test_the_authorities_table_takes_rows_with_urls() -> None:
    rows = [
        ("icj-nicaragua", "Military and Paramilitary Activities (Nicaragua v USA) (Merits) [1986] ICJ Rep 14", None),
        ("charter", "Charter of the United Nations (1945)", "https://www.un.org/en/about-us/un-charter/full-text"),
        ("evil", "x", "javascript:alert(1)"),
    ]
    out = authorities_html(rows)
    parsed = parse(out)
    assert parsed.hrefs == ["https://www.un.org/en/about-us/un-charter/full-text"]
    assert {"auth-icj-nicaragua", "auth-charter", "auth-evil"} <= parsed.ids
    ev = evaluation("kosovo-1999")
    page_ = report_html(ev.report, ev.analysis.words, None, rows)
    assert "Nicaragua v USA" in page_ and "#graph" not in page_
    mdown = report_markdown(ev.report, ev.analysis.words, rows)
    assert "<https://www.un.org/en/about-us/un-charter/full-text>" in mdown


def test_reports_are_byte_identical_between_runs() -> None:
    a = evaluate_full(CASES / "libya-2011.yaml")
    b = evaluate_full(CASES / "libya-2011.yaml")
    for fmt in ("markdown", "html"):
        assert render_evaluation(fmt, a) == render_evaluation(fmt, b)


def test_markdown_says_each_reason_once_per_act() -> None:
    out = render_evaluation("markdown", evaluation("kosovo-1999"))
    for section in out.split("\n## ")[1:]:
        # A nested item belongs to the item above it (the readings of each contested fact are its own).
        items, parent = [], ""
        for line in section.splitlines():
            if not line.strip().startswith("- ") or line.endswith(":"):
                continue
            if line.startswith("- "):
                parent = line
            items.append(line.strip() if line.startswith("- ") else f"{parent} / {line.strip()}")
        dups = [i for i in items if items.count(i) > 1]
        assert not dups, dups


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_compare_in_both_formats(fmt: str, tmp_path: Path) -> None:
    target = tmp_path / f"out.{fmt}"
    status, _out, err = run_cli("compare", str(CASES / "kosovo-1999.yaml"), "--format", fmt, "-o", str(target))
    assert status == 0, err
    text = target.read_text(encoding="utf-8")
    for p in ("orthodox", "humanitarian", "sovereigntist"):
        assert p in text
    assert "depends on the perspective" in text  # Allied Force: lawful only on the humanitarian view
    assert "Operation Allied Force" in text


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_explain_in_both_formats(fmt: str) -> None:
    def text(t: str) -> str:
        return html.escape(" ".join(t.split())) if fmt == "html" else md(t)

    case = str(CASES / "kosovo-1999.yaml")
    # the default: the decisive reasons, each said once, with their authorities
    status, out, err = run_cli("explain", case, "--act", "allied-force", "--format", fmt, "--timeout", "0")
    assert status == 0, err
    status, js, _ = run_cli("explain", case, "--act", "allied-force", "--format", "json")
    data = json.loads(js)
    for act in data["acts"]:
        assert text(act["title"]) in out
        for point in act["reasons"]:
            assert text(point["text"]) in out
    assert "Authorities" in out
    # --tree: the tree of reasons behind each conclusion
    status, out, err = run_cli("explain", case, "--act", "allied-force", "--tree", "--format", fmt, "--timeout", "0")
    assert status == 0, err
    status, js, _ = run_cli("explain", case, "--act", "allied-force", "--tree", "--format", "json")
    data = json.loads(js)
    for item in data["explanations"]:
        assert text(item["conclusion"]) in out
        assert text(item["tree"]["text"]) in out
    assert "Authorities" in out
