"""The release checks catch what they are meant to catch.

The checks run on the real metadata and artifacts in tools/test; these tests
break one thing at a time (in copies of the metadata, and in small artifacts
made here) and expect the checks to name it.
"""

from __future__ import annotations

import copy
import io
import tarfile
import zipfile
from email.message import Message
from pathlib import Path

import pytest
from check_metadata import changelog_problems, source_metadata
from check_release import (
    bundled_libzmq_problems,
    sdist_problems,
    shared_file_problems,
    tracked,
    wheel_problems,
)
from packaging.utils import canonicalize_name
from release_rules import problems

ROOT = Path(__file__).resolve().parents[2]
LOG = ROOT / "packages" / "pyzmq-log"
DEVICES = ROOT / "packages" / "pyzmq-devices"
LOG_WHEEL = "pyzmq_log-0.1.0-py3-none-any.whl"


@pytest.fixture(scope="module")
def by_folder() -> dict[Path, Message]:
    return source_metadata()


@pytest.fixture
def released(by_folder: dict[Path, Message]) -> dict[str, Message]:
    """The metadata of every distribution as it is, by name: a copy to break."""
    return {canonicalize_name(str(m["Name"])): copy.deepcopy(m) for m in by_folder.values()}


def replace(metadata: Message, field: str, *values: str) -> None:
    del metadata[field]
    for value in values:
        metadata[field] = value


def edit(metadata: Message, field: str, change=lambda value: value, keep=lambda value: True):
    """Change each value of a field, or drop those ``keep`` refuses."""
    replace(metadata, field, *(change(v) for v in metadata.get_all(field) if keep(v)))


def found(dists: dict[str, Message], *fragments: str) -> bool:
    """Whether one problem names every fragment."""
    return any(all(f in problem for f in fragments) for problem in problems(dists))


def test_the_distributions_follow_the_rules(released, by_folder):
    assert problems(released) == []
    assert changelog_problems(by_folder) == []


def test_a_range_that_excludes_the_version_being_released(released):
    replace(released["pyzmq-devices"], "Version", "0.2.0")
    assert found(released, "pyzmq:", "excludes pyzmq-devices 0.2.0")


def test_a_range_with_no_upper_bound(released):
    replace(released["pyzmq-log"], "Requires-Dist", "pyzmq-core>=27.3")
    assert found(released, "pyzmq-log:", "no upper bound")


def test_an_extension_that_does_not_need_the_core(released):
    replace(released["pyzmq-green"], "Requires-Dist", "gevent>=21")
    assert found(released, "pyzmq-green: does not depend on pyzmq-core")


def test_the_meta_package_without_an_extra(released):
    edit(released["pyzmq"], "Requires-Dist", lambda r: r.replace("[paramiko]", ""))
    assert found(released, "pyzmq: depends on pyzmq-ssh", "['paramiko']")


def test_the_meta_package_with_another_version_than_the_core(released):
    replace(released["pyzmq"], "Version", "27.4.0")
    assert found(released, "pyzmq 27.4.0 differs from pyzmq-core 27.3.0")


def test_a_project_url_that_differs(released):
    edit(released["pyzmq-auth"], "Project-URL", lambda u: u.replace("-split/issues", "/issues"))
    assert found(released, "pyzmq-auth: Issues")


def test_a_missing_project_url(released):
    edit(released["pyzmq-log"], "Project-URL", keep=lambda u: not u.startswith("Changelog"))
    assert found(released, "pyzmq-log: project URLs")


def test_a_gap_in_the_python_versions(released):
    edit(released["pyzmq-ssh"], "Classifier", keep=lambda c: not c.endswith(":: 3.12"))
    assert found(released, "pyzmq-ssh: the Python version classifiers have gaps")
    assert found(released, "disagree on the Python versions")


def test_requires_python_older_than_the_classifiers(released):
    for metadata in released.values():
        replace(metadata, "Requires-Python", ">=3.8")
    assert found(released, "pyzmq-core: Requires-Python >=3.8 does not start")


def test_a_readme_link_that_breaks_on_the_index(released):
    released["pyzmq-auth"].set_payload("See [the core](../pyzmq-core).")
    assert found(released, "pyzmq-auth: the readme links to '../pyzmq-core'")


def test_a_license_classifier_beside_the_expression(released):
    released["pyzmq-core"]["Classifier"] = "License :: OSI Approved :: BSD License"
    assert found(released, "pyzmq-core: license classifier")


def test_missing_fields(released):
    del released["pyzmq-log"]["Summary"]
    del released["pyzmq-log"]["Author"]
    assert found(released, "pyzmq-log: no Summary")
    assert found(released, "pyzmq-log: no Author")


def test_a_changelog_url_for_another_distribution(by_folder):
    broken = copy.deepcopy(by_folder)
    edit(broken[LOG], "Project-URL", lambda u: u.replace("pyzmq-log/CHANGE", "pyzmq-ssh/CHANGE"))
    assert [p for p in changelog_problems(broken) if p.startswith("pyzmq-log: Changelog")]


