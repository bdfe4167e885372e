// Branch committee posts held before (离任): a post given up, ended by a
// transfer or by the branch's dissolution is kept with the days it was
// held, on the member's page and their branch's, and counts for the
// training requirement of the years the member held it at the year's end.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, tempDir, queryDb } from "../lib/server.mjs";
import { addUser, Client } from "../lib/newsroom.mjs";

Client.defaultLang = "en";

// Today at the site's +08:00.
const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
const year = Number(today.slice(0, 4));

let srv, dir, branch, secretary, other, deputy;
before(async () => {
  dir = tempDir();
  srv = await startServer({ dataDir: dir });
  await srv.stop();
  // A branch whose secretary's day is not on record, and another branch.
  [secretary, branch] = queryDb(dir, "SELECT member_id || '|' || unit_id FROM member_posts WHERE post = 'secretary' AND since = '' ORDER BY unit_id LIMIT 1").trim().split("|");
  other = queryDb(dir, `SELECT id FROM org_units WHERE kind = 'branch' AND id <> ${branch} ORDER BY id LIMIT 1`).trim();
  deputy = queryDb(dir, `SELECT id FROM members WHERE branch_id = ${branch} AND id NOT IN (SELECT member_id FROM member_posts) AND status = 'full' ORDER BY id LIMIT 1`).trim();
  assert.ok(secretary && branch && other && deputy, "the demo has the people");
  addUser(dir, "officer", ["records-officer"]);
  srv = await startServer({ dataDir: dir, demo: false });
});
after(async () => { await srv.stop(); });

const name = (m) => queryDb(dir, `SELECT name FROM members WHERE id = ${m}`).trim();
const unitName = (u) => queryDb(dir, `SELECT name FROM org_units WHERE id = ${u}`).trim();

test("a post given up is kept among the member's former posts and the branch's", async () => {
  const c = new Client(srv);
  await c.signIn("officer");
  let page = (await c.get(`/admin/org/members/${secretary}`)).body;
  assert.doesNotMatch(page, /id="former-posts"/, "none yet");
  // The secretary becomes deputy: the secretary post ends today, the new one starts.
  let r = await c.post(`/admin/org/members/${secretary}/posts`, { posts_shown: "1", post: "deputy-secretary" });
  assert.equal(r.status, 303, r.body.slice(0, 300));
  page = (await c.get(`/admin/org/members/${secretary}`)).body;
  assert.match(page, new RegExp(`<dt>Posts held before</dt><dd id="former-posts"><ul class="former-posts"><li>Secretary, ${unitName(branch)}: until <span class="date">${today}</span> <form method="post" action="/admin/org/members/${secretary}/former-posts/\\d+/delete" class="inline">[^]*?</form></li></ul></dd>`));
  assert.match(page, new RegExp(`<dt>Posts</dt><dd>Deputy secretary \\(since ${today}\\)</dd>`));
  // A post kept is not ended: saving the same posts again adds nothing.
  r = await c.post(`/admin/org/members/${secretary}/posts`, { posts_shown: "1", post: "deputy-secretary" });
  assert.equal(r.status, 303);
  assert.equal(queryDb(dir, `SELECT count(*) FROM member_post_history WHERE member_id = ${secretary}`).trim(), "1");
  // The branch's page: who held which post, when.
  const roster = (await c.get(`/admin/org/branches/${branch}`)).body;
  assert.match(roster, /<h2 id="former-committee-h">Former committee members<\/h2>/);
  assert.match(roster, new RegExp(`<tr><td><a href="/admin/org/members/${secretary}">${name(secretary)}</a></td><td data-label="Post">Secretary</td><td data-label="From">not recorded</td><td data-label="To">${today}</td></tr>`));
});

// Each post the form offers can be given: 宣传委员 used to be refused by
// the database, which spelled it differently from the form.
test("every committee post the member page offers can be given, and is shown by its name", async () => {
  const c = new Client(srv);
  await c.signIn("officer");
  const page = (await c.get(`/admin/org/members/${deputy}`)).body;
  const offered = [...page.matchAll(/<input type="checkbox" id="post-([a-z-]+)" name="post" value="\1"/g)].map((m) => m[1]);
  assert.ok(offered.length >= 5 && offered.includes("publicity-member"), JSON.stringify(offered));
  for (const post of offered.filter((p) => p !== "secretary")) {
    const r = await c.post(`/admin/org/members/${deputy}/posts`, { posts_shown: "1", post });
    assert.equal(r.status, 303, `${post}: ${r.body.slice(0, 300)}`);
    assert.equal(queryDb(dir, `SELECT post FROM member_posts WHERE member_id = ${deputy}`).trim(), post, "the one post given");
  }
  assert.match((await c.get(`/admin/org/members/${deputy}`)).body, /id="post-discipline-member" name="post" value="discipline-member" checked/);
  let r = await c.post(`/admin/org/members/${deputy}/posts`, { posts_shown: "1", post: "publicity-member" });
  assert.match((await c.get(`/admin/org/branches/${branch}`)).body, new RegExp(`<a href="/admin/org/members/${deputy}">[^<]+</a></td><td data-label="Post">Propaganda committee member</td>`));
  r = await c.post(`/admin/org/members/${deputy}/posts`, { posts_shown: "1" });
  assert.equal(r.status, 303);
  assert.equal(queryDb(dir, `SELECT count(*) FROM member_posts WHERE member_id = ${deputy}`).trim(), "0");
});

