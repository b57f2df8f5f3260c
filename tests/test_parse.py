"""Parsing real project-bank pages, the seeds, the idea form and project lists."""

from __future__ import annotations

import json

import pytest

from graphkit.errors import ParseError
from graphkit.parse import detect_layout, parse_amount, parse_document, parse_period
from graphkit.read import read_path
from graphkit.records import HEADER_FIELDS, Document
from tests.conftest import CORPUS, seed


def parse_one(path):
    (record,), _ = parse_document(read_path(path))
    return record


def test_corpus_pages_match_the_human_reading_field_for_field(corpus):
    truth = json.loads(
        (corpus / "esf-pages" / "truth.json").read_text(encoding="utf-8")
    )
    mismatches = []
    for expected in truth:
        record = parse_one(corpus / "esf-pages" / expected["file"])
        assert record.layout == f"esf-{expected['layout']}", expected["file"]
        for name in HEADER_FIELDS:
            if getattr(record, name) != expected[name]:
                mismatches.append(
                    (expected["file"], name, getattr(record, name), expected[name])
                )
    assert mismatches == []


def test_a_decimal_budget_is_rejected_and_reported(corpus):
    record = parse_one(corpus / "esf-pages" / "017.txt")
    assert record.total_budget_sek is None
    bad = [p for p in record.problems if p.kind == "bad-amount"]
    assert [(p.line, p.value) for p in bad] == [(28, "1.1")]


def test_seed_000_partner_lines_noise_and_truncation():
    record = parse_one(seed("000"))
    assert len(record.partners) == 20  # 21 partner lines, "Samma som ovan" is noise
    assert record.partners[0].name == "Arbetsgivarföreningen KFO"
    assert record.partners[0].line == 134
    noise = [p for p in record.problems if p.kind == "noise-line"]
    assert [(p.line, p.value) for p in noise] == [(146, "• Samma som ovan")]
    truncated = [p for p in record.problems if p.kind == "truncated-name"]
    assert [p.value for p in truncated] == ["Stockholms läns bildningsförbu"]
    assert len(record.municipalities) == 26


@pytest.mark.parametrize(
    ("number", "municipalities", "owner"),
    [
        ("001", 290, "KFO Service AB"),
        ("002", 9, "Coompanion Kooperativ Utveckling Stockholms län"),
        ("004", 33, "Folkbildningsföreningen i Malmö"),
    ],
)
def test_seed_pages(number, municipalities, owner):
    record = parse_one(seed(number))
    assert record.layout == "esf-a"
    assert record.owner == owner
    assert len(record.municipalities) == municipalities


def test_idea_form_group_programme_area_and_cost():
    record = parse_one(seed("003"))
    assert record.layout == "idea-form"
    assert record.title == "Hållbara stödstrukturer för ASF"
    assert record.programme_area == "PO2"
    assert record.total_budget_sek is None  # an estimate, not a granted budget
    assert record.estimated_cost_sek == 266514
    assert [m.name for m in record.group_members] == [
        "SKL Nätverket ASF",
        "Falkenbergs kommun",
        "Göteborgs Stad",
        "AF",
        "TVV",
        "Skoop",
        "Vägen ut",
        "Kooptjänst",
        "Coompanion",
        "Mikrofonden",
    ]
    assert record.group_members[3].line == 23


def test_erdf_project_list_records(corpus):
    records, problems = parse_document(read_path(corpus / "erdf" / "sample.json"))
    assert len(records) == 25 and problems == ()
    first = records[0]
    assert (first.project_number, first.owner, first.fund, first.grant_sek) == (
        "20200944",
        "Gällivare kommun",
        "ERDF",
        2559200,
    )
    assert first.esf_grant_sek is None
    assert [m.name for m in first.municipalities] == ["Gällivare"]
    assert records[1].line > first.line


