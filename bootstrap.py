#!/usr/bin/env python3
"""Set up onrecord in .venv/ and run it: the README quick start's two commands.

    python3 bootstrap.py demo    # set up, then extract the bundled example articles
    python3 bootstrap.py test    # set up, then run the whole test suite (extra args go to pytest)

Needs only Python 3.11+. Installation is skipped when .venv/ is already up to date with
pyproject.toml, so a second run starts at once.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if sys.platform == "win32" else "bin")
STAMP = VENV / ".onrecord-installed"


def sh(*cmd: str | Path) -> None:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    subprocess.run([str(c) for c in cmd], check=True, cwd=ROOT)


def setup() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 (runs on any python3, to say it is too old)
        sys.exit(f"onrecord needs Python 3.11 or newer (this is {sys.version.split()[0]})")
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    if not (BIN / "python").exists():
        print(f"+ creating {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    sh(BIN / "python", "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    sh(BIN / "python", "-m", "pip", "install", "--quiet", "-e", ".[dev]")
    STAMP.write_text(wanted)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"demo", "test", "setup"}:
        print(__doc__, file=sys.stderr)
        return 2
    setup()
    command, rest = argv[0], argv[1:]
    if command == "demo":
        examples = sorted(str(p) for p in (ROOT / "examples").glob("*.txt"))
        return subprocess.run(
            [str(BIN / "onrecord"), "extract", "--format", "table", *examples, *rest], cwd=ROOT
        ).returncode
    if command == "test":
        return subprocess.run([str(BIN / "python"), "-m", "pytest", *rest], cwd=ROOT).returncode
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
