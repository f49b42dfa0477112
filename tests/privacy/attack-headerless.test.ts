/**
 * Exports saved without their header row (issue 18, item 3): the first row is then a candidate's data — name,
 * e-mail address, phone number. A real build over the small fixture plus such files; nothing of that first row
 * may reach the site (the data-quality page, `data-quality.csv`), the artifact in the cache folder or the log,
 * neither as the names of "dropped columns" nor anywhere else. The phone and e-mail spellings of the last two
 * files (underscores, an address on a dotless company domain) were not known as contact details, so their first
 * rows read as column names and were printed as "Its columns: …".
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/run.ts';
import { filesBelow, runScriptAsync, type RunResult } from '../robustness/site.ts';

const SMALL = path.join(ROOT, 'tests/fixtures/build/small');

/** Each planted cell; none may appear in anything the build wrote or said. */
const PLANTED = [
  'ZQXHLA Fakename',
  'zqx.hla@example.com',
  '+33 6 12 34 56 78',
  'ZQXHLB Fakename',
  '612_345_678',
  'ZQXHLC Fakename',
  'zqx.hlc@acme',
];
const TOKENS = ['ZQXHL', 'zqx.hl', '6 12 34 56 78', '612_345_678', '345_678'];

let work: string;
let cache: string;
let site: string;
let result: RunResult;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'attack-headerless-'));
  const data = path.join(work, 'data');
  fs.cpSync(SMALL, data, { recursive: true });
  // A re-export of applications without its header: the first candidate's whole row comes first.
  const header = fs.readFileSync(path.join(SMALL, 'applications.csv'), 'utf8').split('\n')[0]!.split(',');
  const row = (cells: Record<string, string>) => header.map((column) => cells[column] ?? '').join(',');
  fs.writeFileSync(
    path.join(data, 'applications-again.csv'),
    [
      row({
        application_id: 'A-90',
        candidate_id: 'C-90',
        candidate_name: PLANTED[0]!,
        candidate_email: PLANTED[1]!,
        candidate_phone: PLANTED[2]!,
        job_id: 'JOB-1',
        applied_at: '2025-01-10T09:00:00Z',
        status: 'active',
      }),
      row({ application_id: 'A-91', candidate_id: 'C-91', job_id: 'JOB-1', applied_at: '2025-01-11T09:00:00Z' }),
    ].join('\n') + '\n',
  );
  // Hand-made shortlists without a header, with no date in the first row: only the phone or the e-mail address
  // says that the row is data.
  const next = 'Other Person,Growth,LinkedIn,Hired\n';
  fs.writeFileSync(path.join(data, 'shortlist-phone.csv'), `${PLANTED[3]},${PLANTED[4]},Referral,Rejected\n${next}`);
  fs.writeFileSync(path.join(data, 'shortlist-mail.csv'), `${PLANTED[5]},${PLANTED[6]},Referral,Rejected\n${next}`);

  cache = path.join(work, 'cache');
  site = path.join(work, 'site');
  result = await runScriptAsync('scripts/build.ts', ['--data', data, '--out', site], { CACHE_DIR: cache });
}, 600_000);

afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

describe('an export without its header row', () => {
  it('builds, and says of each such file that its first row looks like data', () => {
    expect(result.status, result.stderr.slice(-2000)).toBe(0);
    const log = result.stdout + result.stderr;
    for (const file of ['applications-again.csv', 'shortlist-phone.csv', 'shortlist-mail.csv']) {
      expect(log).toMatch(new RegExp(`${file.replace('.', '\\.')}[^\\n]*first row looks like data`));
    }
    // Listed on the data-quality page by file name only (data-quality.csv holds rows, and is scanned below).
    const page = fs.readFileSync(path.join(site, 'data-quality', 'index.html'), 'utf8');
    for (const file of ['applications-again.csv', 'shortlist-phone.csv', 'shortlist-mail.csv']) {
      expect(page).toContain(file);
    }
  });

  it('shows nothing of the first row: not on the site, not in the cache, not in the log', () => {
    const texts: Array<[string, string]> = [
      ['log', result.stdout + result.stderr],
      ...[...filesBelow(site), ...filesBelow(cache)].map((file): [string, string] => [
        file,
        fs.readFileSync(file, 'latin1') + fs.readFileSync(file, 'utf8'),
      ]),
    ];
    for (const [where, text] of texts) {
      for (const token of TOKENS) expect(text.includes(token), `${token} in ${where}`).toBe(false);
    }
  });
});