def test_csv_list_with_the_same_columns(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text(
        "ärende-id,stödmottagare,projektnamn,beviljat_belopp_sek,kommuner\n"
        '1,Region Skåne,Test,"100000","Malmö, Lund"\n',
        encoding="utf-8",
    )
    (record,), _ = parse_document(read_path(path))
    assert (record.owner, record.grant_sek, record.line) == ("Region Skåne", 100000, 2)
    assert [m.name for m in record.municipalities] == ["Malmö", "Lund"]


def test_json_list_with_a_broken_record_keeps_the_others(tmp_path):
    path = tmp_path / "list.json"
    path.write_text(
        '[\n  {"ärende-id": "1", "stödmottagare": "Region Skåne"},\n'
        '  {"ärende-id": "2", "stödmottagare": },\n'
        '  {"ärende-id": "3", "stödmottagare": "Umeå kommun"}\n]\n',
        encoding="utf-8",
    )
    records, problems = parse_document(read_path(path))
    assert [r.project_number for r in records] == ["1", "3"]
    assert [(p.kind, p.line) for p in problems] == [("broken-record", 3)]


def test_layout_is_detected_from_text_not_name():
    text = "Ovttas\n\nProgramområde\n1.1 Kompetensförsörjning\nProjektägare\nSSR\n"
    assert detect_layout(Document("esf-a-page.txt", "0", text)) == "esf-b"


def test_unknown_layout_is_an_error():
    with pytest.raises(ParseError, match="no known layout"):
        parse_document(Document("x.txt", "0", "Hello world\nNothing here."))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("8\u00a0212\u00a0161 kr", 8212161),
        ("450 000 kr", 450000),
        ("11 802 999", 11802999),
        ("1.1", None),
        ("ca 400 000", None),
        ("12,5 mkr", None),
        ("", None),
    ],
)
def test_amounts(text, value):
    assert parse_amount(text) == value


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("2009-05-01 till 2011-08-31", ("2009-05-01", "2011-08-31")),
        ("2016-01-04-2017-10-31", ("2016-01-04", "2017-10-31")),
        ("2021-01-01 - 2023-02-28", ("2021-01-01", "2023-02-28")),
        ("2014-13-40 - 2015-01-01", (None, "2015-01-01")),
        ("hösten 2009", (None, None)),
    ],
)
def test_periods(text, period):
    assert parse_period(text) == period


# ------------------------------------------------- round 2: owners, lists, places, titles

ROUND2 = CORPUS / "round2"


def page(text: str, name: str = "p.txt"):
    """The one record of a page given as text."""
    (record,), _ = parse_document(Document(name, "0", text))
    return record


def kinds(record) -> list[tuple[str, int | None, str | None]]:
    return [(p.kind, p.line, p.value) for p in record.problems if p.kind != "no-header"]


def test_bulleted_owner_label_on_a_prose_page():
    record = parse_one(ROUND2 / "prose" / "006.txt")
    assert record.layout == "prose"
    assert (record.owner, record.line_of("owner")) == ("Region Blekinge", 14)


def test_inline_owner_label_on_a_prose_page():
    record = parse_one(ROUND2 / "prose" / "007.txt")
    assert (record.owner, record.line_of("owner")) == ("Karlshamns Kommun", 7)


def test_coordinator_label_naming_two_bodies_gives_owner_and_a_reported_partner():
    record = parse_one(ROUND2 / "prose" / "021.txt")
    assert record.owner == "Skogsstyrelsen"
    assert [(p.name, p.line) for p in record.partners] == [
        ("Skogbrukets Kursinstitutt", 21)
    ]
    assert kinds(record) == [("joint-owner", 21, "Skogbrukets Kursinstitutt")]


def test_partner_heading_followed_by_sentences_lists_no_partner():
    """prose/002: a sentence and `maeu2.png` under "Samarbetspartners" are not partners."""
    record = parse_one(ROUND2 / "prose" / "002.txt")
    assert record.partners == ()
    text = {s.heading: s.text for s in record.sections}
    assert (
        "driver projektet tillsammans med Mölndals stad"
        in (text["Samarbetspartners (text)"])
    )


@pytest.mark.parametrize(
    ("number", "title"),
    [
        ("005", "Ett kompetenslyft för Sverige 2019–2022"),  # logo, site name, image
        ("020", "Boende och studier för ensamkommande unga på folkhögskolor"),
        ("002", "Ung-labbet"),
        ("007", "BKV-ESF Blekinge Kompetens Validering"),  # a page of projects
    ],
)
def test_prose_titles_skip_site_chrome(number, title):
    assert parse_one(ROUND2 / "prose" / f"{number}.txt").title == title