def make_wheel(directory: Path, name: str, files: list[str]) -> Path:
    wheel = directory / name
    with zipfile.ZipFile(wheel, "w") as archive:
        for file in files:
            archive.writestr(file, "")
        archive.writestr(f"{name.split('-')[0]}-0.1.0.dist-info/METADATA", "")
    return wheel


def shipped_sources(folder: Path) -> list[str]:
    """What the wheel of a pure distribution ships: its modules and py.typed."""
    return [p.relative_to("src").as_posix() for p in tracked(folder) if p.parts[0] == "src"]


def test_a_pure_wheel_as_built_passes(tmp_path):
    wheel = make_wheel(tmp_path, LOG_WHEEL, shipped_sources(LOG))
    assert wheel_problems(wheel, LOG) == []


@pytest.mark.parametrize(
    "stray",
    ["zmq/log/_speedups.c", "tests/test_log_cli.py", "zmq/__init__.py", "pyzmq_log.libs/a.so"],
)
def test_a_wheel_shipping_what_its_sources_do_not_call_for(tmp_path, stray):
    wheel = make_wheel(tmp_path, LOG_WHEEL, [*shipped_sources(LOG), stray])
    assert any(stray in problem for problem in wheel_problems(wheel, LOG))


def test_a_wheel_missing_its_marker_of_types(tmp_path):
    files = [f for f in shipped_sources(LOG) if not f.endswith("py.typed")]
    wheel = make_wheel(tmp_path, LOG_WHEEL, files)
    assert wheel_problems(wheel, LOG) == [f"{wheel.name}: misses zmq/log/py.typed"]


def compiled_wheel(tmp_path: Path, *extra: str) -> tuple[Path, list[str]]:
    sources = [f for f in shipped_sources(DEVICES) if not f.endswith(".pyx")]
    name = "pyzmq_devices-0.1.0-cp311-cp311-manylinux_2_35_x86_64.whl"
    return make_wheel(tmp_path, name, [*sources, *extra]), sources


def test_a_repaired_binary_wheel_passes(tmp_path):
    module = "zmq/devices/_monitoredqueue.cpython-311-x86_64-linux-gnu.so"
    wheel, _ = compiled_wheel(tmp_path, module, "pyzmq_devices.libs/libzmq-98f0defc.so.5.2.4")
    assert wheel_problems(wheel, DEVICES) == []


def test_a_binary_wheel_without_its_compiled_module(tmp_path):
    wheel, _ = compiled_wheel(tmp_path, "zmq/devices/_monitoredqueue.pyx")
    found_problems = wheel_problems(wheel, DEVICES)
    assert any("expected one compiled zmq/devices/_monitoredqueue" in p for p in found_problems)
    assert any("ships zmq/devices/_monitoredqueue.pyx" in p for p in found_problems)


def test_wheels_of_one_platform_bundling_different_libzmq(tmp_path):
    tags = "cp311-cp311-manylinux_2_28_x86_64.whl"
    core = make_wheel(tmp_path, f"pyzmq_core-27.3.0-{tags}", ["pyzmq_core.libs/libzmq-aa.so.5"])
    devices = f"pyzmq_devices-0.1.0-{tags}"
    same = make_wheel(tmp_path, devices, ["pyzmq_devices.libs/libzmq-aa.so.5"])
    assert bundled_libzmq_problems([core, same]) == []
    other = make_wheel(tmp_path, devices, ["pyzmq_devices.libs/libzmq-bb.so.5"])
    assert bundled_libzmq_problems([core, other])


def test_two_distributions_shipping_one_file(tmp_path):
    library = "zmq/.dylibs/libzmq.5.dylib"
    core = make_wheel(tmp_path, "pyzmq_core-27.3.0-py3-none-any.whl", [library])
    devices = make_wheel(tmp_path, "pyzmq_devices-0.1.0-py3-none-any.whl", [library])
    assert shared_file_problems([core, devices]) == [
        f"{library} is shipped by ['pyzmq_core', 'pyzmq_devices']"
    ]


def make_sdist(directory: Path, files: list[str]) -> Path:
    sdist = directory / "pyzmq_log-0.1.0.tar.gz"
    with tarfile.open(sdist, "w:gz") as archive:
        for file in files:
            info = tarfile.TarInfo(f"pyzmq_log-0.1.0/{file}")
            archive.addfile(info, io.BytesIO(b""))
    return sdist


def test_sdists(tmp_path):
    files = [p.as_posix() for p in tracked(LOG)] + ["PKG-INFO", ".gitignore"]
    assert sdist_problems(make_sdist(tmp_path, files), LOG) == []
    missing = [f for f in files if f != "CHANGELOG.md"]
    assert sdist_problems(make_sdist(tmp_path, missing), LOG) == [
        "pyzmq_log-0.1.0.tar.gz: misses CHANGELOG.md"
    ]
    leftover = [*files, "src/zmq/log/handlers.c"]
    assert sdist_problems(make_sdist(tmp_path, leftover), LOG) == [
        "pyzmq_log-0.1.0.tar.gz: ships src/zmq/log/handlers.c, which git does not track"
    ]
