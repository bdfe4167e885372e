// Reads an XLSX file back with an independent reader (Debian's
// python3-openpyxl, run by /usr/bin/python3: another python on PATH may lack it), so a test checks what a spreadsheet program sees.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";

const READ = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], data_only=False)
out = {}
for ws in wb.worksheets:
    out[ws.title] = [[c for c in row] for row in ws.iter_rows(values_only=True)]
print(json.dumps(out, ensure_ascii=False, default=str))
`;

const DETAIL = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = {}
for ws in wb.worksheets:
    out[ws.title] = {
        "formats": [[c.number_format for c in row] for row in ws.iter_rows()],
        "widths": {k: v.width for k, v in ws.column_dimensions.items()},
        "merged": [str(r) for r in ws.merged_cells.ranges],
        "frozen": ws.freeze_panes,
    }
print(json.dumps(out, ensure_ascii=False))
`;

const WRITE = `
import json, sys, openpyxl
wb = openpyxl.Workbook()
ws = wb.active
for row in json.load(open(sys.argv[2], encoding="utf-8")):
    ws.append(row)
wb.save(sys.argv[1])
`;

// Runs an openpyxl `script` on the workbook `buf`; its JSON output.
function readWith(script, buf) {
  const dir = mkdtempSync(join(tmpdir(), "procura-xlsx-"));
  try {
    const file = join(dir, "book.xlsx");
    writeFileSync(file, buf);
    const r = spawnSync("/usr/bin/python3", ["-c", script, file], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`openpyxl could not read the workbook: ${r.stderr}`);
    return JSON.parse(r.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// {sheetName: [[cell, ...], ...]} of an XLSX buffer.
export const readXlsx = (buf) => readWith(READ, buf);

// {sheetName: {formats: [[number_format]], widths: {A: 12}, merged: ["A1:G1"],
// frozen: "A3"}}: how a spreadsheet program will show the workbook.
export const readXlsxLayout = (buf) => readWith(DETAIL, buf);

// An XLSX buffer with `rows` on its first sheet, written by openpyxl.
export function writeXlsx(rows) {
  const dir = mkdtempSync(join(tmpdir(), "procura-xlsx-"));
  try {
    const file = join(dir, "book.xlsx");
    writeFileSync(join(dir, "rows.json"), JSON.stringify(rows));
    const r = spawnSync("/usr/bin/python3", ["-c", WRITE, file, join(dir, "rows.json")], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`openpyxl could not write: ${r.stderr}`);
    return readFileSync(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
