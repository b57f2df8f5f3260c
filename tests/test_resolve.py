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


# ------------------------------------------------------------------ judgements

JUDGEMENT_HEADER = "left,decision,right,reviewer,date,note\n"


def _judgements(tmp_path, rows, registry=None):
    from graphkit.resolve import load_judgements

    path = tmp_path / "judgements.csv"
    path.write_text(JUDGEMENT_HEADER + rows, encoding="utf-8")
    return load_judgements(path, registry or load_registry(), load_gazetteer())


def test_a_different_judgement_keeps_a_fuzzy_match_apart(registry, tmp_path):
    assert resolve_name("Coompanion Skane", registry).actor == "org/coompanion-skane"
    judged = _judgements(
        tmp_path,
        "Coompanion Skane,different,org/coompanion-skane,anna,2026-11-30,not them\n",
    )
    found = resolve_name("Coompanion Skane", registry, overrides=judged)
    assert (found.actor, found.method) == ("org/coompanion-skane-eb7f4788", "apart")
    assert found.candidate == "Coompanion Skåne"


def test_same_judgements_close_transitively(registry, tmp_path):
    judged = _judgements(
        tmp_path,
        "Kooperativa Skåne,same,Coompanion i Skåne,anna,2026-11-30,\n"
        "Coompanion i Skåne,same,org/coompanion-skane,anna,2026-11-30,\n"
        "SF Västra Skaraborg,same,Samordningsförbundet Västra Skaraborg,bo,2026-12-01,\n",
    )
    assert resolve_name("Kooperativa Skåne", registry, overrides=judged).actor == (
        "org/coompanion-skane"
    )
    # names judged the same with no registry actor: one new actor, the first name
    short = resolve_name("SF Västra Skaraborg", registry, overrides=judged)
    full = resolve_name(
        "Samordningsförbundet Västra Skaraborg", registry, overrides=judged
    )
    assert short.actor == full.actor == "org/sf-vastra-skaraborg"


def test_actor_actor_same_merges_and_different_between_names(registry, tmp_path):
    judged = _judgements(
        tmp_path,
        "org/kfo-service,same,org/kfo,anna,2026-11-30,one body for this study\n"
        "Coompanion Skane,different,Coompanion Skåne,anna,2026-11-30,\n",
    )
    assert resolve_name("KFO Service AB", registry, overrides=judged).actor == "org/kfo"
    # the exact name keeps its actor; the fuzzy one may not join it
    assert resolve_name("Coompanion Skåne", registry, overrides=judged).actor == (
        "org/coompanion-skane"
    )
    assert (
        resolve_name("Coompanion Skane", registry, overrides=judged).method == "apart"
    )


def test_conflicting_judgements_are_reported_not_applied(registry, tmp_path):
    judged = _judgements(
        tmp_path,
        "KFO Servise,same,org/kfo-service,anna,2026-11-30,\n"
        "KFO Servise,same,org/kfo,bo,2026-12-01,\n"
        "KFO Servise,different,org/kfo-service,bo,2026-12-01,\n",
    )
    assert [(p.kind, p.line) for p in judged.problems] == [
        ("judgement-conflict", 3),
        ("judgement-conflict", 4),
    ]
    assert "org/kfo-service and org/kfo" in judged.problems[0].message
    assert resolve_name("KFO Servise", registry, overrides=judged).actor == (
        "org/kfo-service"
    )


def test_not_an_organisation_is_not_linked(registry, tmp_path):
    from graphkit.records import Listed, ProjectRecord
    from graphkit.resolve import resolve_record

    judged = _judgements(
        tmp_path, "Personalavdelningen,not-an-organisation,,anna,2026-11-30,a unit\n"
    )
    record = ProjectRecord(
        "p.txt", "0", "esf-a", owner="Göteborgs Stad",
        partners=(Listed("Personalavdelningen", 30), Listed("Arbetsförmedlingen", 31)),
    )  # fmt: skip
    links, problems = resolve_record(record, registry, overrides=judged)
    assert [link.actor for link in links] == [
        "municipality/1480",
        "org/arbetsformedlingen",
    ]
    assert [(p.kind, p.line) for p in problems] == [("not-an-organisation", 30)]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("Kof,same,org/kof,anna,2026-11-30,", "org/kof is not in the actor registry"),
        ("Lund,same,municipality/9999,anna,2026-11-30,", "SCB code '9999'"),
        ("Lund,merge,org/kfo,anna,2026-11-30,", "unknown decision 'merge'"),
        ("Lund,same,org/kfo,,2026-11-30,", "needs a 'reviewer'"),
        ("Lund,same,org/kfo,anna,30/11/2026,", "not an ISO date"),
        ("Lund,same,,anna,2026-11-30,", "'same' needs 'right'"),
    ],
)
def test_a_bad_judgement_is_an_error_naming_its_line(tmp_path, row, message):
    from graphkit.errors import ResolveError

    with pytest.raises(ResolveError) as e:
        _judgements(tmp_path, "AF,same,org/arbetsformedlingen,anna,2026-11-30,\n" + row)
    assert e.value.line == 3
    assert message in str(e.value)
    assert "judgements.csv" in str(e.value)


