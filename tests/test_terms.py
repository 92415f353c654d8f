"""Plain terms: the findings read atoms copied out of clingo, and must print and sort them as clingo does."""

from __future__ import annotations

import random

import pytest
from clingo import Function, Number, String, Symbol, parse_term
from hypothesis import given
from hypothesis import strategies as st

from normengine import terms

from .conftest import CASES, evaluation

ODD = ['f("a\\"b\\\\c\\nd")', "(a,)", "()", "-f(a)", "-a", "f(-3,(1,2))", '"é"', "g(())"]


def _atoms() -> list[Symbol]:
    out: list[Symbol] = [parse_term(x) for x in ODD]
    for case in ("kosovo-1999", "afghanistan-2001", "nicaragua-1986"):
        out.extend(evaluation(case).solution.atoms)
    return out


def test_plain_terms_print_as_clingo_prints_the_symbols() -> None:
    for sym in _atoms():
        plain = terms.plain(sym)
        assert terms.text(plain) == str(sym)
        assert terms.symbol(plain) == sym


def test_plain_terms_sort_as_clingo_sorts_the_symbols() -> None:
    atoms = sorted(set(_atoms()))
    rng = random.Random(7)
    for _ in range(10):
        sample = rng.sample(atoms, min(300, len(atoms)))
        assert sorted(sample, key=lambda s: terms.key(terms.plain(s))) == sorted(sample)


@given(
    st.text(st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"), max_size=12),
    st.integers(-(2**31), 2**31 - 1),
)
def test_any_string_and_number_round_trip(s: str, n: int) -> None:
    sym = Function("f", [String(s), Number(n), Function("g", [String(s)])])
    assert terms.plain(sym) == ("f", s, n, ("g", s))
    assert terms.text(terms.plain(sym)) == str(sym)


def test_atoms_are_indexed_by_predicate_and_first_argument() -> None:
    atoms = terms.Atoms(evaluation("kosovo-1999").solution.atoms)
    engaged = atoms.about("engaged_norm", 5, "allied-force")
    assert engaged and all(a[0] == "engaged_norm" and a[1] == "allied-force" for a in engaged)
    assert ("justified", "nato-humanitarian") in {a[1] for a in atoms.pred("arg", 1)}
    assert atoms.pred("arg", 1)[0] in atoms


@pytest.mark.parametrize("case", ["kosovo-1999"])
def test_the_report_reads_no_clingo_symbol(case: str) -> None:
    an = evaluation(case).analysis
    acc = an.plain_acceptance
    assert not any(isinstance(a, Symbol) for a in acc.arguments)
    assert CASES.exists()


def test_copying_through_clingo_s_functions_gives_the_printed_form_s_terms() -> None:
    # terms.plain and Atoms copy atoms through clingo's C functions; the printed form is the reference.
    store = terms.Atoms(_atoms())
    copied = [atom for name in store.names() for atom in store.named(name)]
    assert copied
    for sym in _atoms():
        assert terms.plain(sym) == terms.from_text(str(sym))
    parsed = {terms.from_text(str(s)) for s in _atoms()}
    assert set(copied) <= parsed