def test_title_skips_navigation_lines():
    record = page(
        "Till innehållet\nMeny\nSök\n\nStart > Projekt > Ung-labbet\n\nUng-labbet\n\n"
        "Projektet drivs av Mölndals stad.\n"
    )
    assert record.title == "Ung-labbet"


@pytest.mark.parametrize(
    "label",
    [
        "Projektägare:      Region Skåne",
        "  • Projektägare: Region Skåne",
        "Projektägare:\nRegion Skåne",
        "Projektägare\n\nRegion Skåne",
        "Projektet drevs av: Region Skåne",
        "Aktör: Region Skåne",
        "Project owner: Region Skåne",
        "Ansvarig organisation: Region Skåne",
    ],
)
def test_owner_labels_on_prose_pages(label):
    text = (
        "Ett projekt om arbete\n\nProjektet hjälper unga till arbete i Malmö.\n"
        "Det har pågått i tre år och fått goda resultat.\n\n"
        f"{label}\n\nKontaktperson: Anna Svensson\n"
    )
    record = page(text)
    assert (record.layout, record.owner) == ("prose", "Region Skåne")


def test_a_person_is_not_an_owner():
    text = (
        "Ett projekt om arbete\n\nProjektet hjälper unga till arbete.\n"
        "Det har pågått i tre år.\n\nProjektägare: Anna Svensson\n"
    )
    record = page(text)
    assert record.owner is None
    assert kinds(record) == [("person-not-owner", 6, "Anna Svensson")]


def test_a_sentence_after_an_owner_label_is_not_an_owner():
    text = (
        "Ett projekt om arbete\n\nProjektet hjälper unga till arbete.\n"
        "Det har pågått i tre år.\n\nProjektägare:\n"
        "Det är kommunerna i länet som gemensamt äger projektet.\n"
    )
    assert page(text).owner is None


def test_partner_list_ends_before_a_heading_a_date_and_an_amount():
    text = (
        "Samarbete i länet\n\nProjektet samlar aktörer i länet.\n\n"
        "Samarbetspartners\n\n"
        "Arbetsförmedlingen\nFörsäkringskassan\nRegion Skåne\n\n"
        "Projektperiod\n2019-01-01 – 2021-12-31\n\nBudget\n5 000 000 kr\n\n"
        "Tre arbetsområden\n\nProjektet har arbetat med tre områden där unga står i fokus.\n"
    )
    record = page(text)
    assert [p.name for p in record.partners] == [
        "Arbetsförmedlingen",
        "Försäkringskassan",
        "Region Skåne",
    ]
    assert "Projektperiod" in [s.heading for s in record.sections]


def test_a_list_line_naming_several_bodies_gives_one_entry_each():
    text = (
        "Samarbete i länet\n\nProjektet samlar aktörer i länet.\n\nSamarbetspartners\n\n"
        "• Länets 8 kommuner, Försäkringskassan, Arbetsförmedlingen\n"
        "• Svenska Röda Korset, Region Stockholm\n"
        "• Arbetsmarknadsenheten, Socialförvaltningen, Olofströms kommun\n"
        "• samordningsförbunden i Värmland\n• Anna Svensson\n"
    )
    record = page(text)
    assert [(p.name, p.collective) for p in record.partners] == [
        ("Länets 8 kommuner", True),
        ("Försäkringskassan", False),
        ("Arbetsförmedlingen", False),
        ("Svenska Röda Korset, Region Stockholm", False),
        ("Arbetsmarknadsenheten, Socialförvaltningen, Olofströms kommun", False),
        ("samordningsförbunden i Värmland", True),
    ]
    assert kinds(record) == [("person-not-actor", 11, "Anna Svensson")]


