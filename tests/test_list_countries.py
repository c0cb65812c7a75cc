"""Country names as the twin-town lists write them: one exact reading, never a fuzzy guess."""

import os

import pandas as pd
import pytest
from conftest import SHARED

from graphkit.match.twin_lists import is_south, iso_code
from graphkit.tables.gazetteer import country_code

WORLD = SHARED / "external" / "wikipedia-twin-cities-world.csv"
FRANCE = SHARED / "external" / "wikidata-twinnings-france.tsv"
needs_lists = pytest.mark.skipif(
    not WORLD.exists() and os.environ.get("CI") != "true",
    reason=f"{WORLD} absent (under CI=true the test runs and must find it)",
)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Turkey", "TR"),
        ("Ivory Coast", "CI"),
        ("Democratic Republic of the Congo", "CD"),
        ("Georgia (country)", "GE"),
        ("Cape Verde", "CV"),
        ("Russia", "RU"),
        ("England", "GB"),
        ("Martinique, France", "FR"),
        ("BR", "BR"),
        ("Kosovo", None),  # no ISO 3166-1 code: not Serbia
        ("Northern Cyprus", None),
        ("Island", None),  # fuzzy matching once read this as the Comoros
        ("Atlantis", None),
    ],
)
def test_a_country_name_reads_as_its_code_or_none(name, code):
    assert iso_code(name) == code


def test_the_south_is_read_from_the_code():
    assert is_south("Turkey") and is_south("Georgia (country)") and is_south("Ivory Coast")
    assert not is_south("Russia") and not is_south("Kosovo") and not is_south("Canada")


@needs_lists
def test_every_country_of_the_real_lists_is_known_but_the_unrecognised_few():
    world = pd.read_csv(WORLD, dtype=str)
    france = pd.read_csv(FRANCE, sep="\t", dtype=str)
    names = pd.concat([world.country1, world.country2, france.destination_countryLabel]).dropna()
    unknown = {n for n in names.unique() if country_code(n) is None}
    # Not countries of ISO 3166-1, or not a country at all: each stays unknown, on purpose.
    assert unknown == {"Kosovo", "Northern Cyprus", "Island", "Prussia"}
