import { describe, expect, it } from 'vitest';
import { isSafeUrl, markdownText, renderCaseHtml } from '../../../functions/case-publication/core/markdown';

const SITE = 'https://cases.example.gov.cn/cases/1';
const TAGS = new Set(['p', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'li', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'hr', 'pre', 'code', 'em', 'strong', 's', 'a', 'br']);
const ATTRIBUTES: Record<string, string[]> = { a: ['href', 'title', 'rel'], ol: ['start'], th: ['class'], td: ['class'] };

interface Element {
  tag: string;
  attributes: Record<string, string>;
}

/** The start tags of rendered HTML with their attributes (markdown-it's output is regular enough for this). */
function elements(html: string): Element[] {
  return [...html.matchAll(/<([a-zA-Z][\w-]*)((?:\s+[^\s=>]+(?:="[^"]*")?)*)\s*\/?>/g)].map((m) => ({
    tag: m[1]!.toLowerCase(),
    attributes: Object.fromEntries([...m[2]!.matchAll(/\s+([^\s=>]+)(?:="([^"]*)")?/g)].map((a) => [a[1]!.toLowerCase(), a[2] ?? ''])),
  }));
}

const decode = (value: string) => value.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** What must hold for any input: only allow-listed tags and attributes, safe link targets, rel on every link. */
function expectSafe(html: string): void {
  expect(html).not.toMatch(/<\s*(script|iframe|object|embed|svg|math|style|img|form|input|link|meta|base)\b/i);
  expect(html).not.toMatch(/<!--/);
  for (const { tag, attributes } of elements(html)) {
    expect(TAGS.has(tag), `tag <${tag}>`).toBe(true);
    for (const name of Object.keys(attributes)) expect(ATTRIBUTES[tag] ?? [], `<${tag} ${name}>`).toContain(name);
    if (tag === 'a') {
      expect(attributes.rel).toBe('noopener noreferrer nofollow');
      if (attributes.href !== undefined) expect(['http:', 'https:', 'mailto:']).toContain(new URL(decode(attributes.href), SITE).protocol);
    }
    if (attributes.class !== undefined) expect(attributes.class).toMatch(/^align-(left|center|right)$/);
  }
}

const HOSTILE: [string, string][] = [
  ['a script element', '<script>alert(1)</script>'],
  ['an upper-case script with src', '<SCRIPT SRC=//evil.example/x.js></SCRIPT>'],
  ['a split script tag', '<scr<script>ipt>alert(1)</script>'],
  ['script inside other HTML', '<div><p><script>alert(1)</script></p></div>'],
  ['an image with onerror', '<img src=x onerror=alert(1)>'],
  ['an svg with onload', '<svg onload=alert(1)><circle/></svg>'],
  ['an iframe', '<iframe src="https://evil.example"></iframe>'],
  ['a style element', '<style>body{display:none}</style>'],
  ['an HTML comment', '<!-- <script>alert(1)</script> -->'],
  ['mutation-XSS nesting', '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>'],
  ['raw HTML inside emphasis', '**<img src=x onerror=alert(1)>**'],
  ['raw HTML as link text', '[<img src=x onerror=alert(1)>](https://example.com)'],
  ['an HTML anchor with javascript: and onclick', '<a href="javascript:alert(1)" onclick="alert(1)">x</a>'],
  ['a javascript: link', '[x](javascript:alert(1))'],
  ['a mixed-case javascript: link', '[x](JaVaScRiPt:alert(1))'],
  ['a javascript: link in angle brackets', '[x](<javascript:alert(1)>)'],
  ['a javascript: autolink', '<javascript:alert(1)>'],
  ['an entity-encoded javascript: link', '[x](&#106;avascript:alert(1))'],
  ['a javascript: link with an encoded colon', '[x](javascript&colon;alert(1))'],
  ['a javascript: link with a tab entity inside', '[x](java&#x09;script:alert(1))'],
  ['a javascript: link with a control character', '[x](\u0001javascript:alert(1))'],
  ['a percent-encoded javascript: link', '[x](%6Aavascript:alert(1))'],
  ['a javascript: reference definition', '[x][evil]\n\n[evil]: javascript:alert(1)'],
  ['a vbscript: link', '[x](vbscript:msgbox(1))'],
  ['a data: HTML link', '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
  ['a data: SVG image', '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)'],
  ['a data: PNG image', '![x](data:image/png;base64,iVBORw0KGgo=)'],
  ['a title breaking out of its attribute', '[x](https://example.com "a\\" onmouseover=\\"alert(1)")'],
  ['script in a fenced code block with an info string', '```html" onclick="alert(1)\n<script>alert(1)</script>\n```'],
  ['a table with alignment (style attributes)', '| a | b | c |\n|:-|:-:|-:|\n| <b onclick=x>1</b> | 2 | 3 |'],
];

describe('rendering case Markdown to HTML', () => {
  it.each(HOSTILE)('neutralises %s', (_name, markdown) => {
    const html = renderCaseHtml(`正文开头\n\n${markdown}\n\n正文结尾`);
    expectSafe(html);
    // The reader's text survives around it.
    expect(html).toContain('正文开头');
    expect(html).toContain('正文结尾');
  });

  it('shows raw HTML as the text it is, escaped', () => {
    expect(renderCaseHtml('<script>alert(1)</script>')).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n');
  });

  it('keeps a refused link as plain text and a safe one as a link with rel', () => {
    const html = renderCaseHtml('[坏链接](javascript:alert(1)) 与 [人社部](https://www.mohrss.gov.cn "人力资源和社会保障部") 与 [本站](/cases) 与 [邮件](mailto:a@example.com)');
    expect(html).toContain('[坏链接](javascript:alert(1))');
    expect(html).toContain('<a href="https://www.mohrss.gov.cn" title="人力资源和社会保障部" rel="noopener noreferrer nofollow">人社部</a>');
    expect(html).toContain('<a href="/cases" rel="noopener noreferrer nofollow">本站</a>');
    expect(html).toContain('<a href="mailto:a@example.com" rel="noopener noreferrer nofollow">邮件</a>');
  });

  it('turns images into links (the site serves images from its own origin only) and drops data: images', () => {
    expect(renderCaseHtml('![工作站](https://example.com/a.png)')).toBe('<p><a href="https://example.com/a.png" rel="noopener noreferrer nofollow">图片：工作站</a></p>\n');
    expect(renderCaseHtml('![x](data:image/png;base64,iVBORw0KGgo=)')).not.toMatch(/<a |<img/);
  });

  it('renders the usual Markdown: headings under the page title, lists, tables, code, emphasis', () => {
    const html = renderCaseHtml('# 一、背景\n\n## 做法\n\n1. 甲\n2. 乙\n\n- 丙\n\n> 引用\n\n| 项目 | 数量 |\n|:--|--:|\n| 站点 | 3 |\n\n`code` **强** *弱* ~~删~~\n\n---');
    expect(html).toContain('<h2>一、背景</h2>');
    expect(html).toContain('<h3>做法</h3>');
    expect(html).toContain('<ol>\n<li>甲</li>');
    expect(html).toContain('<blockquote>');
    expect(html).toContain('<th class="align-left">项目</th>');
    expect(html).toContain('<td class="align-right">3</td>');
    expect(html).toContain('<code>code</code> <strong>强</strong> <em>弱</em> <s>删</s>');
    expect(html).toContain('<hr>');
    expectSafe(html);
  });

  it('decides link schemes the way browsers read them', () => {
    for (const url of ['https://a.example', 'http://a.example', 'mailto:x@a.example', '/cases', '#top', '?q=1', 'relative/path', 'java%09script:alert(1)']) expect(isSafeUrl(url), url).toBe(true);
    for (const url of ['javascript:alert(1)', ' JavaScript:alert(1)', 'java\tscript:alert(1)', 'java\nscript:x', '\u0000javascript:x', 'vbscript:x', 'data:text/html,x', 'file:///etc/passwd', 'blob:https://a/x']) expect(isSafeUrl(url), url).toBe(false);
  });
});

describe('the text of a body, for search', () => {
  it('keeps what a reader sees and drops markup and link targets', () => {
    const text = markdownText('# 标题\n\n**人才**服务 [链接文字](https://example.com/secret-path) ![图片说明](https://example.com/x.png)\n\n```\n代码\n```');
    expect(text).toContain('标题');
    expect(text).toContain('人才服务');
    expect(text).toContain('链接文字');
    expect(text).toContain('图片说明');
    expect(text).toContain('代码');
    expect(text).not.toContain('secret-path');
    expect(text).not.toContain('**');
  });
});
