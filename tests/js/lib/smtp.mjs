// A local SMTP sink for tests: speaks enough of RFC 5321 (EHLO/HELO,
// MAIL, RCPT, DATA, RSET, NOOP, QUIT) for libcurl to deliver, and keeps
// every message as {from, to: [...], data} with the dot-stuffing undone.
import { createServer } from "node:net";

export async function startSmtpSink() {
  const messages = [];
  const server = createServer((sock) => {
    let buf = "", inData = false, msg = null;
    const say = (line) => sock.write(line + "\r\n");
    say("220 sink ESMTP");
    sock.on("data", (chunk) => {
      buf += chunk.toString("utf8");
      let at;
      while ((at = buf.indexOf("\r\n")) >= 0) {
        const line = buf.slice(0, at);
        buf = buf.slice(at + 2);
        if (inData) {
          if (line === ".") {
            inData = false;
            messages.push(msg);
            say("250 queued");
          } else {
            msg.data += (line.startsWith("..") ? line.slice(1) : line) + "\r\n";
          }
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO" || verb === "HELO") say("250 sink");
        else if (verb === "MAIL") { msg = { from: line.slice(10).trim(), to: [], data: "" }; say("250 ok"); }
        else if (verb === "RCPT") { msg.to.push(line.slice(8).trim()); say("250 ok"); }
        else if (verb === "DATA") { inData = true; say("354 go ahead"); }
        else if (verb === "QUIT") { say("221 bye"); sock.end(); }
        else say("250 ok");  // RSET, NOOP
      }
    });
    sock.on("error", () => {});
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `smtp://127.0.0.1:${server.address().port}`,
    messages,
    stop: () => new Promise((resolve) => server.close(resolve)),
  };
}

// The decoded subject and body of a message the sink kept.
export function decodeMail(data) {
  const [head, body] = data.split("\r\n\r\n");
  const subject = head.match(/^Subject: =\?UTF-8\?B\?([^?]+)\?=/m);
  return {
    head,
    subject: subject ? Buffer.from(subject[1], "base64").toString("utf8") : "",
    body: Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8"),
  };
}
