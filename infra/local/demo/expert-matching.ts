import { expertAt, needAt } from '../../../bench/fixtures/experts';
import { DISCIPLINES } from '../../../functions/expert-matching/core/disciplines';
import { ADMIN, addDays, inPool, intIn, pick, rngFor, scaled, type DemoContext } from './context';
import type { Person } from './people';

/*
 * Expert matching: a pool of experts (the benchmark's generator: Zipf-distributed disciplines,
 * east-weighted provinces, varied capacity and availability), needs from grassroots units
 * (mostly central and western), matched by the platform itself through the table stream. Then
 * experts answer, so the needs end in several states:
 *
 *   OPEN          proposals left unanswered (PROPOSED)
 *   DECLINE       the top expert declines, the next best is proposed
 *   CONFIRM       enough experts accept (CONFIRMED)
 *   COMPLETE      …then file service records and the unit rates the service (COMPLETED)
 *
 * Every step looks at the need's current state first, so a re-run does only what is missing.
 */

type Plan = 'OPEN' | 'DECLINE' | 'CONFIRM' | 'COMPLETE' | 'COMPLETE_NO_FEEDBACK' | 'DECLINE_THEN_CONFIRM';
const PLANS: readonly Plan[] = ['COMPLETE', 'OPEN', 'CONFIRM', 'DECLINE', 'COMPLETE_NO_FEEDBACK', 'DECLINE_THEN_CONFIRM', 'OPEN', 'CONFIRM', 'COMPLETE', 'CONFIRM'];

export interface NeedBody {
  title: string;
  description: string;
  fields: string[];
  keywords?: string[];
  region: string;
  serviceForm: string;
  expertsWanted: number;
  window: { from: string; to: string };
}

interface Proposal {
  expertId: string;
  status: string;
  score: number;
}
interface NeedView {
  id: string;
  status: string;
  expertsWanted: number;
  serviceForm: string;
  proposals: Proposal[];
  feedback: unknown;
}

const FIRST_LEVEL = DISCIPLINES.filter((d) => d.level === 1).map((d) => d.code);

/** A discipline code outside the groups to avoid (the same code when it is not in one). */
function allowedField(code: string, avoid: readonly string[]): string {
  if (!avoid.includes(code.slice(0, 3))) return code;
  const allowed = FIRST_LEVEL.filter((g) => !avoid.includes(g));
  return allowed[Number(code.slice(0, 3)) % allowed.length]!;
}

function regionWithin(region: string, ctx: DemoContext): string {
  const { provinces, nationwideMatching } = ctx.options;
  if (nationwideMatching || provinces.includes(region.slice(0, 2))) return region;
  return `${provinces[Number(region.slice(0, 2)) % provinces.length]}0100`;
}

export function expertsFor(ctx: DemoContext, linked: readonly Person[]) {
  const count = scaled(300, ctx.options.scale, 12);
  const year = ctx.anchorYear + 1;
  const avoid = ctx.options.avoidDisciplineGroups;
  return Array.from({ length: count }, (_, i) => {
    const e = expertAt(i, ctx.options.seed, year);
    // A third are linked (by ID number) to their own learning-hours record.
    const person = i % 3 === 0 && linked.length ? linked[(i / 3) % linked.length] : undefined;
    return {
      id: `${ctx.options.prefix}EXP-${String(i).padStart(4, '0')}`,
      name: person?.name ?? e.name,
      fields: [...new Set(e.fields.map((f) => allowedField(f, avoid)))],
      keywords: e.keywords,
      region: regionWithin(e.region, ctx),
      categories: e.categories,
      titleLevel: e.titleLevel,
      serviceForms: e.serviceForms,
      capacity: e.capacity,
      // Most are available from now on, not only next year.
      availableFrom: e.availableFrom === `${year}-01-01` ? `${ctx.anchorYear}-01-01` : e.availableFrom,
      availableTo: e.availableTo,
      ...(e.retiredAndWilling !== undefined ? { retiredAndWilling: e.retiredAndWilling } : {}),
      status: e.status,
      ...(person ? { idNumber: person.idNumber } : {}),
    };
  });
}

type DemoExpert = ReturnType<typeof expertsFor>[number];

/**
 * Needs as the benchmark draws them. A small pool leaves most of them without a candidate, so a
 * need nobody could serve takes the discipline and service form of an active expert instead
 * (every tenth keeps its own and may well end NO_MATCH, as some real needs do).
 */
