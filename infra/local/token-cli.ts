import { GROUPS, isGroup } from '../../shared/auth/groups';
import type { IdType } from '../../shared/ids/identity-document';
import { issueLocalToken } from './tokens';

/** `--id-type PASSPORT` or `--id-type=PASSPORT`: flags come out, positional arguments stay in order. */
function splitFlags(args: string[]): { positional: string[]; flags: Map<string, string> } {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const flag = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!flag) positional.push(arg);
    else flags.set(flag[1]!, flag[2] ?? args[++i] ?? '');
  }
  return { positional, flags };
}

const { positional, flags } = splitFlags(process.argv.slice(2));
const [group, tenant, third, fourth] = positional;
if (!group || !isGroup(group)) {
  console.error(`Usage: npm run token -- <group> [tenantId] [region]
       npm run token -- professional <idNumber> [idType] [idCountry]   (or --id-type, --id-country)
  group: ${GROUPS.join(' | ')}
  idType: RESIDENT (default) | HMT_PERMIT | FOREIGN_PR | PASSPORT (with idCountry, ISO 3166-1 alpha-3)
  examples:
    npm run token -- admin
    npm run token -- issuer 310000
    npm run token -- institution SH-BASE-01 310000
    npm run token -- employer EMP-JS-01 320000
    npm run token -- professional 11010519491231002X
    npm run token -- professional E12345678 PASSPORT USA`);
  process.exit(2);
}
// A professional's third and fourth arguments are their document's type and country; everyone else's third is a region.
const professional = group === 'professional';
const idType = (flags.get('id-type') ?? (professional ? third : undefined)) as IdType | undefined;
const idCountry = flags.get('id-country') ?? (professional ? fourth : undefined);
const region = flags.get('region') ?? (professional ? undefined : third);
try {
  process.stdout.write(`${await issueLocalToken({ group, tenant, region, ...(idType ? { idType } : {}), ...(idCountry ? { idCountry } : {}) })}\n`);
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
