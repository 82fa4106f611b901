import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { api, tokenFor } from '../support/tokens';
import { axeViolations } from '../support/axe';

/*
 * The public case pages (web/cases.html + web/assets/cases.js) in headless Chromium, against
 * `npm start`. Debian's Chromium only: nothing here downloads a browser.
 */
const CHROMIUM = '/usr/bin/chromium';
const PHONE = { width: 375, height: 740 };
const TOPICS = ['博士后', '职称和职业资格', '继续教育', '专家服务', '留学人员回国', '综合服务'];

/** Han characters no other test writes, so a search for them finds only this file's cases. */
const marker = () => Array.from({ length: 4 }, () => String.fromCodePoint(0x6000 + Math.floor(Math.random() * 0x800))).join('');
const POSTDOC_WORDS = marker();
const HOSTILE_WORDS = marker();
const PAGING_TAG = marker();

const HOSTILE_BODY = [
  '## 经验做法',
  '',
  '<script>window.__pwned = "script"</script>',
  '',
  '<img src=x onerror="window.__pwned = \'img\'">',
  '',
  '[点这里](javascript:window.__pwned=\'link\')',
  '',
  '<a href="#" onclick="window.__pwned = \'click\'">伪装的链接</a>',
  '',
  '![图](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9ImFsZXJ0KDEpIj48L3N2Zz4=)',
  '',
  `正文关键字${HOSTILE_WORDS}，详见[人社部网站](https://www.mohrss.gov.cn)。`,
  '',
  '| 指标 | 数值 |',
  '|:--|--:|',
  '| 服务专家 | 120 |',
].join('\n');

let browser: Browser;
let issuer: string;
let reviewer: string;
let postdocCase: string;
let hostileCase: string;
const contexts: BrowserContext[] = [];
/** Uncaught script errors, CSP violations and failed page resources seen in the current test. */
let pageProblems: string[] = [];

async function call(method: string, path: string, token: string, body?: unknown): Promise<{ id: string }> {
  const res = await fetch(api(path), {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
  return JSON.parse(text) as { id: string };
}

async function publish(fields: Record<string, unknown>): Promise<string> {
  const { id } = await call('POST', '/cases', issuer, { summary: '试点经验摘要。', body: '## 做法\n\n试点做法。', region: '310000', year: 2026, tags: [], ...fields });
  await call('POST', `/cases/${id}/submit`, issuer);
  await call('POST', `/cases/${id}/approve`, reviewer, { comment: '同意' });
  await call('POST', `/cases/${id}/publish`, reviewer);
  return id;
}

async function openPage(path: string, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', ...options });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (error) => pageProblems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) pageProblems.push(`csp: ${message.text()}`);
  });
  page.on('response', (response) => {
    const { pathname } = new URL(response.url());
    if (!pathname.startsWith('/public/') && response.status() >= 400) pageProblems.push(`${response.status()} for ${pathname}`);
  });
  const response = await page.goto(api(path));
  expect(response?.status()).toBe(200);
  return page;
}

/** The cards on the list page once it has loaded: id and topic of each. */
async function cards(page: Page): Promise<{ id: string; topic: string; title: string }[]> {
  await page.locator('#results-status:not(:empty)').waitFor();
  await page.locator('#case-list:not([aria-busy])').waitFor();
  return page.locator('#case-list article').evaluateAll((articles) =>
    articles.map((a) => ({ id: (a as HTMLElement).dataset.caseId!, topic: (a as HTMLElement).dataset.topic!, title: a.querySelector('h3')!.textContent!.trim() })),
  );
}

async function searchFor(page: Page, words: string) {
  await page.getByLabel('关键词').fill(words);
  await page.getByRole('button', { name: '搜索', exact: true }).click();
}

