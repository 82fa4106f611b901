import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mod11_2CheckCharacter } from '../../shared/ids/mod11-2';
import { api, tokenFor } from '../support/tokens';
import { axeViolations } from '../support/axe';

/*
 * The public verification page (web/index.html + web/assets/verify.js) in headless Chromium,
 * against `npm start`. Debian's Chromium only: nothing here downloads a browser.
 */
const CHROMIUM = '/usr/bin/chromium';
const HOLDER = '张三';
const REVOCATION_REASON = '申报材料弄虚作假';
const TYPO_MESSAGE = '证书编号校验位不符，可能输错了一位，请核对';
const NOT_FOUND_MESSAGE = '未找到与该编号和姓名相符的证书';
const PHONE = { width: 375, height: 740 };
const CARD_SCREENSHOT = join(tmpdir(), 'verify-card.png');

interface Issued {
  number: string;
  verifyToken: string;
}

interface Card {
  status: string | undefined;
  heading: string;
  fields: Record<string, string>;
}

let browser: Browser;
let valid: Issued;
let revoked: Issued;
const contexts: BrowserContext[] = [];
/** Uncaught script errors, CSP violations and failed page resources seen in the current test. */
let pageProblems: string[] = [];

async function issueCertificate(token: string): Promise<Issued> {
  const res = await fetch(api('/certificates'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      type: 'ZC',
      region: '310000',
      holder: { name: HOLDER, idNumber: '11010519491231002X' },
      title: '高级工程师',
      level: '高级',
      specialty: '计算机',
      issuerName: '上海市人力资源和社会保障局',
      issueDate: '2026-03-01',
    }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as Issued;
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
    const isApi = pathname.startsWith('/public/') || pathname.startsWith('/certificates');
    if (!isApi && response.status() >= 400) pageProblems.push(`${response.status()} for ${pathname}`);
  });
  const response = await page.goto(api(path));
  expect(response?.status()).toBe(200);
  return page;
}

/** Every request the page makes to the API (anything under /public/ or /certificates). */
function recordApiRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.startsWith('/public/') || pathname.startsWith('/certificates')) seen.push(pathname);
  });
  return seen;
}

async function readCard(page: Page): Promise<Card> {
  await page.locator('#result article[data-status]').waitFor();
  return page.evaluate(() => {
    const card = document.querySelector<HTMLElement>('#result article[data-status]')!;
    const fields: Record<string, string> = {};
    for (const dt of card.querySelectorAll('dt')) fields[dt.textContent!.trim()] = dt.nextElementSibling!.textContent!.trim();
    return { status: card.dataset.status, heading: card.querySelector('h2')!.textContent!.trim(), fields };
  });
}

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id);
const horizontalOverflow = (page: Page) => page.evaluate(() => document.scrollingElement!.scrollWidth);

async function lookUp(page: Page, number: string, name: string) {
  await page.getByLabel('证书编号', { exact: true }).fill(number);
  await page.getByLabel('持证人姓名', { exact: true }).fill(name);
  await page.getByRole('button', { name: '查验', exact: true }).click();
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: sudo apt-get install -y chromium`);
  const issuer = await tokenFor({ group: 'issuer', tenant: '310000' });
  valid = await issueCertificate(issuer);
  revoked = await issueCertificate(issuer);
  const revocation = await fetch(api(`/certificates/${revoked.number}/revocation`), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${issuer}` },
    body: JSON.stringify({ reason: REVOCATION_REASON }),
  });
  expect(revocation.status).toBe(200);
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

