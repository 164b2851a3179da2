// End-to-end test of the on-call console (/ui/) in Debian's Chromium, headless, driven by
// playwright-core. It starts the real service (bin/cscmon run) with an alert config that escalates
// after ESCALATE_AFTER, raises real alerts by posting contract event lines (core banking down at
// two centers), and checks through the browser: an alert appears; acknowledging it stops its
// escalation (the other, unacknowledged alert escalates, this one never does); a silence made from
// the alert's labels takes it off the firing list; expiring the silence brings it back; the
// center's emergency activation appears and an operator moves it to acknowledged, then responding;
// a move the lifecycle refuses (from a stale console) shows the service's 409 reason; the
// language toggle switches zh-CN/English. Tokens as the API has them: without one the console says
// 401, a viewer sees but cannot act, an operator acts.
//
//   node console.e2e.mjs
// Needs /usr/bin/chromium (apt-get install chromium) and a built flink-jobs/target/cscmon.jar.
import { once } from 'node:events';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { Harness, WAIT_MS, until } from './harness.mjs';

const ESCALATE_AFTER = '20s'; // time enough to sign in as operator and acknowledge on a slow machine

/** A webhook receiver: every POST body, by path. */
async function startReceiver(harness) {
  const received = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      try {
        received.push({ path: req.url, body: JSON.parse(body) });
      } catch {
        received.push({ path: req.url, body: null });
      }
      res.writeHead(200).end('ok');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  harness.cleanups.unshift(() => server.close());
  harness.diagnostics.push(() => `webhooks received: ${JSON.stringify(received.map((n) => [n.path, n.body?.groupKey]))}`);
  return { port: server.address().port, received };
}

/** Everything to the oncall receiver; unacknowledged alerts escalate to duty after ESCALATE_AFTER. */
function alertConfig(harness, receiverPort) {
  const file = join(harness.work, 'alert-manager.yaml');
  writeFileSync(
    file,
    `route:
  receiver: oncall
receivers:
  - name: oncall
    webhook_configs:
      - url: http://127.0.0.1:${receiverPort}/oncall
  - name: duty
    webhook_configs:
      - url: http://127.0.0.1:${receiverPort}/duty
escalations:
  - levels: [I, II, III, IV]
    steps:
      - after: ${ESCALATE_AFTER}
        receiver: duty
`,
  );
  return file;
}

/**
 * 36 minutes of "core_banking is down" at one center from `start`: a level III outage (CONTRACT §1
 * lines). Each batch starts after the previous one ended: event time only moves forward, as it
 * does in a center, so nothing is late.
 */
function outageLines(center, start) {
  const lines = [];
  for (let m = 0; m <= 35; m++) {
    const ts = new Date(start + m * 60_000).toISOString();
    lines.push(JSON.stringify({ type: 'health', ts, center, component: 'core_banking', instance: '0', interval_ms: 60000, up: false }));
  }
  return lines.join('\n') + '\n';
}

async function post(base, body) {
  const r = await fetch(`${base}/api/v1/events`, { method: 'POST', headers: { 'Content-Type': 'application/x-ndjson' }, body });
  const json = await r.json();
  assert.equal(r.status, 202, JSON.stringify(json));
  assert.equal(json.rejected_total, 0, JSON.stringify(json));
}

async function firingAlert(base, center) {
  const r = await fetch(`${base}/api/v1/alerts`);
  const { data } = await r.json();
  return data.find((a) => a.labels.alertname === 'ComponentOutage' && a.labels.center === center);
}

/** The emergency activation of a center (GET /api/v1/emergencies, as a viewer). */
async function activation(base, center) {
  const r = await fetch(`${base}/api/v1/emergencies`, { headers: { Authorization: `Bearer ${VIEWER_TOKEN}` } });
  const { data } = await r.json();
  return data.find((a) => a.center === center);
}

const escalated = (receiver, fp) =>
  receiver.received.some((n) => n.path === '/duty' && n.body?.alerts?.some((a) => a.fingerprint === fp && a.status === 'firing'));

const VIEWER_TOKEN = 'e2e-viewer-token-0123456789';
const OPERATOR_TOKEN = 'e2e-operator-token-0123456789';

/** A viewer and an operator (the tokens file keeps only their SHA-256). */
function tokensFile(harness) {
  const sha = (t) => createHash('sha256').update(t).digest('hex');
  const file = join(harness.work, 'tokens.yaml');
  writeFileSync(
    file,
    `tokens:
  - name: li.na
    role: viewer
    sha256: ${sha(VIEWER_TOKEN)}
  - name: zhang.wei
    role: operator
    sha256: ${sha(OPERATOR_TOKEN)}
`,
  );
  return file;
}

