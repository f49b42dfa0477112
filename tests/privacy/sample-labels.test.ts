/**
 * The shipped sample is a team's ordinary exports: every text it publishes is a label, so the label rule
 * replaces nothing in it (a demo full of "other (rare text)" would mean the rule hides ordinary labels).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../../scripts/log.ts';
import { loadConfig } from '../../scripts/read/config.ts';
import { ingest } from '../../scripts/read/ingest.ts';
import { applyLabelRule, RARE_TEXT } from '../../scripts/read/labels.ts';

const SAMPLE = path.join(import.meta.dirname, '../../data/sample');

describe('the label rule on the shipped sample', () => {
  it('replaces nothing and says nothing', async () => {
    const config = await loadConfig(SAMPLE);
    const { tables, quality } = await ingest(SAMPLE, config, memoryLogger());
    const log = memoryLogger();
    const after = applyLabelRule(tables, quality, config, log);
    expect(log.lines).toEqual([]);
    expect(after.unmapped.filter((u) => u.value.startsWith('(rare'))).toEqual([]);
    expect(tables.applications.some((a) => a.rejectionReason === RARE_TEXT || a.currentStage === RARE_TEXT)).toBe(
      false,
    );
  }, 120_000);
});
