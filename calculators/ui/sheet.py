"""The 估算单: one A4 page the family takes to the township, printed or downloaded.

It shows the family as entered, the answer and the steps in plain words, what to bring and
where to apply (文件000 一（四）1.1, quoted), what happens next (the publicity days come from
the policy through ``publicity_schedule``), and the estimate disclaimer. ``standalone_page``
is the downloaded file: a whole HTML page with a phone viewport and its own print rules.
"""
import base64
from dataclasses import dataclass
from datetime import date

from ..markup import esc
from ..review import publicity_schedule
from ..sources import DOCUMENTS, cite
from ..widgets import ESTIMATE_NOTE
from .plain import county_name, day_text, plain_notes, plain_steps, policy_period, verdict_html

# 文件000 一（四）1.1, verbatim: what to hand in and where.
APPLY_CLAUSE = ("申请人以家庭为单位向户籍所在地的乡镇人民政府提出书面申请，提交居民身份证和户口簿复印件，"
                "填写《居民家庭收入及财产状况申明书》《居民家庭经济状况核对授权书》。家庭成员申请有困难的，"
                "可以委托村（居）民委员会代为提出申请。")
MATERIALS = ("书面申请（写明家里的困难，申请低保）",
             "家庭成员的居民身份证复印件",
             "户口簿复印件",
             "《居民家庭收入及财产状况申明书》（到乡镇领取，如实填写）",
             "《居民家庭经济状况核对授权书》（签字，同意核对收入和财产）")
WHERE = "户籍所在地的乡镇人民政府（街道办事处）；自己申请有困难的，可以请村（居）民委员会代为申请。"
SOURCE_000 = DOCUMENTS["000"].short

SHEET_CSS = """
.doudi-q-sheet { font-size: 16px; line-height: 1.5; color: #111; max-width: 760px; }
.doudi-q-sheet h2 { font-size: 20px; margin: 0 0 4px; }
.doudi-q-sheet h3 { font-size: 16px; margin: 10px 0 2px; }
.doudi-q-sheet p, .doudi-q-sheet ol, .doudi-q-sheet ul { margin: 2px 0; }
.doudi-q-sheet ol, .doudi-q-sheet ul { padding-left: 1.4em; }
.doudi-q-sheet table { border-collapse: collapse; width: 100%; }
.doudi-q-sheet th, .doudi-q-sheet td { border: 1px solid #999; padding: 2px 6px; text-align: left; vertical-align: top; }
.doudi-q-sheet .doudi-q-amount { font-weight: bold; font-size: 1.2em; }
.doudi-q-sheet .doudi-q-warning { border: 1px solid #b00020; color: #b00020; padding: 4px; }
.doudi-q-sheet .doudi-q-small, .doudi-q-sheet .doudi-q-cite { color: #444; font-size: 16px; }
.doudi-q-sheet .doudi-q-note { border: 1px solid #d4a72c; background: #fff8c5; padding: 4px; }
@media print {
  .doudi-q-sheet { font-size: 11.5px; line-height: 1.35; max-width: none; }
  .doudi-q-sheet h2 { font-size: 16px; } .doudi-q-sheet h3 { font-size: 12.5px; margin-top: 6px; }
  .doudi-q-sheet .doudi-q-small, .doudi-q-sheet .doudi-q-cite { font-size: 10px; }
  .doudi-q-sheet .doudi-q-note { background: none; }
}
"""

PAGE_CSS = """
html { -webkit-text-size-adjust: 100%; }
body { margin: 12px; font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", sans-serif; }
@page { size: A4; margin: 12mm; }
@media print { body { margin: 0; } }
"""


@dataclass
class FamilyRow:
    """One line of the family as entered: who, and what was said about them."""
    who: str
    about: str


def next_steps(policy, today: date) -> list:
    """What happens after the application, with the publicity days from the policy."""
    township, county = publicity_schedule(today, policy)
    return [
        f"乡镇组织工作人员上门入户调查，核实家里的人口、收入和财产（{SOURCE_000} 一（四）3）。",
        f"经申请人签字授权，核对家庭经济状况（{SOURCE_000} 一（四）1.1）。",
        f"村里召开民主评议会，核实调查结果是否真实完整，不是投票（{cite('review.group')}）。",
        f"乡镇的审核意见在村务公开栏公示{township.days}天（{township.source}）；"
        f"县民政部门拟批准的名单再公示{county.days}天（{county.source}）。",
        f"县民政部门审批；批准后按月发放低保金（{cite('payment.items')}）。",
    ]


def sheet_html(a, family: list, today: date) -> str:
    """The sheet's content, inside ``<div class="doudi-q-sheet">``."""
    period = policy_period(a.policy, today)
    rows = "".join(f"<tr><td>{esc(r.who)}</td><td>{esc(r.about)}</td></tr>" for r in family)
    steps = "".join(f"<li>{s}</li>" for s in plain_steps(a, tap=False))
    notes = "".join(f"<li>{n}</li>" for n in plain_notes(a, tap=False))
    materials = "".join(f"<li>{esc(m)}</li>" for m in MATERIALS)
    after = "".join(f"<li>{esc(s)}</li>" for s in next_steps(a.policy, today))
    warning = f'<p class="doudi-q-warning">{esc(period.warning)}</p>' if period.warning else ""
    return (
        f'<div class="doudi-q-sheet"><h2>农村低保估算单</h2>'
        f'<p class="doudi-q-small">{esc(county_name(a.policy))}　标准适用期：{esc(period.text)}　'
        f"估算日期：{day_text(today)}</p>{warning}"
        f"<h3>一、家庭情况（按填写）</h3><table><tbody>{rows}</tbody></table>"
        f"<h3>二、估算结果</h3>{verdict_html(a)}<ol>{steps}</ol>"
        + (f"<ul>{notes}</ul>" if notes else "")
        + f"<h3>三、申请要带的材料</h3><ol>{materials}</ol>"
        f'<p class="doudi-q-cite">原文：“{esc(APPLY_CLAUSE)}”（{esc(cite("dibao.conditions"))}）</p>'
        f"<h3>四、到哪里申请</h3><p>{esc(WHERE)}</p>"
        f"<h3>五、接下来会怎样</h3><ol>{after}</ol>"
        f'<p class="doudi-q-note"><b>说明：</b>{esc(ESTIMATE_NOTE)}</p></div>')


def standalone_page(a, family: list, today: date) -> str:
    """The downloadable 估算单: a whole page that reads well on a phone and prints on one A4."""
    return ('<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>农村低保估算单</title><style>{PAGE_CSS}{SHEET_CSS}</style></head>"
            f"<body>{sheet_html(a, family, today)}</body></html>")


def download_link(page: str, label: str = "下载估算单") -> str:
    """A link that saves the standalone page (a data: URL, so it works with no server)."""
    data = base64.b64encode(page.encode("utf-8")).decode("ascii")
    return (f'<a class="doudi-q-download" download="低保估算单.html" '
            f'href="data:text/html;charset=utf-8;base64,{data}">{esc(label)}</a>')
