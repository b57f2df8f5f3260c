"""Actors named in running text."""

from __future__ import annotations

from graphkit.extract import find_mentions
from graphkit.parse import parse_document
from graphkit.read import read_path
from graphkit.records import ProjectRecord, Section
from graphkit.resolve import load_registry, resolve_mentions
from tests.conftest import seed


def mentions_of(number):
    (record,), _ = parse_document(read_path(seed(number)))
    return record, find_mentions(record, load_registry())


def test_european_networks_of_seed_001():
    record, found = mentions_of("001")
    transnational = {m.actor for m in found if m.section == "Transnationellt samarbete"}
    assert {
        "reves",
        "cooperatives-europe",
        "social-economy-europe",
        "ciriec",
        "emes",
    } <= transnational
    links, _ = resolve_mentions(record, found, load_registry())
    assert {link.actor for link in links if link.role == "transnational"} >= {
        "org/reves",
        "org/emes",
    }


def test_mention_span_points_at_the_name():
    _, found = mentions_of("000")
    reves = next(m for m in found if m.actor == "reves")
    line = seed("000").read_text(encoding="utf-8").split("\n")[reves.line - 1]
    assert line[reves.span[0] : reves.span[1]] == "REVES"


def test_list_sections_are_left_to_the_parser():
    _, found = mentions_of("000")
    assert not [m for m in found if m.section in ("Samarbetspartners", "Kommun")]


def test_common_words_are_not_places():
    record = ProjectRecord(
        "p.txt",
        "0",
        "esf-a",
        sections=(
            Section(
                "Syfte",
                3,
                "Det ska Vara enkelt att delta i Mark och Berg, men Åre kommun deltar.",
            ),
        ),
    )
    found = find_mentions(record, load_registry())
    assert [(m.surface, m.actor) for m in found] == [
        ("Åre kommun", "municipality/2321")
    ]


def test_organisation_shaped_phrases():
    record = ProjectRecord(
        "p.txt",
        "0",
        "esf-a",
        sections=(
            Section(
                "Bakgrund",
                7,
                "Hemservice Ekonomisk förening drev caféet. Den ideella föreningen"
                " hjälpte till.",
            ),
        ),
    )
    found = find_mentions(record, load_registry())
    assert [(m.surface, m.kind) for m in found] == [
        ("Hemservice Ekonomisk förening", "phrase")
    ]
