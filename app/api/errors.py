"""Error answers shared by several routers (one error shape: app/api/openapi.py)."""

from __future__ import annotations

from fastapi import HTTPException, status

from app.directory.csv_roster import MAX_PROBLEMS, RosterError


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
