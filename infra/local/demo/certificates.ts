import { createHash } from 'node:crypto';
import { ADMIN, addDays, inPool, intIn, pick, rngFor, scaled, type DemoContext } from './context';
import { provinceName, type Person } from './people';

/*
 * Certificates of every type (ZC title, ZY qualification, JD technical grade, JX continuing
 * education, PX training) issued by each province's issuer in batches (POST /certificates:batch),
 * over the last six years; then some revoked and some suspended, and some past their validUntil
 * (EXPIRED). The numbers the server allocates are kept in the ledger, one entry per batch; a
 * re-run checks the first and last number of each recorded batch and issues only missing batches.
 */

type CertificateType = 'ZC' | 'ZY' | 'JD' | 'JX' | 'PX';
type Fate = 'VALID' | 'REVOKED' | 'SUSPENDED';

export interface DemoCertificate {
  key: number;
  issuerRegion: string;
  body: {
    type: CertificateType;
    region: string;
    holder: { name: string; idNumber: string };
    title: string;
    level?: string;
    specialty?: string;
    issuerName: string;
    issueDate: string;
    validUntil?: string;
  };
  fate: Fate;
}

interface IssuedBatch {
  numbers: (string | null)[];
  verifyUrls: (string | null)[];
}

const TYPE_DRAW: readonly [CertificateType, number][] = [
  ['ZC', 35],
  ['ZY', 20],
  ['JD', 15],
  ['PX', 20],
  ['JX', 10],
];
const ZC_TITLES: Record<string, readonly string[]> = {
  初级: ['助理工程师', '助理讲师', '技术员', '助理农艺师', '医师'],
  中级: ['工程师', '讲师', '主治医师', '经济师', '会计师', '农艺师', '统计师'],
  副高级: ['高级工程师', '副教授', '副主任医师', '高级经济师', '高级农艺师', '高级会计师'],
  正高级: ['正高级工程师', '教授', '主任医师', '正高级经济师', '研究员'],
};
const SPECIALTIES = ['计算机应用技术', '土木工程', '电气工程及其自动化', '临床医学', '农学', '会计学', '机械设计制造', '环境工程', '中药学', '教育学', '给排水工程', '畜牧兽医'];
const ZY_TITLES: readonly [string, string | undefined][] = [
  ['注册建造师', '一级'],
  ['注册建造师', '二级'],
  ['注册安全工程师', '中级'],
  ['执业药师', undefined],
  ['注册会计师', undefined],
  ['监理工程师', undefined],
  ['造价工程师', '一级'],
  ['国外职业资格认可（英国皇家特许测量师）', undefined],
];
const JD_TITLES = ['人工智能工程技术人员', '大数据工程技术人员', '云计算工程技术人员', '智能制造工程技术人员', '集成电路工程技术人员', '数字化管理师'];
const PX_TITLES = ['乡村振兴专题高级研修班结业', '数字技术工程师培育项目培训合格', '专业技术人才知识更新工程培训合格', '急需紧缺人才专项培训合格', '中小企业数字化转型培训合格'];
const REVOKE_REASONS = ['以不正当手段取得，依规撤销', '证书信息有误，已重新核发', '持证人申请注销'];
const SUSPEND_REASONS = ['资格复核期间暂停使用', '涉嫌违规执业，调查期间暂停', '继续教育未达要求，暂停使用'];

function drawType(rng: () => number): CertificateType {
  let x = rng() * 100;
  for (const [t, w] of TYPE_DRAW) if ((x -= w) < 0) return t;
  return 'ZC';
}

export function certificatesFor(ctx: DemoContext, people: readonly Person[]): DemoCertificate[] {
  const count = scaled(3000, ctx.options.scale, 20);
  const list: DemoCertificate[] = [];
  for (let i = 0; i < count; i++) {
    const rng = rngFor('certificate', ctx.options.seed, ctx.options.prefix, i);
    // Everyone holds one; the first people (drawn more often) several.
    const holder = people[i < people.length ? i : Math.floor(rng() ** 2 * people.length)]!;
    const type = i < 5 ? (['ZC', 'ZY', 'JD', 'PX', 'JX'] as const)[i]! : drawType(rng);
    const national = type !== 'ZC' && type !== 'JX' && i >= 5 && rng() < 0.06;
    const province = holder.province;
    const region = national ? '000000' : rng() < 0.25 ? `${province}0100` : `${province}0000`;
    const issuerRegion = national ? '000000' : `${province}0000`;
    const issueDate = addDays(ctx.anchor, -intIn(rng, 1, 6 * 365));
    const issueYear = Number(issueDate.slice(0, 4));
    const issuerName = national ? '人力资源和社会保障部' : `${provinceName(province)}人力资源和社会保障厅`;
    const h = { name: holder.name, idNumber: holder.idNumber };
    let body: DemoCertificate['body'];
    switch (type) {
      case 'ZC': {
        const level = pick(rng, Object.keys(ZC_TITLES));
        body = { type, region, holder: h, title: pick(rng, ZC_TITLES[level]!), level, specialty: pick(rng, SPECIALTIES), issuerName, issueDate };
        break;
      }
      case 'ZY': {
        const [title, level] = pick(rng, ZY_TITLES);
        body = { type, region, holder: h, title, ...(level ? { level } : {}), issuerName, issueDate, validUntil: addDays(issueDate, 365 * intIn(rng, 3, 5)) };
        break;
      }
      case 'JD':
        body = { type, region, holder: h, title: pick(rng, JD_TITLES), level: pick(rng, ['初级', '中级', '高级']), issuerName, issueDate, validUntil: addDays(issueDate, 365 * 4) };
        break;
      case 'JX':
        body = { type, region, holder: h, title: '专业技术人员继续教育证书', level: `${issueYear - 1}年度`, issuerName, issueDate };
        break;
      case 'PX':
        body = {
          type,
          region,
          holder: h,
          title: pick(rng, PX_TITLES),
          issuerName: national ? '人力资源和社会保障部专业技术人员管理司' : `${provinceName(province)}专业技术人员继续教育基地`,
          issueDate,
          validUntil: addDays(issueDate, 365 * intIn(rng, 2, 4)),
        };
        break;
    }
    const x = rng();
    // Certificates 5 and 6 are always revoked and suspended, so every status exists at any scale.
    const fate: Fate = i === 5 || (i > 6 && x < 0.04) ? 'REVOKED' : i === 6 || (i > 6 && x < 0.06) ? 'SUSPENDED' : 'VALID';
    list.push({ key: i, issuerRegion, body, fate });
  }
  // And certificate 7 certainly EXPIRED.
  const expired = list[7];
  if (expired) expired.body.validUntil = addDays(ctx.anchor, -30);
  return list;
}

