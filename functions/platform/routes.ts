import { defineRoute, handlerPath } from '../../shared/service/definitions';
import { eventCatalogueResponse, healthResponse, openApiDocument, problemSchema } from './schemas';
import { idempotencyTable, siteBucket } from './table';

const service = 'platform';
const here = import.meta.url;

export const healthRoute = defineRoute({
  service,
  operationId: 'getHealth',
  method: 'GET',
  path: '/public/health',
  summary: 'Reachability of DynamoDB and S3',
  access: 'public',
  handler: handlerPath(here, './handlers/health.ts'),
  request: {},
  responses: {
    200: { description: 'Every dependency answered', schema: healthResponse },
    503: { description: 'A dependency did not answer', schema: healthResponse },
  },
  grants: [
    { table: idempotencyTable, access: 'read' },
    { bucket: siteBucket, access: 'read' },
  ],
});

export const openApiRoute = defineRoute({
  service,
  operationId: 'getOpenApi',
  method: 'GET',
  path: '/openapi.json',
  summary: 'This API, described in OpenAPI 3.1',
  access: 'public',
  handler: handlerPath(here, './handlers/openapi.ts'),
  request: {},
  responses: { 200: { description: 'The OpenAPI document', schema: openApiDocument } },
  grants: [],
});

export const eventCatalogueRoute = defineRoute({
  service,
  operationId: 'getEventCatalogue',
  method: 'GET',
  path: '/events.json',
  summary: 'The domain event catalogue: each event with producer, consumers, sample and JSON Schema',
  access: 'public',
  handler: handlerPath(here, './handlers/event-catalogue.ts'),
  request: {},
  responses: { 200: { description: '{ events: [...] }', schema: eventCatalogueResponse } },
  grants: [],
});

export const docsRoute = defineRoute({
  service,
  operationId: 'getDocs',
  method: 'GET',
  path: '/docs',
  summary: 'Readable API documentation',
  access: 'public',
  handler: handlerPath(here, './handlers/docs.ts'),
  request: {},
  responses: { 200: { description: 'HTML page', contentType: 'text/html' } },
  grants: [],
  hiddenFromDocs: true,
});

export const notFoundRoute = defineRoute({
  service,
  operationId: 'notFound',
  method: 'GET',
  path: '$default',
  summary: 'Any route that does not exist',
  access: 'public',
  handler: handlerPath(here, './handlers/not-found.ts'),
  request: {},
  responses: { 404: { description: 'No such route', schema: problemSchema } },
  grants: [],
  hiddenFromDocs: true,
});

const siteFiles = [{ module: './web', to: 'web' }];

/** The public web site: `GET /` and every other unmatched GET (pages, assets, or a 404). */
export const siteRoute = defineRoute({
  service,
  operationId: 'getSitePage',
  method: 'GET',
  path: '/{path+}',
  summary: 'Public web pages (verification, cases) and their assets',
  access: 'public',
  handler: handlerPath(here, './handlers/site.ts'),
  request: {},
  responses: {
    200: {
      description: 'A page or asset',
      contentType: 'text/html',
      alternatives: [{ contentType: 'text/javascript' }, { contentType: 'text/css' }, { contentType: 'image/svg+xml' }],
    },
    404: { description: 'No such page, asset or route' },
  },
  grants: [],
  hiddenFromDocs: true,
  bundledFiles: siteFiles,
});

export const siteRootRoute = defineRoute({ ...siteRoute, operationId: 'getSiteRoot', path: '/' });

export const routes = [healthRoute, openApiRoute, eventCatalogueRoute, docsRoute, notFoundRoute, siteRootRoute, siteRoute];
