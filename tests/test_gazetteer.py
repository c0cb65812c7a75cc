"""The gazetteer's compact index of GeoNames cities, cached in the user's cache folder."""

import pytest

from graphkit.tables import gazetteer


@pytest.fixture
def fresh_points(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    gazetteer._points.cache_clear()
    yield tmp_path
    gazetteer._points.cache_clear()


def test_the_index_is_written_once_and_read_back(fresh_points):
    assert gazetteer.city(3430545)["name"] == "Morón"
    files = list((fresh_points / "graphkit").glob("geonames-*.npz"))
    assert len(files) == 1
    gazetteer._points.cache_clear()
    assert gazetteer.city(3430545)["countrycode"] == "AR"
    assert list((fresh_points / "graphkit").iterdir()) == files  # no temporary file left


def test_a_damaged_index_is_recomputed(fresh_points):
    gazetteer.city(3430545)
    (path,) = (fresh_points / "graphkit").glob("geonames-*.npz")
    path.write_bytes(b"not an archive")
    gazetteer._points.cache_clear()
    assert gazetteer.city(3430545)["name"] == "Morón"


def test_an_unwritable_cache_folder_is_not_an_error(fresh_points):
    (fresh_points / "graphkit").write_text("a file where the folder should be")
    assert gazetteer.city(3430545)["latitude"] == pytest.approx(-34.65, abs=0.05)
