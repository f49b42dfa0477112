/**
 * Site builds run at once, except a build whose team notes show an image file: it runs alone.
 *
 * Each build keeps Astro's cache and prerendered chunks in a work folder of its own (scripts/build.ts), which
 * made builds at once safe (tests/e2e/build.test.ts builds two at once and checks each publishes only its own
 * notes). One file is still shared: Astro writes the imports of the notes' images to `.astro/content-assets.mjs`
 * at the project's root and bundles whatever that file holds when it gets to it, so a build beside one with
 * images could publish the other's image, or lose its own.
 *
 * The turns are files in a folder of the system's temporary folder, one per checkout: a build beside others
 * writes `shared-<pid>-<n>`; a build alone makes the folder `alone` (mkdir is atomic) and waits until no
 * `shared-` file is left. Each side writes its own mark before it looks at the other's, so one of two that
 * start together always sees the other. A mark whose process is gone is removed.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './run.ts';

const TURNS = path.join(
  os.tmpdir(),
  `hiring-retro-site-build-${createHash('sha256').update(ROOT).digest('hex').slice(0, 12)}`,
);
const ALONE = path.join(TURNS, 'alone');
const ALONE_OWNER = path.join(ALONE, 'pid');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const pause = () => new Promise((resolve) => setTimeout(resolve, 200));

/** Whether a build holds the alone turn now (a turn left by a process that is gone is removed). */
function aloneTaken(): boolean {
  let owner: number;
  try {
    owner = Number(fs.readFileSync(ALONE_OWNER, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const made = fs.statSync(ALONE, { throwIfNoEntry: false });
    if (!made) return false;
    // Made a moment ago and its pid not yet written, or never written by a process killed in between.
    if (Date.now() - made.mtimeMs > 10_000) fs.rmSync(ALONE, { recursive: true, force: true });
    return true;
  }
  if (alive(owner)) return true;
  fs.rmSync(ALONE, { recursive: true, force: true });
  return false;
}

/** The `shared-` marks of builds running now (marks of processes that are gone are removed). */
function sharedMarks(): string[] {
  return fs
    .readdirSync(TURNS)
    .filter((name) => name.startsWith('shared-'))
    .filter((name) => {
      if (alive(Number(name.split('-')[1]))) return true;
      fs.rmSync(path.join(TURNS, name), { force: true });
      return false;
    });
}

/** The turns this process holds (for a test worker: left from a file that ended without its afterAll). */
export function leftByThisProcess(): string[] {
  fs.mkdirSync(TURNS, { recursive: true });
  const own = fs
    .readdirSync(TURNS)
    .filter((name) => name.startsWith(`shared-${process.pid}-`))
    .map((name) => path.join(TURNS, name));
  let aloneOwner = '';
  try {
    aloneOwner = fs.readFileSync(ALONE_OWNER, 'utf8');
  } catch {
    // No build holds the alone turn (or its pid is not written yet: then it is another process's).
  }
  return aloneOwner === String(process.pid) ? [...own, ALONE] : own;
}

let marks = 0;

/** Waits for a turn to build beside other builds; returns its release. */
export async function buildBesideOthers(): Promise<() => void> {
  fs.mkdirSync(TURNS, { recursive: true });
  const mark = path.join(TURNS, `shared-${process.pid}-${++marks}`);
  for (;;) {
    fs.writeFileSync(mark, '');
    if (!aloneTaken()) return () => fs.rmSync(mark, { force: true });
    fs.rmSync(mark, { force: true });
    while (aloneTaken()) await pause();
  }
}

/** Waits until no other build runs and keeps the others waiting; returns its release. */
export async function buildAlone(): Promise<() => void> {
  fs.mkdirSync(TURNS, { recursive: true });
  for (;;) {
    try {
      fs.mkdirSync(ALONE);
      fs.writeFileSync(ALONE_OWNER, String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    while (aloneTaken()) await pause();
  }
  while (sharedMarks().length) await pause();
  return () => fs.rmSync(ALONE, { recursive: true, force: true });
}
