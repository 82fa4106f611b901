import { assertIsoDate } from './dates';
import type { Excluded, Expert, Localised, Need, PriorAnswer } from './model';
import { NOTHING_EXCLUDED, SERVICE_FORM_LABELS, priorAnswer } from './model';
import type { ExpertTerm, Relevance } from './relevance';
import { needHaystack, relevanceOf, sharesExpertise } from './relevance';

/*
 * The hard rules: an expert is proposed for a need only when every rule passes (DESIGN §5).
 *
 * Rules are checked in a fixed order and the first one that fails is THE reason, so "why not
 * this expert?" always gets one stable answer. The order runs from the most permanent fact about
 * the expert to the most passing one: status and consent, then this need's history, then what
 * the expert offers (form, dates), then momentary load, then relevance. A rule late in the order
 * is only reported when everything before it passes, so "at capacity" means "would otherwise fit".
 *
 * Beyond the four rules DESIGN names (active, available, under capacity, offers the form) and
 * "never the same expert twice", two follow from the policy: a retired expert serves only of
 * their own free will (人社厅发〔2025〕2号 §4, "本人自愿"), and matching is precise ("精准匹配"),
 * so an expert sharing neither a discipline group nor a keyword with the need is not proposed
 * merely because they are free; `requireSharedExpertise: false` lifts that last rule.
 */
export const RULES = ['INACTIVE', 'RETIRED_NOT_WILLING', 'ALREADY_PROPOSED', 'FORM_NOT_OFFERED', 'NOT_AVAILABLE', 'AT_CAPACITY', 'NO_SHARED_EXPERTISE'] as const;
export type Rule = (typeof RULES)[number];

/** Short names of the rules, for reports. */
export const RULE_LABELS: Record<Rule, Localised> = {
  INACTIVE: { en: 'expert inactive', zh: '专家停用' },
  RETIRED_NOT_WILLING: { en: 'retired, not volunteered', zh: '退休专家未表示自愿' },
  ALREADY_PROPOSED: { en: 'already proposed for the need', zh: '已推荐过该需求' },
  FORM_NOT_OFFERED: { en: 'service form not offered', zh: '不提供所需服务形式' },
  NOT_AVAILABLE: { en: 'not available in the window', zh: '需求时段内不可服务' },
  AT_CAPACITY: { en: 'at capacity', zh: '服务已满' },
  NO_SHARED_EXPERTISE: { en: 'no shared expertise', zh: '专业不相关' },
};

export interface Blocked {
  rule: Rule;
  reason: string;
  reasonZh: string;
}

export type Eligibility = { eligible: true } | ({ eligible: false } & Blocked);

export interface EligibilityOptions {
  /** Default true: see NO_SHARED_EXPERTISE above. */
  requireSharedExpertise?: boolean;
}

const PRIOR: Record<PriorAnswer, Localised> = {
  PROPOSED: { en: 'Already proposed for this need', zh: '已推荐给该需求' },
  ACCEPTED: { en: 'Already serving this need', zh: '已接受该需求' },
  DECLINED: { en: 'Declined this need earlier', zh: '已婉拒该需求' },
};

/** Throws on a malformed need window: such input is a caller bug, not a reason to skip experts. */
export function checkNeedWindow(need: Need): void {
  assertIsoDate(need.window.from, `Need ${need.id} window.from`);
  assertIsoDate(need.window.to, `Need ${need.id} window.to`);
  if (need.window.to < need.window.from) throw new RangeError(`Need ${need.id}: window ends ${need.window.to} before it starts ${need.window.from}`);
}

function checkExpertDates(expert: Expert): void {
  assertIsoDate(expert.availableFrom, `Expert ${expert.id} availableFrom`);
  assertIsoDate(expert.availableTo, `Expert ${expert.id} availableTo`);
}

/** What a rule needs to judge one (need, expert) pair; relevance is computed at most once, on demand. */
export interface PairContext {
  need: Need;
  expert: Expert;
  excluded: Excluded;
  relevance: () => Relevance;
}

/**
 * A context for one pair. When judging many pairs, pass the need's `haystack` and the expert's
 * `terms` so they are computed once per need and once per expert rather than once per pair.
 */
