/*
 * The publication workflow (DESIGN §6) as a pure state machine:
 *
 *   DRAFT → SUBMITTED → APPROVED → PUBLISHED → WITHDRAWN
 *                     ↘ REJECTED ─(edit)→ DRAFT
 *
 * A published case stays readable while a new revision of it is written and reviewed: editing it
 * starts a new DRAFT and the public keeps the published version (`live`) until the next publish.
 * So the state is the status of the revision being worked on plus whether a version is live, and
 * a live case can be withdrawn whatever its next revision is doing. WITHDRAWN is final.
 */
export const CASE_STATUSES = ['DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED', 'PUBLISHED', 'WITHDRAWN'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const MOVES = ['submit', 'approve', 'reject', 'publish', 'withdraw'] as const;
export type Move = (typeof MOVES)[number];

export interface WorkflowState {
  status: CaseStatus;
  /** A published version is readable by the public. */
  live: boolean;
}

const FROM: Record<Exclude<Move, 'withdraw'>, { from: CaseStatus; to: CaseStatus }> = {
  submit: { from: 'DRAFT', to: 'SUBMITTED' },
  approve: { from: 'SUBMITTED', to: 'APPROVED' },
  reject: { from: 'SUBMITTED', to: 'REJECTED' },
  publish: { from: 'APPROVED', to: 'PUBLISHED' },
};

/** The status a move leads to, or undefined when the move is not allowed from this state. */
function target(state: WorkflowState, move: Move): CaseStatus | undefined {
  if (move === 'withdraw') return state.live && state.status !== 'WITHDRAWN' ? 'WITHDRAWN' : undefined;
  return FROM[move].from === state.status ? FROM[move].to : undefined;
}

export function allowedMoves(state: WorkflowState): Move[] {
  return MOVES.filter((move) => target(state, move) !== undefined);
}

export type MoveOutcome = { ok: true; to: CaseStatus } | { ok: false; allowed: Move[] };

export function applyMove(state: WorkflowState, move: Move): MoveOutcome {
  const to = target(state, move);
  return to ? { ok: true, to } : { ok: false, allowed: allowedMoves(state) };
}

/**
 * Editing (the draft's fields or attachments) is possible except while a reviewer has the
 * revision (SUBMITTED) and once withdrawn. From REJECTED, APPROVED or PUBLISHED it starts a new
 * DRAFT revision: an approval is for what was reviewed, so changing an approved revision before
 * it is published discards the approval (the way out when, say, an attachment must change).
 */
const EDITABLE: readonly CaseStatus[] = ['DRAFT', 'REJECTED', 'APPROVED', 'PUBLISHED'];

export function applyEdit(state: WorkflowState): MoveOutcome {
  return EDITABLE.includes(state.status) ? { ok: true, to: 'DRAFT' } : { ok: false, allowed: allowedMoves(state) };
}

export function isEditable(state: WorkflowState): boolean {
  return EDITABLE.includes(state.status);
}
