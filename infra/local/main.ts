import { parseArgs } from 'node:util';
import { javaProblem } from './dynamodb-local';
import { startLocalRuntime } from './runtime';

const { values } = parseArgs({
  options: {
    'in-memory': { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
    demo: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(`npm start [-- --in-memory] [-- --verbose] [-- --demo]
  --in-memory  keep nothing on disk (default: data under .local/)
  --demo       load the demo data set once the platform is up (again: npm run demo; it adds nothing twice)
  --verbose    show the handlers' INFO logs
  PORT=3000    the API port (default 3000)`);
  process.exit(0);
}

const java = javaProblem();
if (java) {
  console.error(`\n${java}\n`);
  process.exit(1);
}

const port = Number(process.env.PORT ?? 3000);
console.log('Starting DynamoDB Local, local S3 and the platform…');
const runtime = await startLocalRuntime({ port, inMemory: values['in-memory'], logLevel: values.verbose ? 'INFO' : undefined, verbose: values.verbose }).catch((error: Error) => {
  console.error(`Could not start: ${error.message}`);
  process.exit(1);
});

console.log(`
Talent Services Platform is ready (${values['in-memory'] ? 'in memory' : 'data in .local/'}).
  API          ${runtime.url}
  API docs     ${runtime.url}/docs   (OpenAPI: ${runtime.url}/openapi.json)
  Web          ${runtime.url}/
  Health       ${runtime.url}/public/health
  Failures     ${runtime.url}/_local/failures   (admin token: curl -H "authorization: Bearer $(npm run -s token -- admin)" …)
  Events       npm run events   (domain events on the bus and their deliveries; ${runtime.url}/_local/events, admin token)
  DynamoDB     ${runtime.dynamoEndpoint}   S3 ${runtime.s3Endpoint}
Get a token:   npm run token -- <group> [tenantId] [region]   e.g.  npm run token -- issuer 310000
Press Ctrl-C to stop.`);

if (values.demo) {
  // Not awaited: Ctrl-C (below) stops everything while it loads, too.
  void import('./demo/load')
    .then(({ loadDemoData, demoReport }) => loadDemoData({ baseUrl: runtime.url }).then((result) => console.log(demoReport(result))))
    .catch((error: Error) => console.error(`Could not load the demo data: ${error.message}`));
}

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping…`);
  await runtime.stop();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
