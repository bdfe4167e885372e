// iCalendar files read by a real parser (Debian's python3-icalendar).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";

// An iCalendar file as Debian's python3-icalendar reads it: {name, events:
// [{uid, summary, location, start (UTC, ISO), alarms: [trigger seconds]}]}.
export function readCalendar(text) {
  const py = `
import icalendar, json, sys
cal = icalendar.Calendar.from_ical(sys.stdin.read())
out = {"name": str(cal.get("X-WR-CALNAME")), "events": []}
for e in cal.walk("VEVENT"):
    out["events"].append({"uid": str(e["UID"]), "summary": str(e["SUMMARY"]), "location": str(e.get("LOCATION", "")),
        "start": e.decoded("DTSTART").isoformat(),
        "end": e.decoded("DTEND").isoformat() if "DTEND" in e else None,
        "alarms": [int(a.decoded("TRIGGER").total_seconds()) for a in e.walk("VALARM")]})
print(json.dumps(out))`;
  const r = spawnSync("/usr/bin/python3", ["-c", py], { input: text, encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}
