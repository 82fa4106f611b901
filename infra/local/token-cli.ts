import { GROUPS, isGroup } from '../../shared/auth/groups';
import { issueLocalToken } from './tokens';

const [group, tenant, region] = process.argv.slice(2);
if (!group || !isGroup(group)) {
  console.error(`Usage: npm run token -- <group> [tenantId] [region]
  group: ${GROUPS.join(' | ')}
  examples:
    npm run token -- admin
    npm run token -- issuer 310000
    npm run token -- institution SH-BASE-01 310000
    npm run token -- professional 11010519491231002X`);
  process.exit(2);
}
try {
  process.stdout.write(`${await issueLocalToken({ group, tenant, region })}\n`);
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