def test_build_with_judgements_cli(tmp_path):
    from click.testing import CliRunner

    from graphkit.bundle import relative_path
    from graphkit.cli import cli

    doc = tmp_path / "docs" / "p.txt"
    doc.parent.mkdir()
    page = (
        seed("000")
        .read_text(encoding="utf-8")
        .replace(
            "ProjektägareCoompanion Kooperativ Utveckling Stockholms län",
            "ProjektägareCoompanion Sthlms lan",
        )
    )
    doc.write_text(page, encoding="utf-8")
    runner = CliRunner()
    out = tmp_path / "out"
    runner.invoke(cli, ["build", str(doc.parent), "-o", str(out), "--no-analysis"],
                  catch_exceptions=False)  # fmt: skip
    before = (out / "resolution.csv").read_text(encoding="utf-8")
    assert (
        f"Coompanion Sthlms lan,{relative_path(doc)},7,owner,org/coompanion-stockholms-lan,"
        in before
    )
    judgements = tmp_path / "judgements.csv"
    judgements.write_text(
        JUDGEMENT_HEADER
        + "Coompanion Sthlms lan,different,"  # two names, as the check of #22 says
        "Coompanion Kooperativ Utveckling Stockholms län,anna,2026-11-30,\n",
        encoding="utf-8",
    )
    result = runner.invoke(
        cli,
        ["build", str(doc.parent), "-o", str(out), "--no-analysis",
         "--judgements", str(judgements)],
        catch_exceptions=False,
    )  # fmt: skip
    after = (out / "resolution.csv").read_text(encoding="utf-8")
    assert (
        "owner,org/coompanion-stockholms-lan-6048dcbd,Coompanion Sthlms lan,apart"
        in after
    )
    assert "org/coompanion-stockholms-lan," not in after
    assert "judged-apart" in (out / "problems.csv").read_text(encoding="utf-8")
    assert result.exit_code == 0
    judgements.write_text(
        JUDGEMENT_HEADER + "Coompanion Sthlms lan,same,org/kof,anna,2026-11-30,\n",
        encoding="utf-8",
    )
    result = runner.invoke(
        cli, ["build", str(doc.parent), "-o", str(out), "--judgements", str(judgements)]
    )
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {judgements}:2: org/kof is not in")


# ------------------------------------------------------------------ Swedish names


@pytest.mark.parametrize(
    ("name", "actor"),
    [
        ("Samordningsförbundet Östra och Norra Skaraborg", None),
        ("Samordningsförbundet Västra Skaraborg", None),
        ("Region Blekinge, Region Blekinge", "org/region-blekinge"),
        ("Coompanion Skåne Coompanion Skåne", "org/coompanion-skane"),
        ("KFO Service AB", "org/kfo-service"),
        ("Skoopi ek. för.", "org/skoopi"),
        ("Föreningen Furuboda ideell förening", "org/foreningen-furuboda"),
        ("Coompanion Skånes", "org/coompanion-skane"),
        ("HSO:s", "org/hso"),
        ("Sveriges Kommuner och Landsting", "org/skr"),
        ("Stockholms läns landsting", "org/stockholms-lans-landsting"),
    ],
)
def test_swedish_name_forms(registry, name, actor):
    found = resolve_name(name, registry)
    if actor is None:  # a body the registry lacks: new, never a look-alike
        assert found.method == "new", found
    else:
        assert found.actor == actor


def test_doubled_name_is_one_actor(registry):
    doubled = resolve_name(
        "Samordningsförbundet Västra Skaraborg Samordningsförbundet Västra Skaraborg",
        registry,
    )
    assert doubled.actor == "org/samordningsforbundet-vastra-skaraborg"


