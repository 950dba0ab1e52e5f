"""A proposed new standard: last year's parameter file with the changed values (文件000 一（四）5).

Each year the 低保 standard is published by the end of March and applies from 1 April; the 特困
standards follow (一（五）5). A proposal is the current file copied with a new standard, a new id,
a new period of validity and a change record (``changes:``), so that it can be screened against the
roster (``calculators.roster.compare``) before it is published, and then kept as next year's file.

* ``propose_policy`` gives the proposal in memory (a ``Policy``, checked as any file is); the
  dashboard calls it on every slider move, so it writes nothing;
* ``proposal_text`` and ``write_proposal`` give the same proposal as a YAML file beside the others,
  the standard's ``source`` left for the officer to fill (``待填写：发布文件名称和文号``).

What follows the standard by itself: a floor or key aid given as a share of the standard, and a 特困
standard given as a multiple of it (the engine reads them from the standard). What a proposal may
redraw: the 特困 amounts (``tekun_centralized``, ``tekun_dispersed``) and, for a county paying by
income tiers (按档补差, 一（四）5.2（2）), the tier table: given tier by tier (``tiers``), or, when not
given, scaled in proportion to the standard (edges and amounts × new ÷ old standard, each rounded
half up to the yuan), because a tier table is drawn against the standard. Fixed class amounts
(按户类别定额) and a floor in yuan are kept as they are.

The file is written with PyYAML (ruamel.yaml is not a dependency): the base file's order of keys
is kept, its comments (the shipped files have none) are not.

Standard library only (the core; PyYAML is imported lazily, as ``input_files`` does).
"""
import copy
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from .errors import InputError
from .money import MONTHS_PER_YEAR, amount_text, positive_amount, round_amount, to_decimal, yuan
from .policy import REPO_POLICY_DIR, Policy, _catalogue, check_versions, list_policies, load_policy, parse_policy

TO_FILL = "待填写：发布文件名称和文号"


@dataclass(frozen=True)
class Change:
    """What a proposal changes, as the officer states it (yuan per person per year; tiers monthly)."""
    standard_annual: Decimal
    valid_from: date
    valid_until: date | None = None
    tekun_centralized: Decimal | None = None
    tekun_dispersed: Decimal | None = None
    tiers: tuple | None = None        # ((up_to or None, amount per person per month), …)
    new_id: str | None = None


def next_valid_from(base: Policy) -> date:
    """The day after the base file ends, or the next 1 April (一（四）5: 从当年4月1日起执行)."""
    if base.valid_until is not None:
        return base.valid_until + timedelta(days=1)
    month, day = base.standards.in_force_from
    return date(base.valid_from.year + 1, month, day)


def _amount(value, field: str) -> Decimal | None:
    return None if value is None else positive_amount(value, field)


def make_change(base: Policy, standard_annual, valid_from=None, valid_until=None, tekun_standard=None,
                tekun_centralized=None, tekun_dispersed=None, tiers=None, new_id=None) -> Change:
    """The officer's figures checked and typed (``tekun_standard`` sets both 特困 amounts)."""
    start = _date(valid_from, "valid_from") if valid_from is not None else next_valid_from(base)
    if start <= base.valid_from:
        raise InputError("valid_from", f"生效日期 {start} 应晚于 {base.id} 的生效日期 {base.valid_from}")
    end = _date(valid_until, "valid_until") if valid_until is not None else None
    if end is not None and end < start:
        raise InputError("valid_until", f"失效日期 {end} 早于生效日期 {start}")
    both = _amount(tekun_standard, "tekun_standard")
    return Change(_amount(standard_annual, "standard"), start, end,
                  _amount(tekun_centralized, "tekun_centralized") or both,
                  _amount(tekun_dispersed, "tekun_dispersed") or both,
                  None if tiers is None else _tier_rows(tiers), new_id)


