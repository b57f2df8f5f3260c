"""Actors named in running text, and the roles their sentences give them."""

from __future__ import annotations

import time

import pytest

from graphkit.extract import find_mentions
from graphkit.parse import parse_document
from graphkit.read import read_path
from graphkit.records import ProjectRecord, Section
from graphkit.resolve import load_registry, resolve_mentions
from tests.conftest import CORPUS, seed

ROUND2 = CORPUS / "round2"


def mentions_of(path):
    (record,), _ = parse_document(read_path(path))
    return record, find_mentions(record, load_registry())


def text_record(text, heading="Sammanfattning", **fields):
    return ProjectRecord(
        "p.txt", "0", "esf-c", sections=(Section(heading, 3, text),), **fields
    )


def roles(found):
    return {(m.surface, m.role, m.cue) for m in found if m.role != "mention"}


def test_seed_000_reves_is_transnational_with_its_cue():
    record, found = mentions_of(seed("000"))
    links, _ = resolve_mentions(record, found, load_registry())
    reves = [link for link in links if link.actor == "org/reves"]
    assert [(r.role, r.cue) for r in reves] == [("transnational", "i samverkan med")]
    assert "i samverkan med föreningen REVES" in reves[0].text


def test_seed_001_networks_only_described_are_mentions():
    """SOUL's transnational section describes networks; no sentence says it works with
    them (Europafacket's people are hired as lecturers)."""
    record, found = mentions_of(seed("001"))
    links, _ = resolve_mentions(record, found, load_registry())
    by_actor = {link.actor: link for link in links}
    for network in ("org/europafacket", "org/cooperatives-europe", "org/reves"):
        assert by_actor[network].role == "mention"
    assert all(link.cue for link in links if link.role != "mention")


def test_mention_span_points_at_the_name():
    _, found = mentions_of(seed("000"))
    reves = next(m for m in found if m.actor == "reves")
    line = seed("000").read_text(encoding="utf-8").split("\n")[reves.line - 1]
    assert line[reves.span[0] : reves.span[1]] == "REVES"


def test_list_lines_are_left_to_the_parser():
    record, found = mentions_of(seed("000"))
    listed = {p.line for p in record.partners} | {m.line for m in record.municipalities}
    assert not [m for m in found if m.line in listed]


def test_owner_and_partners_of_one_sentence_prose_002():
    _, found = mentions_of(ROUND2 / "prose" / "002.txt")
    assert roles(found) >= {
        (
            "Folkhögskoleförvaltningen i Västra Götalandsregionen",
            "owner",
            "driver projektet",
        ),
        ("Mölndals stad", "partner", "tillsammans med"),
        ("Hassela Solidaritet", "partner", "tillsammans med"),
        ("Youth 2030 Movement", "partner", "tillsammans med"),
    }
    assert not [m for m in found if "socialfonden" in m.surface.casefold()]


def test_samverkanspartners_list_page_020():
    _, found = mentions_of(ROUND2 / "pages" / "020.txt")
    partners = {m.surface for m in found if m.role == "partner"}
    assert {
        "Arbetsförmedlingen",
        "Försäkringskassan",
        "Landstinget",
        "Skatteverket",
        "Kronofogden",
        "Svenska Kyrkan",
        "Företagarna i Södra Lappland",
    } <= partners
    several = [m for m in found if m.surface == "Vilhelmina, Åsele, Dorotea kommuner"]
    assert {m.actor for m in several} == {
        "municipality/2462",
        "municipality/2463",
        "municipality/2425",
    }
    assert {m.role for m in several} == {"partner"}


def test_region_orebro_is_an_organisation_not_a_place_page_031():
    _, found = mentions_of(ROUND2 / "pages" / "031.txt")
    assert ("Region Örebro", "public") in {(m.surface, m.kind) for m in found}
    assert "municipality/1880" not in {m.actor for m in found}
    assert ("Handelskammaren Mälardalen", "partner", "tillsammans med") in roles(found)


def test_prose_020_owner_partners_and_counties():
    _, found = mentions_of(ROUND2 / "prose" / "020.txt")
    assert roles(found) >= {
        ("Trelleborg kommun", "owner", "drevs det av"),
        ("Malmö stad", "partner", "i samverkan med"),
        ("Vellinge", "partner", "i samverkan med"),
        ("Glokala folkhögskolan", "partner", "i samverkan med"),
        ("Migrationsverket", "partner", "samverkat med"),
    }
    # "regionala projekt i Skåne, Västra Götaland, Stockholm ...": a county here
    assert "municipality/0180" not in {m.actor for m in found}


def test_norwegian_partners_and_no_place_inside_a_name_prose_021():
    _, found = mentions_of(ROUND2 / "prose" / "021.txt")
    partners = {m.surface for m in found if m.role == "partner"}
    assert {
        "Maskinentreprenørenes forbund",
        "Lena-Valle videregående skole",
        "Fylkesmannen i Innlandet",
        "Älvdalens utbildningscentrum",
    } <= partners
    owners = {m.surface for m in found if m.role == "owner"}
    assert owners == {"Skogsstyrelsen", "Skogsbrukets Kursinstitutt"}
    assert not [m for m in found if m.kind == "municipality"]  # not Älvdalen


