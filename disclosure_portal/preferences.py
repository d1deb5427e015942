"""Reader preferences (font size, contrast, script) kept in cookies.

They are set by plain links, so they work without JavaScript, and read by the
page frame through the `portal` context processor.
"""

from dataclasses import dataclass

from django.http import HttpRequest

COOKIE_MAX_AGE = 365 * 24 * 3600

CHOICES = {
    "fontsize": ("small", "medium", "large"),
    "contrast": ("normal", "high"),
    "script": ("hans", "hant"),
}
DEFAULTS = {"fontsize": "medium", "contrast": "normal", "script": "hans"}


@dataclass(frozen=True)
class Preferences:
    fontsize: str
    contrast: str
    script: str

    @property
    def body_classes(self) -> str:
        classes = [f"font-{self.fontsize}"]
        if self.contrast == "high":
            classes.append("high-contrast")
        return " ".join(classes)

    @property
    def traditional(self) -> bool:
        return self.script == "hant"


def read_preferences(request: HttpRequest) -> Preferences:
    values = {}
    for name, allowed in CHOICES.items():
        value = request.COOKIES.get(f"pref_{name}", DEFAULTS[name])
        values[name] = value if value in allowed else DEFAULTS[name]
    return Preferences(**values)
