import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { loadCases, type CasesResult } from './case-publication';
import { loadCertificates, type CertificatesResult } from './certificates';
import { chinaToday, DEFAULT_PROVINCES, DemoContext, readLedger, scaled, type DemoOptions, type Ledger } from './context';
import { loadExpertMatching, type ExpertMatchingResult } from './expert-matching';
import { loadLearningHours, type LearningHoursResult } from './learning-hours';
import { population } from './people';

/*
 * The demo data set, loaded through the HTTP API of a running local runtime (the real routes and
 * rules, locally issued tokens): institutions in 14 provinces and the hours of 500 people, 300
 * experts and 50 needs in several states, 30 cases in Chinese, 3,000 certificates of every type
 * and status. Deterministic (seeded) and idempotent: a re-run adds nothing.
 *
 *   npm run demo                       against http://127.0.0.1:3000 (TSP_API_URL=… or PORT=… to change)
 *   npm start -- --demo                starts the runtime and loads it once it is up
 *   npm run demo -- --scale 0.1        a smaller set
 */

export interface Walkthrough {
  certificate: { number: string; holderName: string; verifyUrl: string };
  compliant: { idNumber: string; name: string; year: number; region: string };
  short: { idNumber: string; name: string; year: number; region: string; profile: string };
  need: ExpertMatchingResult['tryNeed'];
  completedNeed: { needId: string } | undefined;
}

export interface DemoResult {
  baseUrl: string;
  elapsedMs: number;
  learningHours: LearningHoursResult;
  certificates: CertificatesResult;
  expertMatching: ExpertMatchingResult;
  cases: CasesResult;
  /** What the README's walk-throughs use. */
  tryThis: Walkthrough;
  /** Items this run created or changed (0 on a re-run: nothing was added). */
  created: number;
  /** Requests sent, retries included. */
  requests: number;
}

