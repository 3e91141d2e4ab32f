import pytest

from backprop_core import DEFAULT_PRESET
from backprop_core.guide import SECTION_COUNT, SECTIONS, section
from backprop_core.sections import BUILDERS, section_data


def test_sections_are_numbered_in_order():
    assert [entry.number for entry in SECTIONS] == list(range(SECTION_COUNT + 1))
    assert len({entry.slug for entry in SECTIONS}) == len(SECTIONS)


def test_headers_read_like_the_guide():
    assert section(3).header == "03 / 12 \u2014 Forward Pass"
    assert section(12).kicker == "12 / 12"
    assert section(0).header == "00 / 12"


def test_unknown_section():
    with pytest.raises(KeyError, match="sections run from 0"):
        section(13)
    with pytest.raises(KeyError, match="no section 99"):
        section_data(99, DEFAULT_PRESET)


def test_every_section_has_a_frozen_data_object():
    assert sorted(BUILDERS) == list(range(SECTION_COUNT + 1))
    for number in BUILDERS:
        data = section_data(number, DEFAULT_PRESET)
        assert data.__dataclass_params__.frozen, number
        assert data.guide is section(number)
