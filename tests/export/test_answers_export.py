"""One participant's answers as an HTML page: the mountain and the stakeholder map drawn inline,
people's words kept as words, nothing fetched from elsewhere."""

from __future__ import annotations

import base64

import pytest

from cofacilitator.assignment_store import get_response, save_draft
from cofacilitator.cohorts import find_participants_by_name, list_cohorts
from cofacilitator.export_answers import answers_html
from cofacilitator.export_model import ExportError
from cofacilitator.sessions.catalog import Catalog
from cofacilitator.store.database import Store
from tests.export.html_reading import read_page

ENGAGEMENT = "community-engagement"
BASICS = "community-of-practice-basics"
SVG_SOURCE = "data:image/svg+xml;base64,"


def demo_person(store: Store, name: str) -> int:
    (cohort,) = list_cohorts(store, include_archived=True)
    (person,) = find_participants_by_name(store, cohort.id, name)
    return person.id


def test_the_mountain_is_a_picture_whose_alt_text_names_each_band_and_who_is_in_it(
    demo_store: Store, shipped_catalog: Catalog
) -> None:
    amara = demo_person(demo_store, "Amara Okafor")
    bands = get_response(demo_store, amara, ENGAGEMENT).values["mountain"]  # type: ignore[union-attr]

    page = read_page(answers_html(demo_store, shipped_catalog, amara, ENGAGEMENT))

    (picture,) = page.images
    source, alt = picture
    assert source.startswith(SVG_SOURCE)
    assert "<svg" in base64.b64decode(source.removeprefix(SVG_SOURCE)).decode("utf-8")
    assert alt.startswith("Mountain of engagement, top band first. Leader: Two maintainers")
    for band in bands:
        assert f"{band['band']}: {band['who']}" in alt
    assert "Session 3" in page.text_in("h1")[0]
    assert "Mountain of engagement" in page.text_in("h2")


def test_the_stakeholder_map_is_a_picture_that_says_who_is_in_which_quadrant(
    demo_store: Store, shipped_catalog: Catalog
) -> None:
    amara = demo_person(demo_store, "Amara Okafor")

    page = read_page(answers_html(demo_store, shipped_catalog, amara, BASICS))

    (picture,) = page.images
    assert picture[0].startswith(SVG_SOURCE)
    assert "Research funder: Keep satisfied" in picture[1]
    assert "City open-data teams: Manage closely" in picture[1]
    assert "Depend on every release" in page.all_text(), "notes stay in words under the map"


def test_the_page_fetches_nothing_and_links_only_what_people_wrote(
    demo_store: Store, shipped_catalog: Catalog
) -> None:
    amara = demo_person(demo_store, "Amara Okafor")

    page = read_page(answers_html(demo_store, shipped_catalog, amara, ENGAGEMENT))

    assert page.count("script") == 0 and page.count("link") == 0
    sources = [source for source, _alt in page.images]
    assert sources and all(src.startswith(SVG_SOURCE) for src in sources)
    links = [url for url in page.urls if url not in sources]
    assert links == ["https://example.org/code-of-conduct", "https://example.org/health"]


def test_a_script_typed_in_an_answer_stays_literal_in_the_words_and_the_picture(
    demo_store: Store, shipped_catalog: Catalog
) -> None:
    amara = demo_person(demo_store, "Amara Okafor")
    values = get_response(demo_store, amara, ENGAGEMENT).values  # type: ignore[union-attr]
    values["mountain"][0]["who"] = "<script>alert('hi')</script> & friends"
    save_draft(demo_store, amara, ENGAGEMENT, values)

    text = answers_html(demo_store, shipped_catalog, amara, ENGAGEMENT)
    page = read_page(text)

    assert "<script>" not in text
    assert page.count("script") == 0
    assert "<script>alert('hi')</script> & friends" in page.all_text()
    (picture,) = page.images
    assert "First contact: <script>alert('hi')</script> & friends" in picture[1]
    assert "A draft, not handed back yet." in page.all_text()


def test_pseudonymized_the_page_names_nobody(demo_store: Store, shipped_catalog: Catalog) -> None:
    amara = demo_person(demo_store, "Amara Okafor")

    text = answers_html(demo_store, shipped_catalog, amara, BASICS, pseudonymize=True)

    assert "Amara" not in text
    assert read_page(text).text_in("h1")[0].startswith("Participant ")


def test_no_answers_yet_is_said_rather_than_an_empty_page(
    demo_store: Store, shipped_catalog: Catalog
) -> None:
    yusuf = demo_person(demo_store, "Yusuf Demir")

    with pytest.raises(ExportError, match="no answers to Session 3"):
        answers_html(demo_store, shipped_catalog, yusuf, ENGAGEMENT)
