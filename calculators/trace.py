"""The explanation trace: every number says how it was computed and which clause says so."""
from dataclasses import dataclass, field
from decimal import Decimal

from .money import cents


@dataclass(frozen=True)
class Step:
    label: str            # Chinese: what this step is
    formula: str          # Chinese/maths: how it was worked out, with the values used
    value: object         # the result (Decimal, bool, int, str or None)
    source: str           # the clause (or parameter file) that says so

    def to_dict(self) -> dict:
        return {"label": self.label, "formula": self.formula,
                "value": json_value(self.value), "source": self.source}


@dataclass
class Trace:
    steps: list = field(default_factory=list)

    def add(self, label: str, formula: str, value, source: str):
        self.steps.append(Step(label, formula, value, source))
        return value

    def note(self, label: str, text: str, source: str):
        """A step with no number: an assumption, a special case, a section not applied."""
        self.steps.append(Step(label, text, None, source))


def json_value(value):
    """Decimal money as a JSON number with at most two decimals."""
    if isinstance(value, Decimal):
        shown = cents(value)
        return int(shown) if shown == shown.to_integral_value() else float(shown)
    return value
