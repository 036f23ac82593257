"""The cadre page's distribution per position: totals in 10-point bands, the cadre's own apart."""
from gateway.ui.views.cadre_comparison import band_labels, bands


def test_totals_fall_in_10_point_bands_with_the_cadre_apart_and_100_in_the_last():
    others, mine = bands([0.0, 9.99, 10.0, 71.5, 89.99, 90.0, 100.0], own=71.5)
    assert others == [2, 1, 0, 0, 0, 0, 0, 0, 1, 2] and mine == [0, 0, 0, 0, 0, 0, 0, 1, 0, 0]
    assert sum(others) + sum(mine) == 7
    assert band_labels()[0] == "[0; 10)" and band_labels()[-1] == "[90; 100]"


def test_a_cadre_alone_in_their_position_is_the_only_bar():
    assert bands([55.0], own=55.0) == ([0] * 10, [0, 0, 0, 0, 0, 1, 0, 0, 0, 0])
