"""A failed condition: a code for programs and a Chinese sentence for people."""
from dataclasses import dataclass


@dataclass(frozen=True)
class Condition:
    code: str
    text: str

    def to_dict(self) -> dict:
        return {"code": self.code, "text": self.text}