export function pairContext(
  need: Need,
  expert: Expert,
  excluded: Excluded = NOTHING_EXCLUDED,
  haystack?: ReadonlySet<string>,
  terms?: readonly ExpertTerm[],
): PairContext {
  let relevance: Relevance | undefined;
  return { need, expert, excluded, relevance: () => (relevance ??= relevanceOf(need, expert, haystack ?? needHaystack(need), terms)) };
}

/**
 * One check per rule: `fails` decides cheaply, `describe` writes the reason only when someone
 * reads it (a matching round judges millions of pairs and explains a handful).
 */
interface Check {
  fails(ctx: PairContext): boolean;
  describe(ctx: PairContext): Blocked;
}

function blocked(rule: Rule, reason: string, reasonZh: string): Blocked {
  return { rule, reason, reasonZh };
}

const CHECKS: Record<Rule, Check> = {
  INACTIVE: {
    fails: ({ expert }) => expert.status !== 'ACTIVE',
    describe: () => blocked('INACTIVE', 'Expert is inactive', '专家处于停用状态'),
  },
  RETIRED_NOT_WILLING: {
    fails: ({ expert }) => expert.categories.includes('RETIRED') && expert.retiredAndWilling !== true,
    describe: () => blocked('RETIRED_NOT_WILLING', 'Retired expert has not agreed to serve', '退休专家未表示自愿参与服务'),
  },
  ALREADY_PROPOSED: {
    fails: ({ expert, excluded }) => priorAnswer(excluded, expert.id) !== undefined,
    describe: ({ expert, excluded }) => {
      const prior = PRIOR[priorAnswer(excluded, expert.id) ?? 'PROPOSED'];
      return blocked('ALREADY_PROPOSED', prior.en, prior.zh);
    },
  },
  FORM_NOT_OFFERED: {
    fails: ({ need, expert }) => !expert.serviceForms.includes(need.serviceForm),
    describe: ({ need }) => {
      const form = SERVICE_FORM_LABELS[need.serviceForm];
      return blocked('FORM_NOT_OFFERED', `Does not offer ${form.en} (${need.serviceForm})`, `不提供“${form.zh}”服务`);
    },
  },
  // Available over the whole window, both ends included.
  NOT_AVAILABLE: {
    fails: ({ need, expert }) => expert.availableFrom > need.window.from || expert.availableTo < need.window.to,
    describe: ({ need, expert }) =>
      blocked(
        'NOT_AVAILABLE',
        `Available ${expert.availableFrom} to ${expert.availableTo}, not throughout ${need.window.from} to ${need.window.to}`,
        `可服务时间 ${expert.availableFrom} 至 ${expert.availableTo}，未覆盖需求时段 ${need.window.from} 至 ${need.window.to}`,
      ),
  },
  AT_CAPACITY: {
    fails: ({ expert }) => expert.load >= expert.capacity,
    describe: ({ expert }) => blocked('AT_CAPACITY', `At capacity: ${expert.load} of ${expert.capacity} concurrent services`, `服务已满（${expert.load}/${expert.capacity}）`),
  },
  NO_SHARED_EXPERTISE: {
    fails: (ctx) => !sharesExpertise(ctx.relevance()),
    describe: () => blocked('NO_SHARED_EXPERTISE', 'Shares no discipline and no keyword with the need', '与需求无共同学科或关键词'),
  },
};

const WITHOUT_RELEVANCE: readonly Rule[] = RULES.filter((r) => r !== 'NO_SHARED_EXPERTISE');

function activeRules(options: EligibilityOptions): readonly Rule[] {
  return options.requireSharedExpertise === false ? WITHOUT_RELEVANCE : RULES;
}

/** Every rule the expert breaks, in rule order (empty when eligible). */
export function violations(ctx: PairContext, options: EligibilityOptions = {}): Blocked[] {
  checkExpertDates(ctx.expert);
  return activeRules(options)
    .filter((rule) => CHECKS[rule].fails(ctx))
    .map((rule) => CHECKS[rule].describe(ctx));
}

/** The first rule the expert breaks, or undefined when eligible. Later rules (relevance last) are not evaluated. */
export function firstFailingRule(ctx: PairContext, options: EligibilityOptions = {}): Rule | undefined {
  checkExpertDates(ctx.expert);
  return activeRules(options).find((rule) => CHECKS[rule].fails(ctx));
}

