"""Reading the files people give us (household JSON, policy YAML) strictly, before any rule sees them.

One reader for both: the text's encoding is detected (UTF-8 with or without BOM, or GBK/GB18030)
or refused with a clear message; sizes and nesting depth are limited; a key given twice is an
error, not a silent "the last one wins"; numbers must be finite and of a sane length. Every
refusal is an ``InputError`` naming the file (or field) in Chinese.

Standard library only (this runs in the browser); PyYAML is imported lazily, for policy files on disk.
"""
import json
import re

from .errors import InputError, shorten

MAX_FILE_BYTES = 1_000_000     # a household or a policy file is a few kilobytes
MAX_DEPTH = 20                 # household JSON nests four levels deep, policy files five
MAX_NUMBER_CHARS = 30
BOOL_TAG = "tag:yaml.org,2002:bool"


def decode(raw: bytes, what: str) -> str:
    """Bytes as text: UTF-8 (a BOM allowed) or GBK/GB18030; anything else is refused by name."""
    if len(raw) > MAX_FILE_BYTES:
        raise InputError(what, f"文件过大（{len(raw):,}字节，上限{MAX_FILE_BYTES:,}字节）")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in raw:
        raise InputError(what, "文件是 UTF-16 或二进制内容，请另存为 UTF-8 文本")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(what, "文件编码无法识别（支持 UTF-8 与 GBK/GB18030），请另存为 UTF-8 文本")


def read_file(path, what: str) -> str:
    """A file's text, decoded as ``decode`` does; an unreadable file is an InputError."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise InputError(what, f"无法读取文件 {shorten(path)}：{error.strerror}") from None
    return decode(raw, what)


def nesting_depth(text: str) -> int:
    """The deepest nesting of brackets and braces outside strings (checked before parsing, so that a
    100,000-deep file is refused instead of exhausting the parser's recursion)."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    return deepest


def _no_duplicates(what: str):
    def pairs(items):
        seen = {}
        for key, value in items:
            if key in seen:
                raise InputError(what, f"键“{shorten(key)}”出现了两次（只能出现一次）")
            seen[key] = value
        return seen
    return pairs


def _number(kind):
    """An over-long number is kept as its text, so that the field reading it refuses it by name
    (Python would refuse to convert 5,000 digits, or turn 1e400 into infinity)."""
    def parse(text: str):
        return text if len(text) > MAX_NUMBER_CHARS else kind(text)
    return parse


def _constant(what: str):
    def refuse(name: str):
        raise InputError(what, f"“{name}”不是有限的数字")
    return refuse


def parse_json(text: str, what: str):
    """JSON with duplicate keys, over-long numbers, NaN/Infinity and deep nesting refused."""
    if len(text) > MAX_FILE_BYTES:
        raise InputError(what, f"内容过长（上限{MAX_FILE_BYTES:,}个字符）")
    if nesting_depth(text) > MAX_DEPTH:
        raise InputError(what, f"嵌套层数过多（上限{MAX_DEPTH}层）")
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates(what), parse_int=_number(int),
                          parse_float=_number(float), parse_constant=_constant(what))
    except json.JSONDecodeError as error:
        raise InputError(what, f"不是有效的 JSON（第{error.lineno}行第{error.colno}列）") from None


def parse_yaml(text: str, what: str):
    """YAML (safe subset) with duplicate keys and deep nesting refused."""
    import yaml  # at the edge: the browser reads the JSON bundle instead

    class StrictLoader(yaml.SafeLoader):
        pass

    # YAML 1.2 booleans only: in YAML 1.1 a key ``on:`` (as in ``rounding: {on: person}``) would be
    # read as True, and the value silently lost.
    StrictLoader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != BOOL_TAG]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
    StrictLoader.add_implicit_resolver(BOOL_TAG, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))

    def mapping(loader, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = loader.construct_object(key_node, deep=deep)
            if key in seen:
                raise InputError(what, f"第{key_node.start_mark.line + 1}行：键“{shorten(key)}”出现了两次（只能出现一次）")
            seen.add(key)
        return loader.construct_mapping(node, deep=deep)

    def integer(loader, node):
        text = loader.construct_scalar(node)
        if len(text) > MAX_NUMBER_CHARS:       # kept as text: the field reading it refuses it by name
            return text
        return yaml.SafeLoader.construct_yaml_int(loader, node)

    StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
    StrictLoader.add_constructor("tag:yaml.org,2002:int", integer)
    if nesting_depth(text) > MAX_DEPTH:
        raise InputError(what, f"嵌套层数过多（上限{MAX_DEPTH}层）")
    try:
        return yaml.load(text, Loader=StrictLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"第{mark.line + 1}行" if mark else ""
        raise InputError(what, f"不是有效的 YAML{where}（{shorten(getattr(error, 'problem', '') or '格式有误')}）") \
            from None
    except RecursionError:
        raise InputError(what, f"嵌套层数过多（上限{MAX_DEPTH}层）") from None

