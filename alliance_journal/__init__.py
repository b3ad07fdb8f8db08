"""Alliance Journal: private, encrypted, offline process notes for psychotherapists."""

from __future__ import annotations

#: The distribution name; its version is written once, in pyproject.toml.
DISTRIBUTION = "alliance-journal"


def package_version() -> str:
    """The installed version (wheel, editable install or bundle metadata)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:  # a bare source tree on sys.path, never installed
        return "0+unknown"


def __getattr__(name: str) -> str:
    # `__version__` is computed on first use so that importing the package stays cheap.
    if name == "__version__":
        return package_version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
