"""The rules a release of the distributions follows, checked on their core metadata.

The same rules run on the metadata computed from the pyproject files
(ci/check_metadata.py) and on the metadata inside the built artifacts
(ci/check_release.py), so that what is published is what was checked.

pyproject.toml has no variables: the project URLs are written once per
distribution, and :func:`problems` checks that they agree.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from email.message import Message

from build_dists import CORE, META
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

LICENSE = "BSD-3-Clause"
URL_LABELS = ("Homepage", "Documentation", "Source", "Changelog", "Issues")
# the same for every distribution; Changelog is each distribution's own
SHARED_URLS = ("Homepage", "Documentation", "Source", "Issues")
REQUIRED_FIELDS = (
    "Summary",
    "Author",
    "Maintainer",
    "Keywords",
    "License-Expression",
    "License-File",
    "Requires-Python",
    "Description-Content-Type",
)
PYTHON_CLASSIFIER = re.compile(r"^Programming Language :: Python :: 3\.(\d+)$")
# a Markdown link or image whose target is neither absolute nor an anchor: it
# works on the repository's web pages, and is broken on the package index
RELATIVE_LINK = re.compile(r"\]\((?!https?://|mailto:|#)([^)\s]+)")

Metadata = Mapping[str, Message]


def project_urls(metadata: Message) -> dict[str, str]:
    """The Project-URL fields of one distribution, by label."""
    urls = {}
    for field in metadata.get_all("Project-URL") or []:
        label, _, url = field.partition(",")
        urls[label.strip()] = url.strip()
    return urls


def _requirements(metadata: Message) -> list[Requirement]:
    return [Requirement(text) for text in metadata.get_all("Requires-Dist") or []]


def _fields(name: str, metadata: Message) -> list[str]:
    found = [f"{name}: no {field}" for field in REQUIRED_FIELDS if not metadata.get(field)]
    if not str(metadata.get_payload() or "").strip():
        found.append(f"{name}: no long description (readme)")
    for link in RELATIVE_LINK.findall(str(metadata.get_payload() or "")):
        found.append(f"{name}: the readme links to {link!r}, which is broken on the index")
    if metadata.get("License-Expression") not in (None, LICENSE):
        found.append(f"{name}: license {metadata.get('License-Expression')}, expected {LICENSE}")
    if "LICENSE" not in (metadata.get_all("License-File") or []):
        found.append(f"{name}: LICENSE is not among its license files")
    # PEP 639: a License-Expression replaces the license classifiers
    found += [
        f"{name}: license classifier {classifier!r} beside License-Expression"
        for classifier in metadata.get_all("Classifier") or []
        if classifier.startswith("License ::")
    ]
    return found


def _internal_ranges(dists: Metadata, versions: dict[str, Version]) -> list[str]:
    """Every range between our distributions admits the version it names, and is bounded."""
    found = []
    for name, metadata in dists.items():
        for requirement in _requirements(metadata):
            target = canonicalize_name(requirement.name)
            if target not in versions:
                continue
            if not requirement.specifier.contains(versions[target], prereleases=True):
                found.append(
                    f"{name}: requires {requirement}, which excludes {target} "
                    f"{versions[target]} (the version being released)"
                )
            if not _has_upper_bound(requirement.specifier):
                found.append(
                    f"{name}: requires {requirement} with no upper bound: "
                    f"a new major version of {target} would be taken"
                )
            if requirement.marker is not None:
                found.append(f"{name}: requires {requirement} only under a marker")
    return found


def _has_upper_bound(specifier: SpecifierSet) -> bool:
    return any(spec.operator in ("<", "<=", "==", "~=", "===") for spec in specifier)


def _dependencies_on_our_own(dists: Metadata) -> list[str]:
    """Extensions need pyzmq-core; the meta-package needs all, with every extra."""
    found = []
    for name, metadata in dists.items():
        required = {canonicalize_name(r.name): r for r in _requirements(metadata)}
        if name == META:
            for other, other_metadata in dists.items():
                if other == META:
                    continue
                extras = set(other_metadata.get_all("Provides-Extra") or [])
                if other not in required:
                    found.append(f"{META}: does not depend on {other}")
                elif required[other].extras != extras:
                    found.append(
                        f"{META}: depends on {required[other]}, expected the extras "
                        f"{sorted(extras)} that make every module of {other} importable"
                    )
        elif name != CORE and CORE not in required:
            found.append(f"{name}: does not depend on {CORE}")
    return found


def _versions(versions: dict[str, Version]) -> list[str]:
    """The meta-package's version follows pyzmq-core's (the PyZMQ API they implement)."""
    if META in versions and CORE in versions and versions[META] != versions[CORE]:
        return [f"{META} {versions[META]} differs from {CORE} {versions[CORE]}"]
    return []


def _project_urls(dists: Metadata) -> list[str]:
    found = []
    urls = {name: project_urls(metadata) for name, metadata in dists.items()}
    for name, labels in urls.items():
        if tuple(labels) != URL_LABELS:
            found.append(f"{name}: project URLs {list(labels)}, expected {list(URL_LABELS)}")
    if found:
        return found
    reference = urls.get(META) or next(iter(urls.values()))
    source = reference["Source"]
    for name, labels in urls.items():
        found += [
            f"{name}: {label} is {labels.get(label)!r}, {META}'s is {reference.get(label)!r}"
            for label in SHARED_URLS
            if labels.get(label) != reference.get(label)
        ]
        for label in ("Changelog", "Issues"):
            if not labels[label].startswith(f"{source}/"):
                found.append(f"{name}: {label} {labels[label]!r} is not under {source}")
    changelogs = [labels["Changelog"] for labels in urls.values()]
    if len(set(changelogs)) != len(changelogs):
        found.append(f"two distributions share one changelog: {changelogs}")
    return found


def _python_versions(dists: Metadata) -> list[str]:
    """One Requires-Python for all, and classifiers naming each version it admits."""
    found = []
    for name, metadata in dists.items():
        requires = SpecifierSet(metadata.get("Requires-Python") or "")
        minors = sorted(
            int(match.group(1))
            for classifier in metadata.get_all("Classifier") or []
            if (match := PYTHON_CLASSIFIER.match(classifier))
        )
        if not minors:
            found.append(f"{name}: no classifiers for the Python versions it supports")
            continue
        if minors != list(range(minors[0], minors[-1] + 1)):
            found.append(f"{name}: the Python version classifiers have gaps: {minors}")
        if requires.contains(f"3.{minors[0] - 1}") or not requires.contains(f"3.{minors[0]}"):
            found.append(
                f"{name}: Requires-Python {requires} does not start at the oldest "
                f"classifier, Python 3.{minors[0]}"
            )
    requires_python = {str(metadata.get("Requires-Python")) for metadata in dists.values()}
    if len(requires_python) > 1:
        found.append(f"the distributions disagree on Requires-Python: {sorted(requires_python)}")
    classifier_sets = {
        tuple(c for c in metadata.get_all("Classifier") or [] if PYTHON_CLASSIFIER.match(c))
        for metadata in dists.values()
    }
    if len(classifier_sets) > 1:
        found.append("the distributions disagree on the Python versions they support")
    return found


def versions_of(dists: Metadata) -> dict[str, Version]:
    """The version of each distribution, by canonical name."""
    return {name: Version(str(metadata["Version"])) for name, metadata in dists.items()}


def problems(dists: Metadata) -> list[str]:
    """Everything that breaks the release rules, for a complete set of distributions.

    Parameters
    ----------
    dists : mapping
        Canonical distribution name -> its core metadata (``email.message.Message``:
        a wheel's METADATA, an sdist's PKG-INFO, or build's ``project_wheel_metadata``).

    Returns
    -------
    list of str
        One line per problem, naming the distribution; empty if all is well.
    """
    versions = versions_of(dists)
    found = [problem for name, metadata in dists.items() for problem in _fields(name, metadata)]
    found += _versions(versions)
    found += _internal_ranges(dists, versions)
    found += _dependencies_on_our_own(dists)
    found += _project_urls(dists)
    found += _python_versions(dists)
    return found
