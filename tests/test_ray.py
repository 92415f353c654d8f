"""``normengine batch --executor ray``: the same lines, resume and errors as the local executor.

Ray runs in subprocesses: a Ray driver keeps threads for the rest of its life, and this
test process must stay single-threaded (the local executor forks only from a single thread).
Skipped, with the reason, when Ray is not installed (``pip install 'normengine[cluster]'``).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from .conftest import CASES, ROOT
from .fuzz import run_cli
from .test_bad_input import GOOD

pytestmark = pytest.mark.slow  # Ray: deselected by -m 'not slow', run by .ci/run

DATA = Path(__file__).parent / "data"
HAVE_RAY = importlib.util.find_spec("ray") is not None
needs_ray = pytest.mark.skipif(not HAVE_RAY, reason="Ray is not installed (pip install 'normengine[cluster]')")


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    lib = tmp_path / "lib"
    shutil.copytree(CASES, lib)
    (lib / "broken.yaml").write_text(GOOD.replace("target: b", "target: nowhere"), encoding="utf-8")
    (lib / "missing-link.yaml").symlink_to(tmp_path / "nowhere.yaml")
    small = tmp_path / "small"
    small.mkdir()
    for name in ("a", "c"):
        (small / f"{name}.yaml").write_text(GOOD, encoding="utf-8")
    boom = GOOD.replace("  - {id: b, kind: state}", "  - {id: b, kind: state}\n  - {id: boom, kind: state}")
    (small / "b-boom.yaml").write_text(boom, encoding="utf-8")
    return tmp_path


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "RAY_AUTH_MODE": "disabled", "RAY_USAGE_STATS_ENABLED": "0"}


@needs_ray
def test_ray_gives_the_local_lines_and_resumes(workdir: Path) -> None:
    boom_rules = str(DATA / "boom.lp")
    # The local executor's results, and a torn copy to resume.
    assert run_cli("batch", "lib", "--out", "local.jsonl")[0] == 1
    assert run_cli("batch", "small", "--out", "local-boom.jsonl", "--rules", boom_rules, "--timeout", "1")[0] == 1
    whole = Path("local.jsonl").read_bytes()
    Path("resumed.jsonl").write_bytes(whole[: len(whole) // 2])
    # One Ray instance, three batches on it.
    script = textwrap.dedent(
        f"""
        import ray, sys
        from normengine.cli import main
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level="ERROR")
        codes = [
            main(["batch", "lib", "--out", "ray.jsonl", "--executor", "ray"]),
            main(["batch", "small", "--out", "ray-boom.jsonl", "--executor", "ray", "--rules", {boom_rules!r},
                  "--timeout", "1"]),
            main(["batch", "lib", "--out", "resumed.jsonl", "--executor", "ray"]),
        ]
        print(codes)
        """
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=_env(), timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "[1, 1, 1]", proc.stderr
    assert "Traceback" not in proc.stderr
    assert Path("ray.jsonl").read_bytes() == whole
    assert Path("ray-boom.jsonl").read_bytes() == Path("local-boom.jsonl").read_bytes()
    assert b"ran past the time limit of 1 s" in Path("ray-boom.jsonl").read_bytes()
    assert Path("resumed.jsonl").read_bytes() == whole


@needs_ray
def test_the_command_line_starts_a_local_ray_instance(workdir: Path) -> None:
    argv = ["batch", "small/a.yaml", "lib/kosovo-1999.yaml", "--out", "r.jsonl", "--executor", "ray"]
    proc = subprocess.run(
        [sys.executable, "-m", "normengine", *argv],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.splitlines()[-1] == "batch: 2 of 2 cases in r.jsonl: 2 ok, 0 failed"
    assert run_cli("batch", "small/a.yaml", "lib/kosovo-1999.yaml", "--out", "local.jsonl")[0] == 0
    assert Path("r.jsonl").read_bytes() == Path("local.jsonl").read_bytes()


def test_without_ray_the_ray_executor_is_a_clear_error(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray raises ImportError
    status, _out, err = run_cli("batch", "small", "--out", "r.jsonl", "--executor", "ray")
    assert status == 2
    assert err == "error: --executor ray needs Ray, which is not installed: pip install 'normengine[cluster]'\n"