export function needsFor(ctx: DemoContext, experts: readonly DemoExpert[]): { unitId: string; body: NeedBody; plan: Plan }[] {
  const count = scaled(50, ctx.options.scale, 6);
  const avoid = ctx.options.avoidDisciplineGroups;
  const active = experts.filter((e) => e.status === 'ACTIVE');
  return Array.from({ length: count }, (_, i) => {
    const { id: _id, ...need } = needAt(i, ctx.options.seed + 1, ctx.anchorYear + 1);
    const body: NeedBody = { ...need, fields: [...new Set(need.fields.map((f) => allowedField(f, avoid)))], region: regionWithin(need.region, ctx) };
    const serves = (e: DemoExpert) =>
      e.fields.some((f) => body.fields.some((g) => g.slice(0, 3) === f.slice(0, 3))) &&
      (e.serviceForms as readonly string[]).includes(body.serviceForm) &&
      e.availableFrom <= body.window.from &&
      e.availableTo >= body.window.to;
    if (i % 10 !== 9 && active.length && !active.some(serves)) {
      const rng = rngFor('need-anchor', ctx.options.seed, i);
      const e = pick(rng, active);
      body.fields = [e.fields[0]!];
      body.serviceForm = pick(rng, e.serviceForms);
      body.window = { from: e.availableFrom > body.window.from ? e.availableFrom : body.window.from, to: e.availableTo < body.window.to ? e.availableTo : body.window.to };
      if (body.window.to < body.window.from) body.window = { from: e.availableFrom, to: e.availableTo };
      const [topic, ...more] = e.keywords;
      if (topic) {
        body.title = `${topic}${pick(rng, ['技术指导', '难题攻关', '培训', '咨询'])}`;
        body.description = `${pick(rng, ['我县', '我乡', '本合作社', '本卫生院', '本企业'])}在${[topic, ...more.slice(0, 2)].join('、')}方面遇到困难，希望专家开展${topic}相关服务。`;
        if (more.length) body.keywords = more.slice(0, 2);
        else delete body.keywords;
      }
    }
    return { unitId: `${ctx.options.prefix}UNIT-${String(i).padStart(3, '0')}`, body, plan: PLANS[i % PLANS.length]! };
  });
}

const SERVICE_SUMMARIES = ['现场查看生产情况，针对关键问题提出改进方案并开展示范操作。', '开展专题培训两场，解答技术人员提问，留下操作规程。', '与单位技术骨干座谈，制定后续技术帮扶计划。', '实地指导并跟踪效果，整理形成技术服务报告。'];
const FEEDBACK = ['专家指导细致，问题得到解决。', '服务及时，方案实用，希望继续合作。', '培训内容贴近实际，受益匪浅。', '总体满意，后续还需跟踪指导。'];
const DECLINE_REASONS = ['服务时间冲突', '当前任务已满，建议推荐其他专家', '专业方向不完全匹配'];

export interface ExpertMatchingResult {
  experts: number;
  newExperts: number;
  needs: { unitId: string; needId: string; status: string; proposals: number }[];
  newNeeds: number;
  /** Answers, service records and feedback given by this run. */
  newAnswers: number;
  /** A need to submit by hand and watch it get matched (the README's third walk-through). */
  tryNeed: { unitId: string; body: NeedBody } | undefined;
}

async function waitForMatching(ctx: DemoContext, needId: string, unitId: string): Promise<NeedView> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { body } = await ctx.expect<NeedView>([200], 'GET', `/needs/${needId}`, { group: 'unit', tenant: unitId });
    if (body.status !== 'SUBMITTED' || Date.now() > deadline) return body;
    await new Promise((r) => setTimeout(r, 300));
  }
}

