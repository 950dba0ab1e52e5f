"""argparse for the command lines (``python -m calculators``, ``… screen``): errors as one Chinese line.

Kept apart from ``errors`` so that the engine's error type does not bring argparse (and gettext)
into the browser, where there is no command line.
"""
import argparse
import re

from .errors import shorten

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
