"""Notifying the safeguarding lead (issue 12): triggers derived from the audit
events as they are written (:mod:`.service`), the notices' text
(:mod:`.render`), and the channels that carry them (:mod:`.channels`)."""