test("a transfer ends the posts in the old branch, with the day each was taken", async () => {
  const c = new Client(srv);
  await c.signIn("officer");
  let r = await c.post(`/admin/org/members/${deputy}/posts`, { posts_shown: "1", post: "organization-member", "since-organization-member": "2021-03-01" });
  assert.equal(r.status, 303, r.body.slice(0, 300));
  r = await c.post(`/admin/org/members/${deputy}/transfer`, { branch: other, note: "工作调动" });
  assert.equal(r.status, 303);
  assert.equal(queryDb(dir, `SELECT count(*) FROM member_posts WHERE member_id = ${deputy}`).trim(), "0", "no post in the new branch");
  const page = (await c.get(`/admin/org/members/${deputy}`)).body;
  assert.match(page, new RegExp(`<li>Organization committee member, ${unitName(branch)}: <span class="date">2021-03-01</span> to <span class="date">${today}</span> <form [^]*?</form></li>`));
  // The old branch keeps them in its history; the new one has none of theirs.
  assert.match((await c.get(`/admin/org/branches/${branch}`)).body, new RegExp(`<a href="/admin/org/members/${deputy}">[^<]+</a></td><td data-label="Post">Organization committee member</td><td data-label="From">2021-03-01</td>`));
  assert.ok(!(await c.get(`/admin/org/branches/${other}`)).body.includes(`<a href="/admin/org/members/${deputy}">${name(deputy)}</a></td><td data-label="Post">`));
});

test("the training requirement follows the post held at each year's end", async () => {
  const c = new Client(srv);
  await c.signIn("officer");
  const category = async (y, m) => {
    const body = (await c.get(`/admin/training/hours?year=${y}&all=1`)).body;
    const row = body.match(new RegExp(`<a href="/admin/org/members/${m}/training">[^<]+</a></th><td class="wide" data-label="Branch">[^<]*</td><td class="wide" data-label="Category">([^<]+)<`));
    assert.ok(row, `member ${m} in ${y}`);
    return row[1];
  };
  // Until today a committee member: so at the end of last year; not at this year's end.
  assert.equal(await category(year - 1, deputy), "Secretary / committee");
  assert.equal(await category(year, deputy), "Member");
  // The former secretary is deputy now: a committee member either way.
  assert.equal(await category(year, secretary), "Secretary / committee");
  // The member's archive says the same of this year.
  const archive = (await c.get(`/admin/org/members/${deputy}/training`)).body;
  assert.match(archive, new RegExp(`id="year-${year}-summary">[^<]* of 32 required`));
});

test("a dissolution ends every post of the branch on its day", async () => {
  const c = new Client(srv);
  await c.signIn("officer");
  const held = queryDb(dir, `SELECT count(*) FROM member_posts WHERE unit_id = ${other}`).trim();
  assert.ok(Number(held) > 0);
  const before = Number(queryDb(dir, `SELECT count(*) FROM member_post_history WHERE unit_id = ${other}`).trim());
  const r = await c.post(`/admin/org/branches/${other}/dissolve`, { day: today, move_to: branch, note: "", confirm: "1" });
  assert.equal(r.status, 303, r.body.slice(0, 400));
  assert.equal(queryDb(dir, `SELECT count(*) FROM member_posts WHERE unit_id = ${other}`).trim(), "0");
  assert.equal(Number(queryDb(dir, `SELECT count(*) FROM member_post_history WHERE unit_id = ${other} AND ended_on = '${today}'`).trim()), before + Number(held));
  assert.match((await c.get(`/admin/org/branches/${other}`)).body, /id="former-committee"/, "a dissolved branch shows who led it");
});

