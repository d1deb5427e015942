"""CI runs what pytest collects: an app whose tests are outside `testpaths` is never checked."""

import configparser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_app_s_tests_are_collected_by_make_test():
    config = configparser.ConfigParser()
    config.read(ROOT / "pytest.ini")
    collected = set(config["pytest"]["testpaths"].split())
    # Apps only: a local copy of the project (mutmut's mutants/, git-ignored) has a tests package too.
    with_tests = {path.parent.parent.name for path in ROOT.glob("*/tests/__init__.py") if _is_app(path.parent.parent)}
    assert with_tests - collected == set()


def test_make_mutation_copies_every_package_the_settings_install():
    """mutmut runs the tests in a copy of the project (setup.cfg [mutmut]): a package left out fails every run."""
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg")
    copied = {line.strip() for key in ("source_paths", "also_copy") for line in config["mutmut"][key].split()}
    packages = {folder.name for folder in ROOT.iterdir() if _is_app(folder)}
    assert packages - copied == set()


def _is_app(folder: Path) -> bool:
    return (folder / "apps.py").exists()
