"""The first migration of the example application: every table, enum, key and index is new."""

from app import app
from irkit import catalog

NAME = "init"
OLD = catalog()
NEW = app()
