// End-to-end test of the on-call console (/ui/) in Debian's Chromium, headless, driven by
// playwright-core. It starts the real service (bin/cscmon run) with an alert config that escalates
// after ESCALATE_AFTER, raises real alerts by posting contract event lines (core banking down at
// two centers), and checks through the browser: an alert appears; acknowledging it stops its
// escalation (the other, unacknowledged alert escalates, this one never does); a silence made from
// the alert's labels takes it off the firing list; expiring the silence brings it back; the
// language toggle switches zh-CN/English.
//
//   node console.e2e.mjs [--screenshot FILE]
// Needs /usr/bin/chromium (apt-get install chromium) and a built flink-jobs/target/cscmon.jar.
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = process.env.CSCMON_CHROMIUM || '/usr/bin/chromium';
const ESCALATE_AFTER = '15s';
const WAIT_MS = 60_000;
const screenshotArg = process.argv.indexOf('--screenshot');
const SCREENSHOT = screenshotArg > 0 ? resolve(process.argv[screenshotArg + 1]) : null;

const work = mkdtempSync(join(tmpdir(), 'cscmon-e2e-'));
const cleanups = [() => rmSync(work, { recursive: true, force: true })];

function step(text) {
  console.log(`e2e: ${text}`);
}

/** A webhook receiver: every POST body, by path. */
async function startReceiver() {
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
  cleanups.push(() => server.close());
  return { port: server.address().port, received };
}

/** bin/cscmon run on an ephemeral port; resolves with the base URL it prints. */
async function startService(receiverPort) {
  const config = join(work, 'alert-manager.yaml');
  writeFileSync(
    config,
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
  const child = spawn(
    join(ROOT, 'bin/cscmon'),
    ['run', '--http-port', '0', '--http-host', '127.0.0.1', '--state-dir', join(work, 'state'), '--alert-config', config],
    { cwd: work, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  cleanups.unshift(() => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  });
  let log = '';
  child.stderr.on('data', (d) => (log += d));
  const base = await new Promise((resolveBase, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the service did not start:\n${out}\n${log.slice(-3000)}`)), 240_000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = /console\s+(http:\/\/\S+)\/ui\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolveBase(m[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`bin/cscmon run exited with ${code}:\n${out}\n${log.slice(-3000)}`)));
  });
  await until(async () => (await fetch(`${base}/health/ready`)).ok, 'the service is ready');
  return base;
}

async function until(check, what, timeoutMs = WAIT_MS) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** 36 minutes of "core_banking is down" at one center: a level III outage (CONTRACT §1 lines). */
function outageLines(center) {
  const start = Date.parse('2026-11-27T09:00:00+08:00');
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

const escalated = (receiver, fp) =>
  receiver.received.some((n) => n.path === '/duty' && n.body?.alerts?.some((a) => a.fingerprint === fp && a.status === 'firing'));

async function main() {
  const receiver = await startReceiver();
  step('starting bin/cscmon run');
  const base = await startService(receiver.port);
  step(`service at ${base}`);

  const browser = await chromium.launchPersistentContext(join(work, 'chromium-profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    locale: 'zh-CN',
    viewport: { width: 1400, height: 900 },
  });
  cleanups.unshift(() => browser.close());
  const page = browser.pages()[0] ?? (await browser.newPage());
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${base}/ui/`);
  await page.getByText('当前没有告警').waitFor();
  step('console loaded in zh-CN (the browser language), nothing firing');

  // An alert appears.
  await post(base, outageLines('sh'));
  await until(() => firingAlert(base, 'sh'), 'the sh outage fires');
  const sh = (await firingAlert(base, 'sh')).fingerprint;
  const shRow = page.locator(`#firing tr[data-fingerprint="${sh}"]`);
  await shRow.waitFor({ timeout: WAIT_MS });
  assert.match(await shRow.innerText(), /Ⅲ级/);
  assert.match(await shRow.innerText(), /core_banking/);
  step(`alert ${sh} (core_banking down at sh) appears on the firing list`);

  // Acknowledging stops escalation.
  await page.fill('#who', 'e2e-operator');
  await shRow.locator('button.ack').click();
  await shRow.locator('.acked').waitFor({ timeout: WAIT_MS });
  assert.match(await shRow.locator('.acked').innerText(), /e2e-operator/);
  step('acknowledged it in the console');

  await post(base, outageLines('bj'));
  await until(() => firingAlert(base, 'bj'), 'the bj outage fires');
  const bj = (await firingAlert(base, 'bj')).fingerprint;
  const bjRow = page.locator(`#firing tr[data-fingerprint="${bj}"]`);
  await bjRow.waitFor({ timeout: WAIT_MS });
  // The bj alert started later than the sh one: once it has escalated, sh would have too.
  await until(() => escalated(receiver, bj), `the unacknowledged bj alert escalates to duty (after ${ESCALATE_AFTER})`);
  assert.ok(!escalated(receiver, sh), 'the acknowledged alert was escalated');
  step('the unacknowledged alert escalated to the duty receiver; the acknowledged one did not');

  // Details with history.
  await bjRow.locator('button.details').click();
  await page.locator('#detail table.history tr[data-kind="fired"]').waitFor();
  await page.locator('#detail button.secondary').click();
  step('the detail view shows the alert history');

  // A silence pre-filled from the alert takes it off the firing list.
  await bjRow.locator('button.silence').click();
  const matchers = await page.inputValue('#silence-form textarea[name=matchers]');
  assert.match(matchers, /alertname="ComponentOutage"/);
  assert.match(matchers, /center="bj"/);
  await page.fill('#silence-form input[name=createdBy]', 'e2e-operator');
  await page.fill('#silence-form input[name=comment]', 'core banking failover in progress');
  await page.click('#silence-form button[type=submit]');
  await bjRow.waitFor({ state: 'detached', timeout: WAIT_MS });
  await page.locator(`#silenced tr[data-fingerprint="${bj}"]`).waitFor({ timeout: WAIT_MS });
  await shRow.waitFor({ timeout: WAIT_MS }); // the other alert stays
  step('silenced from the console: off the firing list, on the silenced list');

  if (SCREENSHOT) {
    await page.click('#lang'); // English for the README
    await page.getByText('Emergency activation timeline').waitFor();
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    step(`screenshot ${SCREENSHOT}`);
    await page.click('#lang');
  }

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

  assert.deepEqual(pageErrors, [], 'the page raised errors');
  console.log('e2e: passed');
}

let failed = false;
try {
  await main();
} catch (e) {
  failed = true;
  console.error(`e2e: FAILED: ${e.stack || e}`);
} finally {
  for (const c of cleanups) {
    try {
      await c();
    } catch {
      // best effort
    }
  }
}
process.exit(failed ? 1 : 0);
