"""Print the mutation score of each module from mutmut's results (mutants/**/*.py.meta).

Killed and timed-out mutants count as caught (timeouts are also shown apart: on a loaded machine a mutant that
changes nothing can time out); survivors and mutants that no test reaches count against the
score; mutants not run (a module left out of this run) are not counted. Survivors are listed by name, for
`mutmut show NAME`.
"""

import json
import sys
from collections import Counter
from pathlib import Path

CAUGHT = {1: "killed", 3: "killed", 36: "timeout", 24: "timeout", -24: "timeout", 152: "timeout", 255: "timeout"}
MISSED = {0: "survived", 5: "no tests", 33: "no tests"}


def main(modules: list[str]) -> int:
    print(f"{'module':40} {'caught':>7} {'timeout':>8} {'missed':>7} {'not run':>8} {'score':>7}")
    survivors = []
    for meta in sorted(Path("mutants").rglob("*.py.meta")):
        module = ".".join(meta.relative_to("mutants").with_suffix("").with_suffix("").parts)
        if modules and module not in modules:
            continue
        results = json.loads(meta.read_text())["exit_code_by_key"]
        counts = Counter()
        for name, code in results.items():
            if code is None:
                counts["not run"] += 1
            elif code in CAUGHT:
                counts["caught"] += 1
                counts["timeout"] += CAUGHT[code] == "timeout"
            else:
                counts["missed"] += 1
                survivors.append(f"{name}: {MISSED.get(code, f'exit {code}')}")
        total = counts["caught"] + counts["missed"]
        score = f"{100 * counts['caught'] / total:.0f} %" if total else "not run"
        print(
            f"{module:40} {counts['caught']:>7} {counts['timeout']:>8} {counts['missed']:>7} {counts['not run']:>8}"
            f" {score:>7}"
        )
    if survivors:
        print("\nsurvivors (mutmut show NAME):")
        print("\n".join(f"  {line}" for line in survivors))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
