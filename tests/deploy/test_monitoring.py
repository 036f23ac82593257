"""deploy/monitoring/: the Prometheus alert rules and the Grafana dashboard parse, cover what an
operator must see (consumer lag, outbox age, dead letters, 5xx rate…), and every expression
names metrics the services really export, grouped by labels those metrics really have
(promtool is not available here, so this is the check that a renamed metric cannot slip by)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from prometheus_client.metrics import MetricWrapperBase

from cadre_shared import metrics

MONITORING = Path(__file__).resolve().parents[2] / "deploy" / "monitoring"
SUFFIXES = {"counter": ("_total",), "gauge": ("",), "histogram": ("_bucket", "_count", "_sum")}
PROMQL_WORDS = {"sum", "max", "min", "rate", "increase", "by", "histogram_quantile", "le", "humanizePercentage"}


def exported() -> dict[str, set[str]]:
    """Every series name the services export → its label names."""
    names = {}
    for metric in vars(metrics).values():
        if isinstance(metric, MetricWrapperBase):
            for suffix in SUFFIXES[metric._type]:
                labels = set(metric._labelnames) | ({"le"} if suffix == "_bucket" else set())
                names[metric._name + suffix] = labels
    return names


def rules() -> list[dict]:
    data = yaml.safe_load((MONITORING / "prometheus-rules.yaml").read_text(encoding="utf-8"))
    return [rule for group in data["groups"] for rule in group["rules"]]


def dashboard_exprs() -> list[str]:
    dashboard = json.loads((MONITORING / "grafana-dashboard.json").read_text(encoding="utf-8"))
    return [target["expr"] for panel in dashboard["panels"] for target in panel["targets"]]


def check_expression(expr: str) -> None:
    series = exported()
    used = set(re.findall(r"\bc360_[a-z0-9_]+\b", expr))
    assert used, f"no Cadre360 metric in {expr!r}"
    unknown = used - set(series)
    assert not unknown, f"{expr!r} names metrics nobody exports: {unknown}"
    labels = set().union(*(series[name] for name in used))
    grouped = {label.strip() for group in re.findall(r"\bby \(([^)]*)\)", expr) for label in group.split(",")}
    matched = set(re.findall(r"\{\s*(\w+)\s*[=!~]", expr)) | set(re.findall(r",\s*(\w+)\s*[=!~]", expr))
    assert grouped | matched <= labels, f"{expr!r} uses labels {sorted((grouped | matched) - labels)} it does not have"
    assert expr.count("(") == expr.count(")") and expr.count("{") == expr.count("}"), expr


@pytest.mark.parametrize("rule", rules(), ids=lambda r: r["alert"])
def test_every_alert_rule_is_complete_and_names_real_metrics(rule):
    assert re.fullmatch(r"Cadre360[A-Za-z]+", rule["alert"])
    assert rule["labels"]["severity"] in ("warning", "critical")
    assert rule["annotations"]["summary"]
    if "for" in rule:
        assert re.fullmatch(r"\d+[smh]", rule["for"])
    check_expression(rule["expr"])


def test_alerts_cover_lag_outbox_age_dead_letters_and_server_errors():
    exprs = " ".join(rule["expr"] for rule in rules())
    for needed in ("c360_consumer_lag", "c360_outbox_oldest_age_seconds", "c360_consumer_dead_lettered_total",
                   'c360_http_requests_total{status=~"5.."}'):
        assert needed in exprs, needed


@pytest.mark.parametrize("expr", dashboard_exprs())
def test_every_dashboard_query_names_real_metrics(expr):
    check_expression(expr)


def test_the_dashboard_shows_every_metric_the_services_export():
    shown = set(re.findall(r"\bc360_[a-z0-9_]+\b", " ".join(dashboard_exprs())))
    families = {name.removesuffix("_bucket").removesuffix("_total") for name in shown}
    for metric in vars(metrics).values():
        if isinstance(metric, MetricWrapperBase):
            assert metric._name in families, f"{metric._name} is on no panel"
