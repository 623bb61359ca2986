"""The directory keeps itself current: run a source, guard the result, apply or hold it.

``engine`` runs one source once (``sync_source``) and decides pending runs
(``approve`` / ``reject``); ``scheduler`` runs due sources in the service,
one instance at a time; ``cli`` is ``etiquette sync``.
"""
