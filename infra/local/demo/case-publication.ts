import { inPool, intIn, pick, rngFor, scaled, type DemoContext } from './context';
import { provinceName, provinceShort } from './people';

/*
 * Typical cases (典型案例) in Chinese: an issuer of the province writes each one, a reviewer of
 * the same province approves (or sends back) and the author publishes. Most end PUBLISHED; some
 * stay DRAFT, wait for review (SUBMITTED), were sent back (REJECTED) or are approved but not yet
 * published. A re-run reads each case's status and makes only the moves still missing.
 */

type Target = 'PUBLISHED' | 'DRAFT' | 'SUBMITTED' | 'REJECTED' | 'APPROVED';
const TARGETS: readonly Target[] = ['PUBLISHED', 'PUBLISHED', 'DRAFT', 'PUBLISHED', 'SUBMITTED', 'PUBLISHED', 'REJECTED', 'PUBLISHED', 'APPROVED', 'PUBLISHED'];
const PATHS: Record<Target, readonly ('submit' | 'approve' | 'reject' | 'publish')[]> = {
  DRAFT: [],
  SUBMITTED: ['submit'],
  REJECTED: ['submit', 'reject'],
  APPROVED: ['submit', 'approve'],
  PUBLISHED: ['submit', 'approve', 'publish'],
};
const REACHED: Record<string, number> = { DRAFT: 0, SUBMITTED: 1, APPROVED: 2, REJECTED: 2, PUBLISHED: 3 };

interface Template {
  topic: string;
  title: (p: string) => string;
  summary: (p: string) => string;
  tags: string[];
  points: string[];
}

const TEMPLATES: readonly Template[] = [
  {
    topic: 'CONTINUING_EDUCATION',
    title: (p) => `${p}继续教育基地建设经验`,
    summary: (p) => `${p}规范优化专业技术人员继续教育基地建设，建立动态评估机制，提升培训质量。`,
    tags: ['继续教育', '基地建设'],
    points: ['建立基地年度评估和动态调整机制', '围绕重点产业开设急需紧缺课程', '推行学时线上登记、统一查询', '将培训成效纳入基地考核'],
  },
  {
    topic: 'TITLES_AND_QUALIFICATIONS',
    title: (p) => `${p}职称评审“一网通办”实践`,
    summary: (p) => `${p}推行职称申报、评审、发证全流程网上办理，实现电子证书在线查询验证。`,
    tags: ['职称评审', '电子证书'],
    points: ['申报材料网上提交、部门间信息共享', '评审结果网上公示', '职称电子证书统一编号、在线验证', '建立评审诚信档案'],
  },
  {
    topic: 'EXPERTS',
    title: (p) => `${p}专家服务基层“菜单式”对接`,
    summary: (p) => `${p}基层单位“点单”、专家“接单”，精准对接技术需求，服务过程全程跟踪。`,
    tags: ['专家服务', '精准对接'],
    points: ['基层需求自下而上征集', '按学科、地域和服务形式精准匹配专家', '服务内容、时长和成效全程记录', '东西部专家协作带动欠发达地区'],
  },
  {
    topic: 'POSTDOCTORAL',
    title: (p) => `${p}博士后创新实践基地助力产业升级`,
    summary: (p) => `${p}依托企业设立博士后创新实践基地，推动科研成果在本地转化。`,
    tags: ['博士后', '产学研'],
    points: ['企业出题、博士后答题', '设站单位与高校联合培养', '配套生活补贴和科研经费', '成果转化收益按约定分配'],
  },
  {
    topic: 'RETURNED_SCHOLARS',
    title: (p) => `${p}留学人员创业园服务体系建设`,
    summary: (p) => `${p}为回国留学人员提供创业场地、融资对接和政策咨询一站式服务。`,
    tags: ['留学人员', '创新创业'],
    points: ['设立留学人员服务专窗', '创业项目评审与资助', '引导社会资本参与孵化', '跟踪服务落地项目'],
  },
  {
    topic: 'INTEGRATED_SERVICES',
    title: (p) => `${p}专业技术人才服务“一件事”改革`,
    summary: (p) => `${p}整合职称、继续教育、证书查验等事项，实现专业技术人才服务一次办结。`,
    tags: ['综合服务', '一件事'],
    points: ['梳理人才服务事项清单', '数据共享减少重复提交', '线上线下一体化受理', '服务评价结果公开'],
  },
];