def _date(value, field: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise InputError(field, f"“{value}”不是有效日期（格式 YYYY-MM-DD）") from None


def _tier_rows(tiers) -> tuple:
    rows = []
    for i, (up_to, amount) in enumerate(tiers):
        rows.append((None if up_to is None else to_decimal(up_to, f"tiers[{i}].up_to", minimum=0),
                     to_decimal(amount, f"tiers[{i}].amount", minimum=0)))
    if not rows:
        raise InputError("tiers", "按档补差须列出各档（上限:金额）")
    return tuple(rows)


def _plain(amount: Decimal):
    """A Decimal as YAML writes it: an integer when whole, else the exact decimal (read back exactly)."""
    return int(amount) if amount == amount.to_integral_value() else float(f"{amount:f}")


def scaled_tiers(base: Policy, standard_annual: Decimal) -> tuple:
    """The base tier table in proportion to the new standard, edges and amounts to the yuan (half up)."""
    factor = standard_annual / base.dibao.standard_annual
    return tuple((None if t.up_to is None else round_amount(t.up_to * factor, Decimal(1), "half_up"),
                  round_amount(t.amount * factor, Decimal(1), "half_up")) for t in base.dibao.payment.tiers)


def _standard(raw: dict, annual: Decimal) -> dict:
    """The standard as the base file states it (per month if the month is a whole number of fen)."""
    monthly = annual / MONTHS_PER_YEAR
    if raw.get("per") == "month" and monthly == monthly.quantize(Decimal("0.01")):
        return {"amount": _plain(monthly), "per": "month"}
    return {"amount": _plain(annual), "per": "year"}


def proposed_raw(raw: dict, base: Policy, change: Change) -> dict:
    """A copy of a policy mapping (a file's own, or ``base.raw``) with the change applied and recorded."""
    out = copy.deepcopy(raw)
    new_id = change.new_id or f"{base.jurisdiction}-{change.valid_from.year}"
    if new_id == base.id:
        raise InputError("id", f"新文件的编号与 {base.id} 相同，请另起编号")
    old_year, new_year = f"{base.valid_from.year}年", f"{change.valid_from.year}年"
    record = [f"由 {base.id} 调整：低保标准 {amount_text(base.dibao.standard_annual)} → "
              f"{amount_text(change.standard_annual)} 元/人·年"]
    dibao = out["dibao"]
    dibao["standard"] = {**_standard(dibao["standard"], change.standard_annual),
                         "source": f"{TO_FILL}（{record[0]}）"}
    record += _redraw_tiers(dibao["payment"], base, change) + _redraw_tekun(out, base, change)
    top = {"id": new_id, "name": str(out.get("name", new_id)).replace(old_year, new_year),
           "valid_from": change.valid_from, "valid_until": change.valid_until,
           "source": f"{TO_FILL}（其余各项沿用 {base.id}）", "changes": record}
    ordered = {}
    for key, value in out.items():
        if key not in ordered:
            ordered[key] = top.pop(key, value)
        if key == "valid_from" and "valid_until" in top:
            ordered["valid_until"] = top.pop("valid_until")
    ordered.update(top)
    if ordered.get("valid_until") is None:
        ordered.pop("valid_until", None)
    return ordered


def _redraw_tiers(payment: dict, base: Policy, change: Change) -> list:
    if base.dibao.payment.method != "income_tiers":
        if change.tiers is not None:
            raise InputError("tiers", f"{base.id} 不是按档补差，不能重划档次")
        return []
    tiers = change.tiers or scaled_tiers(base, change.standard_annual)
    how = "按新标准逐档重划" if change.tiers else "随标准同比例调整（取整到元）"
    payment["tiers"] = [({} if up_to is None else {"up_to": _plain(up_to)}) | {"amount": _plain(amount)}
                        for up_to, amount in tiers]
    shown = "；".join(f"{'以上' if u is None else f'不超过{yuan(u)}'}：{yuan(a)}" for u, a in tiers)
    return [f"档次{how}（月人均收入上限：每人每月补助）：{shown}"]


def _redraw_tekun(raw: dict, base: Policy, change: Change) -> list:
    amounts = {"centralized": change.tekun_centralized, "dispersed": change.tekun_dispersed}
    if not any(amounts.values()):
        return []
    if base.tekun is None:
        raise InputError("tekun_standard", f"{base.id} 没有特困供养部分，不能调整特困标准")
    if base.tekun.multiple_of_dibao is not None:
        raise InputError("tekun_standard", f"{base.id} 的特困标准按低保标准的{base.tekun.multiple_of_dibao:f}倍计，"
                                           "随低保标准自动调整，不另填金额")
    standard = raw["tekun"]["standard"]
    old = {"centralized": base.tekun.centralized_annual, "dispersed": base.tekun.dispersed_annual}
    record = []
    for care, name in (("centralized", "集中供养"), ("dispersed", "分散供养")):
        if amounts[care] is not None:
            standard[care] = {"amount": _plain(amounts[care]), "per": "year"}
            record.append(f"特困{name}标准 {amount_text(old[care])} → {amount_text(amounts[care])} 元/人·年")
    standard["source"] = f"{TO_FILL}（由 {base.id} 调整：{'；'.join(record)}）"
    return [f"由 {base.id} 调整：{line}" for line in record]


def propose_policy(base, standard_annual, valid_from=None, valid_until=None, tekun_standard=None,
                   tekun_centralized=None, tekun_dispersed=None, tiers=None, new_id=None) -> Policy:
    """The proposal in memory: ``base`` (a Policy or an id) with a new standard, checked as any file is.

    中文：在现行参数的基础上拟定新标准（不写文件），供测算和看板使用（一（四）5）。
    """
    base = load_policy(base)
    change = make_change(base, standard_annual, valid_from, valid_until, tekun_standard, tekun_centralized,
                         tekun_dispersed, tiers, new_id)
    raw = proposed_raw(base.raw, base, change)
    return parse_policy(raw, f"拟定（由 {base.id} 调整）")


# -- the file ------------------------------------------------------------------------------------

def _file_raw(base: Policy) -> dict:
    """The base file's own mapping (without the shared definitions merged in)."""
    files = _catalogue()[1]
    if base.id in files and files[base.id][1] == base.origin:
        return files[base.id][0]
    from .policy import _read_yaml

    return _read_yaml(Path(base.origin))


def proposal_text(raw: dict) -> str:
    """A policy mapping as YAML, in the file's own order, Chinese kept readable."""
    import yaml

    head = "# 拟定的参数文件（python -m calculators propose 生成）：发布前请填写各处“待填写”的来源。\n"
    return head + yaml.safe_dump(raw, allow_unicode=True, sort_keys=False, default_flow_style=False, width=110)


def write_proposal(base, output=None, force: bool = False, **figures) -> tuple:
    """Write the proposal beside the other files (``data/policies/<jurisdiction>-<year>.yaml``) or to
    ``output``; refuse to overwrite unless ``force``. The text written is read back and checked as
    any policy file is (and, beside the others, with the files of its jurisdiction: no overlapping
    validity) before the file is written. Returns (path, Policy)."""
    base = load_policy(base)
    change = make_change(base, **figures)
    text = proposal_text(proposed_raw(_file_raw(base), base, change))
    new_id = change.new_id or f"{base.jurisdiction}-{change.valid_from.year}"
    path = Path(output) if output else REPO_POLICY_DIR / f"{new_id}.yaml"
    if path.exists() and not force:
        raise InputError("-o", f"文件 {path} 已存在（如要覆盖，请加 --force）")
    from .input_files import parse_yaml
    from .policy import _load

    definitions = _catalogue()[0]
    policy = _load(parse_yaml(text, f"政策文件 {path.name}"), str(path), definitions)
    if path.resolve().parent == REPO_POLICY_DIR:      # beside the others: one file in force per day
        others = [p for p in list_policies() if Path(p.origin).name != path.name]
        check_versions(others + [policy])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path, policy
