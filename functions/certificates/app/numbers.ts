import { text } from '../../../shared/http/messages';
import { HttpProblem } from '../../../shared/http/problem';
import { NUMBER_PROBLEM_MESSAGES, parseCertificateNumber } from '../core/number';

/** Parses a number from a path, or answers 400 (with the typo kind as `code`) before any lookup. */
export function requireValidNumber(raw: string): string {
  const parsed = parseCertificateNumber(raw);
  if (parsed.ok) return parsed.number;
  return invalidNumber(parsed.problem);
}

export function invalidNumber(problem: keyof typeof NUMBER_PROBLEM_MESSAGES): never {
  throw new HttpProblem(400, text('证书编号无效', 'Invalid certificate number'), NUMBER_PROBLEM_MESSAGES[problem], {
    type: '/problems/certificate-number',
    errors: [{ path: 'path.number', message: NUMBER_PROBLEM_MESSAGES[problem], code: problem }],
  });
}

/** The single answer for "unknown number" and "wrong name": byte-identical, no request id inside. */
export function certificateNotFound(): never {
  throw new HttpProblem(404, text('未找到', 'Not found'), text('没有与该编号和姓名相符的证书。', 'No certificate matches this number and name.'), {
    type: '/problems/certificate-not-found',
    omitRequestId: true,
  });
}