export interface CaseSpec {
  key: string;
  region: string;
  target: Target;
  body: { title: string; summary: string; body: string; topic: string; region: string; year: number; tags: string[] };
}

export function casesFor(ctx: DemoContext): CaseSpec[] {
  const count = scaled(30, ctx.options.scale, 6);
  const { provinces } = ctx.options;
  return Array.from({ length: count }, (_, i) => {
    const rng = rngFor('case', ctx.options.seed, ctx.options.prefix, i);
    const province = provinces[i % provinces.length]!;
    const template = TEMPLATES[i % TEMPLATES.length]!;
    const year = ctx.anchorYear - intIn(rng, 0, 2);
    const name = provinceName(province);
    const points = template.points.map((p, k) => `${k + 1}. **${p}**。${pick(rng, ['先行先试，逐步推开。', '明确责任分工，按季度调度。', '形成可复制的工作规范。', '群众和用人单位满意度明显提升。'])}`);
    const body = [
      `## 背景`,
      '',
      `${year}年以来，${name}人力资源和社会保障部门围绕${template.tags[0]}工作，聚焦专业技术人才反映集中的问题开展改革探索。`,
      '',
      '## 主要做法',
      '',
      ...points,
      '',
      '## 工作成效',
      '',
      `累计服务专业技术人才${intIn(rng, 2, 90) * 100}余人次，办理时限平均压缩${intIn(rng, 20, 60)}%，相关做法已在全省推广。`,
      '',
      '> 本案例为演示数据，由本地运行环境的演示数据生成器创建。',
    ].join('\n');
    const key = `case:${i}`;
    const short = provinceShort(province);
    return {
      key,
      region: `${province}0000`,
      target: TARGETS[i % TARGETS.length]!,
      body: { title: template.title(short), summary: template.summary(short), body, topic: template.topic, region: `${province}0000`, year, tags: template.tags },
    };
  });
}

interface CaseView {
  id: string;
  status: string;
}

export interface CasesResult {
  cases: { id: string; status: string; title: string }[];
  created: number;
  /** Workflow moves made by this run. */
  moves: number;
}

export async function loadCases(ctx: DemoContext): Promise<CasesResult> {
  const specs = casesFor(ctx);
  let created = 0;
  let moves = 0;
  const cases = await inPool(specs, ctx.options.concurrency, async (spec) => {
    const author = { group: 'issuer' as const, tenant: spec.region };
    const reviewer = { group: 'reviewer' as const, tenant: spec.region };
    let id = ctx.entry<string>(spec.key);
    let status: string;
    const current = id ? await ctx.call<CaseView>('GET', `/cases/${id}/draft`, author) : undefined;
    if (current?.status === 200) status = current.body.status;
    else {
      const res = await ctx.expect<CaseView>([201], 'POST', '/cases', author, spec.body, `${ctx.options.prefix}${spec.key}:${ctx.anchor}`);
      id = res.body.id;
      status = res.body.status;
      ctx.setEntry(spec.key, id);
      ctx.saveLedger();
      created++;
    }
    const path = PATHS[spec.target];
    for (const move of path.slice(REACHED[status] ?? path.length)) {
      const as = move === 'approve' || move === 'reject' ? reviewer : author;
      const body = move === 'reject' ? { comment: '请补充具体数据和成效佐证材料后再提交。' } : move === 'approve' ? { comment: '同意发布' } : {};
      const res = await ctx.expect<CaseView>([200], 'POST', `/cases/${id}/${move}`, as, body);
      status = res.body.status;
      moves++;
    }
    return { id: id!, status, title: spec.body.title };
  });
  const states = new Map<string, number>();
  for (const c of cases) states.set(c.status, (states.get(c.status) ?? 0) + 1);
  ctx.log(`  cases: ${cases.length} (${created} new): ${[...states].map(([s, n]) => `${n} ${s}`).join(', ')}`);
  return { cases, created, moves };
}
