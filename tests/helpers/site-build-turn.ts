/**
 * Site builds take turns: one at a time among all the test processes of a checkout, as two Astro builds at once
 * have broken each other (one's data store vanished under the other). A turn is held for one build only —
 * `runScript` and `runScriptAsync` take it around `scripts/build.ts` — so that while one file builds, the other
 * files, and the rest of the same file, run beside it. A file that runs Astro in another way holds a turn from its
 * start to its end (site-build-file-turn.ts, its set-up file: vitest.config.ts finds those files).
 *
 * The turn is a folder (mkdir is atomic) holding the pid of the process that took it; a turn whose process is
 * gone, or left by an earlier file of the same worker, is taken over. Within a process, builds queue.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// One turn per checkout (run.ts imports this module, so the project's root is worked out here too).
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const LOCK = path.join(
  os.tmpdir(),
  `hiring-retro-site-build-${createHash('sha256').update(ROOT).digest('hex').slice(0, 12)}`,
);
const OWNER = path.join(LOCK, 'pid');
const POLL_MS = 200;

/** This process's builds waiting or building (they queue on `queue`), and whether it holds the turn. */
let waiting = 0;
let queue: Promise<void> = Promise.resolve();
let holding = false;
/** Set for a file that holds the turn from start to end: its builds need no turn of their own. */
let wholeFile = false;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the turn if it is free, or held by a process that is gone; true when this process holds it now. */
function tryLock(): boolean {
  try {
    fs.mkdirSync(LOCK);
    fs.writeFileSync(OWNER, String(process.pid));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  let owner: number;
  try {
    owner = Number(fs.readFileSync(OWNER, 'utf8'));
  } catch {
    // Taken a moment ago and its pid not yet written, or never written by a process killed in between.
    const age = Date.now() - (fs.statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    if (age > 10_000) fs.rmSync(LOCK, { recursive: true, force: true });
    return false;
  }
  // Held by this process without a build of it holding it: left by an earlier file that ended without releasing it.
  if ((owner === process.pid && !holding) || !alive(owner)) fs.rmSync(LOCK, { recursive: true, force: true });
  return false;
}

function unlock(): void {
  holding = false;
  fs.rmSync(LOCK, { recursive: true, force: true });
}

/** Waits for the turn; returns its release (call it once the build has ended, whatever its outcome). */
export async function siteBuildTurn(): Promise<() => void> {
  if (wholeFile) return () => {};
  waiting++;
  const previous = queue;
  let next!: () => void;
  queue = new Promise((resolve) => (next = resolve));
  await previous;
  while (!tryLock()) await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  holding = true;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    waiting--;
    unlock();
    next();
  };
}

/** `siteBuildTurn` for a build run synchronously (spawnSync): it blocks this process while it waits. */
export function siteBuildTurnSync(): () => void {
  if (wholeFile) return () => {};
  if (waiting > 0) throw new Error('a synchronous site build cannot wait for a build of its own process to end');
  const pause = new Int32Array(new SharedArrayBuffer(4));
  while (!tryLock()) Atomics.wait(pause, 0, 0, POLL_MS);
  holding = true;
  waiting++;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    waiting--;
    unlock();
  };
}

/** Holds the turn until `release` is called, for every build of this file (site-build-file-turn.ts). */
export async function holdTurnForFile(): Promise<() => void> {
  const release = await siteBuildTurn();
  wholeFile = true;
  return () => {
    wholeFile = false;
    release();
  };
}
