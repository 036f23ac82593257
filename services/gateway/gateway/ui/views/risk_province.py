"""Early warning across the province (province HR, inspectors): flags per unit, how the interventions
worked out, the fairness audit (women, ethnic-minority cadres, local cadres, mountain communes, age
bands: today's flag rates, and the model's true- and false-positive rates on rows it was not trained
on) and the model's quality measured on cadres it was not trained on — each with a chart and its figures."""
from __future__ import annotations

from flask import abort, redirect, render_template, url_for

from ..api_client import api, fetch, fetch_optional
from ..charts import bars, curve, stacked
from ..i18n import N_, notice_of
from ..i18n import gettext as _
from ..pages import blueprint as bp
from ..web_session import login_required
from . import lookups
from .risk_labels import INTERVENTIONS, LIGHTS, OUTCOMES, labels

READERS = ("province_admin", "auditor")
ATTRIBUTES = {"gender": N_("Giới tính"), "ethnicity": N_("Dân tộc"), "is_local": N_("Người địa phương"),
              "area": N_("Địa bàn"), "age_band": N_("Nhóm tuổi")}
GROUPS = {"female": N_("Nữ"), "male": N_("Nam"), "other": N_("Khác"), "local": N_("Người địa phương"),
          "non_local": N_("Không phải người địa phương"), "urban": N_("Đô thị"), "rural": N_("Nông thôn"),
          "mountain": N_("Miền núi"), "under_35": N_("Dưới 35 tuổi"), "35_to_49": N_("Từ 35 đến 49 tuổi"),
          "50_and_over": N_("Từ 50 tuổi trở lên"), "unknown": N_("Chưa rõ")}
RATES = {"flag_rate": N_("tỷ lệ bị cảnh báo"), "true_positive_rate": N_("tỷ lệ phát hiện đúng"),
         "false_positive_rate": N_("tỷ lệ báo nhầm")}
GAP_SHOWN = 0.05
PENDING = N_("Chưa có kết quả")
NOTICES = {"activated": N_("Đã chọn phiên bản mô hình; lần đánh giá tới sẽ dùng phiên bản này.")}


def _by_unit(flags: list[dict]):
    names = lookups.unit_names()
    counts: dict[str, dict[str, int]] = {}
    for f in flags:
        counts.setdefault(f["unit_id"], {"red": 0, "amber": 0, "green": 0})[f["light"]] += 1
    units = sorted(counts, key=lambda u: (-counts[u]["red"], -counts[u]["amber"], names.get(u, u)))
    return stacked([names.get(u, u) for u in units],
                   [(_(LIGHTS[light]), [counts[u][light] for u in units]) for light in ("red", "amber", "green")],
                   _("Cảnh báo chưa đóng theo đơn vị"), label_header=_("Đơn vị"), tones=("red", "amber", "green"))


def _outcomes(flags: list[dict]):
    """Interventions of every flag (closed ones too) by kind and outcome."""
    table = {kind: {o: 0 for o in (*OUTCOMES, None)} for kind in INTERVENTIONS}
    for f in flags:
        for i in f["interventions"]:
            table[i["kind"]][i["outcome"]] += 1
    kinds = [k for k in INTERVENTIONS if sum(table[k].values())]
    series = [(_(OUTCOMES[o]), [table[k][o] for k in kinds]) for o in OUTCOMES]
    series.append((_(PENDING), [table[k][None] for k in kinds]))
    return stacked([_(INTERVENTIONS[k]) for k in kinds], series, _("Kết quả các biện pháp hỗ trợ"),
                   label_header=_("Biện pháp"), tones=("green", "grey", "red", "blue"))


def _fairness(audit: dict) -> list[dict]:
    """Per attribute: today's flag rate of each group beside the active model's held-out true- and
    false-positive rates (a group seen only in the training rows is listed too), and the largest
    gap of each held-out rate between groups large enough to compare, over 0.05 pointed out."""
    held_out = audit.get("held_out") or {}
    sections = []
    for attribute, groups in audit["groups"].items():
        outcomes = held_out.get(attribute) or {}
        by_group = {g["group"]: g for g in outcomes.get("groups", [])}
        names = [g["group"] for g in groups] + sorted(set(by_group) - {g["group"] for g in groups})
        today_rows = {g["group"]: g for g in groups}
        rows = [{**today_rows.get(name, {"group": name}), "label": _(GROUPS.get(name, name)),
                 "outcome": by_group.get(name)} for name in names]
        chart = bars([(r["label"], round(r["flag_rate"] * 100, 1)) for r in rows if "flag_rate" in r],
                     _("Tỷ lệ bị cảnh báo theo {attribute}", attribute=_(ATTRIBUTES[attribute]).lower()),
                     label_header=_(ATTRIBUTES[attribute]), value_header=_("Tỷ lệ bị cảnh báo"), unit="%", max_value=100)
        gaps = [{"name": _(RATES[rate]), "value": value, "notable": value > GAP_SHOWN}
                for rate, value in (outcomes.get("gaps") or {}).items() if value is not None]
        sections.append({"attribute": attribute, "title": _(ATTRIBUTES[attribute]), "rows": rows, "chart": chart,
                         "gaps": gaps})
    return sections


def _calibration(model: dict):
    points = [(b["predicted"], b["observed"]) for b in model.get("metrics", {}).get("calibration", [])]
    if not points:
        return None
    return curve([(_("Mô hình"), points)], _("Đường hiệu chuẩn của mô hình"), x_title=_("Xác suất dự báo"),
                 y_title=_("Tỷ lệ thực tế"), diagonal=_("Hiệu chuẩn hoàn hảo"))


@bp.post("/risk/models/<int:version>/activate")
@login_required("province_admin")
def risk_model_activate(version: int):
    """Province HR chooses the version assessments use, after comparing it on this page."""
    reply = api("POST", f"/api/v1/risk/models/{version}/activate")
    if not reply.ok:
        abort(reply.status if reply.status in (403, 404) else 502)
    return redirect(url_for("ui.risk_province", notice="activated") + "#model-title")


@bp.get("/risk/province")
@login_required(*READERS)
def risk_province():
    open_flags = fetch("/api/v1/risk/flags")
    closed = fetch("/api/v1/risk/flags", status="closed")
    audit = fetch("/api/v1/risk/fairness")
    model = fetch_optional("/api/v1/risk/model") or {"trained": False}
    return render_template("risk/province.html", flags=open_flags, by_unit=_by_unit(open_flags),
                           outcomes=_outcomes(open_flags + closed), audit=audit, fairness=_fairness(audit),
                           model=model, calibration=_calibration(model), labels=labels(),
                           versions=fetch_optional("/api/v1/risk/models") or [], notice=notice_of(NOTICES),
                           breadcrumbs=[(_("Trang chủ"), url_for("ui.home")), (_("Cảnh báo sớm"), url_for("ui.risk")),
                                        (_("Toàn tỉnh"), None)])