async function answer(ctx: DemoContext, need: NeedView, unitId: string, plan: Plan, i: number): Promise<{ view: NeedView; answers: number }> {
  const unit = { group: 'unit' as const, tenant: unitId };
  const expert = (expertId: string) => ({ group: 'expert' as const, tenant: expertId });
  const reload = async () => (await ctx.expect<NeedView>([200], 'GET', `/needs/${need.id}`, unit)).body;
  const byScore = (n: NeedView) => [...n.proposals].sort((a, b) => b.score - a.score);
  const rng = rngFor('answers', ctx.options.seed, i);
  let answers = 0;
  let view = need;
  if ((plan === 'DECLINE' || plan === 'DECLINE_THEN_CONFIRM') && !view.proposals.some((p) => p.status === 'DECLINED')) {
    const top = byScore(view).find((p) => p.status === 'PROPOSED');
    if (top) {
      const { status } = await ctx.expect([200, 409], 'POST', `/needs/${need.id}/proposals/${top.expertId}/decline`, expert(top.expertId), { reason: pick(rng, DECLINE_REASONS) });
      if (status === 200) answers++;
      view = await reload();
    }
  }
  if (plan === 'CONFIRM' || plan === 'DECLINE_THEN_CONFIRM' || plan === 'COMPLETE' || plan === 'COMPLETE_NO_FEEDBACK') {
    for (const p of byScore(view)) {
      const accepted = view.proposals.filter((q) => q.status === 'ACCEPTED' || q.status === 'COMPLETED').length;
      if (accepted >= view.expertsWanted) break;
      if (p.status !== 'PROPOSED') continue;
      // 409: the expert is at full capacity by now; the next one is tried.
      const { status } = await ctx.expect([200, 409], 'POST', `/needs/${need.id}/proposals/${p.expertId}/accept`, expert(p.expertId));
      if (status === 200) {
        answers++;
        view = await reload();
      }
    }
  }
  if ((plan === 'COMPLETE' || plan === 'COMPLETE_NO_FEEDBACK') && (view.status === 'CONFIRMED' || view.status === 'COMPLETED')) {
    for (const p of view.proposals.filter((q) => q.status === 'ACCEPTED')) {
      const { status } = await ctx.expect(
        [201, 409],
        'POST',
        `/needs/${need.id}/service-records`,
        expert(p.expertId),
        { hours: intIn(rng, 4, 16), form: view.serviceForm, date: addDays(ctx.anchor, -intIn(rng, 1, 20)), summary: pick(rng, SERVICE_SUMMARIES) },
        `${ctx.options.prefix}service:${need.id}:${p.expertId}`,
      );
      if (status === 201) answers++;
    }
    view = await reload();
    if (plan === 'COMPLETE' && !view.feedback && view.proposals.some((q) => q.status === 'COMPLETED')) {
      const { status } = await ctx.expect([201, 409], 'POST', `/needs/${need.id}/feedback`, unit, { rating: intIn(rng, 3, 5), comment: pick(rng, FEEDBACK) });
      if (status === 201) answers++;
      view = await reload();
    }
  }
  return { view, answers };
}

export async function loadExpertMatching(ctx: DemoContext, linked: readonly Person[]): Promise<ExpertMatchingResult> {
  const experts = expertsFor(ctx, linked);
  let newExperts = 0;
  await inPool(experts, ctx.options.concurrency, async (e) => {
    // The id is ours, so a second registration answers 409 (an Idempotency-Key would replay the 201).
    const { status } = await ctx.expect([201, 409], 'POST', '/experts', ADMIN, e);
    if (status === 201) newExperts++;
  });
  ctx.log(`  experts: ${experts.length} (${newExperts} new), ${experts.filter((e) => e.idNumber).length} linked to their learning hours`);

  const needs = needsFor(ctx, experts);
  let newNeeds = 0;
  // Submit every need, let the platform match them all (its table stream), then answer.
  const needIds = await inPool(needs, ctx.options.concurrency, async ({ unitId, body }, i) => {
    const unit = { group: 'unit' as const, tenant: unitId };
    const key = `need:${i}`;
    let needId = ctx.entry<string>(key);
    if (!needId || (await ctx.call('GET', `/needs/${needId}`, unit)).status !== 200) {
      const res = await ctx.expect<{ needId: string }>([202], 'POST', '/needs', unit, body, `${ctx.options.prefix}${key}:${ctx.anchor}`);
      needId = res.body.needId;
      ctx.setEntry(key, needId);
      newNeeds++;
    }
    return needId;
  });
  ctx.saveLedger();
  const matched = await inPool(needs, ctx.options.concurrency, ({ unitId }, i) => waitForMatching(ctx, needIds[i]!, unitId));
  let newAnswers = 0;
  const results = await inPool(needs, Math.min(4, ctx.options.concurrency), async ({ unitId, plan }, i) => {
    const { view, answers } = await answer(ctx, matched[i]!, unitId, plan, i);
    newAnswers += answers;
    return { unitId, needId: view.id, status: view.status, proposals: view.proposals.length };
  });
  const states = new Map<string, number>();
  for (const r of results) states.set(r.status, (states.get(r.status) ?? 0) + 1);
  ctx.log(`  needs: ${needs.length} (${newNeeds} new, ${newAnswers} answers, service records and ratings new): ${[...states].map(([s, n]) => `${n} ${s}`).join(', ')}`);

  const open = needs.findIndex((n, i) => n.plan === 'OPEN' && (results[i]?.proposals ?? 0) > 0);
  const tryNeed = open >= 0 ? { unitId: `${ctx.options.prefix}UNIT-TRY`, body: { ...needs[open]!.body, expertsWanted: 1 } } : undefined;
  return { experts: experts.length, newExperts, needs: results, newNeeds, newAnswers, tryNeed };
}
