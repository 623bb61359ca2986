"""Error answers shared by several routers (one error shape: app/api/openapi.py).

The product's exceptions (``app/errors.py``) become HTTP answers here, by kind,
for every route: a route lets :class:`~app.errors.NotFound` or
:class:`~app.errors.Conflict` rise and the answer is ``{"detail": message}``
with 404 or 409. Routes still catch what needs a route-specific answer (a 422
naming a CSV's rows, a domain error in the body's terms).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from fastapi import FastAPI, HTTPException, Request, status
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError

from app.directory.csv_roster import MAX_PROBLEMS, RosterError
from app.errors import Conflict, EtiquetteError, NotFound

STATUS_BY_KIND: tuple[tuple[type[EtiquetteError], int], ...] = (
    (NotFound, status.HTTP_404_NOT_FOUND),
    (Conflict, status.HTTP_409_CONFLICT),
)


def _answer(code: int) -> Callable[[Request, Exception], Awaitable[JSONResponse]]:
    async def answer(_: Request, exc: Exception) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=code)

    return answer


def install_error_handlers(app: FastAPI) -> None:
    """Answer every route's errors of these kinds (subclasses too) the same way."""
    for kind, code in STATUS_BY_KIND:
        app.add_exception_handler(kind, _answer(code))
    app.add_exception_handler(OperationalError, database_unreachable)


async def database_unreachable(_: Request, __: Exception) -> JSONResponse:
    """The database unreachable (or refusing connections): a 503 that passes, not a 500.
    Checks do not get here: they answer from memory meanwhile."""
    return JSONResponse(
        {"detail": "The database is unreachable just now: try again in a minute."},
        status_code=status.HTTP_503_SERVICE_UNAVAILABLE,
        headers={"retry-after": "60"},
    )


def roster_422(exc: RosterError) -> HTTPException:
    """A CSV's problems, each naming its row and column (never the cell's value)."""
    return HTTPException(
        status.HTTP_422_UNPROCESSABLE_CONTENT,
        detail=[
            {
                "loc": [
                    "body",
                    *([p.row] if p.row is not None else []),
                    *([p.column] if p.column else []),
                ],
                "msg": str(p),
                "type": "csv",
            }
            for p in exc.items[:MAX_PROBLEMS]
        ],
    )
