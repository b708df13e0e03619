"""Check every distribution's release metadata from its sources, without building.

1. The metadata the build backend will write (PEP 517's
   prepare_metadata_for_build_wheel) follows the release rules
   (ci/release_rules.py): fields complete, ranges between our distributions
   admitting the versions being released, the meta-package's extras, one set of
   project URLs, the Python versions.
2. Each Changelog URL names the distribution's own changelog in this repository.
3. The code and tests use nothing newer than the oldest Python that
   Requires-Python admits (vermin reads the sources; only one interpreter runs here).

Usage: python ci/check_metadata.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from email.message import Message
from email.parser import Parser
from pathlib import Path

from build import ProjectBuilder
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "ci"))

from build_dists import distributions  # noqa: E402
from release_rules import problems, project_urls  # noqa: E402


def source_metadata() -> dict[Path, Message]:
    """The core metadata of each distribution, by its folder.

    The METADATA file the build backend writes, read as ci/check_release.py
    reads the artifacts'.
    """
    found = {}
    with tempfile.TemporaryDirectory() as tmp:
        for folder in distributions():
            dist_info = ProjectBuilder(folder).metadata_path(Path(tmp) / folder.name)
            found[folder] = Parser().parsestr((Path(dist_info) / "METADATA").read_text())
    return found


def changelog_problems(found: dict[Path, Message]) -> list[str]:
    """Each Changelog URL points at the changelog in the distribution's own folder."""
    wrong = []
    for folder, metadata in found.items():
        urls = project_urls(metadata)
        expected = (folder / "CHANGELOG.md").relative_to(ROOT).as_posix()
        url = urls.get("Changelog", "")
        if not url.endswith(f"/blob/main/{expected}") or not (ROOT / expected).is_file():
            wrong.append(f"{metadata['Name']}: Changelog {url!r} is not .../blob/main/{expected}")
    return wrong


def oldest_python_problems(requires_python: str) -> list[str]:
    """What in the sources needs a newer Python than ``requires_python`` admits."""
    oldest = next(s.version for s in SpecifierSet(requires_python) if s.operator == ">=")
    sources = sorted(str(p) for p in (ROOT / "packages").glob("*/src"))
    tests = [*sorted(str(p) for p in (ROOT / "packages").glob("*/tests")), str(ROOT / "tests")]
    vermin = [str(Path(sys.executable).with_name("vermin")), "-q", "--no-tips", "--violations"]
    result = subprocess.run(
        [*vermin, "--eval-annotations", f"--target={oldest}-", *sources, *tests],
        capture_output=True,
        text=True,
    )
    if result.returncode == 0:
        return []
    return [f"needs a newer Python than {requires_python}:\n{result.stdout}{result.stderr}"]


def main() -> int:
    found = source_metadata()
    by_name = {canonicalize_name(str(m["Name"])): m for m in found.values()}
    wrong = problems(by_name) + changelog_problems(found)
    wrong += oldest_python_problems(str(by_name["pyzmq"]["Requires-Python"]))
    print("\n".join(wrong) or f"ok: release metadata of {len(found)} distributions")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