test("a post held before procura is recorded from paper, named by field when wrong, and deleted when recorded by mistake", async () => {
  const c = new Client(srv);
  await c.signIn("officer");
  const plain = queryDb(dir, `SELECT id FROM members WHERE branch_id = ${branch} AND status = 'full' AND joined_date < '2010-01-01' AND id NOT IN (SELECT member_id FROM member_posts) AND id NOT IN (SELECT member_id FROM member_post_history) ORDER BY id LIMIT 1`).trim();
  assert.ok(plain, "a long-standing member with no posts");
  const rows = () => queryDb(dir, `SELECT post || '|' || unit_id || '|' || since || '|' || ended_on FROM member_post_history WHERE member_id = ${plain} ORDER BY id`).trim();
  let page = (await c.get(`/admin/org/members/${plain}`)).body;
  assert.match(page, /<details class="add-form" id="add-former-post">\s*<summary>Record a post held before<\/summary>/);
  assert.match(page, new RegExp(`<option value="${other}">${unitName(other)} \\(dissolved ${today}\\)</option>`), "a dissolved branch can be chosen");

  const tomorrow = new Date(Date.now() + 8 * 3600e3 + 86400e3).toISOString().slice(0, 10);
  let r = await c.post(`/admin/org/members/${plain}/former-posts`, { post: "chairman", unit: "abc", since: "1900-01-01", until: tomorrow });
  assert.equal(r.status, 422);
  assert.match(r.body, /<details class="add-form" id="add-former-post" open>/, "the form stays open");
  for (const [field, text] of [["post", "Choose a post from the list."], ["unit", "Choose the branch from the list."], ["since", "A post is taken after joining the Party"], ["until", "A post held before ended today or earlier"]]) {
    assert.ok(r.body.includes(`id="fp-${field}-error">${text}`), field);
    assert.match(r.body, new RegExp(`<a href="#fp-${field}">`), `the summary links to ${field}`);
  }
  assert.match(r.body, /id="fp-since" name="since" value="1900-01-01"/, "what was typed is kept");
  r = await c.post(`/admin/org/members/${plain}/former-posts`, { post: "secretary", unit: other, since: "2020-05-01", until: "2019-01-01" });
  assert.equal(r.status, 422);
  assert.ok(r.body.includes('id="fp-until-error">The post ended before it was taken.'));
  assert.equal(rows(), "", "nothing stored");

  const until = `${year - 2}-06-30`;
  r = await c.post(`/admin/org/members/${plain}/former-posts`, { post: "secretary", unit: other, since: "2019-01-01", until });
  assert.equal(r.status, 303, r.body.slice(0, 600));
  assert.equal(r.headers.location, `/admin/org/members/${plain}?done=added#former-posts`);
  assert.equal(rows(), `secretary|${other}|2019-01-01|${until}`);
  page = (await c.get(`/admin/org/members/${plain}`)).body;
  assert.match(page, new RegExp(`<li>Secretary, ${unitName(other)}: <span class="date">2019-01-01</span> to <span class="date">${until}</span> <form method="post" action="/admin/org/members/${plain}/former-posts/\\d+/delete"`));
  // The same post, branch and end again: on record already.
  r = await c.post(`/admin/org/members/${plain}/former-posts`, { post: "secretary", unit: other, since: "", until });
  assert.equal(r.status, 409);
  assert.match(r.body, new RegExp(`This post, in this branch, ending on ${until}, is on record already\\.`));
  // A secretary at the end of a year it covers: the training requirement of that year follows.
  const body = (await c.get(`/admin/training/hours?year=${year - 3}&all=1`)).body;
  assert.match(body, new RegExp(`<a href="/admin/org/members/${plain}/training">[^<]+</a></th><td class="wide" data-label="Branch">[^<]*</td><td class="wide" data-label="Category">Secretary / committee<`));
  // The branch's history lists them too.
  assert.match((await c.get(`/admin/org/branches/${other}`)).body, new RegExp(`<a href="/admin/org/members/${plain}">[^<]+</a></td><td data-label="Post">Secretary</td><td data-label="From">2019-01-01</td><td data-label="To">${until}</td>`));

  // Deleting asks first; confirmed, the row goes, and the audit log says what it was.
  const fid = queryDb(dir, `SELECT id FROM member_post_history WHERE member_id = ${plain}`).trim();
  r = await c.post(`/admin/org/members/${plain}/former-posts/${fid}/delete`, {});
  assert.equal(r.status, 200);
  assert.match(r.body, /Delete this post held before from the member&apos;s record\?/);
  assert.equal(rows(), `secretary|${other}|2019-01-01|${until}`, "not before it is confirmed");
  r = await c.post(`/admin/org/members/${plain}/former-posts/${fid}/delete`, { confirm: "1" });
  assert.equal(r.status, 303);
  assert.equal(rows(), "");
  assert.equal((await c.post(`/admin/org/members/${plain}/former-posts/${fid}/delete`, { confirm: "1" })).status, 404);
  const someoneElses = queryDb(dir, `SELECT id FROM member_post_history WHERE member_id <> ${plain} LIMIT 1`).trim();
  assert.equal((await c.post(`/admin/org/members/${plain}/former-posts/${someoneElses}/delete`, { confirm: "1" })).status, 404, "only the member's own");
  assert.deepEqual(queryDb(dir, `SELECT detail FROM audit_log WHERE action = 'member.former-post' ORDER BY id`).trim().split("\n"),
    [`added: secretary in unit ${other}: 2019-01-01 to ${until}`, `deleted: secretary in unit ${other}: 2019-01-01 to ${until}`]);
});
