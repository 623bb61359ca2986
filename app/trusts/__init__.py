"""Multi-academy trusts: schools under a trust, shared sender domains and
identities, and policy inheritance (trust → school → staff group).

``overlay`` is pure (merge a trust's, a school's and staff groups' policy
overlays into the effective policy per sender); the store is
``app.store.trusts``; the admin API is ``app.api.trusts``; the CLI is
``app.trusts.cli``.
"""
