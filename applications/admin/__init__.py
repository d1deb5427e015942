from . import appeals, applications  # noqa: F401  (registers the admins)
