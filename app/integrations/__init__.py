"""Host integrations: Outlook (Office.js, Entra ID, Graph) and Gmail (HTTP add-on)."""
