"""The one error type for bad input: it names the field and speaks Chinese."""


class InputError(ValueError):
    """Bad input from a user, a file or a roster.

    ``field`` is a path such as ``members[0].age`` or ``dibao.standard.amount``;
    ``message`` is a Chinese sentence a cadre can act on.
    """

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}：{message}")
        self.field = field
        self.message = message

    def to_dict(self) -> dict:
        return {"field": self.field, "message": self.message}
