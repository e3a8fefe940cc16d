"""Thai form fields: amounts with thousands separators and Thai digits, Buddhist-era dates."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django import forms

from prongsai.web.thai_fields import ThaiDecimalField


class _Money(forms.Form):
    amount = ThaiDecimalField(required=False, min_value=0, max_digits=14, decimal_places=2, grouped=True)


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("25,000", Decimal("25000")),
        ("๒๕,๐๐๐", Decimal("25000")),
        ("1,250,000.50", Decimal("1250000.50")),
        ("25 000", Decimal("25000")),
        ("25,000 บาท", Decimal("25000")),
        ("๑๕๐๐.๗๕", Decimal("1500.75")),
        ("15000", Decimal("15000")),
    ],
)
def test_amounts_with_separators_and_thai_digits(typed, value):
    form = _Money({"amount": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["amount"] == value


@pytest.mark.parametrize("typed", ["2,50", "25,00,0", "abc", "1,2345"])
def test_misplaced_separators_are_refused_in_thai(typed):
    form = _Money({"amount": typed})
    assert not form.is_valid()
    assert "25,000" in form.errors["amount"][0] and "ตัวเลข" in form.errors["amount"][0]


def test_a_stored_amount_is_shown_with_separators():
    html = str(_Money(initial={"amount": Decimal("1250000.50")})["amount"])
    assert 'value="1,250,000.50"' in html and 'type="text"' in html
    typed = str(_Money({"amount": "12x"})["amount"])
    assert 'value="12x"' in typed
