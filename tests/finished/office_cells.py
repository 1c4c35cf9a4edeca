"""Tables as offices fill them in: whole columns left blank, notes beside numbers, Chinese numerals,
a figure written as words. Each builds the tables of finished_corpus with some cells overridden."""

from __future__ import annotations

from .. import finished_corpus as C
from ..conftest import clean_values

LEGAL = ("commercial", "research", "welfare", "legal", "other")


def no_legal_persons() -> dict:
    """Printed values of an office whose applicants were all natural persons (the five 法人 columns 0)."""
    values = {k: 0 if k.startswith("t3_") and k.rsplit("_", 1)[1] in LEGAL else v for k, v in clean_values().items()}
    return C.printed_values(values)


def blank_legal_columns(values: dict) -> dict:
    """Table 三 with the five 法人或其他组织 columns left blank in every row (the office had none)."""
    override = {k: "" for k in values if k.startswith("t3_") and k.rsplit("_", 1)[1] in LEGAL}
    return C.standard_tables(values, override=override)
