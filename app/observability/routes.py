"""``GET /metrics``: Prometheus text format, only with ``ETIQUETTE_METRICS_TOKEN``.

Without the setting the route answers 404, so a deployment that has not
chosen to expose metrics exposes nothing. Prometheus sends the token with
``authorization: {credentials_file: ...}`` in its scrape config.
"""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request, Response, status

from app.observability import metrics

router = APIRouter(tags=["operations"])


@router.get("/metrics", operation_id="metrics", include_in_schema=False)
def scrape(request: Request) -> Response:
    expected = request.app.state.settings.metrics_token
    if not expected:
        # The API's own 404 for an address it does not serve: nothing says metrics exist.
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="Not Found")
    if not metrics.token_ok(expected, request.headers.get("authorization")):
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            detail="the metrics token is missing or wrong (Authorization: Bearer <token>)",
            headers={"WWW-Authenticate": "Bearer"},
        )
    body, content_type = metrics.render()
    return Response(body, media_type=content_type)