def test_municipality_list_keeps_names_that_are_also_words():
    text = (
        "Samarbete i Skaraborg\n\nProjektet samlar aktörer i länet.\n\nKommuner\n\n"
        "• Vara\n• Hjo kommun\n• Tibro, Ydre och Borås\n• Östra Göinge\n"
        "• Vilhelmina, Åsele, Dorotea kommuner\n• Blekinges kommuner\n\n"
        "Projektet har arbetat med tre områden där unga står i fokus.\n"
    )
    record = page(text)
    assert [m.name for m in record.municipalities] == [
        "Vara",
        "Hjo kommun",
        "Tibro",
        "Ydre",
        "Borås",
        "Östra Göinge",
        "Vilhelmina",
        "Åsele",
        "Dorotea",
    ]
    assert kinds(record) == [("collective-place", 12, "Blekinges kommuner")]


def test_a_labelled_line_of_places_in_running_text():
    text = (
        "Samarbete i Skaraborg\n\nProjektet samlar aktörer i länet.\n\n"
        "Kommuner: Vara, Hjo och Tibro\n"
    )
    assert [m.name for m in page(text).municipalities] == ["Vara", "Hjo", "Tibro"]


def test_a_fact_box_below_running_text_is_not_a_project_bank_header():
    text = (
        "Ett projekt om arbete\n\nProjektet hjälper unga till arbete i Malmö.\n"
        "Det har pågått i tre år och fått goda resultat.\n\n"
        "Projektägare:\nMalmö stad\nProjektperiod:\n2019-01-01 - 2021-12-31\n"
    )
    record = page(text)
    assert (record.layout, record.title, record.owner) == (
        "prose",
        "Ett projekt om arbete",
        "Malmö stad",
    )


@pytest.mark.parametrize(
    ("value", "owner"),
    [
        ("Region Skåne i samverkan med Arbetsförmedlingen.", "Region Skåne"),
        ("Region Skåne. Projektledare: Anna Svensson", "Region Skåne"),
        ("Det är kommunerna i länet", None),
        ("www.regionskane.se", None),
        ("se nedan", None),
        ("Projektperiod\tBudget", None),
    ],
)
def test_owner_label_value_stops_at_another_role_or_a_sentence(value, owner):
    text = (
        "Ett projekt om arbete\n\nProjektet hjälper unga till arbete.\n"
        f"Det har pågått i tre år.\n\nProjektägare: {value}\n"
    )
    assert page(text).owner == owner


def test_title_after_a_cookie_banner_and_a_menu_ending_in_the_page_name():
    cookies = (
        "information (1)\nCookies\n\nDen här hemsidan använder cookies för att"
        " säkerställa bästa möjliga upplevelse.\n\nLär dig mer\n\n"
    )
    assert page(cookies + "Ung-labbet\n\nProjektet hjälper unga.\n").title == (
        "Ung-labbet"
    )
    menu = "Hem\nProjekt\nUng-labbet\n\nUng-labbet ska hjälpa unga i åldrarna 16-29 år."
    assert page(menu).title == "Ung-labbet"


def test_a_municipality_list_line_with_a_lead_in():
    text = (
        "Samarbete i Skaraborg\n\nProjektet samlar aktörer i länet.\n\nKommuner\n\n"
        "Kommuner som deltar: Vara, Hjo, Tibro\n"
    )
    assert [m.name for m in page(text).municipalities] == ["Vara", "Hjo", "Tibro"]


def test_a_partner_heading_over_a_fact_box_lists_nothing():
    """The "16 partners" page: a date range, an amount, headings and paragraphs."""
    text = (
        "Unga i arbete\n\nProjektet stöttar unga i länet att hitta jobb.\n\n"
        "Partners\n\n2019-01-01 – 2021-12-31\n\nBudget\n\n12 500 000 kronor\n\n"
        "Om projektet\n\nProjektet arbetar med coachning, praktik och studier för unga"
        " som står långt från arbetsmarknaden i hela länet.\n\n"
        "Läs mer på www.example.se/unga\n\nrapport_2020.pdf\n"
    )
    record = page(text)
    assert (record.partners, record.municipalities) == ((), ())


def test_a_project_bank_title_that_is_also_a_navigation_word():
    text = (
        "Logotyp på utskrifter\n\nStart\n\nProgramområde\n1.1 Kompetensförsörjning\n"
        "Projektägare\nSSR\n"
    )
    assert (page(text).layout, page(text).title) == ("esf-b", "Start")
