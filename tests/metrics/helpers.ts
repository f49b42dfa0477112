/**
 * Tiny builders for hand-made canonical tables: each fixture states only the fields its case is about.
 * Instants are written as ISO strings with an explicit offset (or `Z`), so a fixture reads as a calendar.
 */
import {
  canonicalTables,
  type Application,
  type CanonicalRows,
  type Instant,
  type Interview,
  type Requisition,
  type StageEvent,
} from '../../scripts/schema/canonical.ts';
import { configSchema, type Config, type ConfigInput } from '../../scripts/schema/config.ts';
import type { Aggregates } from '../../scripts/schema/aggregates.ts';
import { aggregatesSchema } from '../../scripts/schema/aggregates.ts';
import { computeAggregates } from '../../scripts/metrics/index.ts';

/** An instant from an ISO date-time with offset, e.g. `2025-01-31T23:30:00-05:00`. A bare date is UTC midnight. */
export function at(iso: string): Instant {
  const t = Date.parse(/T/.test(iso) || iso.length > 10 ? iso : `${iso}T00:00:00Z`);
  if (Number.isNaN(t)) throw new Error(`bad instant in fixture: ${iso}`);
  return t;
}
const maybe = (iso: string | null | undefined): Instant | null => (iso ? at(iso) : null);

export interface ReqInput {
  id: string;
  job?: string;
  title?: string;
  department?: string | null;
  hiringManager?: string | null;
  recruiter?: string | null;
  opened: string;
  filled?: string | null;
  closed?: string | null;
  status?: Requisition['status'];
}
export function req(r: ReqInput): Requisition {
  return {
    requisitionId: r.id,
    jobId: r.job ?? r.id,
    jobTitle: r.title ?? `Job ${r.id}`,
    department: r.department === undefined ? 'Engineering' : r.department,
    location: null,
    hiringManager: r.hiringManager === undefined ? 'Hana Moreau' : r.hiringManager,
    recruiter: r.recruiter === undefined ? 'Rui Costa' : r.recruiter,
    openedAt: at(r.opened),
    filledAt: maybe(r.filled),
    closedAt: maybe(r.closed),
    status: r.status ?? (r.filled ? 'filled' : 'open'),
  };
}

export interface AppInput {
  id: string;
  job?: string;
  applied: string;
  status?: Application['status'];
  stage?: string | null;
  rejected?: string | null;
  reason?: string | null;
  rejectedBy?: Application['rejectedBy'];
  hired?: string | null;
  department?: string | null;
}
export function app(a: AppInput): Application {
  return {
    applicationId: a.id,
    // Like the reader's: a number; large, so that it cannot pass for a figure in the artifact.
    candidateKey: 7_000_000_000_000 + [...a.id].reduce((hash, c) => (hash * 31 + c.charCodeAt(0)) % 1_000_000_007, 0),
    jobId: a.job ?? 'R1',
    department: a.department ?? null,
    jobTitle: null,
    appliedAt: at(a.applied),
    source: null,
    currentStage: a.stage ?? null,
    status: a.status ?? (a.hired ? 'hired' : a.rejected ? 'rejected' : 'active'),
    rejectedAt: maybe(a.rejected),
    rejectionReason: a.reason ?? null,
    rejectedBy: a.rejectedBy ?? null,
    hiredAt: maybe(a.hired),
  };
}

export interface InterviewInput {
  id: string;
  app?: string;
  stage?: string | null;
  interviewer?: string | null;
  at: string;
  end?: string | null;
  submitted?: string | null;
  recommendation?: Interview['recommendation'];
}
export function interview(i: InterviewInput): Interview {
  return {
    interviewId: i.id,
    applicationId: i.app ?? 'A1',
    stage: i.stage === undefined ? 'Onsite' : i.stage,
    interviewer: i.interviewer === undefined ? 'Ivo Interviewer' : i.interviewer,
    interviewAt: at(i.at),
    interviewEndAt: maybe(i.end),
    feedbackSubmittedAt: maybe(i.submitted),
    recommendation: i.recommendation ?? null,
  };
}

export function stageEvent(applicationId: string, stage: string, entered: string, exited?: string | null): StageEvent {
  return { applicationId, stage, enteredAt: at(entered), exitedAt: maybe(exited), reason: null };
}

export function tables(t: Partial<CanonicalRows>): CanonicalRows {
  return {
    requisitions: t.requisitions ?? [],
    applications: t.applications ?? [],
    interviews: t.interviews ?? [],
    stageEvents: t.stageEvents ?? [],
  };
}

export function config(input: ConfigInput = {}): Config {
  return configSchema.parse(input);
}

export const emptyQuality = (): Aggregates['quality'] => ({ files: [], entities: [], ledger: [], unmapped: [] });

/** computeAggregates + the artifact schema: every test result is also a valid artifact. */
export function aggregate(t: Partial<CanonicalRows>, c: ConfigInput = {}, quality = emptyQuality()): Aggregates {
  const result = computeAggregates({ tables: canonicalTables(tables(t)), quality, config: config(c), sample: false });
  return aggregatesSchema.parse(result);
}

/** A deterministic shuffle (seeded LCG), for order-independence tests. */
export function shuffled<T>(values: readonly T[], seed = 7): T[] {
  const out = [...values];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** The headline comparison of a metric, scope 'all', for one month. */
export function headline(
  a: Aggregates,
  metric: string,
  month: string,
  scope: Aggregates['headlines'][number]['scope'] = { kind: 'all' },
) {
  const series = a.headlines.find((s) => s.metric === metric && JSON.stringify(s.scope) === JSON.stringify(scope));
  return series?.months.find((m) => m.month === month);
}
