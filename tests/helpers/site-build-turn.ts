/**
 * Set-up file of the test files that build a site of their own (vitest.config.ts): they run beside the other
 * files, but one at a time, each holding a lock from its start to its end. Astro keeps its content store (the team
 * notes) in one cache folder per checkout and bundles whatever store is there when it gets to it, so two site
 * builds at once can publish each other's notes. The lock is a folder (mkdir is atomic) holding the pid of the
 * worker that took it; a lock whose worker is gone, or done with that file, is taken over.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { ROOT } from './run.ts';

const LOCK = path.join(
  os.tmpdir(),
  `hiring-retro-site-build-${createHash('sha256').update(ROOT).digest('hex').slice(0, 12)}`,
);
const OWNER = path.join(LOCK, 'pid');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock if it is free, or held by a worker that is gone; true when this worker holds it now. */
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
    // Taken a moment ago and its pid not yet written, or never written by a worker killed in between.
    const age = Date.now() - (fs.statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    if (age > 10_000) fs.rmSync(LOCK, { recursive: true, force: true });
    return false;
  }
  // A worker runs one file at a time: a lock it holds itself is left from a file that ended without its afterAll.
  if (owner === process.pid || !alive(owner)) fs.rmSync(LOCK, { recursive: true, force: true });
  return false;
}

while (!tryLock()) await new Promise((resolve) => setTimeout(resolve, 250));
afterAll(() => fs.rmSync(LOCK, { recursive: true, force: true }));