/** The first rule the expert breaks, with its reason, or undefined when eligible. */
export function firstViolation(ctx: PairContext, options: EligibilityOptions = {}): Blocked | undefined {
  const rule = firstFailingRule(ctx, options);
  return rule === undefined ? undefined : CHECKS[rule].describe(ctx);
}

/** Every rule the expert breaks for this need, in rule order (empty when eligible). */
export function violatedRules(need: Need, expert: Expert, excluded: Excluded = NOTHING_EXCLUDED, options: EligibilityOptions = {}): Blocked[] {
  checkNeedWindow(need);
  return violations(pairContext(need, expert, excluded), options);
}

/** Eligible, or the first rule that blocks the expert. */
export function checkEligibility(need: Need, expert: Expert, excluded: Excluded = NOTHING_EXCLUDED, options: EligibilityOptions = {}): Eligibility {
  checkNeedWindow(need);
  const first = firstViolation(pairContext(need, expert, excluded), options);
  return first ? { eligible: false, ...first } : { eligible: true };
}

export type RuleCounts = Record<Rule, number>;

const zeroCounts = (): RuleCounts => Object.fromEntries(RULES.map((r) => [r, 0])) as RuleCounts;

export interface PoolExplanation {
  candidates: number;
  eligible: number;
  /** Candidates whose FIRST failing rule is this one (sums to candidates − eligible). */
  firstBlocking: RuleCounts;
  /** Candidates that fail this rule at all, whatever else they fail. */
  violating: RuleCounts;
  /** Candidates that fail ONLY this rule: how many would become eligible if it alone were relaxed. */
  onlyBlocker: RuleCounts;
  /** Rules every candidate fails: each alone empties the pool. */
  eliminatesAll: Rule[];
  /**
   * When nobody is eligible: the rule that eliminated the most candidates (most violations; ties
   * go to the earlier rule), or NO_CANDIDATES when there was nobody to eliminate.
   */
  emptiedBy?: Rule | 'NO_CANDIDATES';
  summary: string;
}

/**
 * Which constraints thin out (or empty) the pool of candidates for a need: counts per rule,
 * and for an empty pool the rule to blame.
 */
export function explainPool(need: Need, experts: readonly Expert[], excluded: Excluded = NOTHING_EXCLUDED, options: EligibilityOptions = {}): PoolExplanation {
  checkNeedWindow(need);
  const haystack = needHaystack(need);
  const firstBlocking = zeroCounts();
  const violating = zeroCounts();
  const onlyBlocker = zeroCounts();
  let eligible = 0;
  for (const expert of experts) {
    const broken = violations(pairContext(need, expert, excluded, haystack), options);
    const [first] = broken;
    if (!first) {
      eligible += 1;
      continue;
    }
    firstBlocking[first.rule] += 1;
    for (const b of broken) violating[b.rule] += 1;
    if (broken.length === 1) onlyBlocker[first.rule] += 1;
  }
  const candidates = experts.length;
  const eliminatesAll = candidates === 0 ? [] : RULES.filter((r) => violating[r] === candidates);
  const explanation = { candidates, eligible, firstBlocking, violating, onlyBlocker, eliminatesAll, summary: summarise(candidates, eligible, violating) };
  return eligible === 0 ? { ...explanation, emptiedBy: dominantRule(explanation) } : explanation;
}

/**
 * The rule that eliminated the most candidates (counting every rule each breaks; ties go to the
 * earlier rule), or NO_CANDIDATES when nobody was eliminated.
 */
export function dominantRule(explanation: Pick<PoolExplanation, 'candidates' | 'eligible' | 'violating'>): Rule | 'NO_CANDIDATES' {
  if (explanation.candidates === explanation.eligible) return 'NO_CANDIDATES';
  const { violating } = explanation;
  return RULES.reduce((best, r) => (violating[r] > violating[best] ? r : best), RULES[0] as Rule);
}

function summarise(candidates: number, eligible: number, violating: RuleCounts): string {
  if (candidates === 0) return 'No experts to choose from';
  const counts = RULES.filter((r) => violating[r] > 0)
    .sort((a, b) => violating[b] - violating[a] || RULES.indexOf(a) - RULES.indexOf(b))
    .map((r) => `${r} ${violating[r]}`)
    .join(', ');
  return `${eligible} of ${candidates} experts eligible${counts ? `; blocked by ${counts}` : ''}`;
}
