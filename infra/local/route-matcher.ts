import type { RouteDefinition } from '../../shared/service/definitions';

export interface RouteMatch {
  route: RouteDefinition;
  pathParameters: Record<string, string>;
}

interface CompiledRoute {
  route: RouteDefinition;
  segments: string[];
  literalCount: number;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * Matches requests to routes the way API Gateway HTTP APIs do: the most specific route wins
 * (literal segments before `{param}`, `{param+}` last), and `$default` catches the rest.
 */
export class RouteMatcher {
  private readonly compiled: CompiledRoute[];
  private readonly fallback?: RouteDefinition;

  constructor(routes: RouteDefinition[]) {
    this.fallback = routes.find((r) => r.path === '$default');
    this.compiled = routes
      .filter((r) => r.path !== '$default')
      .map((route) => {
        const segments = route.path.split('/').filter(Boolean);
        return { route, segments, literalCount: segments.filter((s) => !s.startsWith('{')).length };
      })
      .sort((a, b) => b.literalCount - a.literalCount || b.segments.length - a.segments.length);
  }

  match(method: string, path: string): RouteMatch | undefined {
    const parts = path.split('/').filter(Boolean);
    for (const candidate of this.compiled) {
      if (candidate.route.method !== method) continue;
      const params = this.matchSegments(candidate.segments, parts);
      if (params) return { route: candidate.route, pathParameters: params };
    }
    return undefined;
  }

  /** Methods some route allows at this path (for 405 vs 404 and CORS preflight). */
  allowedMethods(path: string): string[] {
    const parts = path.split('/').filter(Boolean);
    return [...new Set(this.compiled.filter((c) => this.matchSegments(c.segments, parts)).map((c) => c.route.method))];
  }

  get defaultRoute(): RouteDefinition | undefined {
    return this.fallback;
  }

  private matchSegments(segments: string[], parts: string[]): Record<string, string> | undefined {
    const params: Record<string, string> = {};
    for (let i = 0; i < segments.length; i++) {
      const segment = segments[i]!;
      const greedy = /^\{(.+)\+\}$/.exec(segment);
      if (greedy) {
        if (i >= parts.length) return undefined;
        params[greedy[1]!] = parts.slice(i).map(decode).join('/');
        return params;
      }
      const part = parts[i];
      if (part === undefined) return undefined;
      const param = /^\{(.+)\}$/.exec(segment);
      if (param) params[param[1]!] = decode(part);
      else if (segment !== part) return undefined;
    }
    return parts.length === segments.length ? params : undefined;
  }
}
