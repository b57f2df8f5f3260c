"""benchmarks/generate.py: deterministic synthetic pages that graphkit reads right."""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import json
import sys
from pathlib import Path

import pytest

from graphkit.parse import parse_document
from graphkit.read import read_path
from graphkit.resolve import load_gazetteer

ROOT = Path(__file__).resolve().parent.parent
N = 30
SEED = 7


def _load_generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "graphkit_benchmarks_generate", ROOT / "benchmarks" / "generate.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


generate_module = _load_generator()


def _digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    generate_module.generate(N, SEED, out)
    return out


@pytest.fixture(scope="module")
def truth(corpus: Path) -> dict[tuple[str, int | None], dict[str, object]]:
    lines = (corpus / "truth.jsonl").read_text(encoding="utf-8").splitlines()
    return {(obj["file"], obj["record"]): obj for obj in map(json.loads, lines)}


def test_same_seed_same_bytes(corpus: Path, tmp_path: Path) -> None:
    generate_module.generate(N, SEED, tmp_path)
    assert _digest(tmp_path) == _digest(corpus)


def test_other_seed_other_corpus(corpus: Path, tmp_path: Path) -> None:
    generate_module.generate(N, SEED + 1, tmp_path, ["pages"])
    assert _digest(tmp_path / "pages") != _digest(corpus / "pages")


def test_smaller_corpus_is_a_prefix(corpus: Path, tmp_path: Path) -> None:
    generate_module.generate(10, SEED, tmp_path, ["pages"])
    small = _digest(tmp_path / "pages")
    assert small == {k: v for k, v in _digest(corpus / "pages").items() if k in small}
    assert len(small) == 10


def test_command_line(tmp_path: Path) -> None:
    assert (
        generate_module.main(
            [
                "--projects",
                "3",
                "--seed",
                "1",
                "-o",
                str(tmp_path),
                "--formats",
                "pages,json",
            ]
        )
        == 0
    )
    assert sorted(p.name for p in (tmp_path / "pages").iterdir()) == [
        "000001.txt",
        "000002.txt",
        "000003.txt",
    ]
    assert not (tmp_path / "lists" / "projects.csv").exists()


def test_every_layout_and_phase_occurs(truth: dict) -> None:  # type: ignore[type-arg]
    pages = [t for t in truth.values() if t["record"] is None]
    assert {t["layout"] for t in pages} == {"a", "b", "c"}
    assert {t["phase"] for t in pages if t["layout"] == "a"} == {
        "Förprojektering",
        "Genomförande",
    }


#: Traps of real pages that graphkit's parser does not yet read (reported to the lead).
KNOWN_PARSER_GAPS = {"label-title"}


def _pages(corpus: Path, truth: dict, gaps: bool) -> list[Path]:  # type: ignore[type-arg]
    return [
        p
        for p in sorted((corpus / "pages").glob("*.txt"))
        if gaps
        == bool(KNOWN_PARSER_GAPS & set(truth[(f"pages/{p.name}", None)]["traps"]))
    ]


def test_pages_parse_as_intended(corpus: Path, truth: dict) -> None:  # type: ignore[type-arg]
    _check_pages(_pages(corpus, truth, gaps=False), truth)


def test_pages_with_label_titles_parse(tmp_path: Path) -> None:
    ref = generate_module._reference()
    numbers = [
        i
        for i in range(1, 2000)
        if "label-title" in generate_module.make_project(i, SEED, ref).traps
    ][:3]
    assert numbers
    paths, truth = [], {}
    for i in numbers:
        text, expected = generate_module.render_page(
            generate_module.make_project(i, SEED, ref), SEED
        )
        path = tmp_path / f"{i:06d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
        truth[(f"pages/{path.name}", None)] = expected
    _check_pages(paths, truth)


TRAPS = (
    "site-chrome",
    "noise-line",
    "cut-off-name",
    "owner-variant",
    "cookie-banner",
    "blank-labels",
    "english-labels",
    "no-dnr-header",
    "escaped-newlines",
    "budget-data-error",
)


def test_every_trap_of_the_real_pages_parses(tmp_path: Path) -> None:
    ref = generate_module._reference()
    paths, truth = [], {}
    wanted = set(TRAPS)
    for i in range(1, 3000):
        text, expected = generate_module.render_page(
            generate_module.make_project(i, SEED, ref), SEED
        )
        found = wanted & set(expected["traps"])
        if found and not KNOWN_PARSER_GAPS & set(expected["traps"]):
            path = tmp_path / f"{i:06d}.txt"
            path.write_text(text, encoding="utf-8")
            paths.append(path)
            truth[(f"pages/{path.name}", None)] = expected
            wanted -= found
        if not wanted:
            break
    assert not wanted
    _check_pages(paths, truth)


