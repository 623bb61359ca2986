"""deploy/k8s: every manifest valid against the Kubernetes schemas (offline, with
kubernetes-validate), the overlay built as kustomize would, and what the issue
asks of the workload."""

from __future__ import annotations

import copy
from functools import cache
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
BASE = ROOT / "deploy" / "k8s" / "base"
OVERLAY = ROOT / "deploy" / "k8s" / "overlays" / "example-trust"
K8S_VERSION = "1.30.0"  # the oldest version the manifests use features of (preStop sleep)

Doc = dict[str, Any]


def kustomization(path: Path) -> Doc:
    data: Doc = yaml.safe_load((path / "kustomization.yaml").read_text())
    return data


@cache
def base() -> tuple[Doc, ...]:
    docs = []
    for name in kustomization(BASE)["resources"]:
        docs.extend(d for d in yaml.safe_load_all((BASE / name).read_text()) if d)
    return tuple(docs)


def _pointer(doc: Doc, path: str) -> tuple[Any, str]:
    parts = [p.replace("~1", "/").replace("~0", "~") for p in path.strip("/").split("/")]
    node: Any = doc
    for p in parts[:-1]:
        node = node[int(p)] if isinstance(node, list) else node[p]
    return node, parts[-1]


def _apply_json6902(doc: Doc, ops: list[Doc]) -> None:
    for op in ops:
        parent, key = _pointer(doc, op["path"])
        if op["op"] == "replace":
            assert key in parent, f"replace of a missing {op['path']}"
            parent[key] = op["value"]
        elif op["op"] == "add":
            parent[key] = op["value"]
        else:  # pragma: no cover - the overlay uses add/replace only
            raise AssertionError(op["op"])


def _image(doc: Doc, images: list[Doc]) -> None:
    spec = doc.get("spec", {})
    pod = spec.get("jobTemplate", {}).get("spec", spec).get("template", {}).get("spec", {})
    for c in pod.get("containers", []):
        for img in images:
            if c["image"] == img["name"]:
                c["image"] = f"{img.get('newName', img['name'])}:{img['newTag']}"


def build(path: Path) -> list[Doc]:
    """What ``kustomize build`` makes of the base or the overlay (the features used here)."""
    k = kustomization(path)
    docs = [copy.deepcopy(d) for d in base()]
    images = kustomization(BASE).get("images", [])
    if path != BASE:
        for p in k.get("patches", []):
            targets = [
                d
                for d in docs
                if d["kind"] == p["target"]["kind"] and d["metadata"]["name"] == p["target"]["name"]
            ]
            assert len(targets) == 1, p["target"]
            _apply_json6902(targets[0], yaml.safe_load(p["patch"]))
        for d in docs:
            d["metadata"]["namespace"] = k["namespace"]
        images = k.get("images", images)
    for d in docs:
        _image(d, images)
    return docs


@pytest.mark.parametrize("path", [BASE, OVERLAY], ids=["base", "overlay"])
def test_manifests_are_valid(path: Path) -> None:
    docs = build(path)
    assert len(docs) >= 10
    for d in docs:
        # strict: an unknown or misspelt field is an error, not silently dropped.
        kubernetes_validate.validate(d, K8S_VERSION, strict=True)


@pytest.mark.parametrize(
    ("kind", "mutate"),
    [
        ("Deployment", lambda d: d["spec"].__setitem__("replicas", "two")),
        ("Deployment", lambda d: d["spec"]["template"]["spec"].__setitem__("securityContxt", {})),
        ("Service", lambda d: d["spec"]["ports"][0].__setitem__("port", "http")),
        ("CronJob", lambda d: d["spec"].pop("jobTemplate")),
    ],
)
def test_validation_catches_mistakes(kind: str, mutate: Any) -> None:
    doc = copy.deepcopy(next(d for d in build(BASE) if d["kind"] == kind))
    mutate(doc)
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(doc, K8S_VERSION, strict=True)


def by_kind(docs: list[Doc], kind: str) -> list[Doc]:
    return [d for d in docs if d["kind"] == kind]


def pod_specs(docs: list[Doc]) -> list[Doc]:
    out = []
    for d in docs:
        spec = d.get("spec", {})
        spec = spec.get("jobTemplate", {}).get("spec", spec)
        if "template" in spec:
            out.append(spec["template"]["spec"])
    return out


