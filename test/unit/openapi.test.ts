import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../shared/openapi/generate';
import { renderDocsPage } from '../../shared/openapi/render-html';
import { SERVICES } from '../../functions/services';

describe('the OpenAPI document', () => {
  const doc = buildOpenApiDocument(SERVICES) as {
    openapi: string;
    paths: Record<string, Record<string, { operationId: string; security?: unknown[]; 'x-access': unknown }>>;
    components: { schemas: Record<string, unknown> };
  };

  it('is OpenAPI 3.1 and lists every documented route of every service', () => {
    expect(doc.openapi).toBe('3.1.0');
    for (const route of SERVICES.flatMap((s) => s.routes).filter((r) => !r.hiddenFromDocs && r.path !== '$default')) {
      expect(doc.paths[route.path]?.[route.method.toLowerCase()]?.operationId).toBe(route.operationId);
    }
  });

  it('marks public routes as needing no token and hoists named schemas into components', () => {
    expect(doc.paths['/public/health']!.get!.security).toEqual([]);
    expect(doc.paths['/public/health']!.get!['x-access']).toBe('public');
    expect(doc.components.schemas.Health).toBeDefined();
    expect(JSON.stringify(doc)).not.toContain('#/$defs/');
  });

  it('renders a readable HTML page with no script', () => {
    const html = renderDocsPage(doc);
    expect(html).toContain('/public/health');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('<a href="#schema-Health">Health</a>');
    expect(html).toContain('id="schema-Health"');
  });
});
