/**
 * The console in a real browser (Debian's Chromium driven by playwright-core) against
 * the local cloud started from the synthesized templates: compose a negative mention
 * with a photo and see it analysed (NEGATIVE, a face box) and answered; run the
 * label-count query and see its chart; replay a window of the archive and see the
 * replayed events. The page may load nothing but the local cloud's own origin.
 * Screenshots and the page's figures go to test-artifacts/console/.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startCloud, WORKSPACE, type RunningCloud } from './harness';

const ARTIFACTS = join(WORKSPACE, 'test-artifacts', 'console');
/** A photo of a person whose face the local Rekognition's gallery knows. */
const PHOTO = join(WORKSPACE, 'tools', 'local-cloud', 'eval', 'datasets', 'faces', 'vladimir-mandic-probe-1.jpg');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let cloud: RunningCloud;
let browser: BrowserContext;
let page: Page;
let profile: string;
const outside: string[] = [];
const pageErrors: string[] = [];
let messageId: string;

const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
const open = async (view: string) => {
  await page.goto(`${cloud.info.endpoint}/_console#/${view}`);
  await page.waitForSelector('.sidebar');
};

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  cloud = await startCloud();
  profile = mkdtempSync(join(tmpdir(), 'sma-chromium-'));
  browser = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, viewport: { width: 1280, height: 800 } });
  page = browser.pages()[0] ?? (await browser.newPage());
  const origin = new URL(cloud.info.endpoint).origin;
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) outside.push(url);
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
});

afterAll(async () => {
  await browser?.close();
  await cloud?.stop();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

afterEach(() => {
  expect(outside).toEqual([]);
  expect(pageErrors).toEqual([]);
});

describe('the console in Chromium', () => {
  it('starts empty, saying what to do, and records its weight and first render', async () => {
    const started = Date.now();
    await open('messages');
    await page.waitForSelector('text=No messages yet');
    const firstRenderMs = Date.now() - started;
    const weight = await page.evaluate(() =>
      performance.getEntriesByType('resource').concat(performance.getEntriesByType('navigation')).reduce((n, e) => n + ((e as PerformanceResourceTiming).transferSize || 0), 0),
    );
    const scripts = await page.evaluate(() => performance.getEntriesByType('resource').filter((e) => /\.js$/.test(e.name)).map((e) => (e as PerformanceResourceTiming).decodedBodySize));
    writeFileSync(join(ARTIFACTS, 'figures.json'), `${JSON.stringify({ firstRenderMs, transferredBytes: weight, scriptBytes: scripts }, null, 2)}\n`);
    expect(await page.textContent('.empty')).toMatch(/Compose a test mention/);
    await shot('empty-messages');
    await open('events');
    await shot('empty-events');
  });

  it('composes a negative mention with a photo; the message shows NEGATIVE, the face box and the reply', async () => {
    await open('compose');
    await page.fill('#compose-text', 'the van broke down again, awful service and a terrible day');
    await page.fill('input[pattern]', 'harry11');
    await page.setInputFiles('input[type=file]', { name: 'photo.jpg', mimeType: 'image/jpeg', buffer: readFileSync(PHOTO) });
    await page.click('button[type=submit]');
    const link = await page.waitForSelector('.compose-result a[data-message-id]');
    messageId = (await link.getAttribute('data-message-id'))!;
    expect(messageId).toMatch(/^TWITTER-\d+$/);
    await page.waitForSelector('.progress li.done', { timeout: 30_000 });
    await shot('compose-sent');

    await link.click();
    const detail = '.message-detail';
    await page.waitForSelector(`${detail} [data-sentiment="NEGATIVE"]`, { timeout: 150_000 });
    const faces = await page.waitForSelector(`${detail} .overlay g[data-kind="celebrity"], ${detail} .overlay g[data-kind="face"]`, { timeout: 30_000 });
    const box = await faces.$('rect');
    expect(Number(await box!.getAttribute('width'))).toBeGreaterThan(0);
    await page.waitForSelector(`${detail} .reply-state.ok`, { timeout: 120_000 });
    expect((await page.textContent(`${detail} .reply-text`))!.trim().length).toBeGreaterThan(0);
    const annotated = await page.$(`${detail} img.reply-image`);
    if (annotated) await page.waitForFunction((img) => (img as HTMLImageElement).naturalWidth > 0, annotated);
    await shot('message-negative-with-face');
  });

  it('draws the analysis workflow’s execution as its state graph', async () => {
    await open('executions');
    await page.waitForSelector('.state-graph g[data-status="SUCCEEDED"]', { timeout: 30_000 });
    expect(await page.$$eval('.state-graph g[data-state]', (nodes) => nodes.length)).toBeGreaterThan(10);
    await shot('execution-graph');
  });

  it('shows the negative-message alert SNS delivered', async () => {
    await open('alerts');
    await page.waitForSelector('.alert-list .alert', { timeout: 60_000 });
    expect(await page.textContent('.alert-list')).toMatch(/Negative Message/i);
    await shot('alerts');
  });

  it('runs the label-count query and draws its bar chart', async () => {
    await open('analytics');
    await page.waitForSelector('button.named-query');
    const deadline = Date.now() + 150_000;
    // The lake fills when Firehose flushes its buffer: run the query until the message's labels are in.
    for (;;) {
      await page.click('button.named-query:has-text("Image label counts")');
      await page.waitForSelector('.result-stats:has-text("SUCCEEDED"), .result-stats:has-text("FAILED"), .error-note', { timeout: 60_000 });
      if (await page.$('figure[data-chart="bars"] .bar rect')) break;
      if (Date.now() > deadline) throw new Error(`no chart: ${await page.textContent('.query-main')}`);
      await page.waitForTimeout(3000);
    }
    expect(await page.$$eval('figure[data-chart="bars"] .bar', (bars) => bars.length)).toBeGreaterThan(0);
    expect(await page.$$eval('table.results tbody tr', (rows) => rows.length)).toBeGreaterThan(0);
    await shot('analytics-label-counts');
  });

  it('replays a window of the archive; the replayed events appear, marked', async () => {
    await open('replay');
    await page.click('button:has-text("Last 15 minutes")');
    await page.click('button:has-text("Replay this window")');
    await page.waitForSelector('text=started', { timeout: 10_000 });
    await page.waitForSelector('.replayed-list li.replayed', { timeout: 60_000 });
    await page.waitForSelector('table.replays .badge.status.ok', { timeout: 60_000 });
    await shot('replay');
    await open('events');
    await page.selectOption('select:near(:text("Replays"))', 'only');
    await page.waitForSelector('.event-row[data-replayed="true"]');
    expect(await page.$$eval('.event-row', (rows) => rows.every((r) => r.getAttribute('data-replayed') === 'true'))).toBe(true);
    expect(await page.textContent('.event-row .badge.replay')).toMatch(/replayed/);
    await shot('events-replayed');
  });
});
