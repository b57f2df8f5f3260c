"""Municipality codes and actor resolution on realistic name variants."""

from __future__ import annotations

import json

import pytest

from graphkit.resolve import load_gazetteer, load_overrides, load_registry, resolve_name
from tests.conftest import seed


@pytest.fixture(scope="module")
def registry():
    return load_registry()


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Upplands-Väsby", "0114"),
        ("UpplandsVäsby", "0114"),
        ("Upplands Väsby kommun", "0114"),
        ("Lilla-Edet", "1462"),
        ("LillaEdet", "1462"),
        ("Bergs", "2326"),
        ("Marks", "1463"),
        ("Malung", "2023"),
        ("Malung-Sälen", "2023"),
        ("STOCKHOLMS KOMMUN", "0180"),
        ("göteborgs stad", "1480"),
        ("Gotland", "0980"),
        ("Region Gotland", "0980"),
        ("Östra Göinge", "1256"),
        ("  Dals-Ed ", "1438"),
        ("Falu kommun", "2080"),  # the municipality's own spelling (former_municipality_names)
    ],
)
def test_municipality_spellings(name, code):
    found = load_gazetteer().lookup(name)
    assert (found.code if found else None) == code


def test_all_290_listed_in_seed_001_resolve_each_code_once():
    from graphkit.parse import parse_document
    from graphkit.read import read_path

    (record,), _ = parse_document(read_path(seed("001")))
    codes = [load_gazetteer().lookup(m.name).code for m in record.municipalities]
    assert len(codes) == len(set(codes)) == 290


def test_every_erdf_municipality_resolves(corpus, registry):
    from graphkit.parse import parse_document
    from graphkit.read import read_path
    from graphkit.resolve import resolve_record

    path = corpus / "erdf" / "sample.json"
    rows = json.loads(path.read_text(encoding="utf-8"))
    listed = sum(
        len([n for n in row["kommuner"].split(",") if n.strip()]) for row in rows
    )
    records, _ = parse_document(read_path(path))
    covered, problems = [], []
    for record in records:
        links, found = resolve_record(record, registry)
        covered += [link for link in links if link.role == "covers"]
        problems += found
    assert len(covered) == listed == 390
    assert not [p for p in problems if p.kind == "unknown-municipality"]
    misspelled = [
        (p.value, link.actor)
        for p in problems
        if p.kind == "fuzzy-match"
        for link in covered
        if link.name == p.value
    ]
    assert set(misspelled) == {("Stenungssund", "municipality/1415")}


@pytest.mark.parametrize(
    ("name", "actor", "method"),
    [
        ("AF", "org/arbetsformedlingen", "alias"),
        ("Arbetsförmedlingen", "org/arbetsformedlingen", "registry"),
        ("TVV", "org/tillvaxtverket", "alias"),
        ("Skoopii", "org/skoopi", "alias"),
        ("Skoop", "org/skoopi", "alias"),
        ("SKL", "org/skr", "alias"),
        (
            "Samordningsförb. i Södertälje",
            "org/samordningsforbundet-sodertalje",
            "registry",
        ),
        ("Coompanion Sthlms län", "org/coompanion-stockholms-lan", "alias"),
        (
            "COOMPANION KOOPERATIV UTVECKLING STOCKHOLMS LÄN",
            "org/coompanion-stockholms-lan",
            "registry",
        ),
        ("KFO Service", "org/kfo-service", "registry"),  # AB is a legal form
        ("KFO Service AB", "org/kfo-service", "registry"),
        (
            "Stockholms läns bildningsförbu",
            "org/stockholms-lans-bildningsforbund",
            "prefix",
        ),
        ("Svenska Röda Korset, Region Stockholm", "org/svenska-roda-korset", "unit-of"),
        ("Sollentuna kommun", "municipality/0163", "municipality"),
        ("Värmdö kommun, Central förvaltning", "municipality/0120", "municipality"),
        ("Göteborgs Stad", "municipality/1480", "municipality"),
        ("KFO Servise AB", "org/kfo-service", "fuzzy"),
    ],
)
def test_name_variants(registry, name, actor, method):
    found = resolve_name(name, registry)
    assert (found.actor, found.method) == (actor, method)


@pytest.mark.parametrize(
    ("name", "not_actor"),
    [
        ("Coompanion Roslagen", "org/coompanion-uppsala"),
        ("Coompanion Uppsala", "org/coompanion-roslagen"),
        ("Coompanion Västerbotten", "org/coompanion-sverige"),
        ("Arbetsförmedlingen Malmö", "org/arbetsformedlingen"),
        ("Region Skåne", "municipality/1280"),
        ("Hässelby-Vällingby stadsdel", "municipality/0180"),
    ],
)
def test_names_that_must_not_merge(registry, name, not_actor):
    assert resolve_name(name, registry).actor != not_actor


def test_unknown_name_becomes_a_new_actor_with_its_closest_candidate(registry):
    found = resolve_name("Personalavdelningen", registry)
    assert found.method == "new" and found.actor == "org/personalavdelningen"
    assert found.candidate is not None and found.score < 90


def test_overrides_win(registry, tmp_path):
    path = tmp_path / "overrides.csv"
    path.write_text(
        "name,actor\nPersonalavdelningen,org/kfo\nAF,new\n", encoding="utf-8"
    )
    overrides = load_overrides(path)
    assert (
        resolve_name("Personalavdelningen", registry, overrides=overrides).actor
        == "org/kfo"
    )
    assert resolve_name("AF", registry, overrides=overrides).actor == "org/af"
