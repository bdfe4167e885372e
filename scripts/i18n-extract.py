#!/usr/bin/env python3
"""Extracts procura's translatable strings into po/procura.pot.

Sources: C++ under src/ through xgettext (keywords Tr:2, TrN:2,3 for
i18n::Catalogs; T:1, TN:1,2, Tf:2, TfN:2,3 for the page and admin contexts'
shortcuts) and
the templates' {{#t}}...{{/t}} markers. With --update, also merges the
template into po/zh_CN.po and po/en.po with msgmerge (new strings arrive
untranslated; translate them in Poedit or any .po editor).

    scripts/i18n-extract.py [--update]
    scripts/i18n-extract.py --pot FILE      (write the template elsewhere; tests)
"""
import argparse, glob, os, re, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MARKER = re.compile(r"\{\{#t\}\}(.*?)\{\{/t\}\}", re.S)


def po_quote(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def template_entries():
    out = {}
    for path in sorted(glob.glob(os.path.join(ROOT, "templates", "*.mustache"))):
        text = open(path, encoding="utf-8").read()
        for m in MARKER.finditer(text):
            line = text.count("\n", 0, m.start()) + 1
            out.setdefault(m.group(1), []).append(f"templates/{os.path.basename(path)}:{line}")
    return out


def write_pot(path):
    sources = sorted(
        os.path.relpath(p, ROOT)
        for p in glob.glob(os.path.join(ROOT, "src", "**", "*.cc"), recursive=True)
        if not p.endswith("_test.cc"))
    with tempfile.NamedTemporaryFile("w+", suffix=".pot", delete=False) as cxx, \
         tempfile.NamedTemporaryFile("w+", suffix=".pot", delete=False) as tmpl:
        pass
    subprocess.run(["xgettext", "--language=C++", "--from-code=UTF-8", "--no-wrap", "--sort-by-file",
                    "--keyword=Tr:2", "--keyword=TrN:2,3", "--keyword=T:1,1t", "--keyword=T:2,2t",
                    "--keyword=TN:1,2,3t", "--keyword=N_", "--keyword=Tf:2", "--keyword=TfN:2,3", "--keyword=Plural:1,2",
                    "--package-name=procura", "-o", cxx.name, *sources], cwd=ROOT, check=True)
    with open(tmpl.name, "w", encoding="utf-8") as f:
        f.write('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n')
        for msgid, refs in template_entries().items():
            f.write(f"#: {' '.join(refs)}\n#, no-c-format\nmsgid {po_quote(msgid)}\nmsgstr \"\"\n\n")
    have_cxx = os.path.exists(cxx.name) and os.path.getsize(cxx.name) > 0
    inputs = ([cxx.name] if have_cxx else []) + [tmpl.name]
    subprocess.run(["msgcat", "--no-wrap", "--use-first", "-o", path, *inputs], check=True)
    os.unlink(cxx.name)
    os.unlink(tmpl.name)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--update", action="store_true")
    ap.add_argument("--pot", default=os.path.join(ROOT, "po", "procura.pot"))
    a = ap.parse_args()
    write_pot(a.pot)
    if a.update:
        for lang in ("zh_CN", "en"):
            po = os.path.join(ROOT, "po", f"{lang}.po")
            subprocess.run(["msgmerge", "--quiet", "--update", "--backup=none", "--no-wrap",
                            "--no-fuzzy-matching", po, a.pot], check=True)
            subprocess.run(["msgattrib", "--no-obsolete", "--no-wrap", "-o", po, po], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
