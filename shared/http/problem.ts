import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { renderText, text, type Language, type Text } from './messages';

/** One invalid input, located by a path such as `body.holder.idNumber` or `query.year`. */
export interface FieldError {
  path: string;
  /** Chinese and English (see messages.ts); rendered in the caller's language. */
  message: Text;
  code?: string;
}

export interface ProblemOptions {
  /** A URI reference naming the problem type; `about:blank` when the status says it all. */
  type?: string;
  errors?: FieldError[];
  headers?: Record<string, string>;
  /** Extra members of the problem object (RFC 9457 §3.2), e.g. `allowedMoves`; never `status`, `type`, `title`… (those are dropped). */
  extensions?: Record<string, unknown>;
  /** Leave the request id out of the body (it stays in the header): for answers that must be byte-identical. */
  omitRequestId?: boolean;
}

/**
 * An error that is meant for the caller. Anything else that escapes a handler is
 * treated as a defect and answered with an opaque 500 (or 503 for storage faults).
 */
export class HttpProblem extends Error {
  readonly type: string;
  readonly errors?: FieldError[];
  readonly headers: Record<string, string>;
  readonly extensions: Record<string, unknown>;
  readonly omitRequestId: boolean;

  constructor(
    readonly status: number,
    readonly title: Text,
    readonly detail?: Text,
    options: ProblemOptions = {},
  ) {
    super(renderText(detail ?? title, 'en'));
    this.name = 'HttpProblem';
    this.type = options.type ?? 'about:blank';
    this.errors = options.errors;
    this.headers = options.headers ?? {};
    this.extensions = options.extensions ?? {};
    this.omitRequestId = options.omitRequestId ?? false;
  }
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Field errors with their messages in one language: for item errors inside a 2xx answer. */
export function renderFieldErrors(errors: readonly FieldError[], language: Language): (FieldError & { message: string })[] {
  return errors.map((e) => ({ ...e, message: renderText(e.message, language) }));
}

export const problems = {
  validation: (errors: FieldError[], detail: Text = text('请求无效，请按各字段的错误提示修改。', 'The request is not valid; see errors for each field.')) =>
    new HttpProblem(400, text('请求无效', 'Invalid request'), detail, { type: '/problems/validation', errors }),
  malformedJson: () =>
    new HttpProblem(400, text('JSON 格式错误', 'Malformed JSON body'), text('请求体不是有效的 JSON。', 'The request body is not valid JSON.'), {
      type: '/problems/malformed-json',
    }),
  unsupportedMediaType: () =>
    new HttpProblem(415, text('不支持的媒体类型', 'Unsupported media type'), text('请以 application/json 格式发送请求体。', 'Send the body as application/json.'), {
      type: '/problems/unsupported-media-type',
    }),
  payloadTooLarge: (limitBytes: number) =>
    new HttpProblem(
      413,
      text('请求体过大', 'Payload too large'),
      text(`JSON 请求体不得超过 ${limitBytes} 字节；批量数据请通过预签名地址上传。`, `JSON bodies are limited to ${limitBytes} bytes; upload bulk data through a presigned URL.`),
      { type: '/problems/payload-too-large' },
    ),
  unauthorized: () =>
    new HttpProblem(401, text('未认证', 'Unauthorized'), text('需要有效的访问令牌（Bearer）。', 'A valid bearer token is required.'), {
      headers: { 'www-authenticate': 'Bearer' },
    }),
  forbidden: (detail: Text = text('无权执行此操作。', 'You may not do this.')) => new HttpProblem(403, text('禁止访问', 'Forbidden'), detail),
  notFound: (detail: Text = text('未找到所请求的资源。', 'Nothing was found here.')) => new HttpProblem(404, text('未找到', 'Not found'), detail),
  conflict: (detail: Text, extensions?: Record<string, unknown>) =>
    new HttpProblem(409, text('状态冲突', 'Conflict'), detail, { type: '/problems/conflict', extensions }),
  unprocessable: (detail: Text, type = '/problems/unprocessable') =>
    new HttpProblem(422, text('无法处理的请求', 'Unprocessable request'), detail, { type }),
  unavailable: (retryAfterSeconds = 1, detail: Text = text('服务暂时不可用，请稍后重试。', 'The service is briefly unavailable; retry shortly.')) =>
    new HttpProblem(503, text('服务暂不可用', 'Service unavailable'), detail, {
      type: '/problems/unavailable',
      headers: { 'retry-after': String(retryAfterSeconds) },
    }),
};

/** Members RFC 9457 (and this API) define: an extension may never replace them. */
const RESERVED_MEMBERS = new Set(['type', 'title', 'status', 'detail', 'instance', 'errors', 'requestId']);

export function problemResponse(problem: HttpProblem, requestId?: string, language: Language = 'zh-CN'): APIGatewayProxyStructuredResultV2 {
  const extensions = Object.fromEntries(Object.entries(problem.extensions).filter(([key]) => !RESERVED_MEMBERS.has(key)));
  const body: Record<string, unknown> = {
    ...extensions,
    type: problem.type,
    title: renderText(problem.title, language),
    status: problem.status,
    ...(problem.detail === undefined ? {} : { detail: renderText(problem.detail, language) }),
    ...(problem.errors ? { errors: renderFieldErrors(problem.errors, language) } : {}),
    ...(requestId && !problem.omitRequestId ? { requestId } : {}),
  };
  return {
    statusCode: problem.status,
    headers: { 'content-type': PROBLEM_CONTENT_TYPE, 'content-language': language, vary: 'accept-language', ...problem.headers },
    body: JSON.stringify(body),
  };
}
