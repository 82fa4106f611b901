import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../shared/openapi/generate';
import { renderDocsPage } from '../../shared/openapi/render-html';
import { SERVICES } from '../../functions/services';

describe('the OpenAPI document', () => {
  const doc = buildOpenApiDocument(SERVICES) as {
    openapi: string;
    paths: Record<string, Record<string, { operationId: string; description: string; security?: unknown[]; 'x-access': unknown; 'x-access-matrix'?: Record<string, string> }>>;
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

  it('carries the authorisation matrix on every operation, and prints it on the docs page', () => {
    for (const service of SERVICES) {
      for (const route of service.routes.filter((r) => !r.hiddenFromDocs && r.path !== '$default')) {
        const op = doc.paths[route.path]![route.method.toLowerCase()]!;
        const row = service.accessMatrix![route.operationId]!;
        expect(op['x-access-matrix'], route.operationId).toEqual(
          expect.objectContaining({ anonymous: row.anonymous, admin: row.admin, issuer: row.issuerA, institution: row.institutionA, unit: row.unitA, expert: row.expertA, reviewer: row.reviewerA, professional: row.professionalA }),
        );
        expect(op.description).toContain('Access matrix:');
      }
    }
    expect(doc.paths['/certificates/{number}']!.get!.description).toContain('issuer own region only (another\'s: 404)');
    const html = renderDocsPage(doc);
    expect(html).toContain('id="access-matrix"');
    expect(html).toMatch(/<th>Operation<\/th><th>anonymous<\/th><th>admin<\/th><th>issuer<\/th>/);
    // One matrix row per documented operation, linking to it.
    const documented = Object.values(doc.paths).flatMap((methods) => Object.values(methods));
    const matrixTable = html.slice(html.indexOf('id="access-matrix"'), html.indexOf('<h2>Operations</h2>'));
    expect(matrixTable.match(/<tr><td><a href="#/g)).toHaveLength(documented.length);
    expect(matrixTable).toContain('<a href="#getCertificate">GET /certificates/{number}</a></td><td class="x-deny"');
    expect(matrixTable).toContain('own (404)');
  });
});
