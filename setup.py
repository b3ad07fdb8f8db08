"""Ships the top-level `resources/` folder inside the package as `alliance_journal.resources`.

Everything else lives in pyproject.toml; only this mapping needs the package list, which a
pyproject `find` table cannot extend with a folder outside the package.
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["alliance_journal", "alliance_journal.*"]),
              "alliance_journal.resources"],
    package_dir={"alliance_journal.resources": "resources"},
)
