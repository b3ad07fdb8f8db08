"""Ships the top-level `resources/` and `docs/` folders inside the package.

They become `alliance_journal.resources` and `alliance_journal.docs`, found at run time with
importlib.resources. Everything else lives in pyproject.toml; only this mapping needs the
package list, which a pyproject `find` table cannot extend with folders outside the package.
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["alliance_journal", "alliance_journal.*"]),
              "alliance_journal.resources", "alliance_journal.docs"],
    package_dir={"alliance_journal.resources": "resources", "alliance_journal.docs": "docs"},
)
