/**
 * The DuckDB reference of `npm run bench` (`scripts/tools/bench/duckdb.ts`) and the data step's phases: the pure
 * parts only (SQL for given files, the ratio and its verdict, the child's result line, the log parsing).
 * Nothing here runs DuckDB.
 */
import { describe, expect, it } from 'vitest';
import {
  CHILD_SCRIPT,
  DUCKDB_PACKAGE,
  RESULT_PREFIX,
  TABLES,
  childCommand,
  formatVerdict,
  installCommand,
  pairedVerdictOf,
  parseChildResult,
  referenceSql,
  sqlString,
  verdictOf,
} from '../scripts/tools/bench/duckdb.ts';
import { medianPhases, phasesOf, stepSecondsOf } from '../scripts/tools/bench.ts';

const files = {
  requisitions: '/data/requisitions.csv',
  applications: "/data/o'brien/applications.csv",
  interviews: '/data/interviews.csv',
  stage_events: '/data/stage_events.csv',
};

describe('the reference SQL', () => {
  it('quotes string literals', () => {
    expect(sqlString("it's")).toBe("'it''s'");
    expect(sqlString('')).toBe("''");
  });

  it('reads each file into its table with the sniffer, paths quoted', () => {
    const { setup, load } = referenceSql(files);
    expect(setup).toEqual(["SET TimeZone = 'UTC'"]);
    expect(load.map((l) => l.table)).toEqual([...TABLES]);
    expect(load.map((l) => l.sql)).toEqual([
      "CREATE TABLE requisitions AS SELECT * FROM read_csv('/data/requisitions.csv')",
      "CREATE TABLE applications AS SELECT * FROM read_csv('/data/o''brien/applications.csv')",
      "CREATE TABLE interviews AS SELECT * FROM read_csv('/data/interviews.csv')",
      "CREATE TABLE stage_events AS SELECT * FROM read_csv('/data/stage_events.csv')",
    ]);
  });

  it('computes the headline aggregates from the tables only, never the files', () => {
    const { queries } = referenceSql(files);
    expect(queries.map((q) => q.name)).toEqual([
      'time to fill',
      'feedback',
      'rejections',
      'applications and hires',
      'time in stage',
    ]);
    for (const q of queries) {
      expect(q.sql).not.toMatch(/read_csv|\/data\//);
      expect(q.sql).toMatch(/ORDER BY ALL$/);
    }
    const sql = Object.fromEntries(queries.map((q) => [q.name, q.sql]));
    expect(sql['time to fill']).toMatch(/quantile_cont\(days, 0\.75\).*quantile_cont\(days, 0\.9\)/s);
    // department and an 'All' rollup per month, like the artifact
    for (const name of ['time to fill', 'feedback', 'applications and hires'])
      expect(sql[name]).toContain('GROUPING SETS ((month, dept), (month))');
    // the feedback clock starts at the interview's end, else its start; within 24 h is on time
    expect(sql.feedback).toContain('coalesce(i.interview_end_at, i.interview_at)');
    expect(sql.feedback).toContain('count_if(hours <= 24)');
    // one requisition per job: the smallest requisition_id, as the artifact links applications to departments
    expect(sql.feedback).toContain('arg_min(department, requisition_id)');
    expect(sql.rejections).toContain('rejection_reason, rejected_by');
    expect(sql['applications and hires']).toContain("count_if(status = 'hired')");
    expect(sql['time in stage']).toContain('count(DISTINCT application_id)');
  });
});

describe('the ratio to DuckDB and the verdict', () => {
  it('meets the target at 1M applications when the data step is within 3×', () => {
    const v = verdictOf(30_000, 12_000, 1_000_000)!;
    expect(v).toEqual({ ratio: 2.5, target: 3, applies: true, met: true });
    expect(formatVerdict(v)).toBe('2.50× · target ≤ 3× at 1M applications: MET');
    expect(verdictOf(36_000, 12_000, 1_000_000)!.met).toBe(true); // exactly 3× is within
  });

  it('says how much faster the data step must become when it is not met', () => {
    const v = verdictOf(158_000, 10_900, 1_000_000)!;
    expect(v.met).toBe(false);
    expect(formatVerdict(v)).toBe(
      '14.5× · target ≤ 3× at 1M applications: NOT MET (the data step needs to be 4.83× faster)',
    );
  });

  it('shows other sizes for the trend only', () => {
    const v = verdictOf(3_370, 1_280, 10_000)!;
    expect(v.applies).toBe(false);
    expect(formatVerdict(v)).toBe('2.63× · ≤ 3× would be met here (the target is set at 1,000,000 applications)');
    expect(formatVerdict(verdictOf(8_000, 2_000, 100_000)!)).toContain('would not be met here');
  });

  it('gives no ratio without two positive times', () => {
    expect(verdictOf(1000, 0, 1_000_000)).toBeNull();
    expect(verdictOf(Number.NaN, 1000, 1_000_000)).toBeNull();
  });

  it('judges paired runs by the median of the pairs’ ratios', () => {
    // pairs 22/8 = 2.75, 30/10 = 3, 33/12 = 2.75 → 2.75 (the medians, 30 ÷ 10, would give 3)
    const v = pairedVerdictOf([22_000, 30_000, 33_000], [8_000, 10_000, 12_000], 1_000_000)!;
    expect(v).toEqual({ ratio: 2.75, target: 3, applies: true, met: true });
    // an even number of pairs: the mean of the middle two (2 and 4)
    expect(pairedVerdictOf([20_000, 40_000], [10_000, 10_000], 1_000_000)!.ratio).toBe(3);
    // a pair without two positive times is left out; none left, no verdict
    expect(pairedVerdictOf([36_000, 9_000], [12_000, 0], 1_000_000)!.ratio).toBe(3);
    expect(pairedVerdictOf([9_000], [0], 1_000_000)).toBeNull();
    expect(pairedVerdictOf([], [], 1_000_000)).toBeNull();
  });
});

describe('the child process', () => {
  it('is this project’s Node running the reference script with 2 threads', () => {
    const argv = childCommand('/x/node_modules/@duckdb/node-api/lib/index.js', files);
    expect(argv[0]).toBe(process.execPath);
    expect(argv[1]).toBe(CHILD_SCRIPT);
    expect(JSON.parse(argv[2]!)).toEqual({
      module: '/x/node_modules/@duckdb/node-api/lib/index.js',
      threads: 2,
      files,
    });
  });

  it('reports one result line among other output', () => {
    const result = {
      version: 'v1.5.6',
      threads: 2,
      readMs: 3900,
      aggregateMs: 7000,
      totalMs: 10950,
      rows: { feedback: 400 },
    };
    const output = `a warning\n${RESULT_PREFIX}${JSON.stringify(result)}\n`;
    expect(parseChildResult(output)).toEqual(result);
    expect(parseChildResult('nothing here\n')).toBeNull();
    expect(parseChildResult(`${RESULT_PREFIX}{not json\n`)).toBeNull();
    expect(parseChildResult(`${RESULT_PREFIX}{"version":"v1"}\n`)).toBeNull();
  });

  it('is installed outside the project and saved nowhere', () => {
    expect(installCommand('/tmp/bench/duckdb')).toEqual([
      'npm',
      'install',
      '--no-save',
      '--no-audit',
      '--no-fund',
      '--prefix',
      '/tmp/bench/duckdb',
      DUCKDB_PACKAGE,
    ]);
  });
});

describe('the data step phases from its log', () => {
  const log = [
    'Reading exports in /tmp/hiring-retro-bench/apps1000000-req20000-int2000000-se4000000-seed1-v1',
    'applications.csv: 936,606 rows, 147 MB, 50k rows/s',
    'applications.csv: 1,000,000 rows, 157 MB in 21.6 s',
    'interviews.csv: 1,995,346 rows, 221 MB in 23.0 s',
    'stage_events.csv: 4,002,350 rows, 265 MB in 39.4 s',
    'requisitions: read 20,000 = used 20,000 + duplicates 0 + quarantined 0',
    'Metrics computed in 21.4 s',
    'Aggregates written: ../../tmp/hiring-retro-bench/scratch/cache-YmqUYh/aggregates.json (158.3 s)',
    '',
  ].join('\n');

  it('finds the step’s own total', () => {
    expect(stepSecondsOf(log)).toBe(158.3);
    expect(stepSecondsOf('Aggregates reused: /tmp/c/aggregates.json (0.4 s)\n')).toBe(0.4);
    expect(stepSecondsOf('Reading exports in /x\n')).toBeNull();
  });

  it('splits the wall time into the step’s own clock and Node start and exit', () => {
    const p = phasesOf(log, 160_000)!;
    expect(p.stepSeconds).toBe(158.3);
    expect(p.metricsSeconds).toBe(21.4);
    expect(p.startSeconds).toBeCloseTo(1.7, 6);
    // an older log without the metrics' line still has the other phases
    expect(phasesOf(log.replace('Metrics computed in 21.4 s\n', ''), 160_000)!.metricsSeconds).toBeNull();
    // a wall time shorter than the step's clock (rounding in the log) is not a negative start
    expect(phasesOf(log, 158_000)!.startSeconds).toBe(0);
  });

  it('has no phases when the log has no total (a failed or custom command)', () => {
    expect(phasesOf('applications.csv: 1,000 rows, 1 MB in 0.1 s\n', 3500)).toBeNull();
  });

  it('takes the median of each phase, only when every run has them', () => {
    const a = { stepSeconds: 10, metricsSeconds: 3, startSeconds: 0.5 };
    const b = { stepSeconds: 20, metricsSeconds: 5, startSeconds: 0.7 };
    const c = { stepSeconds: 40, metricsSeconds: 4, startSeconds: 0.6 };
    expect(medianPhases([a, b, c])).toEqual({ stepSeconds: 20, metricsSeconds: 4, startSeconds: 0.6 });
    expect(medianPhases([a, { ...b, metricsSeconds: null }])!.metricsSeconds).toBeNull();
    expect(medianPhases([a, null])).toBeNull();
    expect(medianPhases([])).toBeNull();
  });
});
