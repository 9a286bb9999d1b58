"""Shorter forms of names and even breaks of titles, as a producer would write them."""

from __future__ import annotations

from electionboard.presentation.fitting import break_in_two, name_forms


def test_name_forms_shorten_given_names_and_keep_the_surname() -> None:
    assert name_forms("Mary Jane Smith") == [
        "Mary Jane Smith",
        "Mary J. Smith",
        "M. J. Smith",
    ]
    assert name_forms("Kevin de León") == ["Kevin de León", "K. de León"]
    assert name_forms("Martin Luther King Jr.") == [
        "Martin Luther King Jr.",
        "Martin L. King Jr.",
        "M. L. King Jr.",
    ]
    assert name_forms("Cher") == ["Cher"]
    assert name_forms("J. D. Vance") == ["J. D. Vance"]


def test_break_in_two_is_even_and_prefers_a_comma() -> None:
    title = "Board of Supervisors, Fourth District, Special"
    first, second = break_in_two(title, len, 30) or ("", "")
    assert f"{first} {second}" == title
    assert max(len(first), len(second)) <= 30
    assert first.endswith(",")
    assert break_in_two(title, len, 10) is None
    assert break_in_two("Mayor", len, 100) is None


def test_name_forms_keep_compound_surnames_and_their_particles() -> None:
    assert name_forms("Juan Manuel Rodríguez-Villanueva y Castañeda")[-1] == (
        "J. M. Rodríguez-Villanueva y Castañeda"
    )
    assert name_forms("Alexandria Ocasio-Cortez de la Vega-Smithson") == [
        "Alexandria Ocasio-Cortez de la Vega-Smithson",
        "A. Ocasio-Cortez de la Vega-Smithson",
    ]
    assert name_forms("Ludwig van Beethoven") == [
        "Ludwig van Beethoven",
        "L. van Beethoven",
    ]
    assert name_forms("Juan Carlos de la Fuente")[-1] == "J. C. de la Fuente"
