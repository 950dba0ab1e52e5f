"""``assess`` on arbitrary JSON, and on real households with arbitrary JSON put in one place: the
command line answers with exit 0 (a result) or 2 (one Chinese line), never a traceback."""
import json

from catalogue import FULL, SUMMARY, Case, run_case, verdict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

KEYS = st.sampled_from(["size", "income", "members", "incomes", "amount", "per", "kind", "sex", "age", "relation",
                        "id", "father", "spouse", "disability", "type", "grade", "supporters", "hukou",
                        "family_size", "months", "mu", "crop"]) | st.text(max_size=8)
SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12)
JSON = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=5),
                    max_leaves=25)
SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                            HealthCheck.too_slow])


def paths(data, prefix=()):
    """Every place in a JSON value: dict keys and list indexes."""
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from paths(value, prefix + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from paths(value, prefix + (index,))


def replaced(data, path, value):
    data = json.loads(json.dumps(data))
    if not path:
        return value
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return data


PLACES = [(base, path) for base in (FULL, SUMMARY) for path in paths(base)]


def assert_no_traceback(data, tmp_path):
    text = json.dumps(data, ensure_ascii=False)
    case = Case("arbitrary", ["assess", "{file}"], "accept", (), text.encode("utf-8", "surrogatepass"))
    outcome = run_case(case, tmp_path)
    assert outcome.code in (0, 2), outcome.trace or outcome.err
    if outcome.code == 2:        # refused: judged as a refusal (one Chinese line, nothing on stdout)
        refusal = verdict(Case("arbitrary", [], "refuse"), outcome)
        assert refusal.category == "good", refusal.detail


@SETTINGS
@given(JSON)
def test_arbitrary_json_is_answered_or_refused_in_one_line(tmp_path, data):
    assert_no_traceback(data, tmp_path)


@SETTINGS
@given(st.sampled_from(PLACES), JSON)
def test_a_real_household_with_arbitrary_json_in_one_place_is_answered_or_refused(tmp_path, place, value):
    base, path = place
    assert_no_traceback(replaced(base, path, value), tmp_path)
