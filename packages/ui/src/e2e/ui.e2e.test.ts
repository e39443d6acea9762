import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUi, launchChromium, screenshotDirectory, startTestCollector } from './e2e-support.ts';
import {
  agentTrace,
  hostileTrace,
  logMessagesTrace,
  sendLogs,
  sendSpans,
  unpricedTrace,
  XSS_IMG,
  XSS_SCRIPT,
} from './sample-traces.ts';

const KEY = 'ui-e2e-project-key-000001';
const AUTH = { authorization: `Bearer ${KEY}` };

describe('Sightline web app in Chromium', () => {
  let collector: Awaited<ReturnType<typeof startTestCollector>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const shots = screenshotDirectory();
  const pageErrors: string[] = [];
  const shoot = (name: string) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: false });

  beforeAll(async () => {
    await buildUi();
    collector = await startTestCollector(`e2e:${KEY}`);
    const questions = [
      'Where is my order A-1042?',
      'Can I get a refund?',
      'Why was I charged twice?',
      'Change my address',
      'Cancel my plan',
    ];
    const spans = questions.flatMap((question, index) =>
      agentTrace({
        minutesAgo: 50 - index * 8,
        user: index % 2 === 0 ? 'user-alice' : 'user-bob',
        session: index < 3 ? 'session-alice-1' : 'session-bob-1',
        promptVersion: index < 2 ? 'v1' : 'v2',
        feature: index % 2 === 0 ? 'refunds' : 'billing',
        question,
        answer: `Here is what I found about: ${question}`,
        failTool: index === 3,
      }),
    );
    await sendSpans(collector.url, [...spans, ...hostileTrace(5), ...unpricedTrace(3)], AUTH);
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('dialog', (dialog) => {
      pageErrors.push(`unexpected dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
  });

  afterAll(async () => {
    await browser?.close();
    await collector?.close();
  });

  it('asks for the API key on 401 instead of showing a blank page, then keeps it for the session', async () => {
    await page.goto(`${collector.url}/traces`);
    await page.getByRole('dialog', { name: 'API key required' }).waitFor();
    await shoot('01-api-key-prompt');
    await page.getByLabel('API key', { exact: true }).fill(KEY);
    await page.getByRole('button', { name: 'Use key' }).click();
    await page.getByRole('link', { name: 'invoke_agent support' }).first().waitFor();
    await page.reload();
    await page.getByRole('link', { name: 'invoke_agent support' }).first().waitFor();
    expect(await page.getByRole('dialog').count()).toBe(0);
  });

  it('lists traces with cost, tokens and status, and filters them through the URL', async () => {
    await page.goto(`${collector.url}/traces`);
    const rows = page.locator('table.traces-table tbody tr:has(a[data-row-link])');
    await page.getByRole('link', { name: 'invoke_agent support' }).first().waitFor();
    expect(await rows.count()).toBe(7);
    await expect
      .poll(() => page.locator('tr', { hasText: 'chat in-house-model-7' }).locator('td').nth(6).textContent())
      .toBe('n/a');
    await shoot('02-traces');

    await page.getByRole('button', { name: 'More filters' }).click();
    await page.getByLabel('Feature').fill('billing');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/feature=billing/);
    await expect.poll(() => rows.count()).toBe(2);
    await page.getByLabel('Search prompts and completions').fill('charged twice');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => rows.count()).toBe(0);
    await page.goto(`${collector.url}/traces?range=24h&search=charged%20twice`);
    await expect.poll(() => rows.count()).toBe(1);
    await page.goto(`${collector.url}/traces?range=24h&sort=costUsd`);
    await page.getByRole('columnheader', { name: /Cost/ }).and(page.locator('[aria-sort="descending"]')).waitFor();
  });

  it('opens a trace, selects a span with the keyboard, and shows its messages, cost and mapping', async () => {
    await page.goto(`${collector.url}/traces?range=24h&search=Where%20is%20my%20order`);
    await page.getByRole('link', { name: 'invoke_agent support' }).first().click();
    const tree = page.getByRole('tree', { name: 'Span tree and timeline' });
    await tree.waitFor();
    expect(await page.getByRole('treeitem').count()).toBe(4);
    await page.getByRole('treeitem').nth(3).click();
    await page.getByRole('heading', { name: 'chat gpt-4o-mini' }).waitFor();
    await page.getByText('Here is what I found about: Where is my order A-1042?').waitFor();
    await page.getByText('lookup_order').first().waitFor();
    await shoot('03-trace-messages');

    await tree.focus();
    await page.keyboard.press('ArrowUp');
    await expect
      .poll(() => page.getByRole('treeitem', { selected: true }).getAttribute('aria-label'))
      .toMatch(/^execute_tool lookup_order/);
    await page.keyboard.press('Home');
    await expect
      .poll(() => page.getByRole('treeitem', { selected: true }).getAttribute('aria-label'))
      .toMatch(/^invoke_agent support/);
    await page.keyboard.press('ArrowDown');
    await page.getByRole('tab', { name: 'Details' }).click();
    await page.getByText('Price version').waitFor();
    expect(await page.locator('.details').textContent()).toMatch(/calculated/);
    await shoot('04-span-details');
    await page.getByRole('tab', { name: 'Mapping' }).click();
    await page.getByText('app.request.region').waitFor();
    await page.getByRole('treeitem').nth(3).click();
    await page.getByRole('tab', { name: 'Events' }).click();
    await page.getByText('sightline.guardrail', { exact: true }).waitFor();
  });

  it('adds a thumbs-down with a comment as human feedback', async () => {
    await page.getByLabel('Comment (optional)').fill('Missed the refund window');
    await page.getByRole('button', { name: 'Thumbs down' }).click();
    await page.getByText('Missed the refund window').waitFor();
    expect(await page.locator('.score-list').textContent()).toMatch(/user_feedback: 0/);
    await shoot('05-feedback');
  });

  it('renders hostile names, messages and attributes as text', async () => {
    await page.goto(`${collector.url}/traces?range=24h`);
    const link = page.getByRole('link', { name: `hostile ${XSS_IMG}` });
    await link.waitFor();
    await link.click();
    await page.getByRole('treeitem').first().click();
    await page.getByText(XSS_SCRIPT).first().waitFor();
    await page.getByText(XSS_IMG).first().waitFor();
    await page.getByRole('tab', { name: 'Attributes' }).click();
    await page.getByText(XSS_SCRIPT).first().waitFor();
    expect(await page.evaluate(() => (window as { __sightlineXss?: string }).__sightlineXss)).toBeUndefined();
    expect(await page.locator('#main img, #main script').count()).toBe(0);
    await shoot('06-hostile-text');
  });

  it('shows dashboards as charts with a breakdown and cost per user', async () => {
    await page.goto(`${collector.url}/dashboard?range=24h&breakdown=model`);
    await page.getByRole('heading', { name: 'By model' }).waitFor();
    expect(await page.locator('.chart canvas').count()).toBeGreaterThanOrEqual(11);
    await page.getByRole('cell', { name: 'in-house-model-7' }).waitFor();
    await page.getByRole('link', { name: 'user-alice' }).first().waitFor();
    await shoot('07-dashboard');
    await page.getByRole('button', { name: /Switch to/ }).click();
    await page.waitForTimeout(200);
    await shoot('08-dashboard-other-theme');
  });

  it('compares prompt versions side by side', async () => {
    await page.goto(`${collector.url}/prompts?range=24h`);
    await page.getByRole('link', { name: 'support-answer' }).click();
    const table = page.locator('table.compare-table');
    await table.waitFor();
    const headers = await table.locator('thead th').allTextContents();
    expect(headers).toEqual(['Metric', 'v1', 'v2']);
    await page.getByRole('row', { name: /Score: user_feedback/ }).waitFor();
    await shoot('09-prompt-versions');
  });

  it('shows a session as a conversation and a user over time', async () => {
    await page.goto(`${collector.url}/sessions/session-alice-1?range=24h`);
    await page.getByText('Where is my order A-1042?', { exact: true }).waitFor();
    await page.getByText('Here is what I found about: Can I get a refund?').waitFor();
    expect(await page.locator('.turn').count()).toBe(3);
    await shoot('10-session');
    await page.goto(`${collector.url}/users/user-alice?range=24h`);
    await page.getByRole('link', { name: 'session-alice-1' }).waitFor();
    expect(await page.locator('.chart canvas').count()).toBe(3);
    await shoot('11-user');
  });

  it('in live mode asks only for newly stored traces and shows them in start-time order', async () => {
    const searches: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/trace-search')) searches.push(request.url());
    });
    await page.goto(`${collector.url}/traces?range=24h&live=1`);
    const rows = page.locator('table.traces-table tbody tr:has(a[data-row-link])');
    await page.getByRole('link', { name: 'invoke_agent support' }).first().waitFor();
    expect(await rows.count()).toBe(7);
    searches.length = 0;
    // Started 20 minutes ago, after newer traces were shown: found by when it was stored.
    await sendSpans(
      collector.url,
      agentTrace({
        minutesAgo: 20,
        user: 'user-live',
        session: 'session-live',
        promptVersion: 'v2',
        feature: 'refunds',
        question: 'Is live mode live?',
        answer: 'It is.',
        model: 'gpt-live-1',
      }),
      AUTH,
    );
    await page.locator('tr.fresh', { hasText: 'user-live' }).waitFor();
    expect(await rows.count()).toBe(8);
    const users = await page.locator('table.traces-table tbody tr td:nth-child(3)').allTextContents();
    expect(users.indexOf('user-live')).toBeGreaterThan(2);
    // Every poll after the page was read asked only for what arrived since.
    expect(searches.length).toBeGreaterThan(0);
    expect(searches.filter((url) => !/[?&]arrivedAfter=\d+/.test(url))).toEqual([]);
    await shoot('12-live');
    await page.getByLabel('Live').click();
    await page.waitForURL((url) => !url.search.includes('live=1'));
  });

  it('draws a series with a single value as a point', async () => {
    await page.goto(`${collector.url}/dashboard?range=24h&model=gpt-live-1`);
    const latency = page.locator('.chart', { hasText: 'Latency' }).first().locator('canvas');
    await latency.waitFor();
    const coloured = await latency.evaluate((canvas: HTMLCanvasElement) => {
      const context = canvas.getContext('2d');
      if (!context) return 0;
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      let count = 0;
      // The first series' colour (#3b82f6): only the point can have drawn it.
      for (let index = 0; index < data.length; index += 4) {
        if (Math.abs(data[index]! - 59) < 40 && Math.abs(data[index + 1]! - 130) < 40 && data[index + 2]! > 200)
          count++;
      }
      return count;
    });
    expect(coloured).toBeGreaterThan(0);
    await shoot('13-single-point');
  });

  it('shows session messages that arrived as OTLP log records', async () => {
    const trace = logMessagesTrace({
      minutesAgo: 15,
      user: 'user-logs',
      session: 'session-logs',
      question: 'Do log records reach the session view?',
      answer: 'They do, through span_log_events.',
    });
    await sendSpans(collector.url, trace.spans, AUTH);
    await sendLogs(collector.url, trace.logs, AUTH);
    await page.goto(`${collector.url}/sessions/session-logs?range=24h`);
    await page.getByText('Do log records reach the session view?', { exact: true }).waitFor();
    await page.getByText('They do, through span_log_events.').waitFor();
    await shoot('14-session-log-messages');
    expect(pageErrors).toEqual([]);
  });
});
