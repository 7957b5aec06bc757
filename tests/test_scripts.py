"""The quick-start scripts install what they need by themselves (README: two commands)."""
from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _executable(path: Path, body: str) -> None:
    path.write_text("#!/bin/sh\n" + body)
    path.chmod(path.stat().st_mode | stat.S_IEXEC)


def test_test_script_installs_the_debian_packages_the_suite_uses(tmp_path):
    """On a machine without pdftotext (nor chromium), scripts/test.sh asks apt-get for
    poppler-utils and chromium before it runs pytest."""
    repo = tmp_path / "repo"
    (repo / "scripts").mkdir(parents=True)
    shutil.copy(ROOT / "scripts" / "test.sh", repo / "scripts" / "test.sh")
    venv_bin = repo / ".venv" / "bin"
    venv_bin.mkdir(parents=True)
    log = tmp_path / "calls.log"
    # The venv's python only records what it was asked to do.
    _executable(venv_bin / "python", f'echo "python $*" >> "{log}"\n')
    tools = tmp_path / "bin"
    tools.mkdir()
    _executable(tools / "apt-get", f'echo "apt-get $*" >> "{log}"\n')
    _executable(tools / "id", "echo 0\n")
    for name in ("bash", "sh", "env", "dirname", "cat", "echo"):
        found = shutil.which(name)
        if found:
            (tools / name).symlink_to(found)
    env = {"PATH": str(tools), "TANDEM_CHROMIUM": str(tmp_path / "no-chromium"),
           "HOME": str(tmp_path)}
    result = subprocess.run([shutil.which("bash"), str(repo / "scripts" / "test.sh"), "-q"],
                            env=env, capture_output=True, text=True, timeout=60)
    calls = log.read_text()
    assert result.returncode == 0, result.stderr
    install = next(line for line in calls.splitlines() if line.startswith("apt-get") and "install" in line)
    assert "poppler-utils" in install and "chromium" in install
    assert calls.splitlines()[-1].startswith("python -m pytest")
