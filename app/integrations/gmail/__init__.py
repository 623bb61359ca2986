"""Gmail: a Google Workspace add-on served over HTTP."""
