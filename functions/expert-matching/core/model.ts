/*
 * The expert-matching domain (DESIGN §5): experts who offer services, needs that grassroots units
 * submit, and the vocabulary both share. Plain data only: every rule lives in its own module.
 *
 * Labels carry English and Chinese because the reasons shown to units and experts are read in
 * Chinese, while logs, tests and the API docs read English.
 */
export interface Localised {
  en: string;
  zh: string;
}

/** The forms a service can take (人社厅发〔2025〕2号 §3, §6). */
export const SERVICE_FORMS = ['TECH_GUIDANCE', 'TECH_PROMOTION', 'JOINT_RESEARCH', 'TALENT_TRAINING', 'DECISION_CONSULTING', 'LECTURE'] as const;
export type ServiceForm = (typeof SERVICE_FORMS)[number];

export const SERVICE_FORM_LABELS: Record<ServiceForm, Localised> = {
  TECH_GUIDANCE: { en: 'technical guidance', zh: '技术指导' },
  TECH_PROMOTION: { en: 'technology promotion', zh: '科技推广' },
  JOINT_RESEARCH: { en: 'joint research', zh: '联合攻关' },
  TALENT_TRAINING: { en: 'talent training', zh: '人才培养' },
  DECISION_CONSULTING: { en: 'decision consulting', zh: '决策咨询' },
  LECTURE: { en: 'lectures', zh: '专题授课' },
};

/** Who an expert is, in the terms of the policy's expert pools (人社厅发〔2025〕2号 §4). */
export const EXPERT_CATEGORIES = ['ACADEMICIAN', 'SPECIAL_ALLOWANCE', 'RETURNED_SCHOLAR', 'POSTDOC', 'MAJOR_TALENT_PROGRAMME', 'RETIRED', 'OTHER'] as const;
export type ExpertCategory = (typeof EXPERT_CATEGORIES)[number];

export const EXPERT_CATEGORY_LABELS: Record<ExpertCategory, Localised> = {
  ACADEMICIAN: { en: 'academician', zh: '两院院士' },
  SPECIAL_ALLOWANCE: { en: 'State Council special allowance expert', zh: '享受政府特殊津贴专家' },
  RETURNED_SCHOLAR: { en: 'returned overseas scholar', zh: '留学回国人才' },
  POSTDOC: { en: 'postdoctoral researcher', zh: '博士后' },
  MAJOR_TALENT_PROGRAMME: { en: 'major talent programme', zh: '重大人才工程入选者' },
  RETIRED: { en: 'retired expert', zh: '退休专家' },
  OTHER: { en: 'other', zh: '其他' },
};

/** Professional title levels (职称等级). Not scored today; kept so proposals can show it. */
export const TITLE_LEVELS = ['SENIOR', 'ASSOCIATE_SENIOR', 'INTERMEDIATE', 'JUNIOR'] as const;
export type TitleLevel = (typeof TITLE_LEVELS)[number];

export const TITLE_LEVEL_LABELS: Record<TitleLevel, Localised> = {
  SENIOR: { en: 'senior', zh: '正高级' },
  ASSOCIATE_SENIOR: { en: 'associate senior', zh: '副高级' },
  INTERMEDIATE: { en: 'intermediate', zh: '中级' },
  JUNIOR: { en: 'junior', zh: '初级' },
};

/**
 * What the platform has learnt about an expert from finished services: running totals rather
 * than the ratings themselves, so the store can keep them up to date with one atomic update.
 */
export interface ReliabilityStats {
  /** Services completed (a service record was filed and the need closed). */
  completed: number;
  /** Unit feedback ratings received, each 1–5. */
  ratingCount: number;
  ratingSum: number;
}

export interface Expert {
  id: string;
  name: string;
  /** GB/T 13745 discipline codes: 3-digit first-level or 5-digit second-level. */
  fields: string[];
  /** Free keywords in Chinese or English. */
  keywords: string[];
  /** 6-digit GB/T 2260 division code. */
  region: string;
  categories: ExpertCategory[];
  titleLevel: TitleLevel;
  serviceForms: ServiceForm[];
  /** Concurrent services the expert takes on. */
  capacity: number;
  /** Services currently active. */
  load: number;
  /** First and last day the expert can serve (YYYY-MM-DD, inclusive). */
  availableFrom: string;
  availableTo: string;
  /** A retired expert serves only of their own free will (人社厅发〔2025〕2号 §4). */
  retiredAndWilling?: boolean;
  status: 'ACTIVE' | 'INACTIVE';
  reliability?: ReliabilityStats;
}

export interface Need {
  id: string;
  title: string;
  description: string;
  /** GB/T 13745 discipline codes the need falls under. */
  fields: string[];
  keywords?: string[];
  /** 6-digit GB/T 2260 division code of the unit. */
  region: string;
  serviceForm: ServiceForm;
  /** 1–5. */
  expertsWanted: number;
  /** The period the service is wanted in (YYYY-MM-DD, inclusive). */
  window: { from: string; to: string };
}

/** Where an expert already stands with a need: such an expert is never proposed to it again. */
export type PriorAnswer = 'PROPOSED' | 'ACCEPTED' | 'DECLINED';

/**
 * The experts a need must not be given again. A set when only "already involved" is known, a
 * map when the state is known, so that "why not?" can say which.
 */
export type Excluded = ReadonlyMap<string, PriorAnswer> | ReadonlySet<string>;

export const NOTHING_EXCLUDED: Excluded = new Set<string>();

/** The state an expert holds in `excluded`, or undefined when free. */
export function priorAnswer(excluded: Excluded, expertId: string): PriorAnswer | undefined {
  if (excluded instanceof Map) return excluded.get(expertId);
  return excluded.has(expertId) ? 'PROPOSED' : undefined;
}
