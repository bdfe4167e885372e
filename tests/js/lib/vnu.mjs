// The Nu HTML Checker (vnu-jar, Java). validate() throws if the checker did
// not run (no Java, a crash), so a missing validator can never pass a test.
import { execFile } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const VNU = require.resolve("vnu-jar/build/dist/vnu.jar");

// Validates HTML files; resolves ["file:line: message", ...] for every
// error and warning.
export function validate(files) {
  return new Promise((resolve, reject) => {
    execFile("java", ["-Xss4m", "-jar", VNU, "--format", "json", ...files], { maxBuffer: 1 << 24 },
      (err, stdout, stderr) => {
        let report;
        try {
          report = JSON.parse(stderr || stdout);
        } catch {
          return reject(new Error(`the HTML checker did not run: ${err?.message ?? ""} ${stderr}`));
        }
        resolve(report.messages.filter((m) => m.type === "error" || m.subType === "warning")
          .map((m) => `${m.url.split("/").pop()}:${m.lastLine}: ${m.message}`));
      });
  });
}
