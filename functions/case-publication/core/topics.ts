/*
 * The six areas of the 2025 professional and technical talent reform pilot (DESIGN §6). The
 * labels follow the pilot notice's own names for them (博士后工作, 职称和职业资格工作, 继续教育工作,
 * 专家工作, 留学人员回国工作, 综合服务及其他工作), shortened to what reads well as a filter.
 * web/assets/cases.js shows the same labels.
 */
export const CASE_TOPICS = ['POSTDOCTORAL', 'TITLES_AND_QUALIFICATIONS', 'CONTINUING_EDUCATION', 'EXPERTS', 'RETURNED_SCHOLARS', 'INTEGRATED_SERVICES'] as const;
export type CaseTopic = (typeof CASE_TOPICS)[number];

export const TOPIC_LABELS: Record<CaseTopic, string> = {
  POSTDOCTORAL: '博士后',
  TITLES_AND_QUALIFICATIONS: '职称和职业资格',
  CONTINUING_EDUCATION: '继续教育',
  EXPERTS: '专家服务',
  RETURNED_SCHOLARS: '留学人员回国',
  INTEGRATED_SERVICES: '综合服务',
};
