"""The wheel stands on its own: built, installed where the source tree is not importable,
and run from an unrelated folder (the CLI verbs and the window up to the unlock dialog).

No network: `pip wheel --no-build-isolation --no-index` uses the test venv's setuptools,
and the wheel goes into a `--target` folder put on the path beside the venv's own
dependencies. The child runs `python -S`, so the venv's editable-install hook (a .pth
file pointing at this checkout) is never loaded; the checkout is not on sys.path either.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE, REPO

DRIVER = Path(__file__).with_name("app_driver.py")
VERSION = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
#: What the wheel is built from: the files setup.py and pyproject.toml read.
SOURCES = ("alliance_journal", "resources", "docs", "pyproject.toml", "setup.py", "README.md", "LICENSE",
           "MANIFEST.in")


@dataclass(frozen=True)
class Installed:
    site: Path
    elsewhere: Path

    def run(self, *args: str, target: list[str] | None = None) -> subprocess.CompletedProcess[str]:
        """`python -S -m alliance_journal ARGS` (or TARGET ARGS) in the unrelated folder."""
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("ALLIANCE_JOURNAL_", "PYTHON"))}
        env.update({"ALLIANCE_JOURNAL_PASSPHRASE": PASSPHRASE, "QT_QPA_PLATFORM": "offscreen",
                    "PYTHONPATH": os.pathsep.join([str(self.site), sysconfig.get_paths()["purelib"],
                                                   sysconfig.get_paths()["platlib"]]),
                    "PYTHONNOUSERSITE": "1", "PYTHONDONTWRITEBYTECODE": "1"})
        target = target or ["-m", "alliance_journal"]
        return subprocess.run([sys.executable, "-S", *target, *args], capture_output=True, text=True,
                              env=env, cwd=self.elsewhere, timeout=120, check=False)


def pip(*args: str | Path) -> None:
    done = subprocess.run([sys.executable, "-m", "pip", *map(str, args), "--no-index", "--quiet",
                           "--disable-pip-version-check"], capture_output=True, text=True,
                          timeout=180, check=False)
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"  # a copy, so the build leaves nothing in the checkout
    for name in SOURCES:
        origin = REPO / name
        if origin.is_dir():
            shutil.copytree(origin, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            source.mkdir(exist_ok=True)
            shutil.copy2(origin, source / name)
    pip("wheel", "--no-deps", "--no-build-isolation", "-w", work / "wheels", source)
    (wheel,) = (work / "wheels").glob("alliance_journal-*.whl")
    pip("install", "--no-deps", "--target", work / "site", wheel)
    elsewhere = work / "elsewhere"
    elsewhere.mkdir()
    return Installed(work / "site", elsewhere)


def test_the_wheel_holds_the_resources_and_the_licence(installed: Installed) -> None:
    package = installed.site / "alliance_journal"
    for name in ("resources/prompts/builtin.toml", "resources/demo/caseload.toml",
                 "resources/alliance-journal.png", "resources/alliance-journal.svg",
                 "resources/alliance-journal.desktop", "docs/security.md", "py.typed"):
        assert (package / name).is_file(), name
    assert not (package / "docs" / "dev").exists()
    (info,) = installed.site.glob("alliance_journal-*.dist-info")
    assert "GNU GENERAL PUBLIC LICENSE" in next(info.rglob("LICENSE")).read_text(encoding="utf-8")
    assert "Requires-Dist: PySide6-Addons" not in (info / "METADATA").read_text(encoding="utf-8")


def test_the_installed_package_is_the_one_that_runs(installed: Installed) -> None:
    code = ("import alliance_journal, importlib.util; "
            "print(alliance_journal.__file__); print(importlib.util.find_spec('tests'))")
    done = installed.run(target=["-c", code])
    file_line, tests_line = done.stdout.splitlines()
    assert Path(file_line).is_relative_to(installed.site)
    assert tests_line == "None"  # the checkout (and its tests package) is not importable


def test_the_cli_works_from_an_unrelated_folder(installed: Installed) -> None:
    script = installed.site / "bin" / "alliance-journal"  # the entry point pip wrote
    version = installed.run("--version", target=[str(script)] if script.is_file() else None)
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip() == f"alliance-journal {VERSION}"
    module_version = installed.run("--version")  # python -m alliance_journal --version
    assert module_version.stdout == version.stdout

    prompts = installed.run("prompts", "--json")
    assert prompts.returncode == 0, prompts.stderr
    assert len(json.loads(prompts.stdout)) > 50

    init = installed.run("init", "--vault", "fresh")
    assert init.returncode == 0, init.stderr
    assert init.stdout.startswith("Recovery key: ")

    demo = installed.run("demo", "--vault", "demo")
    assert demo.returncode == 0, demo.stderr
    nudges = installed.run("nudges", "--vault", "demo", "--json")
    assert nudges.returncode == 0, nudges.stderr
    assert json.loads(nudges.stdout)
    stats = installed.run("stats", "--vault", "demo", "--json")
    assert stats.returncode == 0, stats.stderr
    assert sum(json.loads(stats.stdout)["clients"].values()) > 0


def test_the_window_starts_up_to_the_unlock_dialog(installed: Installed) -> None:
    demo = installed.elsewhere / "window-demo"
    assert installed.run("demo", "--vault", str(demo)).returncode == 0
    window = installed.run("--until-unlock-dialog", "--", "--vault", str(demo), target=[str(DRIVER)])
    assert window.returncode == 0, window.stderr
    assert window.stdout.startswith("unlock dialog shown: ")


def test_the_sdist_carries_the_whole_test_suite(tmp_path: Path) -> None:
    source = tmp_path / "checkout"
    shutil.copytree(REPO, source, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "dist", "__pycache__", "*.egg-info", ".*_cache", ".hypothesis"))
    done = subprocess.run([sys.executable, "-c", "import sys; from setuptools import build_meta; "
                           "print(build_meta.build_sdist(sys.argv[1]))", str(tmp_path / "sdist")],
                          cwd=source, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    with tarfile.open(tmp_path / "sdist" / done.stdout.split()[-1]) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    wanted = {str(path.relative_to(REPO)) for folder in ("tests", "bench", "resources")
              for path in (REPO / folder).rglob("*") if path.is_file() and "__pycache__" not in path.parts}
    assert wanted - names == set()
    assert {"LICENSE", "Makefile", "build.spec", "setup.py", "docs/security.md"} <= names