def test_label_fits_the_documents_date(registry):
    from graphkit.records import Listed, ProjectRecord
    from graphkit.resolve import resolve_record

    def labels(start):
        record = ProjectRecord(
            "p.txt", "0", "esf-b", owner="Region Stockholm", start=start,
            partners=(Listed("SKL", 9), Listed("Sveriges Kommuner och Regioner", 10)),
        )  # fmt: skip
        return [link.label for link in resolve_record(record, registry)[0]]

    assert labels("2020-02-01") == [
        "Region Stockholm",
        "Sveriges Kommuner och Regioner",
        "Sveriges Kommuner och Regioner",
    ]
    assert labels("2016-09-01") == [
        "Stockholms läns landsting",
        "Sveriges Kommuner och Landsting",
        "Sveriges Kommuner och Landsting",
    ]
    assert labels("2019-06-01")[:2] == [
        "Region Stockholm",
        "Sveriges Kommuner och Landsting",
    ]


def test_a_name_equally_close_to_two_actors_is_ambiguous(tmp_path):
    path = tmp_path / "actors.yaml"
    path.write_text(
        "- {id: ideell-a, name: Föreningen Vägen Norr, type: association,"
        " sector: social-economy}\n"
        "- {id: ideell-b, name: Föreningen Vägen Nord, type: association,"
        " sector: social-economy}\n",
        encoding="utf-8",
    )
    found = resolve_name("Föreningen Vägen Nor", load_registry(path))
    assert found.method == "ambiguous"
    assert found.candidates == ("org/ideell-a", "org/ideell-b")


def test_bare_coompanion_in_a_skane_project(registry, corpus):
    from graphkit.build import parse_file

    (parsed,) = parse_file(corpus / "esf-pages" / "011.txt", registry, load_gazetteer())
    owner = next(link for link in parsed.links if link.role == "owner")
    assert (owner.name, owner.actor, owner.method) == (
        "Coompanion", "org/coompanion-skane", "context"
    )  # fmt: skip


def test_bare_coompanion_with_no_context_is_ambiguous(registry):
    from graphkit.records import ProjectRecord
    from graphkit.resolve import resolve_record

    record = ProjectRecord("p.txt", "0", "esf-a", owner="Coompanion", title="Socialt")
    links, problems = resolve_record(record, registry)
    assert links[0].method == "ambiguous"
    assert links[0].actor != "org/coompanion-sverige"
    assert problems[0].kind == "ambiguous-name"
    assert (
        "org/coompanion-sverige, org/coompanion-stockholms-lan" in problems[0].message
    )
    said = ProjectRecord(
        "p.txt", "0", "esf-a", owner="Coompanion", title="Coompanion Sverige"
    )
    assert resolve_record(said, registry)[0][0].actor == "org/coompanion-sverige"


# ------------------------------------------------------------------ identifiers


def test_org_numbers_in_a_list_are_checked_and_kept(registry):
    from graphkit.records import Listed, ProjectRecord
    from graphkit.resolve import resolve_record

    record = ProjectRecord(
        "p.txt", "0", "esf-a", owner="Göteborgs Stad, 212000-1355",
        partners=(Listed("Skoopi ek. för. (org.nr 769600-1235)", 20),
                  Listed("Personnummer 650101-1234 AB", 21)),
    )  # fmt: skip
    links, problems = resolve_record(record, registry)
    assert [(link.actor, link.org_number) for link in links] == [
        ("municipality/1480", "212000-1355"),
        ("org/skoopi", None),
        ("org/personnummer-650101-1234", None),
    ]
    assert [(p.kind, p.line) for p in problems[:1]] == [("bad-org-number", 20)]
    assert "Luhn" in problems[0].message


def test_registry_identifiers_become_triples(tmp_path):
    from graphkit.rdf import actor_triples

    path = tmp_path / "actors.yaml"
    path.write_text(
        "- {id: goteborg-x, name: Göteborgs X, type: association, sector: social-economy,"
        " org_number: 802000-1237, wikidata: Q1}\n",
        encoding="utf-8",
    )
    from graphkit.errors import ResolveError

    with pytest.raises(ResolveError, match="fails the check digit"):
        load_registry(path)
    path.write_text(path.read_text().replace("802000-1237", "212000-1355"))
    lines = actor_triples("org/goteborg-x", "", load_registry(path))
    node = "<https://w3id.org/graphkit/id/org/goteborg-x>"
    assert f'{node} <http://purl.org/dc/terms/identifier> "SE-ON-2120001355" .' in lines
    assert (
        f"{node} <http://www.w3.org/2002/07/owl#sameAs>"
        " <http://www.wikidata.org/entity/Q1> ."
    ) in lines


def test_automatic_merges_on_the_labelled_names_are_right():
    from benchmarks.bench_resolve import graphkit_merge, load_rows, score

    rows = load_rows()
    result = score(rows, graphkit_merge())
    assert result["precision"] >= 0.99, result["wrong"]
    apart = score([r for r in rows if r["set"] == "apart"], graphkit_merge())
    assert apart["merges"] == 0, apart["wrong"]
