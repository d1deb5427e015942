"""Demo content for a first run (`manage.py load_demo`); must be safe to run twice."""


def load() -> None:
    pass
