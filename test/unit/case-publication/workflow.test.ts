import { describe, expect, it } from 'vitest';
import { moveRefusal } from '../../../functions/case-publication/core/authorisation';
import { allowedMoves, applyEdit, applyMove, CASE_STATUSES, MOVES, type CaseStatus, type Move } from '../../../functions/case-publication/core/workflow';
import type { Principal } from '../../../shared/auth/principal';

/*
 * The whole transition table, written out: every (status, live) state the workflow can be in,
 * and what each move and an edit lead to from it. Anything not listed must be refused.
 */
const ALLOWED: Record<string, Partial<Record<Move | 'edit', CaseStatus>>> = {
  'DRAFT/never published': { submit: 'SUBMITTED', edit: 'DRAFT' },
  'SUBMITTED/never published': { approve: 'APPROVED', reject: 'REJECTED' },
  'APPROVED/never published': { publish: 'PUBLISHED', edit: 'DRAFT' },
  'REJECTED/never published': { edit: 'DRAFT' },
  'PUBLISHED/live': { withdraw: 'WITHDRAWN', edit: 'DRAFT' },
  // A published case being revised: the live version can still be withdrawn meanwhile.
  'DRAFT/live': { submit: 'SUBMITTED', withdraw: 'WITHDRAWN', edit: 'DRAFT' },
  'SUBMITTED/live': { approve: 'APPROVED', reject: 'REJECTED', withdraw: 'WITHDRAWN' },
  'APPROVED/live': { publish: 'PUBLISHED', withdraw: 'WITHDRAWN', edit: 'DRAFT' },
  'REJECTED/live': { withdraw: 'WITHDRAWN', edit: 'DRAFT' },
  'WITHDRAWN/never published': {},
  // Not reachable (publishing makes a version live) — and still nothing odd is allowed there.
  'PUBLISHED/never published': { edit: 'DRAFT' },
  'WITHDRAWN/live': {},
};

const states = CASE_STATUSES.flatMap((status) => [false, true].map((live) => ({ status, live, name: `${status}/${live ? 'live' : 'never published'}` })));

describe('the case workflow', () => {
  it('covers every state in the table', () => {
    expect(states.map((s) => s.name).sort()).toEqual(Object.keys(ALLOWED).sort());
  });

  describe.each(states)('from $name', ({ status, live, name }) => {
    const expected = ALLOWED[name]!;

    it.each([...MOVES])('%s is allowed exactly when the table says', (move) => {
      const outcome = applyMove({ status, live }, move);
      if (expected[move]) {
        expect(outcome).toEqual({ ok: true, to: expected[move] });
      } else {
        // Refused, naming the moves that are allowed instead.
        expect(outcome).toEqual({ ok: false, allowed: MOVES.filter((m) => expected[m]) });
      }
    });

    it('an edit is allowed exactly when the table says', () => {
      expect(applyEdit({ status, live })).toEqual(expected.edit ? { ok: true, to: 'DRAFT' } : { ok: false, allowed: MOVES.filter((m) => expected[m]) });
    });

    it('lists the allowed moves in a stable order', () => {
      expect(allowedMoves({ status, live })).toEqual(MOVES.filter((m) => expected[m]));
    });
  });
});

describe('who may make each move', () => {
  const principal = (group: Principal['groups'][number], region?: string, subject = `${group}-${region}`): Principal => ({ subject, groups: [group], region, label: `${group}:${region}` });
  const author = principal('issuer', '310000', 'author');
  const contributors = ['author'];

  it('issuers of the region (a province covers its districts) and admins submit; reviewers do not', () => {
    expect(moveRefusal(author, 'submit', '310115', contributors)).toBeUndefined();
    expect(moveRefusal(principal('admin'), 'submit', '440000', contributors)).toBeUndefined();
    expect(moveRefusal(principal('issuer', '320000'), 'submit', '310115', contributors)).toBe('not-yours');
    expect(moveRefusal(principal('reviewer', '310000'), 'submit', '310115', contributors)).toBe('not-yours');
  });

  it('a reviewer of the region approves and rejects, never the case’s own author, not even an admin', () => {
    for (const move of ['approve', 'reject'] as const) {
      expect(moveRefusal(principal('reviewer', '310000'), move, '310115', contributors)).toBeUndefined();
      expect(moveRefusal(principal('reviewer', '320000'), move, '310115', contributors)).toBe('not-yours');
      expect(moveRefusal(principal('issuer', '310000', 'someone-else'), move, '310115', contributors)).toBe('not-yours');
      expect(moveRefusal({ ...principal('admin'), subject: 'author' }, move, '310115', contributors)).toBe('own-case');
      expect(moveRefusal({ ...principal('reviewer', '310000'), subject: 'author' }, move, '310115', contributors)).toBe('own-case');
    }
  });

  it('authors and reviewers of the region publish and withdraw', () => {
    for (const move of ['publish', 'withdraw'] as const) {
      expect(moveRefusal(author, move, '310115', contributors)).toBeUndefined();
      expect(moveRefusal(principal('reviewer', '310000'), move, '310115', contributors)).toBeUndefined();
      expect(moveRefusal(principal('reviewer', '440000'), move, '310115', contributors)).toBe('not-yours');
    }
  });
});