const horizontalOverflow = (page: Page) => page.evaluate(() => document.scrollingElement!.scrollWidth);

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: sudo apt-get install -y chromium`);
  [issuer, reviewer] = await Promise.all([tokenFor({ group: 'issuer', tenant: '310000' }), tokenFor({ group: 'reviewer', tenant: '310000' })]);
  postdocCase = await publish({ title: `博士后工作站${POSTDOC_WORDS}联合招收`, topic: 'POSTDOCTORAL', tags: ['博士后'] });
  hostileCase = await publish({ title: '专家服务基层行动', topic: 'EXPERTS', region: '310115', body: HOSTILE_BODY, tags: ['专家'] });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync', '--disable-component-update'],
  });
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
  const problems = pageProblems;
  pageProblems = [];
  expect(problems, 'script errors, CSP violations or missing resources').toEqual([]);
});

afterAll(async () => {
  await browser?.close();
});

describe('the case list (/cases)', () => {
  it.each([
    ['desktop', { width: 1280, height: 900 }],
    ['phone', { width: 375, height: 812 }],
  ])('has no axe-core violations (%s)', async (_label, viewport) => {
    const page = await openPage('/cases', { viewport });
    expect(await axeViolations(page)).toEqual([]);
  });

  it('is a zh-CN page with labelled filters offering the six pilot areas by their Chinese names', async () => {
    const page = await openPage('/cases');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await page.getAttribute('meta[name="viewport"]', 'content')).toContain('width=device-width');
    for (const label of ['关键词', '领域', '地区', '年份']) expect(await page.getByLabel(label, { exact: true }).count(), label).toBe(1);
    const topics = await page.getByLabel('领域', { exact: true }).locator('option').allTextContents();
    expect(topics).toEqual(['全部领域', ...TOPICS]);
    expect(await page.getByLabel('地区', { exact: true }).locator('option', { hasText: '上海市' }).getAttribute('value')).toBe('310000');
    expect(await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '典型案例' }).getAttribute('aria-current')).toBe('page');
    expect(await page.getAttribute('#results-status', 'role')).toBe('status');
  });

  it('filters by topic, and keeps the filter in the address', async () => {
    const page = await openPage('/cases');
    expect((await cards(page)).map((c) => c.id)).toEqual(expect.arrayContaining([postdocCase, hostileCase]));

    await page.getByLabel('领域', { exact: true }).selectOption({ label: '博士后' });
    await page.getByRole('button', { name: '搜索', exact: true }).click();
    await page.waitForURL(/\/cases\?topic=POSTDOCTORAL$/);
    const shown = await cards(page);
    expect(shown.map((c) => c.id)).toContain(postdocCase);
    expect(shown.map((c) => c.id)).not.toContain(hostileCase);
    expect(new Set(shown.map((c) => c.topic))).toEqual(new Set(['POSTDOCTORAL']));
    expect(await page.locator(`#case-list article[data-case-id="${postdocCase}"] .topic-badge`).textContent()).toBe('博士后');

    // Opened from the address, the page shows the same filter and list.
    const again = await openPage('/cases?topic=POSTDOCTORAL');
    expect(await again.getByLabel('领域', { exact: true }).inputValue()).toBe('POSTDOCTORAL');
    expect((await cards(again)).map((c) => c.id)).toEqual(shown.map((c) => c.id));
  });

  it('finds a case by a Chinese query typed with the keyboard, and opens it', async () => {
    const page = await openPage('/cases');
    await cards(page);
    await page.getByLabel('关键词').focus();
    await page.keyboard.type(`博士后 ${POSTDOC_WORDS}`);
    await page.keyboard.press('Enter');
    await page.waitForURL(/q=/);
    const found = await cards(page);
    expect(found.map((c) => c.id)).toEqual([postdocCase]);
    expect(await page.locator('#results-status').textContent()).toBe('已显示 1 个案例');

    await page.getByRole('link', { name: `博士后工作站${POSTDOC_WORDS}联合招收` }).click();
    await page.waitForURL(new RegExp(`/cases/${postdocCase}$`));
    await page.locator('#case-title').waitFor();
    expect(await page.locator('#case-title').textContent()).toBe(`博士后工作站${POSTDOC_WORDS}联合招收`);
  });

  it('says so when nothing matches, and asks for words when the query has none', async () => {
    const page = await openPage('/cases');
    await cards(page);
    await searchFor(page, `${marker()}${marker()}`);
    await page.getByText('没有找到符合条件的案例').waitFor();
    expect(await page.locator('#case-list article').count()).toBe(0);

    await searchFor(page, '。！');
    await page.getByText('请输入要搜索的字词').waitFor();
    expect(await page.getByLabel('关键词').getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('case-q');
  });

  it('loads more with the button and moves focus to the first new case', async () => {
    const titles = Array.from({ length: 22 }, (_, i) => `综合服务案例${PAGING_TAG}第${i + 1}号`);
    for (const title of titles) await publish({ title, topic: 'INTEGRATED_SERVICES', tags: [PAGING_TAG] });
    const page = await openPage(`/cases?q=${encodeURIComponent(PAGING_TAG)}`);
    const first = await cards(page);
    expect(first).toHaveLength(20);
    expect(first[0]!.title).toBe(titles.at(-1));
    const more = page.getByRole('button', { name: '加载更多' });
    await more.focus();
    await page.keyboard.press('Enter');
    await page.locator('#case-list article').nth(21).waitFor();
    const all = await cards(page);
    expect(all.map((c) => c.title)).toEqual([...titles].reverse());
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(titles[1]);
    await page.getByText('已显示 22 个案例').waitFor();
    expect(await more.isHidden()).toBe(true);
  });

  it('fits a phone screen', async () => {
    const page = await openPage('/cases', { viewport: PHONE, isMobile: true, hasTouch: true });
    await cards(page);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(PHONE.width);
  });
});

