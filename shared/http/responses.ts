/** What a route's business function returns; the envelope turns it into an API Gateway result. */
export interface HttpResult {
  status: number;
  /** Serialised as JSON unless `text` is given. */
  body?: unknown;
  /** A non-JSON body (HTML, CSV); `contentType` names it. */
  text?: string;
  /** A binary body (an XLSX export); `contentType` names it. Sent base64-encoded, as API Gateway expects. */
  binary?: Buffer;
  contentType?: string;
  headers?: Record<string, string>;
}

export const ok = (body: unknown, headers?: Record<string, string>): HttpResult => ({ status: 200, body, headers });
export const created = (body: unknown, location?: string): HttpResult => ({
  status: 201,
  body,
  headers: location ? { location } : undefined,
});
export const accepted = (body: unknown, location?: string): HttpResult => ({
  status: 202,
  body,
  headers: location ? { location } : undefined,
});
export const noContent = (): HttpResult => ({ status: 204 });
export const textResult = (text: string, contentType: string, status = 200, headers?: Record<string, string>): HttpResult => ({
  status,
  text,
  contentType,
  headers,
});
export const binaryResult = (binary: Buffer, contentType: string, headers?: Record<string, string>): HttpResult => ({ status: 200, binary, contentType, headers });
