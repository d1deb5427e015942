"""The staff side of the catalog: items with their workflow, the reference data, the calendar and the guide."""

from . import items, reference  # noqa: F401 - registers the ModelAdmins
