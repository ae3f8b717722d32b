"""Compiled by specguard from the specs: do not edit; change the specs and run `specguard compile`.

Row models, one module per model: `from specguard_generated.rows.companion import CompanionRow`. `MODULES` maps
each model to its module; `row_model(name)` and `insert_model(name)` import one on first use, so an application
pays only for the models it uses.
"""

import importlib

import pydantic

MODULES: dict[str, str] = {
    "ChildItem": "child_item",
    "Everything": "everything",
}


def row_model(model: str) -> type[pydantic.BaseModel]:
    """The model of a row of ``model`` as the database holds it (``CompanionRow``)."""
    return _model_class(model, "Row")


def insert_model(model: str) -> type[pydantic.BaseModel]:
    """The model of an insert into ``model``, without the columns the database fills in (``CompanionInsert``)."""
    return _model_class(model, "Insert")


def _model_class(model: str, suffix: str) -> type[pydantic.BaseModel]:
    module = importlib.import_module(f"{__name__}.{MODULES[model]}")
    found = getattr(module, model + suffix)
    if not (isinstance(found, type) and issubclass(found, pydantic.BaseModel)):
        raise TypeError(f"{module.__name__}.{model}{suffix} is not a pydantic model")
    return found