async function signIn(page, token) {
  await page.fill('#token', token);
  await page.click('#login button[type=submit]');
}

async function main(harness) {
  const receiver = await startReceiver(harness);
  const step = (t) => harness.step(t);
  step('starting bin/cscmon run');
  const base = await harness.startService('run', [
    '--alert-config', alertConfig(harness, receiver.port), '--tokens', tokensFile(harness)]);
  step(`service at ${base}`);
  const page = await harness.page('zh-CN');
  await page.goto(`${base}/ui/`);
  await page.locator('#problem[data-status="401"]').waitFor();
  assert.match(await page.locator('#problem').innerText(), /401/);
  assert.equal(await page.locator('#firing').innerText(), '', 'an unauthorized console claims nothing fires');
  step('without a token the console says 401, in zh-CN (the browser language)');

  await signIn(page, VIEWER_TOKEN);
  await page.locator('#identity', { hasText: 'li.na' }).waitFor();
  await page.getByText('当前没有告警').waitFor();
  assert.match(await page.locator('#identity').innerText(), /li\.na（查看者）/);
  assert.ok(await page.locator('#new-silence').isDisabled(), 'a viewer may not make silences');
  step('a viewer sees the console: nothing firing, no silencing');

  // An alert appears.
  await post(base, outageLines('sh', Date.parse('2026-11-27T09:00:00+08:00')));
  await until(() => firingAlert(base, 'sh'), 'the sh outage fires');
  const sh = (await firingAlert(base, 'sh')).fingerprint;
  const shRow = page.locator(`#firing tr[data-fingerprint="${sh}"]`);
  await shRow.waitFor({ timeout: WAIT_MS });
  assert.match(await shRow.innerText(), /Ⅲ级/);
  assert.match(await shRow.innerText(), /core_banking/);
  assert.ok(await shRow.locator('button.ack').isDisabled(), 'a viewer may not acknowledge');
  step(`alert ${sh} (core_banking down at sh) appears on the firing list; a viewer cannot act on it`);

  // Acknowledging stops escalation.
  await signIn(page, OPERATOR_TOKEN);
  await page.locator('#identity', { hasText: 'zhang.wei' }).waitFor();
  await shRow.locator('button.ack:not([disabled])').click();
  await shRow.locator('.acked').waitFor({ timeout: WAIT_MS });
  assert.match(await shRow.locator('.acked').innerText(), /zhang\.wei/);
  step('an operator acknowledged it in the console');

  // The outage puts the sh center at level III: its EmergencyActivation alert opens an activation.
  const shActivation = page.locator('#timeline .activation[data-center="sh"]');
  await shActivation.waitFor({ timeout: WAIT_MS });
  assert.equal(await shActivation.getAttribute('data-state'), 'activated');
  assert.match(await shActivation.innerText(), /Ⅲ级/);
  assert.match(await shActivation.locator('.lifecycle-state').innerText(), /已启动/);
  assert.match(await page.locator('#emergencies').innerText(), /sh：Ⅲ级应急响应 · 已启动/);
  step('the sh emergency activation appears, activated at level III');

  // The operator moves the activation along its lifecycle: acknowledged, then responding.
  await shActivation.locator('button.move-acknowledged:not([disabled])').click();
  await page.locator('#timeline .activation[data-center="sh"][data-state="acknowledged"]').waitFor({ timeout: WAIT_MS });
  assert.equal(await shActivation.locator('button.move-acknowledged').count(), 0, 'acknowledged twice is not offered');
  await shActivation.locator('button.move-responding:not([disabled])').click();
  await page.locator('#timeline .activation[data-center="sh"][data-state="responding"]').waitFor({ timeout: WAIT_MS });
  assert.equal(await shActivation.locator('button.move').count(), 0, 'only the service moves a responding activation on');
  const moved = await activation(base, 'sh');
  assert.equal(moved.timeline[0].state, 'activated');
  assert.deepEqual(moved.timeline.slice(-2).map((s) => [s.state, s.by]), [
    ['acknowledged', 'zhang.wei'], ['responding', 'zhang.wei']]);
  assert.match(await shActivation.locator('table.steps').innerText(), /已确认[\s\S]*zhang\.wei[\s\S]*响应中/);
  assert.match(await page.locator('#emergencies').innerText(), /sh：Ⅲ级应急响应 · 响应中/);
  step('the operator moved the activation to acknowledged, then responding; its timeline says who');

  await post(base, outageLines('bj', Date.parse('2026-11-27T09:36:00+08:00')));
  await until(() => firingAlert(base, 'bj'), 'the bj outage fires');
  const bj = (await firingAlert(base, 'bj')).fingerprint;
  const bjRow = page.locator(`#firing tr[data-fingerprint="${bj}"]`);
  await bjRow.waitFor({ timeout: WAIT_MS });
  // The bj alert started later than the sh one: once it has escalated, sh would have too.
  await until(() => escalated(receiver, bj), `the unacknowledged bj alert escalates to duty (after ${ESCALATE_AFTER})`);
  assert.ok(!escalated(receiver, sh), 'the acknowledged alert was escalated');
  step('the unacknowledged alert escalated to the duty receiver; the acknowledged one did not');

  // A move the lifecycle refuses: a second console, whose refresh timer is held (page.clock), still
  // shows the bj activation as activated after the first console has moved it to responding.
  await page.locator('#timeline .activation[data-center="bj"][data-state="activated"]').waitFor({ timeout: WAIT_MS });
  const stale = await harness.page('en');
  await stale.clock.install();
  await stale.goto(`${base}/ui/`);
  await signIn(stale, VIEWER_TOKEN);
  const staleBj = stale.locator('#timeline .activation[data-center="bj"][data-state="activated"]');
  await staleBj.waitFor({ timeout: WAIT_MS });
  assert.ok(await staleBj.locator('button.move-acknowledged').isDisabled(), 'a viewer may not move an activation');
  assert.ok(await staleBj.locator('button.move-responding').isDisabled(), 'a viewer may not move an activation');
  await signIn(stale, OPERATOR_TOKEN);
  await stale.locator('#identity', { hasText: 'zhang.wei' }).waitFor();
  await page.locator('#timeline .activation[data-center="bj"] button.move-responding').click();
  await page.locator('#timeline .activation[data-center="bj"][data-state="responding"]').waitFor({ timeout: WAIT_MS });
  await staleBj.locator('button.move-acknowledged').click();
  const refused = stale.locator('#timeline .activation[data-center="bj"] .refused');
  await refused.waitFor({ timeout: WAIT_MS });
  assert.match(await refused.innerText(), /^Refused \(409\): \S/);
  await stale.locator('#timeline .activation[data-center="bj"][data-state="responding"]').waitFor({ timeout: WAIT_MS });
  assert.deepEqual(stale.errors, [], 'the second console raised errors');
  step(`a stale console's move is refused with the service's reason: ${await refused.innerText()}`);

  // Details with history.
  await bjRow.locator('button.details').click();
  await page.locator('#detail table.history tr[data-kind="fired"]').waitFor();
  const runbookLink = await page.locator('#detail dd a', { hasText: 'alert-rules/runbook.md#' }).getAttribute('href');
  const section = new URL(runbookLink, page.url());
  assert.equal(section.pathname, '/ui/runbook', `the runbook link ${runbookLink} opens the served runbook`);
  const runbookPage = await page.request.get(section.href);
  assert.equal(runbookPage.status(), 200);
  assert.ok((await runbookPage.text()).includes(`id="${section.hash.slice(1)}"`), `the runbook has the section ${section.hash}`);
  await page.locator('#detail button.secondary').click();
  step(`the detail view shows the alert history; its runbook link opens ${section.pathname}${section.hash}`);

  // A silence pre-filled from the alert takes it off the firing list.
  await bjRow.locator('button.silence').click();
  const matchers = await page.inputValue('#silence-form textarea[name=matchers]');
  assert.match(matchers, /alertname="ComponentOutage"/);
  assert.match(matchers, /center="bj"/);
  assert.equal(await page.inputValue('#silence-form input[name=createdBy]'), 'zhang.wei');
  await page.fill('#silence-form input[name=comment]', 'core banking failover in progress');
  await page.click('#silence-form button[type=submit]');
  await bjRow.waitFor({ state: 'detached', timeout: WAIT_MS });
  await page.locator(`#silenced tr[data-fingerprint="${bj}"]`).waitFor({ timeout: WAIT_MS });
  await shRow.waitFor({ timeout: WAIT_MS }); // the other alert stays
  step('silenced from the console: off the firing list, on the silenced list');

  // Expiring the silence brings it back.
  await page.locator('#silences tr.silence.active button.expire').click();
  await bjRow.waitFor({ timeout: WAIT_MS });
  await page.locator('#silences tr.silence.expired').waitFor({ timeout: WAIT_MS });
  step('expired the silence: the alert is back on the firing list');

  // The emergency activation timeline and the language toggle.
  assert.match(await page.locator('#timeline').innerText(), /Ⅲ级/);
  await page.click('#lang');
  await page.getByText('Emergency activation timeline').waitFor();
  assert.match(await page.locator('#timeline').innerText(), /Level III/);
  assert.match(await bjRow.innerText(), /Level III/);
  step('the timeline shows the level III activations; the toggle switches to English');

  assert.deepEqual(page.errors, [], 'the page raised errors');
}

await new Harness('e2e').run(main);
