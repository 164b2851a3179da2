// What the browser tests and the screenshot share: the service started as an operator starts it
// (bin/cscmon on an ephemeral port), Debian's Chromium started headless with a fresh profile, and
// cleanup that runs whatever happens.
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CHROMIUM = process.env.CSCMON_CHROMIUM || '/usr/bin/chromium';
export const WAIT_MS = 60_000;

/** Chromium's flags for a machine without a display, a sandbox or a network beyond the service. */
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export class Harness {
  constructor(name) {
    this.name = name;
    this.work = mkdtempSync(join(tmpdir(), `cscmon-${name}-`));
    this.cleanups = [() => rmSync(this.work, { recursive: true, force: true })];
    /** Printed when the run fails. */
    this.diagnostics = [];
  }

  step(text) {
    console.log(`${this.name}: ${text}`);
  }

  /** `bin/cscmon COMMAND ARGS… --http-port 0`; resolves with the base URL once it is ready. */
  async startService(command, args) {
    const child = spawn(
      join(ROOT, 'bin/cscmon'),
      [command, ...args, '--http-port', '0', '--http-host', '127.0.0.1', '--state-dir', join(this.work, 'state')],
      { cwd: this.work, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
    );
    this.cleanups.unshift(() => {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    });
    let log = '';
    child.stderr.on('data', (d) => (log += d));
    child.stdout.on('data', (d) => (log += d));
    this.diagnostics.push(
      () => `service log (tail):\n${log.split('\n').filter((l) => !/ WARN /.test(l)).slice(-40).join('\n')}`,
    );
    const base = await new Promise((resolveBase, reject) => {
      const timer = setTimeout(() => reject(new Error('the service did not start in 4 min')), 240_000);
      child.stdout.on('data', () => {
        const m = /console\s+(http:\/\/\S+)\/ui\//.exec(log);
        if (m) {
          clearTimeout(timer);
          resolveBase(m[1]);
        }
      });
      child.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`bin/cscmon ${command} exited with ${code}`));
      });
    });
    await until(async () => (await fetch(`${base}/health/ready`)).ok, 'the service is ready');
    return base;
  }

  /** A page in a fresh headless Chromium whose browser language is `locale`. */
  async page(locale) {
    const browser = await chromium.launchPersistentContext(join(this.work, `chromium-${locale}`), {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_FLAGS,
      locale,
      viewport: { width: 1400, height: 900 },
    });
    this.cleanups.unshift(() => browser.close());
    const page = browser.pages()[0] ?? (await browser.newPage());
    page.errors = [];
    page.on('pageerror', (e) => page.errors.push(e.message));
    return page;
  }

  /** Runs `body(this)`, then the cleanups; exits 1 with the diagnostics when it failed. */
  async run(body) {
    let failed = false;
    try {
      await body(this);
      this.step('passed');
    } catch (e) {
      failed = true;
      console.error(`${this.name}: FAILED: ${e.stack || e}`);
      for (const d of this.diagnostics) console.error(d());
    } finally {
      for (const c of this.cleanups) {
        try {
          await c();
        } catch {
          // best effort
        }
      }
    }
    process.exit(failed ? 1 : 0);
  }
}

export async function until(check, what, timeoutMs = WAIT_MS) {
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