def test_workload_shape() -> None:
    docs = build(BASE)
    kinds = {d["kind"] for d in docs}
    assert {
        "Deployment",
        "Service",
        "HorizontalPodAutoscaler",
        "PodDisruptionBudget",
        "Job",
        "CronJob",
        "ConfigMap",
        "NetworkPolicy",
    } <= kinds
    (dep,) = by_kind(docs, "Deployment")
    assert dep["spec"]["replicas"] >= 2
    assert dep["spec"]["strategy"]["rollingUpdate"]["maxUnavailable"] == 0
    (c,) = dep["spec"]["template"]["spec"]["containers"]
    assert c["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert c["livenessProbe"]["httpGet"]["path"] == "/healthz"
    assert c["resources"]["requests"] and c["resources"]["limits"]
    refs = {next(iter(e.values()))["name"] for e in c["envFrom"]}
    assert refs == {"etiquette-config", "etiquette-secrets"}
    (hpa,) = by_kind(docs, "HorizontalPodAutoscaler")
    assert hpa["spec"]["minReplicas"] >= 2
    cron = {d["metadata"]["name"]: d for d in by_kind(docs, "CronJob")}
    assert set(cron) == {"etiquette-directory-sync", "etiquette-retention"}
    (job,) = by_kind(docs, "Job")
    assert job["spec"]["template"]["spec"]["containers"][0]["args"] == ["etiquette", "migrate"]
    (cm,) = by_kind(docs, "ConfigMap")
    assert cm["data"]["ETIQUETTE_MIGRATE_ON_START"] == "false"
    # No secret value anywhere in the manifests: they come from the Secret.
    assert not by_kind(docs, "Secret")
    for key in ("ETIQUETTE_SECRET_KEY", "DATABASE_URL", "ETIQUETTE_METRICS_TOKEN"):
        assert key not in cm["data"]


def test_every_pod_meets_the_restricted_profile() -> None:
    specs = pod_specs(build(BASE))
    assert len(specs) == 4  # deployment, migration job, two cronjobs
    for pod in specs:
        sc = pod["securityContext"]
        assert sc["runAsNonRoot"] is True and sc["runAsUser"] != 0
        assert sc["seccompProfile"]["type"] == "RuntimeDefault"
        assert pod["automountServiceAccountToken"] is False
        for c in pod["containers"]:
            csc = c["securityContext"]
            assert csc["allowPrivilegeEscalation"] is False
            assert csc["readOnlyRootFilesystem"] is True
            assert csc["capabilities"]["drop"] == ["ALL"]
            assert c["resources"]["limits"]["memory"]


def test_overlay_changes_what_it_says() -> None:
    docs = build(OVERLAY)
    assert {d["metadata"]["namespace"] for d in docs} == {"etiquette-trust"}
    (dep,) = by_kind(docs, "Deployment")
    assert dep["spec"]["replicas"] == 3
    assert dep["spec"]["template"]["spec"]["containers"][0]["image"].startswith("registry.")
    (hpa,) = by_kind(docs, "HorizontalPodAutoscaler")
    assert hpa["spec"]["minReplicas"] == 3
    (pdb,) = by_kind(docs, "PodDisruptionBudget")
    assert pdb["spec"]["minAvailable"] < dep["spec"]["replicas"]


@pytest.mark.parametrize("path", [BASE, OVERLAY])
def test_the_directory_sync_job_runs_the_sync_engine(path: Path) -> None:
    from app.cli import build_parser
    from app.directory.sync.cli import cmd_sync

    docs = build(path)
    cron = {d["metadata"]["name"]: d for d in by_kind(docs, "CronJob")}
    pod = cron["etiquette-directory-sync"]["spec"]["jobTemplate"]["spec"]["template"]["spec"]
    (c,) = pod["containers"]
    # `etiquette sync` against the database (every due source, under the lease), not
    # an upload through the API: the command the CLI knows as the sync engine's.
    assert c["args"] == ["etiquette", "sync"]
    assert build_parser().parse_args(c["args"][1:]).func is cmd_sync
    # CSV sources read the MIS export where the service resolved their paths.
    (cm,) = by_kind(docs, "ConfigMap")
    mounts = {m["mountPath"]: m["name"] for m in c["volumeMounts"]}
    volumes = {v["name"]: v for v in pod["volumes"]}
    mis = volumes[mounts[cm["data"]["ETIQUETTE_SYNC_FILES_DIR"]]]
    assert mis["persistentVolumeClaim"]["claimName"] == "etiquette-mis-export"
    # One place runs the syncs: the service's own scheduler is off.
    assert cm["data"]["ETIQUETTE_SYNC_ENABLED"] == "false"
