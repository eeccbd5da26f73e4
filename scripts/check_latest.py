"""Fresh-latest check: does presslens still pass its tests with the newest versions its ranges allow?

usage: python3 scripts/check_latest.py [--keep] [-- PYTEST ARGS...]   (or: bash scripts/check-latest)

Not part of CI (``.ci/run`` installs the lock). This is how the lock gets refreshed on purpose
rather than by accident:

1. a brand-new virtual environment outside the repository gets ``-e '.[test]'`` with no lock,
   i.e. the newest release each range in ``pyproject.toml`` allows;
2. it prints every package whose version differs from ``requirements/lock.txt``;
3. it runs the whole test suite there; if tests fail, each upgraded package is put back to its
   locked version one at a time and only the failing tests are re-run, so the report names the
   upgrade that breaks which test ("pytest 9.2.0 (lock 8.4.2) breaks: tests/...").

When everything passes, regenerate the lock with the command in README.md (Development).
Written as a plain script over ``venv``/``pip``/``pytest`` because no packaged tool does step 3
(bisecting a failure down to one upgrade); it installs with pip, as the README's commands do.
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements" / "lock.txt"


def locked_versions(lock: Path = LOCK) -> dict[str, str]:
    """Package name (normalised) -> version, for the lock lines whose marker fits this Python."""
    try:
        from packaging.markers import Marker
    except ImportError:  # a bare interpreter: pip's vendored copy is the same library
        from pip._vendor.packaging.markers import Marker

    found: dict[str, str] = {}
    for line in lock.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "==" not in line:
            continue
        spec, _, marker = line.partition(";")
        if marker.strip() and not Marker(marker.strip()).evaluate():
            continue
        name, _, version = spec.strip().partition("==")
        found[normalise(name)] = version.strip()
    return found


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def run(cmd: list[str], **kw) -> subprocess.CompletedProcess[str]:  # noqa: ANN003 - passed to subprocess
    print("+", " ".join(cmd), flush=True)
    return subprocess.run(cmd, cwd=ROOT, text=True, **kw)


def installed(python: Path) -> dict[str, str]:
    out = run([str(python), "-m", "pip", "list", "--format", "json"], capture_output=True, check=True)
    return {normalise(p["name"]): p["version"] for p in json.loads(out.stdout)}


def failing_tests(python: Path, args: list[str], show: bool = True) -> tuple[int, list[str]]:
    """Run pytest; return its exit code and the node ids of failed or errored tests."""
    proc = run([str(python), "-m", "pytest", "-q", "-rfE", "-p", "no:cacheprovider", *args],
               capture_output=True)
    if show:
        print(proc.stdout[-3000:], proc.stderr[-2000:], sep="\n")
    failed = sorted({m.group(1) for m in re.finditer(r"^(?:FAILED|ERROR) (\S+)", proc.stdout, re.M)})
    return proc.returncode, failed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the environment and print its path")
    parser.add_argument("pytest_args", nargs="*", help="passed to pytest (after --)")
    args = parser.parse_args()

    venv = Path(tempfile.mkdtemp(prefix="presslens-latest-"))
    try:
        run([sys.executable, "-m", "venv", str(venv)], check=True)
        python = venv / "bin" / "python"
        run([str(python), "-m", "pip", "install", "-q", "--upgrade", "-e", ".[test]"], check=True)
        lock, now = locked_versions(), installed(python)
        upgrades = {n: (lock[n], v) for n, v in sorted(now.items()) if n in lock and lock[n] != v}
        print(f"\n{len(upgrades)} package(s) newer or other than the lock:")
        for name, (old, new) in upgrades.items():
            print(f"  {name} {new} (lock {old})")

        code, failed = failing_tests(python, args.pytest_args)
        if code == 0:
            print("\nAll tests pass on the newest allowed versions: the lock can be refreshed.")
            return 0
        if not failed:
            print(f"\npytest exited {code} without naming failed tests; see its output above.")
            return code
        print(f"\n{len(failed)} test(s) fail on the newest versions; finding which upgrade breaks them:")
        blamed = False
        for name, (old, new) in upgrades.items():
            run([str(python), "-m", "pip", "install", "-q", f"{name}=={old}"], check=True)
            _, still = failing_tests(python, failed, show=False)
            fixed = sorted(set(failed) - set(still))
            if fixed:
                blamed = True
                print(f"BREAKS: {name} {new} (lock {old}) breaks: {', '.join(fixed)}")
            run([str(python), "-m", "pip", "install", "-q", f"{name}=={new}"], check=True)
        if not blamed:
            print("No single upgrade explains the failures: they need several upgrades together, "
                  "or fail with the lock too.")
        return 1
    finally:
        if args.keep:
            print(f"environment kept: {venv}")
        else:
            shutil.rmtree(venv, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
