"""Outlook add-in: Entra ID tokens, Graph via On-Behalf-Of, Smart Alerts support."""