export function defaultBaseUrl(): string {
  return (process.env.TSP_API_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`).replace(/\/$/, '');
}

async function withDefaults(partial: Partial<DemoOptions>): Promise<DemoOptions> {
  const baseUrl = (partial.baseUrl ?? defaultBaseUrl()).replace(/\/$/, '');
  const prefix = partial.prefix ?? 'DEMO-';
  let ledgerPath = partial.ledgerPath;
  if (!ledgerPath) {
    const { localPath } = await import('../paths');
    ledgerPath = localPath(`demo-ledger-${prefix.replace(/[^\w-]/g, '')}${new URL(baseUrl).host.replace(/\W/g, '_')}.json`);
  }
  return {
    baseUrl,
    scale: 1,
    seed: 2026,
    prefix,
    provinces: DEFAULT_PROVINCES,
    nationwideMatching: true,
    avoidDisciplineGroups: [],
    token: async (request) => (await import('../tokens')).issueLocalToken(request),
    log: (line) => console.log(line),
    concurrency: 6,
    ...partial,
    ledgerPath,
  };
}

export async function loadDemoData(partial: Partial<DemoOptions> = {}): Promise<DemoResult> {
  const options = await withDefaults(partial);
  const started = Date.now();
  const health = await fetch(`${options.baseUrl}/public/health`).catch(() => undefined);
  if (health?.status !== 200) throw new Error(`The platform does not answer at ${options.baseUrl} (start it with npm start, or set TSP_API_URL).`);
  const ledger: Ledger = readLedger(options.ledgerPath) ?? { anchor: chinaToday(), entries: {} };
  const ctx = new DemoContext(options, ledger);
  ctx.saveLedger();

  const hourCount = scaled(500, options.scale, 8);
  const people = population(Math.max(hourCount + 100, scaled(2000, options.scale, 40)), options.seed, options.prefix, options.provinces);
  ctx.log(`Loading demo data into ${options.baseUrl} (scale ${options.scale}, seed ${options.seed}, dates up to ${ctx.anchor})…`);
  const section = async <T>(title: string, load: () => Promise<T>): Promise<T> => {
    const t0 = Date.now();
    ctx.log(title);
    const value = await load();
    ctx.log(`  (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    return value;
  };
  const learningHours = await section('Learning hours', () => loadLearningHours(ctx, people.slice(0, hourCount)));
  // Experts with an ID number get their service hours credited: keep them apart from the hour profiles.
  const expertMatching = await section('Expert matching', () => loadExpertMatching(ctx, people.slice(hourCount)));
  const cases = await section('Cases', () => loadCases(ctx));
  // Last: each new certificate's PDF is rendered in the background, which keeps the CPU busy a while.
  const certificates = await section('Certificates', () => loadCertificates(ctx, people));

  const shown = certificates.certificates.find((c) => c.fate === 'VALID' && (!c.body.validUntil || c.body.validUntil > ctx.anchor) && certificates.numbers.has(c.key))!;
  const compliant = learningHours.people.find((p) => p.profile === 'COMPLIANT')!;
  const short = learningHours.people.find((p) => p.profile === 'SHORT_TOTAL')!;
  const completed = expertMatching.needs.find((n) => n.status === 'COMPLETED');
  const created =
    learningHours.newInstitutions +
    learningHours.created +
    learningHours.voided +
    expertMatching.newExperts +
    expertMatching.newNeeds +
    expertMatching.newAnswers +
    cases.created +
    cases.moves +
    certificates.issued +
    certificates.revoked +
    certificates.suspended;
  return {
    baseUrl: options.baseUrl,
    elapsedMs: Date.now() - started,
    learningHours,
    certificates,
    expertMatching,
    cases,
    tryThis: {
      certificate: { number: certificates.numbers.get(shown.key)!.number, holderName: shown.body.holder.name, verifyUrl: certificates.numbers.get(shown.key)!.verifyUrl },
      compliant: { idNumber: compliant.person.idNumber, name: compliant.person.name, year: learningHours.year, region: compliant.person.region },
      short: { idNumber: short.person.idNumber, name: short.person.name, year: learningHours.year, region: short.person.region, profile: short.profile },
      need: expertMatching.tryNeed,
      completedNeed: completed ? { needId: completed.needId } : undefined,
    },
    created,
    requests: ctx.counts.requests,
  };
}

/** The summary and "try this" list printed after loading. */
export function demoReport(result: DemoResult): string {
  const { baseUrl, tryThis: t } = result;
  const lh = result.learningHours;
  const lookup = (p: { idNumber: string; name: string; year: number; region: string }) =>
    `curl -s -X POST ${baseUrl}/learning-hours/lookup -H "authorization: Bearer $ADMIN" -H 'content-type: application/json' \\\n       -d '${JSON.stringify({ idNumber: p.idNumber, name: p.name, year: p.year, region: p.region })}'`;
  const lines = [
    '',
    `Demo data loaded in ${(result.elapsedMs / 1000).toFixed(1)} s (${result.requests} requests; ${result.created ? `${result.created} items created or changed` : 'nothing new: it was loaded already'}):`,
    `  ${lh.institutions.length} institutions, ${lh.people.length} people with hours, ${result.expertMatching.experts} experts, ${result.expertMatching.needs.length} needs, ` +
      `${result.cases.cases.length} cases, ${result.certificates.certificates.length} certificates (their PDFs are rendered in the background for a while).`,
    '',
    'Try this:',
    `  1. Verify a certificate in the browser: open ${baseUrl}/ and enter ${t.certificate.number} with the name ${t.certificate.holderName},`,
    `     or open the link its QR code holds: ${t.certificate.verifyUrl}`,
    `     curl -s '${baseUrl}/public/certificates/${t.certificate.number}?name=${encodeURIComponent(t.certificate.holderName)}'`,
    `  2. Look up a person's hours for ${t.compliant.year}: ${t.compliant.name} is compliant, ${t.short.name} is short.`,
    '     ADMIN=$(npm run -s token -- admin)',
    `     ${lookup(t.compliant)}`,
    `     ${lookup(t.short)}`,
  ];
  if (t.need) {
    lines.push(
      '  3. Submit a need and watch it get matched:',
      `     UNIT=$(npm run -s token -- unit ${t.need.unitId})`,
      `     curl -s -X POST ${baseUrl}/needs -H "authorization: Bearer $UNIT" -H 'content-type: application/json' \\\n       -d '${JSON.stringify(t.need.body)}'`,
      `     curl -s ${baseUrl}/needs/<needId> -H "authorization: Bearer $UNIT"     # PROPOSED within seconds: ranked experts with reasons`,
    );
  }
  if (t.completedNeed) lines.push(`     A need already served (service records, feedback): curl -s ${baseUrl}/needs/${t.completedNeed.needId} -H "authorization: Bearer $ADMIN"`);
  lines.push(`  Published cases: ${baseUrl}/cases   ·   API docs: ${baseUrl}/docs`);
  return lines.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string' },
      seed: { type: 'string' },
      'base-url': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(`npm run demo [-- --scale 0.1] [-- --seed 7] [-- --base-url http://127.0.0.1:3000]
  Loads the demo data set into a running local runtime (npm start) through its HTTP API; a re-run adds nothing.
  Base URL: --base-url, else TSP_API_URL, else http://127.0.0.1:$PORT (PORT defaults to 3000).`);
    process.exit(0);
  }
  const scale = values.scale === undefined ? 1 : Number(values.scale);
  if (!(scale > 0 && scale <= 10)) {
    console.error('--scale must be a number above 0 and at most 10');
    process.exit(2);
  }
  try {
    const result = await loadDemoData({ scale, ...(values.seed ? { seed: Number(values.seed) } : {}), ...(values['base-url'] ? { baseUrl: values['base-url'] } : {}) });
    console.log(demoReport(result));
  } catch (error) {
    console.error(`Could not load the demo data: ${(error as Error).message}`);
    process.exit(1);
  }
}
