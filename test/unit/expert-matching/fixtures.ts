import type { Expert, Need } from '../../../functions/expert-matching/core/model';

/** A rice-pest need from a county in Guizhou (west), wanting technical guidance in May–July 2026. */
export function need(overrides: Partial<Need> = {}): Need {
  return {
    id: 'N-RICE',
    title: '水稻病虫害防治',
    description: '我县水稻种植面积大，近年稻飞虱和稻瘟病多发，希望专家开展绿色防控技术指导。',
    fields: ['21060'],
    region: '520100',
    serviceForm: 'TECH_GUIDANCE',
    expertsWanted: 1,
    window: { from: '2026-05-01', to: '2026-07-31' },
    ...overrides,
  };
}

/** A plant-protection expert in Nanjing (east), free all of 2026, one service of three running. */
export function expert(overrides: Partial<Expert> = {}): Expert {
  return {
    id: 'E-001',
    name: '张三',
    fields: ['21060'],
    keywords: ['病虫害'],
    region: '320100',
    categories: ['OTHER'],
    titleLevel: 'SENIOR',
    serviceForms: ['TECH_GUIDANCE', 'LECTURE'],
    capacity: 3,
    load: 1,
    availableFrom: '2026-01-01',
    availableTo: '2026-12-31',
    status: 'ACTIVE',
    ...overrides,
  };
}
