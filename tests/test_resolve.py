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
        (
            "Falu kommun",
            "2080",
        ),  # the municipality's own spelling (former_municipality_names)
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


# ------------------------------------------------------------------ running text


def _text_links(record, registry):
    from graphkit.extract import find_mentions
    from graphkit.resolve import resolve_mentions

    return resolve_mentions(record, find_mentions(record, registry), registry)


def _record(text, **fields):
    from graphkit.records import ProjectRecord, Section

    return ProjectRecord(
        "p.txt", "0", "esf-c", sections=(Section("Bakgrund", 5, text),), **fields
    )


def test_bare_coompanion_in_a_skane_project_is_coompanion_skane(registry):
    from graphkit.records import Listed

    record = _record(
        "Projektet drivs i samverkan med Coompanion.",
        municipalities=(Listed("Lund", 9), Listed("Eslöv", 10)),
    )
    links, problems = _text_links(record, registry)
    assert [(link.role, link.actor, link.method) for link in links] == [
        ("partner", "org/coompanion-skane", "context")
    ]
    assert not [p for p in problems if p.kind == "ambiguous-name"]


def test_bare_coompanion_meaning_the_owner_is_the_owner(registry):
    record = _record(
        "Coompanion har lång erfarenhet av kooperativ.",
        owner="Coompanion Kooperativ Utveckling Stockholms län",
    )
    links, _ = _text_links(record, registry)
    assert {link.actor for link in links} == {"org/coompanion-stockholms-lan"}


def test_unsettled_bare_name_is_reported_never_given_to_the_national_body(registry):
    record = _record("Samverkanspartners är Coompanion och Arbetsförmedlingen.")
    links, problems = _text_links(record, registry)
    assert "org/coompanion-sverige" not in {link.actor for link in links}
    coompanion = next(link for link in links if link.name == "Coompanion")
    assert (coompanion.role, coompanion.method) == ("partner", "ambiguous")
    assert [p.value for p in problems if p.kind == "ambiguous-name"] == ["Coompanion"]


def test_landstinget_on_page_020_is_the_region_of_its_county(registry, corpus):
    from graphkit.parse import parse_document
    from graphkit.read import read_path

    (record,), _ = parse_document(read_path(corpus / "round2" / "pages" / "020.txt"))
    links, _ = _text_links(record, registry)
    landstinget = next(link for link in links if link.name == "Landstinget")
    assert (landstinget.role, landstinget.label) == ("partner", "Region Västerbotten")


def test_owner_from_a_sentence_only_when_the_header_has_none(registry):
    text = "Projektet drivs av Region Skåne tillsammans med Malmö stad."
    links, _ = _text_links(_record(text), registry)
    assert ("owner", "org/region-skane", "drivs av") in {
        (link.role, link.actor, link.cue) for link in links
    }
    links, _ = _text_links(_record(text, owner="Lunds kommun"), registry)
    assert "owner" not in {link.role for link in links}
    partner = next(link for link in links if link.role == "partner")
    assert partner.text == text  # the sentence is the evidence


def test_public_bodies_resolve_from_the_reference_lists(registry):
    found = [
        resolve_name(n, registry) for n in ("Skatteverket", "Region Örebro", "VGR")
    ]
    assert [(f.actor, f.label, f.method) for f in found] == [
        ("org/skatteverket", "Skatteverket", "reference"),
        ("org/region-orebro-lan", "Region Örebro län", "reference"),
        ("org/vastra-gotalandsregionen", "Västra Götalandsregionen", "reference"),
    ]


def test_a_fuzzy_mention_keeps_its_real_score(registry):
    from graphkit.records import Mention, ProjectRecord
    from graphkit.resolve import resolve_mentions

    mention = Mention("KFO Servise AB", 4, (0, 14), "Bakgrund", "phrase")
    links, _ = resolve_mentions(
        ProjectRecord("p.txt", "0", "esf-a"), [mention], registry
    )
    assert links[0].method == "fuzzy" and 90 <= links[0].score < 100
