"""The shipped coefficients are what ``train_scorer`` fits from the training
data, and scoring is the logistic of a dot product over them."""

from __future__ import annotations

import math

import pytest

from app.names._evidence import Candidate, Model, score, shipped_scorer


def test_score_is_the_logistic_of_a_dot_product() -> None:
    model = Model(-1.0, {"form:first": 0.5, "first:word": -2.0, "context_near": 1.5})
    c = Candidate(0, 0, "first", "detector", {"form:first": 1.0, "first:word": 0.5}, [])
    c.feats["context_near"] = 1.0
    score(c, model)
    logit = -1.0 + 0.5 - 1.0 + 1.5
    assert c.logit == pytest.approx(logit)
    assert c.score == pytest.approx(1 / (1 + math.exp(-logit)))


def test_a_weak_form_adds_its_own_weight_to_a_shared_feature() -> None:
    model = Model(0.0, {"context_near": 1.0, "last:context_near": 2.0})
    assert model.table("last")["context_near"] == 3.0
    assert model.table("full")["context_near"] == 1.0


def test_shipped_coefficients_are_reproducible() -> None:
    pytest.importorskip("sklearn")
    from app.names.data import train_scorer

    if not train_scorer.ENRON.exists():
        pytest.skip("shared/data (Enron-Meetings train split) is not beside the checkout")
    fitted = train_scorer.train(train_scorer.enron_examples())
    shipped = shipped_scorer()
    for got, want in ((fitted.directory, shipped.directory), (fitted.detector, shipped.detector)):
        assert got.intercept == pytest.approx(want.intercept, abs=0.02)
        for k in set(got.weights) | set(want.weights):
            assert got.weights.get(k, 0.0) == pytest.approx(want.weights.get(k, 0.0), abs=0.02), k
