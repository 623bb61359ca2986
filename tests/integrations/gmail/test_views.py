"""The Gmail views ask the rules: thresholds in the rules' own words, recipients
from the typed evidence. A new rule renders with no change to the views."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

import pytest
from pydantic import Field

from app.domain import (
    Action,
    Evidence,
    EvidenceRecipients,
    Finding,
    Severity,
    ThresholdSource,
    Verdict,
)
from app.integrations.gmail import views
from app.integrations.gmail.cards import Card, DecoratedText
from app.integrations.gmail.drafts import DraftStatus
from app.integrations.gmail.events import Platform
from app.rules import sources
from app.rules.base import Context, Reads, Rule, RuleOptions, ThresholdPhrase
from app.rules.registry import RULES
from tests.conftest import make_policy

LINKS = views.Links("https://etiquette.example.org/gmail/addon")


def _texts(card: Card) -> list[DecoratedText]:
    return [w for s in card.sections for w in s.widgets if isinstance(w, DecoratedText)]


def _home_labels(policy: dict[str, Any]) -> dict[str, str | None]:
    card = views.home_card(make_policy(**policy), "St Mary's", True, LINKS)
    by_summary = {t.text: t.bottom_label for t in _texts(card)}
    return {r.code: by_summary[r.summary] for r in RULES if r.summary in by_summary}


@pytest.mark.parametrize(
    ("policy", "code", "label"),
    [
        ({}, "REC001", "More than 25 recipients"),
        (
            {"rules": {"REC001": {"max_recipients": 30}}},
            "REC001",
            "More than 30 recipients (school setting)",
        ),
        ({}, "REC002", "Reply-all to more than 10"),
        ({}, "REC003", "2 or more outside addresses in To/Cc"),
        (
            {"rules": {"ATT001": {"max_total_bytes": 20 * 1024 * 1024}}},
            "ATT001",
            "A file of 5 MB or 20 MB in all, to colleagues (school setting)",
        ),
        ({}, "OOH001", "Outside the school's working hours"),
        ({}, "SUB001", None),
        ({}, "PUP001", None),
    ],
)
def test_home_card_gives_each_rule_its_own_words(
    policy: dict[str, Any], code: str, label: str | None
) -> None:
    assert _home_labels(policy)[code] == label


def test_rules_off_or_in_silent_roll_out_are_not_on_the_home_card() -> None:
    labels = _home_labels({"rules": {"REC001": "off", "REC003": "silent"}})
    assert "REC001" not in labels and "REC003" not in labels and "REC002" in labels


def test_every_enabled_rule_is_on_the_home_card_with_its_threshold() -> None:
    policy = make_policy()
    labels = _home_labels({})
    for rule in RULES:
        assert labels[rule.code] == views.threshold(rule, policy.options(rule.code))


# -- a rule the views have never seen ---------------------------------------------------


class _WidgetOptions(RuleOptions):
    max_widgets: int = Field(default=3, description="Most widgets.")


class _TooManyWidgets(Rule[_WidgetOptions]):
    """Fake."""

    code = "WID001"
    name = "too-many-widgets"
    summary = "Too many widgets."
    source = sources.GROUP_EMAIL
    reads = Reads.RECIPIENTS
    Options = _WidgetOptions

    def describe_threshold(self, opts: _WidgetOptions) -> ThresholdPhrase:
        return ThresholdPhrase(
            f"More than {opts.max_widgets} widgets", opts.source_of("max_widgets")
        )

    def check(self, ctx: Context, opts: _WidgetOptions) -> Iterable[Finding]:
        return ()


@pytest.mark.parametrize(
    ("options", "label"),
    [
        ({}, "More than 3 widgets"),
        ({"max_widgets": 7}, "More than 7 widgets (school setting)"),
        ({"severity": "block"}, "More than 3 widgets"),
    ],
)
def test_a_new_rule_with_a_threshold_renders_without_a_view_change(
    options: dict[str, Any], label: str
) -> None:
    assert views.threshold(_TooManyWidgets(), _WidgetOptions.model_validate(options)) == label


def test_a_rule_without_a_threshold_has_no_line() -> None:
    class Plain(_TooManyWidgets):
        def describe_threshold(self, opts: _WidgetOptions) -> None:  # type: ignore[override]
            return None

    assert views.threshold(Plain(), _WidgetOptions()) is None


# -- recipients under a finding ----------------------------------------------------------


def _compose(evidence: Evidence) -> Card:
    finding = Finding(
        "WID001", "too-many-widgets", Severity.WARN, "Widgets", "Too many.", "§1", evidence
    )
    verdict = Verdict(Action.WARN, (finding,), 1, datetime(2026, 11, 18, 10, tzinfo=UTC))
    view = views.ComposeView(
        verdict=verdict,
        school="St Mary's",
        draft_status=DraftStatus.READ,
        platform=Platform.WEB,
        user_zone=None,
        school_zone=UTC,
        links=LINKS,
        secret="s" * 32,
        check_id="c1",
    )
    return views.compose_card(view)


def _listed(card: Card) -> list[str]:
    return [t.text for t in _texts(card) if t.top_label == "Recipients"]


@pytest.mark.parametrize(
    ("recipients", "shown"),
    [
        # However the rule knows them (with ``how`` or not), one shape for the view.
        (EvidenceRecipients(("a@gmail.com", "b@gmail.com")), ["a@gmail.com, b@gmail.com"]),
        (EvidenceRecipients(("a@gmail.com",), ("name_match",)), ["a@gmail.com"]),
        (
            EvidenceRecipients(tuple(f"p{i}@gmail.com" for i in range(7))),
            ["p0@gmail.com, p1@gmail.com, p2@gmail.com, p3@gmail.com, p4@gmail.com and 2 more"],
        ),
        (None, []),
    ],
)
def test_listed_recipients_come_from_the_evidence(
    recipients: EvidenceRecipients | None, shown: list[str]
) -> None:
    ev = Evidence(
        observed=len(recipients.addresses) if recipients else 0,
        threshold=1,
        threshold_source=ThresholdSource.DEFAULT,
        recipients=recipients,
    )
    assert _listed(_compose(ev)) == shown
