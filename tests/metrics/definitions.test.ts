import { describe, expect, it } from 'vitest';
import { definitions } from '../../scripts/metrics/definitions.ts';
import { METRIC_IDS } from '../../scripts/schema/aggregates.ts';
import { config } from './helpers.ts';

describe('definitions', () => {
  const defs = definitions(config({ feedbackSlaHours: 36, privacy: { minGroupSize: 7 } }));
  const text = (id: string) => defs.find((d) => d.id === id)?.text ?? '';

  it('defines every headline metric and every concept the site shows', () => {
    const ids = defs.map((d) => d.id);
    for (const id of [
      ...METRIC_IDS,
      'daysToFill',
      'daysOpen',
      'hoursToFeedback',
      'onTime',
      'submissionRate',
      'rejectionCategory',
      'funnel',
      'passThrough',
      'asOf',
      'month',
      'quantiles',
      'suppression',
      'comparison',
      'partnership',
    ]) {
      expect(ids, id).toContain(id);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('fills in this build’s settings', () => {
    expect(text('onTime')).toContain('36 hours');
    expect(text('feedbackOnTimeRate')).toContain('36 hours');
    expect(text('suppression')).toContain('fewer than 7 applications');
    expect(text('comparison')).toContain('fewer than 7 rows');
    expect(text('month')).toContain('(UTC)');
  });

  it('says when suppression is off', () => {
    const off = definitions(config({ privacy: { minGroupSize: 1 } }));
    expect(off.find((d) => d.id === 'suppression')!.text).toContain('off');
  });
});
