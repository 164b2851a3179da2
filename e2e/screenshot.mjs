// The README's pictures of the console: `bin/cscmon demo` (the simulated center: agents run short,
// then a market shock), signed in with the token the demo prints, once alerts fire.
//
//   node screenshot.mjs ../docs/console.png [../docs/console-zh.png]
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Harness, until } from './harness.mjs';

const [english, chinese] = process.argv.slice(2).map((f) => resolve(f));
if (!english) {
  console.error('usage: node screenshot.mjs EN.png [ZH.png]');
  process.exit(2);
}

await new Harness('screenshot').run(async (harness) => {
  const base = await harness.startService('demo', []);
  const token = readFileSync(join(harness.work, 'state', 'api-token'), 'utf8').trim();
  harness.step(`demo at ${base}; waiting for alerts at an emergency level`);
  await until(
    async () => {
      const { data } = await (await fetch(`${base}/api/v1/alerts`)).json();
      return data.filter((a) => a.labels.emergency_level !== 'none').length >= 2;
    },
    'two alerts at an emergency level fire',
    300_000,
  );
  for (const [file, locale] of [[english, 'en-GB'], [chinese, 'zh-CN']]) {
    if (!file) continue;
    const page = await harness.page(locale);
    await page.goto(`${base}/ui/`);
    await page.fill('#token', token);
    await page.click('#login button[type=submit]');
    await page.locator('#firing tr.alert').first().waitFor();
    await page.screenshot({ path: file, fullPage: true });
    harness.step(`wrote ${file}`);
  }
});
