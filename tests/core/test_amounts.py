from decimal import Decimal

from django.utils import translation

from core.numbers import number_plain
from core.templatetags.amounts import country_name, euros, plain


def test_scores_never_show_an_exponent():
    assert number_plain(Decimal("30.00")) == "30"
    assert plain("30.00") == "30"
    with translation.override("fr"):
        assert number_plain(Decimal("0.50")) == "0,5"


def test_euros_in_each_locale():
    with translation.override("en"):
        assert euros(Decimal("6000000.00")) == "€6,000,000"
        assert euros("302085.53") == "€302,085.53"
    with translation.override("fr"):
        assert euros(Decimal("6000000")) == "6\u202f000\u202f000\u00a0€"
        assert euros("302085.5") == "302\u202f085,50\u00a0€"
    assert euros(None) == ""


def test_country_codes_become_names():
    with translation.override("fr"):
        assert country_name("NL") == "Pays-Bas"
