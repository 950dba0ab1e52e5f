"""The one error type for bad input: it names the field and speaks Chinese."""
import difflib


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


def shorten(value, limit: int = 30) -> str:
    """A value as echoed in a message: cut to ``limit`` characters, invalid characters replaced,
    control characters written as escapes (``\\r``)."""
    text = str(value).encode("utf-8", "replace").decode("utf-8")
    # control and invisible characters (a line break would split the one-line message) as escapes
    text = "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
    return text if len(text) <= limit else text[:limit] + "…"


def unknown_key_error(field: str, key, known) -> InputError:
    """An unknown key, with the nearest known key suggested (a misspelling must not pass silently)."""
    text = shorten(key, 10_000)
    shown = shorten(key)
    near = difflib.get_close_matches(text, sorted(str(k) for k in known), n=1, cutoff=0.6) or \
        difflib.get_close_matches(text.lower(), sorted(str(k) for k in known), n=1, cutoff=0.6)
    hint = f"，是否应为“{near[0]}”？" if near else f"（可用：{'、'.join(sorted(str(k) for k in known))}）"
    return InputError(field, f"不认识的键“{shown}”{hint}")


def missing_key_error(field: str, key: str, given) -> InputError:
    """A required key is missing. When a key given beside it looks like a misspelling of it, name that one."""
    near = difflib.get_close_matches(key, [str(k) for k in given], n=1, cutoff=0.6) or \
        [k for k in (str(g) for g in given) if k.lower() == key.lower()]
    if near:
        where = field[: -len(key)] + near[0] if field.endswith(key) else field
        return InputError(where, f"不认识的键“{shorten(near[0])}”，是否应为“{key}”？")
    return InputError(field, "必须填写")
