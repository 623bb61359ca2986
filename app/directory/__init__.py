"""Who is who: the directory snapshot and its loaders (MIS CSV, Graph, Google)."""

from app.directory.model import Directory, Group
from app.people import Person, Relationship

__all__ = ["Directory", "Group", "Person", "Relationship"]
