#!/usr/bin/env python3
"""Fills empty msgstr entries of a .po file from a JSON dictionary
{msgid: msgstr | [plural forms]}: a helper for bulk translation; translators
normally use Poedit. `--same` fills every empty msgstr with its msgid (the
English catalog). Usage: scripts/i18n-fill.py PO [--dict FILE | --same]"""
import json, re, sys

def unquote(s):
    return json.loads(s) if s.startswith('"') else s

def quote(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'

def main():
    po, mode = sys.argv[1], sys.argv[2]
    table = json.load(open(sys.argv[3], encoding="utf-8")) if mode == "--dict" else None
    lines = open(po, encoding="utf-8").read().split("\n")
    out, i, missing = [], 0, []
    while i < len(lines):
        line = lines[i]
        if line.startswith("msgid ") and line != 'msgid ""':
            msgid = unquote(line[6:])
            out.append(line); i += 1
            plural = None
            if lines[i].startswith("msgid_plural "):
                plural = unquote(lines[i][13:]); out.append(lines[i]); i += 1
            forms = []
            while i < len(lines) and lines[i].startswith("msgstr"):
                forms.append(lines[i]); i += 1
            empty = all(f.endswith('""') for f in forms)
            if not empty:
                out.extend(forms); continue
            if table is None:
                vals = [msgid, plural] if plural is not None else [msgid]
            elif msgid in table:
                v = table[msgid]; vals = v if isinstance(v, list) else [v]
            else:
                missing.append(msgid); out.extend(forms); continue
            if plural is None:
                out.append("msgstr " + quote(vals[0]))
            else:
                n = len(forms)
                for k in range(n):
                    out.append(f"msgstr[{k}] " + quote(vals[min(k, len(vals) - 1)]))
            continue
        out.append(line); i += 1
    open(po, "w", encoding="utf-8").write("\n".join(out))
    for m in missing:
        print("untranslated:", m)
    return 0

sys.exit(main())
