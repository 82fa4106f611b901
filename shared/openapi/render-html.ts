import { AUDIENCES, describeOutcome, type Audience, type Outcome } from '../service/access-matrix';
import type { CatalogueEntry } from './event-catalogue';

/** A dependency-free, readable rendering of the OpenAPI document: no CDN, no script. */

const escapeHtml = (text: unknown): string =>
  String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

interface Operation {
  operationId: string;
  'x-access-matrix'?: Record<Audience, Outcome>;
  summary?: string;
  description?: string;
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: unknown }[];
  requestBody?: { content: Record<string, { schema?: unknown }> };
  responses: Record<string, { description: string; content?: Record<string, { schema?: unknown }> }>;
}

interface Document {
  info: { title: string; description?: string };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
}

/** A schema: a link to its section when it is just a reference to a named schema. */
function block(value: unknown): string {
  const ref = (value as { $ref?: unknown } | undefined)?.$ref;
  if (typeof ref === 'string' && Object.keys(value as object).length === 1) {
    const name = ref.replace('#/components/schemas/', '');
    return `<p>Schema: <a href="#schema-${escapeHtml(name)}">${escapeHtml(name)}</a></p>`;
  }
  return `<pre>${escapeHtml(JSON.stringify(value, null, 2))}</pre>`;
}

function renderOperation(path: string, method: string, op: Operation): string {
  const params = (op.parameters ?? [])
    .map((p) => `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${escapeHtml(p.in)}</td><td>${p.required ? 'yes' : 'no'}</td><td>${escapeHtml(p.description ?? '')}</td></tr>`)
    .join('');
  const body = op.requestBody ? `<h4>Request body</h4>${block(op.requestBody.content['application/json']?.schema)}` : '';
  const responses = Object.entries(op.responses)
    .map(([status, r]) => {
      const schema = r.content ? Object.values(r.content)[0]?.schema : undefined;
      return `<li><strong>${escapeHtml(status)}</strong> ${escapeHtml(r.description)}${schema ? block(schema) : ''}</li>`;
    })
    .join('');
  return `<section class="op" id="${escapeHtml(op.operationId)}">
<h3><span class="m ${escapeHtml(method)}">${escapeHtml(method.toUpperCase())}</span> <code>${escapeHtml(path)}</code></h3>
<p>${escapeHtml(op.summary ?? '')}</p><p class="d">${escapeHtml(op.description ?? '')}</p>
${params ? `<table><thead><tr><th>Parameter</th><th>In</th><th>Required</th><th>About</th></tr></thead><tbody>${params}</tbody></table>` : ''}
${body}<h4>Responses</h4><ul>${responses}</ul></section>`;
}

const CELL: Record<Outcome, string> = { allow: '✓', deny: '✗', 'tenant:403': 'own (403)', 'tenant:404': 'own (404)', 'tenant:item': 'own items' };

/** The authorisation matrix: one row per operation, one column per audience. */
function renderAccessMatrix(ops: { path: string; m: string; op: Operation }[]): string {
  const rows = ops.filter(({ op }) => op['x-access-matrix']);
  if (!rows.length) return '';
  const head = AUDIENCES.map((a) => `<th>${escapeHtml(a)}</th>`).join('');
  const body = rows
    .map(({ path, m, op }) => {
      const row = op['x-access-matrix']!;
      const cells = AUDIENCES.map((a) => `<td class="x-${escapeHtml(row[a].replace(':', '-'))}" title="${escapeHtml(describeOutcome(a, row[a]))}">${escapeHtml(CELL[row[a]])}</td>`).join('');
      return `<tr><td><a href="#${escapeHtml(op.operationId)}">${escapeHtml(m.toUpperCase())} ${escapeHtml(path)}</a></td>${cells}</tr>`;
    })
    .join('');
  return `<h2 id="access-matrix">Who may call what</h2>
<p>The authorisation matrix, checked against the running platform by an end-to-end test that calls every operation as every role. ✓ allowed; ✗ refused (401 without a token, 403 for this group); <em>own (403)</em> / <em>own (404)</em> only for the caller's own tenant — an issuer's or reviewer's region (a province covers its cities), an institution, unit or expert id, a professional's own records — and another tenant's is refused with that status (404 where the answer must not reveal that the resource exists); <em>own items</em>: a batch whose items outside the caller's region are rejected one by one. Admins act anywhere. Machine-readable: <code>x-access-matrix</code> on each operation.</p>
<table class="matrix"><thead><tr><th>Operation</th>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function renderEvent(e: CatalogueEntry): string {
  const delivered = e.deliveredTo.length ? e.deliveredTo.map((c) => `<code>${escapeHtml(c)}</code>`).join(', ') : 'no consumer yet (published for outside subscribers)';
  return `<section class="op" id="event-${escapeHtml(e.type)}"><h3>${escapeHtml(e.type)}</h3><p>${escapeHtml(e.description)}</p>
<p>Producer: <code>${escapeHtml(e.producer)}</code>. Delivered to: ${delivered}.</p>
<h4>Sample</h4>${block(e.sample)}<h4>JSON Schema</h4>${block(e.schema)}</section>`;
}

export function renderDocsPage(doc: unknown, events: CatalogueEntry[] = []): string {
  const d = doc as Document;
  const ops = Object.entries(d.paths).flatMap(([path, methods]) => Object.entries(methods).map(([m, op]) => ({ path, m, op })));
  const toc = ops.map(({ path, m, op }) => `<li><a href="#${escapeHtml(op.operationId)}">${escapeHtml(m.toUpperCase())} ${escapeHtml(path)}</a></li>`).join('');
  const schemas = Object.entries(d.components.schemas)
    .map(([name, schema]) => `<section id="schema-${escapeHtml(name)}"><h3>${escapeHtml(name)}</h3>${block(schema)}</section>`)
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(d.info.title)}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:0 auto;padding:1rem;color:#1a1a1a}
pre{background:#f5f5f5;padding:.5rem;overflow:auto;font-size:12px}.m{display:inline-block;min-width:4em;padding:0 .3em;border-radius:3px;color:#fff;font-size:13px}
.get{background:#2b6cb0}.post{background:#2f855a}.delete{background:#c53030}.patch,.put{background:#b7791f}
table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.2rem .5rem;text-align:left}.op{border-top:1px solid #ddd;margin-top:1rem}.d{white-space:pre-line;color:#444}
.matrix{font-size:12px}.matrix td{text-align:center}.matrix td:first-child{text-align:left}.x-allow{background:#e6f4ea}.x-deny{color:#999}.x-tenant-403,.x-tenant-404,.x-tenant-item{background:#fff4d6}</style>
</head><body><h1>${escapeHtml(d.info.title)}</h1><p>${escapeHtml(d.info.description ?? '')}</p>
<p>Machine-readable: <a href="/openapi.json">/openapi.json</a>. Who may call what: <a href="#access-matrix">the access matrix</a>.</p>
${renderAccessMatrix(ops)}
<h2>Operations</h2><ul>${toc}</ul>${ops.map(({ path, m, op }) => renderOperation(path, m, op)).join('')}
<h2>Schemas</h2>${schemas}
<h2 id="events">Domain events</h2><p>Every service's table stream yields these events onto one EventBridge bus; rules deliver them to the consumers named. Machine-readable, with JSON Schemas: <a href="/events.json">/events.json</a></p>
${events.map(renderEvent).join('')}</body></html>`;
}
