#!/usr/bin/env python3
"""Catalog completeness (issue 13): every string marked in a template
({{#t}}…{{/t}}) or in C++ (Tr, TrN, T, TN) has a non-empty, non-fuzzy
translation in po/zh_CN.po and po/en.po; no catalog entry is unused; and
each translation keeps its msgid's placeholders ({{name}} and {name}).
Templates may hold no human text outside the markers. Exit 1 with every
problem listed."""
import os, re, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PLACEHOLDER = re.compile(r"\{\{[^}]+\}\}|\{[a-z_]+\}")


def unquote(s):
    s = s.strip()
    assert s.startswith('"') and s.endswith('"'), s
    return bytes(s[1:-1], "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")


def parse(path):
    """{msgid: {"plural": str|None, "strs": [..], "fuzzy": bool}} (no header, no obsolete)."""
    entries, cur, field = {}, None, None
    def flush():
        if cur and cur.get("msgid"):
            entries[cur["msgid"]] = cur
    for line in open(path, encoding="utf-8").read().split("\n"):
        if line.startswith("#~") or not line.strip():
            if line.startswith("#~"):
                continue
            flush(); cur, field = None, None
            continue
        if line.startswith("#,"):
            flush(); cur = {"msgid": None, "plural": None, "strs": [], "fuzzy": "fuzzy" in line}
            continue
        if line.startswith("#"):
            if cur is None or cur.get("msgid") is not None:
                flush(); cur = {"msgid": None, "plural": None, "strs": [], "fuzzy": False}
            continue
        if cur is None:
            cur = {"msgid": None, "plural": None, "strs": [], "fuzzy": False}
        m = re.match(r'(msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")$', line)
        if m:
            field = m.group(1)
            value = unquote(m.group(2))
            if field == "msgid":
                if cur.get("msgid") is not None:
                    flush(); cur = {"msgid": None, "plural": None, "strs": [], "fuzzy": False}
                cur["msgid"] = value
            elif field == "msgid_plural":
                cur["plural"] = value
            else:
                cur["strs"].append(value)
        elif line.startswith('"'):
            value = unquote(line)
            if field == "msgid": cur["msgid"] += value
            elif field == "msgid_plural": cur["plural"] += value
            elif field and field.startswith("msgstr"): cur["strs"][-1] += value
    flush()
    return entries


def main():
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, "procura.pot")
        subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "i18n-extract.py"), "--pot", pot], check=True)
        wanted = parse(pot)
    if len(wanted) < 20:
        problems.append(f"only {len(wanted)} marked strings found: is extraction broken?")
    for lang in ("zh_CN", "en"):
        have = parse(os.path.join(ROOT, "po", f"{lang}.po"))
        for msgid, w in wanted.items():
            e = have.get(msgid)
            if e is None:
                problems.append(f"{lang}: missing: {msgid!r}")
            elif e["fuzzy"] or not e["strs"] or any(not s for s in e["strs"]):
                problems.append(f"{lang}: untranslated or fuzzy: {msgid!r}")
            else:
                want = sorted(set(PLACEHOLDER.findall(msgid)))
                for s in e["strs"]:
                    if sorted(set(PLACEHOLDER.findall(s))) != want:
                        problems.append(f"{lang}: placeholders differ: {msgid!r} → {s!r}")
        for msgid in have:
            if msgid not in wanted:
                problems.append(f"{lang}: unused entry (remove it, or run scripts/i18n-extract.py --update): {msgid!r}")
    problems += unmarked_template_text()
    for p in problems:
        print(p)
    print(f"{len(wanted)} marked strings; {len(problems)} problems")
    return 1 if problems else 0


def unmarked_template_text():
    """Human text in a template that is not inside {{#t}}...{{/t}}."""
    import glob, importlib.util
    spec = importlib.util.spec_from_file_location(
        "mark", os.path.join(ROOT, "scripts", "i18n-mark-templates.py"))
    mark = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mark)
    out = []
    for path in sorted(glob.glob(os.path.join(ROOT, "templates", "*.mustache"))):
        for text in mark.unmarked(open(path, encoding="utf-8").read()):
            out.append(f"{os.path.basename(path)}: not marked for translation: {text!r}")
    return out


if __name__ == "__main__":
    sys.exit(main())
