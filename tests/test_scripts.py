"""The quick-start scripts install what they need by themselves (README: two commands)."""
from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _executable(path: Path, body: str) -> None:
    path.write_text("#!/bin/sh\n" + body)
    path.chmod(path.stat().st_mode | stat.S_IEXEC)


def _vnu_jar_path() -> str:
    """Where scripts/test.sh caches the Nu HTML Checker (relative to the repository)."""
    script = (ROOT / "scripts" / "test.sh").read_text()
    version = re.search(r'^vnu_version="([^"]+)"', script, re.M).group(1)
    return f".venv/vnu-{version}/vnu.jar"


def test_test_script_installs_the_debian_packages_the_suite_uses(tmp_path):
    """On a machine without pdftotext, chromium nor java, scripts/test.sh asks apt-get for
    poppler-utils, chromium and a Java runtime before it runs pytest."""
    repo = tmp_path / "repo"
    (repo / "scripts").mkdir(parents=True)
    shutil.copy(ROOT / "scripts" / "test.sh", repo / "scripts" / "test.sh")
    jar = repo / _vnu_jar_path()  # fetched before: not fetched again
    jar.parent.mkdir(parents=True)
    jar.write_bytes(b"cached")
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
    assert "default-jre-headless" in install and "npm" not in install.split()
    assert calls.splitlines()[-1].startswith("python -m pytest")


def test_test_script_refuses_a_checker_jar_with_another_checksum(tmp_path):
    """The Nu HTML Checker comes from npm (vnu-jar, pinned); a jar whose SHA-256 differs
    from the pinned one stops the run and is not cached."""
    repo = tmp_path / "repo"
    (repo / "scripts").mkdir(parents=True)
    shutil.copy(ROOT / "scripts" / "test.sh", repo / "scripts" / "test.sh")
    venv_bin = repo / ".venv" / "bin"
    venv_bin.mkdir(parents=True)
    log = tmp_path / "calls.log"
    _executable(venv_bin / "python", f'echo "python $*" >> "{log}"\n')
    package = tmp_path / "package" / "build" / "dist"
    package.mkdir(parents=True)
    (package / "vnu.jar").write_bytes(b"not the checker")
    tarball = tmp_path / "vnu-jar-0.tgz"
    subprocess.run(["tar", "-czf", str(tarball), "-C", str(tmp_path), "package"], check=True)
    tools = tmp_path / "bin"
    tools.mkdir()
    _executable(tools / "npm", f'echo "npm $*" >> "{log}"; cp "{tarball}" .\n')
    for name in ("apt-get", "java", "pdftotext", "chromium"):
        _executable(tools / name, f'echo "{name} $*" >> "{log}"\n')
    for name in ("bash", "sh", "env", "dirname", "cat", "echo", "mktemp", "tar", "gzip",
                 "sha256sum", "mkdir", "mv", "rm", "cp", "id"):
        found = shutil.which(name)
        if found:
            (tools / name).symlink_to(found)
    env = {"PATH": str(tools), "TANDEM_CHROMIUM": str(tools / "chromium"),
           "HOME": str(tmp_path)}
    result = subprocess.run([shutil.which("bash"), str(repo / "scripts" / "test.sh"), "-q"],
                            env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "does not have the expected SHA-256" in result.stderr
    assert "npm pack --silent vnu-jar@" in log.read_text()
    assert "python -m pytest" not in log.read_text()
    assert not (repo / _vnu_jar_path()).exists()