def test_no_role_outside_the_project_page_012():
    """'styrelsen vill se ett närmare samarbete mellan Skåne Nordost...' is no partner."""
    _, found = mentions_of(ROUND2 / "pages" / "012.txt")
    assert not roles(found)
    assert "municipality/0765" in {m.actor for m in found}  # "samt Älmhult i Småland"


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("Projektet arbetar i Vara och Hjo.", ["Vara", "Hjo"]),
        ("Det ska Vara enkelt att delta, men Åre kommun deltar.", ["Åre kommun"]),
        ("Vi når unga i Östra Göinge.", ["Östra Göinge"]),
        ("Region Örebro och Uppsala universitet deltar i Gävle.", ["Gävle"]),
        ("Arbetslösheten är högre än i Stockholm.", []),
        ("Örebro län har hög arbetslöshet.", []),
    ],
)
def test_places_by_context(text, places):
    found = find_mentions(text_record(text), load_registry())
    assert [m.surface for m in found if m.kind == "municipality"] == places


def test_a_cue_never_crosses_a_sentence_end():
    text = "Projektet drivs i samverkan med kommunen. Region Skåne bidrar med lokaler."
    found = find_mentions(text_record(text), load_registry())
    assert [(m.surface, m.role) for m in found] == [("Region Skåne", "mention")]


def test_a_cue_about_others_gives_no_role():
    text = (
        "Cooperatives Europe tillsammans med organisationen Social Economy Europe utgör"
        " de främsta nätverken på europeisk nivå."
    )
    found = find_mentions(text_record(text), load_registry())
    assert {m.role for m in found} == {"mention"}


def test_cofinanciers_before_the_verb_and_the_fund_is_no_actor():
    text = (
        "Region Blekinge, kommunerna i Blekinge och Arbetsförmedlingen medfinansierar"
        " projektet. Projektet medfinansieras av Europeiska socialfonden."
    )
    found = find_mentions(text_record(text), load_registry())
    assert roles(found) == {
        ("Region Blekinge", "cofinancier", "medfinansierar"),
        ("Arbetsförmedlingen", "cofinancier", "medfinansierar"),
    }
    assert not [m for m in found if "socialfonden" in m.surface]


def test_generic_phrases_are_not_names():
    text = (
        "Hemservice Ekonomisk förening drev caféet. Den ideella föreningen hjälpte till."
        " I varje kommun har ett Navigatorcentrum bildats."
    )
    found = find_mentions(text_record(text, "Bakgrund"), load_registry())
    assert [m.surface for m in found] == ["Hemservice Ekonomisk förening"]


def test_a_long_single_line_is_read_in_linear_time():
    """H3: a page of one very long line (the overlap check was quadratic)."""
    sentence = "Projektet samverkar med Coompanion Sverige och Göteborgs Stad, "
    timings = []
    for repeat in (1_000, 4_000):
        record = text_record(sentence * repeat)
        start = time.perf_counter()
        found = find_mentions(record, load_registry())
        timings.append(time.perf_counter() - start)
        assert {m.surface for m in found} == {"Coompanion Sverige", "Göteborgs Stad"}
    assert timings[1] < 12 * timings[0] + 0.5


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Projektet genomförs av Samordningsförbundet Östra och Norra Skaraborg"
            " i samarbete med Länsstyrelsen i Jönköpings län.",
            {
                (
                    "Samordningsförbundet Östra och Norra Skaraborg",
                    "owner",
                    "genomförs av",
                ),
                ("Länsstyrelsen i Jönköpings län", "partner", "i samarbete med"),
            },
        ),
        (
            "Vi samarbetar med Innlandet fylkeskommune och Metsä Group Oy.",
            {
                ("Innlandet fylkeskommune", "partner", "samarbetar med"),
                ("Metsä Group Oy", "partner", "samarbetar med"),
            },
        ),
        (
            "Landstinget i Värmland och Karlstads universitet medverkar i projektet.",
            {
                ("Landstinget i Värmland", "partner", "medverkar i projektet"),
                ("Karlstads universitet", "partner", "medverkar i projektet"),
            },
        ),
        ("Anna Svensson driver projektet tillsammans med Per Olsson.", set()),
        ("Deltagare från Stockholm deltar i kursen.", set()),
    ],
)
def test_roles_of_the_shapes_of_swedish_sentences(text, expected):
    found = find_mentions(text_record(text), load_registry())
    assert roles(found) == expected
    assert "Per Olsson" not in {m.surface for m in found}  # a person is no actor


def test_cues_about_another_project_give_no_role():
    text = "Ett tidigare projekt drevs av Region Skåne i samarbete med Malmö stad."
    assert not roles(find_mentions(text_record(text), load_registry()))


def test_a_filler_before_the_list():
    text = (
        "Projektet genomförs i samverkan med bl.a. Arbetsförmedlingen och Region Skåne."
    )
    assert roles(find_mentions(text_record(text), load_registry())) == {
        ("Arbetsförmedlingen", "partner", "i samverkan med"),
        ("Region Skåne", "partner", "i samverkan med"),
    }