describe('the certificate verification page (web/index.html)', () => {
  it.each([
    ['desktop', { width: 1280, height: 900 }],
    ['phone', { width: 375, height: 812 }],
  ])('has no axe-core violations (%s)', async (_label, viewport) => {
    const page = await openPage('/', { viewport });
    expect(await axeViolations(page)).toEqual([]);
  });

  it('is served as a zh-CN page with labelled fields, a live result region and the site nav', async () => {
    const page = await openPage('/');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await page.getAttribute('meta[name="viewport"]', 'content')).toContain('width=device-width');
    expect(await page.getAttribute('#result', 'aria-live')).toBe('polite');
    expect(await page.getByLabel('证书编号', { exact: true }).getAttribute('id')).toBe('cert-number');
    expect(await page.getByLabel('持证人姓名', { exact: true }).getAttribute('id')).toBe('holder-name');
    const nav = page.getByRole('navigation', { name: '主导航' });
    expect(await nav.getByRole('link', { name: '证书查验' }).getAttribute('href')).toBe('/');
    expect(await nav.getByRole('link', { name: '典型案例' }).getAttribute('href')).toBe('/cases');
  });

  it('(a) verifies a valid certificate typed with the keyboard only, and focuses the result', async () => {
    const page = await openPage('/');
    const requests = recordApiRequests(page);
    await page.getByLabel('证书编号', { exact: true }).focus();
    await page.keyboard.type(valid.number);
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('holder-name');
    await page.keyboard.type(HOLDER);
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('verify-submit');
    await page.keyboard.press('Enter');

    const card = await readCard(page);
    expect(card.status).toBe('VALID');
    expect(card.heading).toContain('有效');
    expect(card.fields).toMatchObject({
      证书编号: valid.number,
      类别: '职称（ZC）',
      名称: '高级工程师',
      级别: '高级',
      专业: '计算机',
      持证人: '张*',
      发证机关: '上海市人力资源和社会保障局',
      发证日期: '2026年3月1日',
      有效期至: '长期有效',
    });
    expect(await focusedId(page)).toBe('result-heading');
    expect(requests).toEqual([`/public/certificates/${valid.number}`]);
  });

  it('(b) shows a revoked certificate as REVOKED, with the date and the reason', async () => {
    const page = await openPage('/');
    await lookUp(page, revoked.number, HOLDER);
    const card = await readCard(page);
    expect(card.status).toBe('REVOKED');
    expect(card.heading).toContain('已撤销');
    expect(card.fields['撤销原因']).toBe(REVOCATION_REASON);
    expect(card.fields['撤销日期']).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/);
    expect(card.fields['持证人']).toBe('张*');
    expect(await page.locator('#result .card--revoked').count()).toBe(1);
  });

  it('(c) catches a mistyped check character in the browser, without asking the API', async () => {
    const page = await openPage('/');
    const requests = recordApiRequests(page);
    const last = valid.number.at(-1)!;
    const typo = valid.number.slice(0, -1) + [...'10X98765432'].find((c) => c !== last)!;

    await lookUp(page, typo, HOLDER);
    await page.getByText(TYPO_MESSAGE).waitFor();
    const numberField = page.getByLabel('证书编号', { exact: true });
    expect(await numberField.getAttribute('aria-invalid')).toBe('true');
    expect(await numberField.getAttribute('aria-describedby')).toContain('cert-number-error');
    expect(await focusedId(page)).toBe('cert-number');
    await page.waitForTimeout(300);
    expect(requests).toEqual([]);

    // The server reaches the same verdict for the same number.
    const res = await fetch(api(`/public/certificates/${typo}?name=${encodeURIComponent(HOLDER)}`));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: { code: string }[] }).errors[0]!.code).toBe('checkCharacter');
  });

  it('computes the check character exactly as the server does', async () => {
    const page = await openPage('/');
    const samples = Array.from({ length: 200 }, () => Array.from({ length: 17 }, () => Math.floor(Math.random() * 10)).join(''));
    // A string, not a function: vitest would rewrite a dynamic import() inside a function body.
    const inPage = await page.evaluate<string[]>(
      `import('/assets/verify.js').then((m) => ${JSON.stringify(samples)}.map((d) => m.checkCharacterFor(d)))`,
    );
    expect(inPage).toEqual(samples.map((d) => mod11_2CheckCharacter(d)));
  });

  it('(d) says so when a well-formed number (or the name) matches no certificate', async () => {
    const digits = '310000' + '2026' + '9999990'; // region, year, an unused serial
    const unknown = `ZC${digits}${mod11_2CheckCharacter(digits)}`;
    const page = await openPage('/');
    const requests = recordApiRequests(page);

    await lookUp(page, unknown, HOLDER);
    await page.getByText(NOT_FOUND_MESSAGE).waitFor();
    expect(await focusedId(page)).toBe('result-heading');
    expect(requests).toEqual([`/public/certificates/${unknown}`]);

    await page.locator('#result').evaluate((region) => region.replaceChildren());
    await lookUp(page, valid.number, '李四');
    await page.getByText(NOT_FOUND_MESSAGE).waitFor();
    expect(await page.locator('#result article[data-status]').count()).toBe(0);
  });

  it("shows the server's detail for number problems a browser cannot see (an unknown region)", async () => {
    const digits = '999999' + '2026' + '0000001'; // no such region
    const badRegion = `ZC${digits}${mod11_2CheckCharacter(digits)}`;
    const res = await fetch(api(`/public/certificates/${badRegion}?name=${encodeURIComponent(HOLDER)}`));
    const problem = (await res.json()) as { detail: string; errors: { code: string }[] };
    expect([res.status, problem.errors[0]!.code]).toEqual([400, 'region']);

    const page = await openPage('/');
    await lookUp(page, badRegion, HOLDER);
    await page.locator('#cert-number-error').getByText(problem.detail).waitFor();
    expect(await focusedId(page)).toBe('cert-number');
  });

  it('offers a retry when the service is unavailable, and the retry works', async () => {
    const page = await openPage('/');
    let failures = 1;
    await page.route('**/public/certificates/**', (route) =>
      failures-- > 0
        ? route.fulfill({ status: 503, contentType: 'application/problem+json', body: JSON.stringify({ status: 503, title: 'Service Unavailable' }) })
        : route.continue(),
    );
    await lookUp(page, valid.number, HOLDER);
    await page.getByText('查验服务暂时无法访问，请稍后重试。').waitFor();
    expect(await focusedId(page)).toBe('result-heading');
    await page.getByRole('button', { name: '重试' }).click();
    expect((await readCard(page)).status).toBe('VALID');
  });

  it('(e) opens the QR link /v/{token} straight onto the result, with no name to type', async () => {
    const page = await openPage(`/v/${valid.verifyToken}`);
    const card = await readCard(page);
    expect(card.status).toBe('VALID');
    expect(card.fields).toMatchObject({ 证书编号: valid.number, 持证人: '张*' });
    expect(await page.getByLabel('持证人姓名', { exact: true }).isVisible()).toBe(false);
    expect(await page.getByRole('link', { name: '按证书编号和姓名查验其他证书' }).getAttribute('href')).toBe('/');
    expect(await focusedId(page)).toBe('result-heading');

    const forged = await openPage('/v/not-a-genuine-token');
    await forged.getByText('该二维码无效，或未对应本平台签发的证书。').waitFor();
  });

  it('(f) fits a phone screen (375 px): one column, no horizontal scrolling', async () => {
    const page = await openPage('/', { viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(PHONE.width);
    const numberBox = (await page.getByLabel('证书编号', { exact: true }).boundingBox())!;
    const nameBox = (await page.getByLabel('持证人姓名', { exact: true }).boundingBox())!;
    expect(nameBox.y).toBeGreaterThan(numberBox.y + numberBox.height);
    expect(numberBox.width).toBeGreaterThan(PHONE.width * 0.75);

    await lookUp(page, valid.number, HOLDER);
    expect((await readCard(page)).status).toBe('VALID');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(PHONE.width);
    await page.locator('#result article').screenshot({ path: CARD_SCREENSHOT });

    await page.goto(api(`/v/${revoked.verifyToken}`));
    expect((await readCard(page)).status).toBe('REVOKED');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(PHONE.width);
  });
});