describe('a case page (/cases/{id})', () => {
  it('shows the rendered body; no script from hostile Markdown runs', async () => {
    const page = await openPage(`/cases/${hostileCase}`);
    await page.locator('#case-title').waitFor();
    expect(await page.title()).toContain('专家服务基层行动');
    const body = page.locator('.case-body');
    expect(await body.locator('h3').textContent()).toBe('经验做法');
    expect(await body.textContent()).toContain(`正文关键字${HOSTILE_WORDS}`);
    expect(await body.locator('td.align-right').textContent()).toBe('120');
    // The raw HTML is shown as text, not markup.
    expect(await body.textContent()).toContain('<script>window.__pwned = "script"</script>');

    const inspection = await page.evaluate(() => {
      const root = document.querySelector('.case-body')!;
      const elements = [...root.querySelectorAll('*')];
      return {
        pwned: (window as unknown as { __pwned?: string }).__pwned ?? null,
        dangerous: elements.filter((e) => ['SCRIPT', 'IMG', 'IFRAME', 'SVG', 'OBJECT', 'STYLE'].includes(e.tagName.toUpperCase())).length,
        handlers: elements.flatMap((e) => [...e.attributes].filter((a) => a.name.startsWith('on')).map((a) => a.name)),
        links: [...root.querySelectorAll('a')].map((a) => ({ href: a.getAttribute('href'), protocol: (a as HTMLAnchorElement).protocol, rel: a.rel })),
      };
    });
    expect(inspection.pwned).toBeNull();
    expect(inspection.dangerous).toBe(0);
    expect(inspection.handlers).toEqual([]);
    expect(inspection.links).toEqual([{ href: 'https://www.mohrss.gov.cn', protocol: 'https:', rel: 'noopener noreferrer nofollow' }]);

    // Facts about the case, from the API.
    const facts = await page.locator('.case-article__facts').evaluate((dl) => Object.fromEntries([...dl.querySelectorAll('dt')].map((dt) => [dt.textContent, dt.nextElementSibling!.textContent])));
    expect(facts).toMatchObject({ 领域: '专家服务', 地区: '浦东新区', 年份: '2026年' });
    expect(facts['发布日期']).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/);
  });

  it('fits a phone screen, tables included', async () => {
    const page = await openPage(`/cases/${hostileCase}`, { viewport: PHONE, isMobile: true, hasTouch: true });
    await page.locator('#case-title').waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(PHONE.width);
  });

  it('answers an unknown or withdrawn case with a not-found notice and a way back', async () => {
    const page = await openPage('/cases/00000000-0000-4000-8000-000000000000');
    await page.getByRole('heading', { name: '未找到该案例' }).waitFor();
    expect(await page.getByRole('link', { name: '查看全部案例' }).getAttribute('href')).toBe('/cases');
    expect(await page.getByRole('link', { name: '返回案例列表' }).getAttribute('href')).toBe('/cases');
  });
});
