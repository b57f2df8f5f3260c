"""Precision and recall of automatic merges: graphkit's resolution beside plain rapidfuzz.

Reads the labelled names of ``tests/data/resolve/names.csv`` (made by hand by the
author of #22 from the corpus: every organisation name ``graphkit build`` met in seeds/
and ../shared/corpus, each labelled with the actor a careful reader gives it; variants
written the way those documents write names; and look-alikes that must not merge) and
resolves each name with no document around it.

A *merge* is a name given to a known actor (registry, reference list or municipality);
``expected = new`` means no known actor is right. Precision = right merges / merges;
recall = right merges / names whose expected actor is known.

Baselines: plain rapidfuzz ``extractOne`` over the same spellings (registry names and
aliases, the public-body lists, municipality names; case-folded only) with ``ratio`` and
with ``WRatio``, a merge at score ≥ 90 (graphkit's automatic threshold).

Run:  .venv/bin/python -m benchmarks.bench_resolve
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Callable
from pathlib import Path

DATA = (
    Path(__file__).resolve().parent.parent / "tests" / "data" / "resolve" / "names.csv"
)
THRESHOLD = 90.0


def load_rows(path: Path = DATA) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def graphkit_merge() -> Callable[[str], str | None]:
    from graphkit.resolve import load_gazetteer, load_registry, resolve_name

    registry, gazetteer = load_registry(), load_gazetteer()
    known = set(registry.ids)

    def merge(name: str) -> str | None:
        found = resolve_name(name, registry, gazetteer)
        if found.method in ("new", "ambiguous", "apart"):
            return None
        if found.method == "reference" or found.actor.startswith("municipality/"):
            return found.actor
        return found.actor if found.actor.removeprefix("org/") in known else None

    return merge


def rapidfuzz_merge(scorer_name: str) -> Callable[[str], str | None]:
    from rapidfuzz import fuzz, process

    from graphkit.reference import public_bodies
    from graphkit.resolve import load_gazetteer, load_registry, slugify

    registry, gazetteer = load_registry(), load_gazetteer()
    spellings: dict[str, str] = {}
    for actor in registry.actors:
        for s in (actor.name, *actor.aliases):
            spellings.setdefault(s.casefold(), f"org/{actor.id}")
    for spelling, (canonical, _, _) in public_bodies().items():
        index = registry.index.get(canonical.casefold())
        spellings.setdefault(spelling, f"org/{index or slugify(canonical.casefold())}")
    for m in gazetteer.municipalities:
        spellings.setdefault(m.name.casefold(), f"municipality/{m.code}")
    keys = list(spellings)
    scorer = getattr(fuzz, scorer_name)

    def merge(name: str) -> str | None:
        found = process.extractOne(name.casefold(), keys, scorer=scorer)
        if found is None or found[1] < THRESHOLD:
            return None
        return spellings[found[0]]

    return merge


def score(
    rows: list[dict[str, str]], merge: Callable[[str], str | None]
) -> dict[str, object]:
    merges = right = known = 0
    wrong: list[str] = []
    for row in rows:
        got = merge(row["name"])
        expected = None if row["expected"] == "new" else row["expected"]
        known += expected is not None
        if got is None:
            continue
        merges += 1
        if got == expected:
            right += 1
        else:
            wrong.append(f"{row['name']} → {got} (expected {row['expected']})")
    return {
        "names": len(rows),
        "merges": merges,
        "right": right,
        "precision": right / merges if merges else 1.0,
        "recall": right / known if known else 1.0,
        "wrong": wrong,
    }


def main() -> None:
    rows = load_rows()
    sets = {"all": rows} | {
        name: [r for r in rows if r["set"] == name]
        for name in ("corpus", "variant", "apart")
    }
    methods = {
        "graphkit": graphkit_merge(),
        "rapidfuzz ratio ≥ 90": rapidfuzz_merge("ratio"),
        "rapidfuzz WRatio ≥ 90": rapidfuzz_merge("WRatio"),
    }
    print("| method | set | names | merges | right | precision | recall |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    wrongs = {}
    for label, merge in methods.items():
        for set_name, chosen in sets.items():
            s = score(chosen, merge)
            print(f"| {label} | {set_name} | {s['names']} | {s['merges']} | {s['right']}"
                  f" | {s['precision']:.3f} | {s['recall']:.3f} |")  # fmt: skip
            if set_name == "all":
                wrongs[label] = s["wrong"]
    for label, wrong in wrongs.items():
        print(f"\nwrong merges, {label} ({len(wrong)}):", file=sys.stdout)
        for line in wrong:
            print(f"- {line}")


if __name__ == "__main__":
    main()
