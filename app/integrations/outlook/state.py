"""What the Outlook integration keeps for the life of the app: settings, the
token validator (with its cached signing keys) and the Graph refiner (with its
caches). Installed on ``app.state.outlook`` by the adapter's mount
(:class:`~app.integrations.outlook.adapter.OutlookHost`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.integrations.outlook.graph import GraphRefiner
from app.integrations.outlook.settings import OutlookSettings
from app.integrations.outlook.tokens import EntraValidator


@dataclass(slots=True)
class OutlookState:
    settings: OutlookSettings
    validator: EntraValidator
    graph: GraphRefiner

    @classmethod
    def create(cls, settings: OutlookSettings) -> OutlookState:
        return cls(settings, EntraValidator(settings), GraphRefiner(settings))


def outlook_state(app: Any) -> OutlookState | None:
    """The app's Outlook state, or None if the integration is not mounted."""
    state: OutlookState | None = getattr(app.state, "outlook", None)
    return state
