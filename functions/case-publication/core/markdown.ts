import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';

/*
 * Case bodies are Markdown written by HR departments and shown to the public, so the HTML must be
 * safe whatever the Markdown says (DESIGN §6). Three layers, each enough on its own for scripts:
 *
 *  1. markdown-it with `html: false`: raw HTML in the Markdown is never passed through, it is
 *     text and comes out escaped (`<script>` shows as the characters "<script>").
 *  2. An allow-list over what markdown-it produces: only the tags CommonMark + tables yield, each
 *     with only the attributes listed below; every URL must be http(s), mailto or relative, so
 *     `javascript:`, `vbscript:` and `data:` (in any case, with entities or control characters)
 *     never become a link; images become plain links (the site's CSP serves images from its own
 *     origin only); table alignment becomes a class, not a style attribute; headings move down a
 *     level under the page's own <h1>; links get rel="noopener noreferrer nofollow".
 *  3. The public pages' CSP (no inline script, no inline handlers), in the browser.
 *
 * Why not sanitize-html on top: layer 2 already works on markdown-it's token stream, where every
 * tag and attribute is known, instead of re-parsing HTML; and sanitize-html (with htmlparser2 and
 * postcss) would add ~190 kB to the function bundle for no tag it could still remove.
 */

const md = new MarkdownIt('default', { html: false, linkify: false, typographer: false, breaks: false });

const SAFE_SCHEMES = new Set(['http', 'https', 'mailto']);
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
/** Browsers skip ASCII whitespace and control characters inside a URL's scheme ("java\tscript:"). */
const IGNORED_IN_URLS = /[\p{Cc}\s]/gu;

/** Whether a URL may be a link target: http(s), mailto, or relative (no scheme at all). */
export function isSafeUrl(url: string): boolean {
  const scheme = SCHEME.exec(url.replace(IGNORED_IN_URLS, ''))?.[1]?.toLowerCase();
  return scheme === undefined || SAFE_SCHEMES.has(scheme);
}

// markdown-it asks this of every link, autolink, reference definition and image: refused URLs
// stay literal text.
md.validateLink = isSafeUrl;

const LINK_REL = 'noopener noreferrer nofollow';
const ALIGNMENTS = new Set(['left', 'center', 'right']);

/** The attributes each token type may carry into the renderer; everything else is dropped. */
const ALLOWED_ATTRIBUTES: Record<string, readonly string[]> = {
  link_open: ['href', 'title'],
  image: ['src', 'alt', 'title'],
  ordered_list_open: ['start'],
  th_open: ['style'],
  td_open: ['style'],
};

/** The token types CommonMark with tables and strikethrough produces (html tokens excluded). */
const ALLOWED_TOKENS = new Set([
  'paragraph_open', 'paragraph_close', 'heading_open', 'heading_close', 'blockquote_open', 'blockquote_close',
  'bullet_list_open', 'bullet_list_close', 'ordered_list_open', 'ordered_list_close', 'list_item_open', 'list_item_close',
  'table_open', 'table_close', 'thead_open', 'thead_close', 'tbody_open', 'tbody_close', 'tr_open', 'tr_close',
  'th_open', 'th_close', 'td_open', 'td_close', 'hr', 'code_block', 'fence', 'inline',
  'text', 'softbreak', 'hardbreak', 'code_inline', 'em_open', 'em_close', 'strong_open', 'strong_close',
  's_open', 's_close', 'link_open', 'link_close', 'image',
]);

function allowListed(tokens: Token[]): Token[] {
  return tokens
    .filter((token) => ALLOWED_TOKENS.has(token.type))
    .map((token) => {
      const allowed = ALLOWED_ATTRIBUTES[token.type] ?? [];
      token.attrs = token.attrs?.filter(([name]) => allowed.includes(name)) ?? null;
      if (token.children) token.children = allowListed(token.children);
      return token;
    });
}

const escape = md.utils.escapeHtml;
const attr = (token: Token, name: string) => {
  const value = token.attrGet(name);
  return value === null ? undefined : String(value);
};
const rules = md.renderer.rules;

rules.link_open = (tokens, idx) => {
  const token = tokens[idx]!;
  const href = attr(token, 'href');
  const title = attr(token, 'title');
  const hrefPart = href !== undefined && isSafeUrl(href) ? ` href="${escape(href)}"` : '';
  return `<a${hrefPart}${title ? ` title="${escape(title)}"` : ''} rel="${LINK_REL}">`;
};
rules.link_close = () => '</a>';
rules.image = (tokens, idx) => {
  const token = tokens[idx]!;
  const src = attr(token, 'src') ?? '';
  const label = token.children?.map((child) => child.content).join('') || src;
  return /^https?:/i.test(src) && isSafeUrl(src) ? `<a href="${escape(src)}" rel="${LINK_REL}">${escape(`图片：${label}`)}</a>` : escape(label);
};
// No language class and no highlighter: the info string is the author's text, not ours.
rules.fence = (tokens, idx) => `<pre><code>${escape(tokens[idx]!.content)}</code></pre>\n`;
rules.code_block = rules.fence;
const cell = (tag: 'th' | 'td') => (tokens: Token[], idx: number) => {
  const align = /^text-align:(\w+)$/.exec(attr(tokens[idx]!, 'style') ?? '')?.[1];
  return `<${tag}${align && ALIGNMENTS.has(align) ? ` class="align-${align}"` : ''}>`;
};
rules.th_open = cell('th');
rules.td_open = cell('td');
/** The page's title is its <h1>: a body's headings start at <h2>. */
const shifted = (token: Token) => `h${Math.min(Number(token.tag.slice(1)) + 1, 6)}`;
rules.heading_open = (tokens, idx) => `<${shifted(tokens[idx]!)}>`;
rules.heading_close = (tokens, idx) => `</${shifted(tokens[idx]!)}>\n`;

/** A case body as sanitised HTML for the public page. */
export function renderCaseHtml(markdown: string): string {
  const env = {};
  return md.renderer.render(allowListed(md.parse(markdown, env)), md.options, env);
}

/** The words a reader sees in the body (no markup, no URLs), one block per line: what search indexes. */
export function markdownText(markdown: string): string {
  const lines: string[] = [];
  for (const token of md.parse(markdown, {})) {
    if (token.type === 'inline') {
      lines.push(
        (token.children ?? [])
          .map((child) => (child.type === 'text' || child.type === 'code_inline' ? child.content : child.type === 'image' ? (child.children ?? []).map((c) => c.content).join('') : child.type.endsWith('break') ? '\n' : ''))
          .join(''),
      );
    } else if (token.type === 'fence' || token.type === 'code_block') {
      lines.push(token.content);
    }
  }
  return lines.join('\n');
}
