"""What an operator watches: Prometheus metrics, JSON logs with a request id.

Nothing here ever carries message content: metric labels are closed sets
(client host, rule code, action, outcome, route template, status), and log
lines carry the route template, never the raw path or query.
"""
