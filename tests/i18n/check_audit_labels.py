#!/usr/bin/env python3
"""Every audit action the code writes reads in words on the audit page.
An action is a dotted code whose first part names an audited area
("article.publish", "dues.pay-month"); each one found as a string literal
in src/ (tests aside) must have a row in src/core/audit_labels.cc's table,
and every row must still be written somewhere. Exit 1 with every problem."""
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


def written_codes(areas):
    found = {}
    for dirpath, _, files in os.walk(os.path.join(ROOT, "src")):
        for name in files:
            path = os.path.join(dirpath, name)
            if not name.endswith(".cc") or name.endswith("_test.cc") or path == TABLE:
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
    for p in problems:
        print(p)
    print(f"{len(codes)} labelled actions, {len(written)} written; {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
