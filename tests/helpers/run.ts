/** Run the project's own commands the way a user does (a child process on the pinned Node). */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { siteBuildTurnSync } from './site-build-turn.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const NODE = path.join(ROOT, 'node_modules', '.bin', 'node');

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The command that builds a site (Astro): it runs in its turn (site-build-turn.ts). */
export const SITE_BUILD = 'scripts/build.ts';

export function runScript(script: string, args: string[], env: Record<string, string> = {}): RunResult {
  const release = script === SITE_BUILD ? siteBuildTurnSync() : () => {};
  try {
    const result = spawnSync(NODE, [path.join(ROOT, script), ...args], {
      cwd: ROOT,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...env },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  } finally {
    release();
  }
}
