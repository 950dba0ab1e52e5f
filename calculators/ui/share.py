"""The share link: a household in the page's URL fragment, so it never reaches a server.

Form: ``#dq1=<base64url of compact JSON>``; ``dq`` names the questionnaire, ``1`` is the
format version. The JSON is ``{"p": policy id, "h": household JSON (the engine's form)}``.
Decoding checks everything and says in Chinese what is wrong with a broken link. Pure standard
library plus the engine's household check.
"""
import base64
import binascii
import json
import re
from dataclasses import dataclass

from ..errors import InputError
from ..household import parse_household
from ..policy import load_policy

KEY = "dq"
VERSION = 1
_FRAGMENT = re.compile(r"^#?dq(\d+)=(.*)$", re.S)
BROKEN = "这个分享链接不完整或已损坏，无法读出家庭情况。请让发送人重新复制完整的链接。"


class ShareError(ValueError):
    """A share link that cannot be read; ``message`` is Chinese, for the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class Shared:
    policy_id: str
    household: dict


def encode(household: dict, policy_id: str) -> str:
    """The fragment (with its ``#``) that stands for this household under this policy."""
    text = json.dumps({"p": policy_id, "h": household}, ensure_ascii=False, separators=(",", ":"))
    data = base64.urlsafe_b64encode(text.encode("utf-8")).decode("ascii").rstrip("=")
    return f"#{KEY}{VERSION}={data}"


def is_share_fragment(fragment: str) -> bool:
    """Is this fragment ours? A section anchor such as ``#结果`` is not."""
    return bool(_FRAGMENT.match((fragment or "").strip()))


def decode(fragment: str) -> Shared | None:
    """The household a fragment carries; None when the fragment is not a share link.

    Raises ``ShareError`` with a Chinese message when it is one but cannot be used.
    """
    found = _FRAGMENT.match((fragment or "").strip())
    if not found:
        return None
    version, data = int(found.group(1)), found.group(2)
    if version != VERSION:
        raise ShareError("这个分享链接是用另一版本的计算器生成的，本页面读不了。请打开发送人所用的同一网页，或重新填写。")
    try:
        raw = base64.urlsafe_b64decode(data + "=" * (-len(data) % 4))
        payload = json.loads(raw.decode("utf-8"))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise ShareError(BROKEN) from None
    if not isinstance(payload, dict) or not isinstance(payload.get("h"), dict) or not isinstance(payload.get("p"), str):
        raise ShareError(BROKEN)
    try:
        load_policy(payload["p"])
    except InputError:
        raise ShareError("分享链接里的县（市）政策文件在本网站上找不到，请重新填写。") from None
    try:
        parse_household(payload["h"])
    except InputError as error:
        raise ShareError(f"分享链接里的家庭情况有误（{error.message}），请重新填写。") from None
    return Shared(payload["p"], payload["h"])
