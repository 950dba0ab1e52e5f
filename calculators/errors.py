"""The one error type for bad input: it names the field and speaks Chinese."""
import argparse
import difflib
import re


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
    """A value as echoed in a message: cut to ``limit`` characters, invalid characters replaced."""
    text = str(value).encode("utf-8", "replace").decode("utf-8")
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


ARGPARSE_MESSAGES = (   # argparse's own English errors, in Chinese (the rest are passed on shortened)
    (r"the following arguments are required: (.*)", "缺少必填参数：{0}"),
    (r"argument (\S+): invalid choice: '(.*?)' \(choose from (.*)\)", "参数 {0}：“{1}”不是可选值（可选：{2}）"),
    (r"argument (\S+): invalid (\w+) value: '(.*)'", "参数 {0}：“{2}”不是有效的数值"),
    (r"argument (\S+): expected one argument", "参数 {0} 后面须跟一个值"),
    (r"unrecognized arguments: (.*)", "不认识的参数：{0}"),
    (r"argument (\S+): ignored explicit argument '(.*)'", "参数 {0} 不接受值“{1}”"),
)


class ChineseArgumentParser(argparse.ArgumentParser):
    """argparse whose errors are one Chinese line on stderr, with exit status 2 (as for bad input)."""

    def error(self, message):
        for pattern, chinese in ARGPARSE_MESSAGES:
            match = re.fullmatch(pattern, message, flags=re.S)
            if match:
                message = chinese.format(*(shorten(g, 40) for g in match.groups()))
                break
        else:
            message = shorten(message, 120)
        self.exit(2, f"输入有误：{message}（用法见 {self.prog} --help）\n")