const issuer = (region: string) => ({ group: 'issuer' as const, tenant: region });

async function stillThere(ctx: DemoContext, number: string | null | undefined, holderName: string): Promise<boolean> {
  if (!number) return true;
  const { status, body } = await ctx.call<{ holderName?: string }>('GET', `/certificates/${number}`, ADMIN);
  return status === 200 && body.holderName === holderName;
}

export interface CertificatesResult {
  certificates: DemoCertificate[];
  numbers: Map<number, { number: string; verifyUrl: string }>;
  issued: number;
  revoked: number;
  suspended: number;
}

export async function loadCertificates(ctx: DemoContext, people: readonly Person[]): Promise<CertificatesResult> {
  const certificates = certificatesFor(ctx, people);
  const byIssuer = new Map<string, DemoCertificate[]>();
  for (const c of certificates) byIssuer.set(c.issuerRegion, [...(byIssuer.get(c.issuerRegion) ?? []), c]);
  const batches: { key: string; issuerRegion: string; items: DemoCertificate[] }[] = [];
  for (const [issuerRegion, items] of byIssuer) for (let k = 0; k < items.length; k += 250) batches.push({ key: `certificates:${issuerRegion}:${k / 250}`, issuerRegion, items: items.slice(k, k + 250) });

  const numbers = new Map<number, { number: string; verifyUrl: string }>();
  let issued = 0;
  let done = 0;
  let reported = 0;
  await inPool(batches, Math.max(1, Math.min(4, ctx.options.concurrency)), async (batch) => {
    const bodies = batch.items.map((c) => c.body);
    const known = ctx.entry<IssuedBatch>(batch.key);
    const fingerprint = createHash('sha256').update(JSON.stringify(bodies)).digest('hex').slice(0, 16);
    let result = known;
    if (!known || !(await stillThere(ctx, known.numbers[0], bodies[0]!.holder.name)) || !(await stillThere(ctx, known.numbers.at(-1), bodies.at(-1)!.holder.name))) {
      const { body } = await ctx.expect<{ summary: { created: number }; results: { index: number; status: string; number?: string; verifyUrl?: string; errors?: unknown }[] }>(
        [200],
        'POST',
        '/certificates:batch',
        issuer(batch.issuerRegion),
        { items: bodies },
        `${ctx.options.prefix}${batch.key}:${ctx.anchor}:${fingerprint}`,
      );
      const bad = body.results.find((r) => r.status !== 'created');
      if (bad) throw new Error(`Certificate batch ${batch.key}: item ${bad.index} ${bad.status} ${JSON.stringify(bad.errors ?? '')}`);
      result = { numbers: body.results.map((r) => r.number ?? null), verifyUrls: body.results.map((r) => r.verifyUrl ?? null) };
      ctx.setEntry(batch.key, result);
      ctx.saveLedger();
      issued += body.summary.created;
    }
    batch.items.forEach((c, k) => {
      const number = result!.numbers[k];
      if (number) numbers.set(c.key, { number, verifyUrl: result!.verifyUrls[k] ?? '' });
    });
    done += batch.items.length;
    if (done - reported >= 500 || done === certificates.length) {
      reported = done;
      ctx.log(`  certificates: ${done}/${certificates.length}`);
    }
  });

  let revoked = 0;
  let suspended = 0;
  const changes = certificates.filter((c) => c.fate !== 'VALID' && numbers.has(c.key));
  await inPool(changes, ctx.options.concurrency, async (c, k) => {
    const { number } = numbers.get(c.key)!;
    const revoke = c.fate === 'REVOKED';
    const { status } = await ctx.expect([200, 409], 'POST', `/certificates/${number}/${revoke ? 'revocation' : 'suspension'}`, issuer(c.issuerRegion), {
      reason: (revoke ? REVOKE_REASONS : SUSPEND_REASONS)[k % 3],
    });
    if (status === 200) {
      if (revoke) revoked++;
      else suspended++;
    }
  });
  const types = new Map<string, number>();
  for (const c of certificates) types.set(c.body.type, (types.get(c.body.type) ?? 0) + 1);
  const expired = certificates.filter((c) => c.fate === 'VALID' && c.body.validUntil && c.body.validUntil < ctx.anchor).length;
  ctx.log(
    `  certificates: ${certificates.length} (${issued} new): ${[...types].map(([t, n]) => `${n} ${t}`).join(', ')}; ` +
      `${changes.filter((c) => c.fate === 'REVOKED').length} revoked, ${changes.filter((c) => c.fate === 'SUSPENDED').length} suspended (${revoked + suspended} new), ${expired} expired`,
  );
  return { certificates, numbers, issued, revoked, suspended };
}
