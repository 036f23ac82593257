"""The province's fairness tables (/risk/province): today's flag rate of each group beside the
model's held-out true- and false-positive rates, age bands named, small groups and gaps over 0.05
pointed out."""
from flask import Flask, g

from gateway.ui import i18n
from gateway.ui.views.risk_province import _fairness


def group(name, cadres, flagged):
    return {"group": name, "cadres": cadres, "flagged": flagged, "flag_rate": flagged / cadres,
            "mean_probability": None, "enough": cadres >= 5, "ratio_to_overall": 1.0, "disparity": False}


def outcome(name, tpr, fpr, enough=True):
    return {"group": name, "rows": 40, "positives": 10 if enough else 2, "flag_rate": 0.3,
            "true_positive_rate": tpr, "false_positive_rate": fpr, "enough": enough}


AUDIT = {"groups": {"age_band": [group("under_35", 20, 4), group("50_and_over", 10, 1)]},
         "held_out": {"age_band": {"groups": [outcome("under_35", 0.8, 0.1), outcome("50_and_over", 0.5, 0.1),
                                              outcome("35_to_49", 0.4, 0.2, enough=False)],
                                   "gaps": {"flag_rate": 0.02, "true_positive_rate": 0.3, "false_positive_rate": None},
                                   "notable": True}}}


def sections(lang):
    app = Flask("gateway")
    i18n.init_app(app)
    with app.test_request_context():
        g.lang = lang
        return _fairness(AUDIT)


def test_rates_per_age_band_with_the_held_out_outcomes():
    [section] = sections("vi")
    assert section["title"] == "Nhóm tuổi"
    rows = {r["group"]: r for r in section["rows"]}
    assert [r["label"] for r in section["rows"]] == ["Dưới 35 tuổi", "Từ 50 tuổi trở lên", "Từ 35 đến 49 tuổi"]
    assert rows["under_35"]["cadres"] == 20 and rows["under_35"]["outcome"]["true_positive_rate"] == 0.8
    # a band seen only among the training rows is listed, with no figures of today
    assert "cadres" not in rows["35_to_49"] and rows["35_to_49"]["outcome"]["enough"] is False


def test_only_gaps_over_005_are_pointed_out_and_missing_ones_left_out():
    [section] = sections("en")
    assert [(gap["name"], gap["value"], gap["notable"]) for gap in section["gaps"]] == [
        ("flag rate", 0.02, False), ("true-positive rate", 0.3, True)]
    assert section["title"] == "Age band"