def _check_pages(paths: list[Path], truth: dict) -> None:  # type: ignore[type-arg]
    gazetteer = load_gazetteer()
    assert paths
    for path in paths:
        expected = truth[(f"pages/{path.name}", None)]
        (record,), _ = parse_document(read_path(path))
        got = {
            "layout": record.layout.removeprefix("esf-"),
            "title": record.title,
            "owner": record.owner,
            "start": record.start,
            "end": record.end,
            "esf_grant_sek": record.esf_grant_sek,
            "total_budget_sek": record.total_budget_sek,
            "region": record.region,
            "phase": record.phase,
            "project_number": record.project_number,
            "partners": [p.name for p in record.partners],
            "municipalities": [m.name for m in record.municipalities],
        }
        want = {key: expected[key] for key in got}
        assert got == want, path.name
        codes = [gazetteer.lookup(m.name) for m in record.municipalities]
        assert [m.code if m else None for m in codes] == expected[
            "municipality_codes"
        ], path.name
        noise = [p for p in record.problems if p.kind == "noise-line"]
        assert len(noise) == expected["noise_lines"], path.name


def test_json_and_csv_hold_the_same_records(corpus: Path) -> None:
    rows = json.loads((corpus / "lists" / "projects.json").read_text(encoding="utf-8"))
    with open(corpus / "lists" / "projects.csv", encoding="utf-8", newline="") as f:
        csv_rows = list(csv.DictReader(f))
    assert len(rows) == len(csv_rows) == N
    assert [{k: str(v) for k, v in row.items()} for row in rows] == csv_rows


def test_lists_parse_into_the_same_records(corpus: Path, truth: dict) -> None:  # type: ignore[type-arg]
    gazetteer = load_gazetteer()
    parsed = {}
    for name in ("projects.json", "projects.csv"):
        records, problems = parse_document(read_path(corpus / "lists" / name))
        assert not problems
        parsed[name] = [
            (
                r.project_number,
                r.title,
                r.owner,
                r.grant_sek,
                r.start,
                r.end,
                r.region,
                tuple(m.name for m in r.municipalities),
            )
            for r in records
        ]
        for index, record in enumerate(records):
            expected = truth[(f"lists/{name}", index)]
            assert record.owner == expected["owner"]
            assert [m.name for m in record.municipalities] == expected["municipalities"]
            codes = [gazetteer.lookup(m.name) for m in record.municipalities]
            assert [m.code if m else None for m in codes] == expected[
                "municipality_codes"
            ]
    assert parsed["projects.json"] == parsed["projects.csv"]
    assert len(parsed["projects.json"]) == N


def test_municipality_lists_are_heavy_tailed() -> None:
    ref = generate_module._reference()
    sizes = [
        len(generate_module.make_project(i, SEED, ref).municipalities)
        for i in range(1, 401)
    ]
    assert max(sizes) == 290
    assert sum(1 for s in sizes if s <= 10) > 0.75 * len(sizes)


def test_unknown_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown formats"):
        generate_module.generate(1, 1, tmp_path, ["xml"])


def test_evolving_bank_repeats_partners_and_spreads_years(tmp_path: Path) -> None:
    gen = generate_module
    gen.generate(200, SEED, tmp_path, ["pages"], evolving=True)
    truth = [
        json.loads(line)
        for line in (tmp_path / "truth.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    years = sorted({t["start"][:4] for t in truth})
    assert years[0] == "2008" and years[-1] == "2027" and len(years) == 20
    assert {t["layout"] for t in truth} == {"a"}  # the layout that lists partners
    # repeat partnership: some owner brings back a partner of an earlier project
    seen: dict[str, set[str]] = {}
    repeats = 0
    for t in truth:
        owner, partners = t["owner_actor"], set(t["partner_actors"])
        repeats += bool(seen.get(owner, set()) & partners)
        seen.setdefault(owner, set()).update(partners)
    assert repeats >= 10
    again = tmp_path / "again"
    gen.generate(200, SEED, again, ["pages"], evolving=True)
    assert (again / "truth.jsonl").read_bytes() == (
        tmp_path / "truth.jsonl"
    ).read_bytes()
