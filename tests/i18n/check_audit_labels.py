#!/usr/bin/env python3
"""Every audit action the code writes reads in words on the audit page.
An action is a dotted code whose first part names an audited area
("article.publish", "dues.pay-month"); each one found as a string literal
in src/ (tests aside) must have a row in src/core/audit_labels.cc's table,
and every row must still be written somewhere. The same for the detail
phrases of src/core/audit_details.cc: each names an action of the table,
and the text around its {values} is still in a writer's source, so a
reworded detail cannot silently stop being translated. Exit 1 with every
problem."""
import os, re, sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TABLE = os.path.join(ROOT, "src/core/audit_labels.cc")
ROW = re.compile(r'^\s*\{"([a-z_.-]+)", N_\(', re.M)
LITERAL = re.compile(r'"([a-z]+(?:\.[a-z_-]+)+)"')
# Dotted literals that are file names or hosts, not actions.
NOT_ACTION = re.compile(r"\.(jpg|png|gif|pdf|docx?|xlsx|csv|zip|db|lock|key|mo|new|json|html|exe|gov\.cn|example|shards)$")


def table_codes():
    text = open(TABLE, encoding="utf-8").read()
    actions = text[text.index("kActions[]"):text.index("kObjects[]")]
    return ROW.findall(actions)


DETAILS = os.path.join(ROOT, "src/core/audit_details.cc")
DETAIL_ROW = re.compile(r'^\s*\{"([a-z_.-]+)", N_\("((?:[^"\\]|\\.)*)"\)\}', re.M)


def sources():
    for dirpath, _, files in os.walk(os.path.join(ROOT, "src")):
        for name in files:
            path = os.path.join(dirpath, name)
            if name.endswith(".cc") and not name.endswith("_test.cc") and path not in (TABLE, DETAILS):
                yield path, open(path, encoding="utf-8").read()


def detail_problems(codes):
    rows = DETAIL_ROW.findall(open(DETAILS, encoding="utf-8").read())
    problems = [] if rows else ["src/core/audit_details.cc: no phrases found (has the table's form changed?)"]
    text = "\n".join(body for _, body in sources())
    for action, phrase in rows:
        if action not in codes:
            problems.append(f"src/core/audit_details.cc: {phrase!r} is for {action!r}, which is no audit action")
        for part in re.split(r"\{[a-z_]+\}", phrase):
            if len(part.strip()) >= 3 and part not in text:
                problems.append(f"src/core/audit_details.cc: {phrase!r}: no writer writes {part!r} any more")
    return problems, len(rows)


def written_codes(areas):
    found = {}
    for dirpath, _, files in os.walk(os.path.join(ROOT, "src")):
        for name in files:
            path = os.path.join(dirpath, name)
            if not name.endswith(".cc") or name.endswith("_test.cc") or path in (TABLE, DETAILS):
                continue
            for code in LITERAL.findall(open(path, encoding="utf-8").read()):
                if code.split(".")[0] in areas and not NOT_ACTION.search(code):
                    found.setdefault(code, os.path.relpath(path, ROOT))
    return found


def main():
    codes = table_codes()
    problems = [f"listed twice in the table: {c}" for c in sorted({c for c in codes if codes.count(c) > 1})]
    areas = {c.split(".")[0] for c in codes}
    written = written_codes(areas)
    problems += [f"{where}: audit action {c!r} has no label in src/core/audit_labels.cc"
                 for c, where in sorted(written.items()) if c not in codes]
    # "login" and "logout" have no dot; the table keeps them all the same.
    problems += [f"src/core/audit_labels.cc: {c!r} is labelled but never written"
                 for c in codes if "." in c and c not in written]
    more, phrases = detail_problems(codes)
    problems += more
    for p in problems:
        print(p)
    print(f"{len(codes)} labelled actions, {len(written)} written, {phrases} detail phrases; {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
