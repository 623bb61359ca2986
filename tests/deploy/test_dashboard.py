"""docs/grafana-dashboard.json: valid, and every query names a metric the service exports."""

from __future__ import annotations

import json
import re
from pathlib import Path

from prometheus_client.parser import text_string_to_metric_families

from app.observability import metrics

DASHBOARD = Path(__file__).resolve().parents[2] / "docs" / "grafana-dashboard.json"


def exported_names() -> set[str]:
    """Every series name the registry declares, samples or not."""
    suffixes = {"counter": ("_total",), "histogram": ("_bucket", "_count", "_sum"), "gauge": ("",)}
    return {
        fam.name + suffix
        for fam in text_string_to_metric_families(metrics.render()[0].decode())
        for suffix in suffixes[fam.type]
    }


def test_every_panel_queries_exported_metrics() -> None:
    dash = json.loads(DASHBOARD.read_text())
    exprs = [t["expr"] for p in dash["panels"] for t in p["targets"]]
    assert len(exprs) >= 10
    used = {m for e in exprs for m in re.findall(r"\b(etiquette_[a-z_]+)", e)}
    have = exported_names()
    assert used - have == set()
    assert len({p["id"] for p in dash["panels"]}) == len(dash["panels"])
