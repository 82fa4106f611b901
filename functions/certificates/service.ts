import { eventPublisher } from '../../shared/events/publisher-definition';
import { handlerPath, type ServiceDefinition } from '../../shared/service/definitions';
import { VERIFICATION_AUDIT } from './core/verification-log';
import { accessMatrix } from './access-matrix';
import { routes } from './routes';
import { certSigningKeysSecret, certVerifyKeysSecret } from './secrets';
import { certificateDocumentsBucket, certificatesTable } from './table';

const service = 'certificates';

export const certificatesService: ServiceDefinition = {
  name: service,
  tables: [certificatesTable],
  buckets: [certificateDocumentsBucket],
  secrets: [certSigningKeysSecret, certVerifyKeysSecret],
  routes,
  accessMatrix,
  streamConsumers: [
    eventPublisher(service, handlerPath(import.meta.url, './handlers/publish-events.ts'), certificatesTable, ['Certificate']),
    {
      service,
      id: 'renderCertificateDocuments',
      handler: handlerPath(import.meta.url, './handlers/render-documents.ts'),
      table: certificatesTable,
      filters: [{ eventName: ['INSERT'], dynamodb: { NewImage: { entity: { S: ['Certificate'] } } } }],
      batchSize: 10,
      maxRetries: 3,
      bisectOnError: true,
      timeoutSeconds: 120,
      memoryMb: 1024,
      grants: [{ bucket: certificateDocumentsBucket, access: 'write', prefix: 'certificates/' }, { secret: certSigningKeysSecret }],
      bundledFiles: [
        { module: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf', to: 'NotoSansSC_400Regular.ttf' },
        // subset-font reads HarfBuzz's wasm with require.resolve at run time.
        { module: 'harfbuzzjs/dist/harfbuzz-subset.wasm', to: 'node_modules/harfbuzzjs/dist/harfbuzz-subset.wasm' },
      ],
    },
  ],
  s3Triggers: [],
  eventConsumers: [
    {
      service,
      id: 'continuingEducationCertificates',
      handler: handlerPath(import.meta.url, './handlers/continuing-education.ts'),
      events: ['AnnualRequirementMet', 'AnnualRequirementLapsed', 'AnnualRequirementRestored'],
      grants: [{ table: certificatesTable, access: 'readwrite' }, { idempotency: true }],
    },
  ],
  logSubscriptions: [
    {
      service,
      id: 'recordVerifications',
      handler: handlerPath(import.meta.url, './handlers/record-verifications.ts'),
      sourceOperations: ['verifyCertificate', 'verifyCertificateToken', 'verifyCertificatesBatch'],
      match: { field: 'audit', value: VERIFICATION_AUDIT },
      grants: [{ table: certificatesTable, access: 'write' }],
    },
  ],
};
