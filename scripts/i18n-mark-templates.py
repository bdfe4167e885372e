#!/usr/bin/env python3
"""Wraps the human text of templates in {{#t}}...{{/t}} markers: every text
run between HTML tags and Mustache section tags that holds a letter, and the
placeholder, title, aria-label and alt attributes. Idempotent; review the
diff. A helper for bringing a template into the catalogs; the catalog test
(tests/i18n/check_catalogs.py) fails on any run left unmarked.
Usage: scripts/i18n-mark-templates.py TEMPLATE..."""
import re, sys

# HTML tags, Mustache section/comment/partial tags, and existing markers.
SPLIT = re.compile(r"(\{\{#t\}\}.*?\{\{/t\}\}|<!--.*?-->|<[^>]*>|\{\{[#^/!>][^}]*\}\})", re.S)
VAR = re.compile(r"\{\{\{?[^}]*\}?\}\}")
ENTITY = re.compile(r"&[a-zA-Z]+;|&#\d+;")
ATTR = re.compile(r'\b(placeholder|title|aria-label|alt)="([^"]*)"')


def has_words(text):
    return re.search(r"[A-Za-z]", ENTITY.sub("", VAR.sub("", text))) is not None


def mark_attrs(tag):
    def one(m):
        v = m.group(2)
        if "{{#t}}" in v or not has_words(v):
            return m.group(0)
        return f'{m.group(1)}="{{{{#t}}}}{v}{{{{/t}}}}"'
    return ATTR.sub(one, tag)


def mark(text):
    out = []
    # split() alternates text runs (even) and the tokens SPLIT matched (odd).
    for i, piece in enumerate(SPLIT.split(text)):
        if not piece:
            continue
        if i % 2 and not piece.startswith("<") or piece.startswith("<!--"):
            out.append(piece)
        elif i % 2:
            out.append(mark_attrs(piece))
        elif has_words(piece):
            lead = piece[: len(piece) - len(piece.lstrip())]
            trail = piece[len(piece.rstrip()):]
            out.append(f"{lead}{{{{#t}}}}{piece.strip()}{{{{/t}}}}{trail}")
        else:
            out.append(piece)
    return "".join(out)


def unmarked(text):
    """The text runs and attributes a person would read that are not marked."""
    found = []
    for i, piece in enumerate(SPLIT.split(text)):
        if not piece or i % 2 and not piece.startswith("<") or piece.startswith("<!--"):
            continue
        if i % 2:
            for m in ATTR.finditer(piece):
                if "{{#t}}" not in m.group(2) and has_words(m.group(2)):
                    found.append(m.group(0))
        elif has_words(piece):
            found.append(piece.strip())
    return found


if __name__ == "__main__":
    for path in sys.argv[1:]:
        src = open(path, encoding="utf-8").read()
        new = mark(src)
        if new != src:
            open(path, "w", encoding="utf-8").write(new)
            print("marked", path)
