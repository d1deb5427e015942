"""CI runs what pytest collects: an app whose tests are outside `testpaths` is never checked."""

import configparser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_app_s_tests_are_collected_by_make_test():
    config = configparser.ConfigParser()
    config.read(ROOT / "pytest.ini")
    collected = set(config["pytest"]["testpaths"].split())
    with_tests = {path.parent.parent.name for path in ROOT.glob("*/tests/__init__.py")}
    assert with_tests - collected == set()
