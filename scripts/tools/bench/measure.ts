/**
 * Measuring a child process for `npm run bench`: wall time (from spawn to exit, as the user waits for it),
 * peak resident set size, exit status, and the machine it ran on.
 *
 * Peak RSS and CPU time (user + system) come from GNU time (`/usr/bin/time -v`) when it is installed and
 * works; otherwise from a preload module (`maxrss-preload.mjs`, via NODE_OPTIONS) that every Node process of
 * the command runs at exit: it appends its `process.resourceUsage()` to a file; the largest RSS wins and CPU
 * times add up. CPU time is the steadier figure on a shared machine: other processes stretch wall time.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export type RssMethod = 'time' | 'preload';

export const GNU_TIME = '/usr/bin/time';
const PRELOAD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'maxrss-preload.mjs');

export interface Machine {
  cpuModel: string;
  /** Logical CPUs the process may use. */
  cores: number;
  totalMemoryBytes: number;
  node: string;
  platform: string;
  osRelease: string;
  /** How peak RSS was measured. */
  rssMethod: RssMethod;
}

export async function cpuModel(): Promise<string> {
  const text = await fs.readFile('/proc/cpuinfo', 'utf8').catch(() => '');
  const line = text.split('\n').find((l) => /^model name\s*:/.test(l));
  return line?.split(':').slice(1).join(':').trim() || os.cpus()[0]?.model?.trim() || 'unknown';
}

export async function machineInfo(rssMethod: RssMethod): Promise<Machine> {
  return {
    cpuModel: await cpuModel(),
    cores: os.availableParallelism(),
    totalMemoryBytes: os.totalmem(),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    osRelease: os.release(),
    rssMethod,
  };
}

/** `time` when GNU time is installed and understands `-v -o`, else `preload`. */
export async function detectRssMethod(scratchDir: string): Promise<RssMethod> {
  if (!existsSync(GNU_TIME)) return 'preload';
  const out = path.join(scratchDir, `time-probe-${process.pid}.txt`);
  try {
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn(GNU_TIME, ['-v', '-o', out, process.execPath, '-e', ''], { stdio: 'ignore' });
      child.on('error', () => resolve(null));
      child.on('close', resolve);
    });
    const text = await fs.readFile(out, 'utf8').catch(() => '');
    return code === 0 && parseGnuTime(text).maxRssKb !== null ? 'time' : 'preload';
  } finally {
    await fs.rm(out, { force: true });
  }
}

export interface Usage {
  /** Peak resident set size of the command's largest process, KiB. */
  maxRssKb: number | null;
  /** User + system CPU time of the command and its children, ms. */
  cpuMs: number | null;
}

/** The fields we use from `/usr/bin/time -v` output. */
export function parseGnuTime(text: string): Usage & { exitStatus: number | null } {
  const rss = /Maximum resident set size \(kbytes\):\s*(\d+)/.exec(text);
  const user = /User time \(seconds\):\s*([\d.]+)/.exec(text);
  const system = /System time \(seconds\):\s*([\d.]+)/.exec(text);
  const exit = /Exit status:\s*(\d+)/.exec(text);
  return {
    maxRssKb: rss ? Number(rss[1]) : null,
    cpuMs: user && system ? (Number(user[1]) + Number(system[1])) * 1000 : null,
    exitStatus: exit ? Number(exit[1]) : null,
  };
}

/** What the preload module recorded: the largest maxRSS (KiB) and the summed CPU time; nulls when nothing. */
export function parsePreloadUsage(text: string): Usage {
  let maxRssKb: number | null = null;
  let cpuUs: number | null = null;
  for (const line of text.split('\n')) {
    const [, rss, user, system] = line.trim().split(/\s+/).map(Number);
    if (rss !== undefined && Number.isFinite(rss) && rss > 0) maxRssKb = Math.max(maxRssKb ?? 0, rss);
    if (user !== undefined && system !== undefined && Number.isFinite(user + system))
      cpuUs = (cpuUs ?? 0) + user + system;
  }
  return { maxRssKb, cpuMs: cpuUs === null ? null : cpuUs / 1000 };
}

export interface RunResult {
  /** The command as run (without the measuring wrapper). */
  command: string[];
  wallMs: number;
  /** Peak resident set size of the command's largest process, KiB. */
  maxRssKb: number | null;
  /** User + system CPU time, ms. */
  cpuMs: number | null;
  /** 1-minute load average when the command started and when it ended (other work on the machine). */
  loadBefore: number;
  loadAfter: number;
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  /** Where the command's stdout and stderr went. */
  logFile: string;
}

export interface MeasureOptions {
  env: NodeJS.ProcessEnv;
  cwd: string;
  logFile: string;
  rssMethod: RssMethod;
  /** Kill the command (its whole process group) after this long; 0 = never. */
  timeoutMs?: number;
}

/** Run `command` (argv; no shell unless you pass one) and measure it. */
export async function measure(command: string[], options: MeasureOptions): Promise<RunResult> {
  const { rssMethod, logFile } = options;
  await fs.mkdir(path.dirname(logFile), { recursive: true });
  const rssFile = `${logFile}.rss`;
  await fs.rm(rssFile, { force: true });
  const env = { ...options.env };
  let argv = command;
  if (rssMethod === 'time') {
    argv = [GNU_TIME, '-v', '-o', rssFile, ...command];
  } else {
    env.BENCH_MAXRSS_FILE = rssFile;
    env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ''} --import=${pathToFileURL(PRELOAD).href}`.trim();
  }
  const log = await fs.open(logFile, 'w');
  const loadBefore = os.loadavg()[0]!;
  const started = performance.now();
  let timedOut = false;
  const { code, signal } = await new Promise<{ code: number | null; signal: string | null }>((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), {
      cwd: options.cwd,
      env,
      stdio: ['ignore', log.fd, log.fd],
      // its own process group, so that a timeout ends the command and everything it started, and nothing else
      detached: true,
    });
    const timer = options.timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          if (child.pid) process.kill(-child.pid, 'SIGKILL');
        }, options.timeoutMs)
      : undefined;
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (c, s) => {
      clearTimeout(timer);
      resolve({ code: c, signal: s });
    });
  });
  const wallMs = performance.now() - started;
  await log.close();
  const rssText = await fs.readFile(rssFile, 'utf8').catch(() => '');
  await fs.rm(rssFile, { force: true });
  // GNU time exits with the command's own status, so `code` is the command's either way
  const { maxRssKb, cpuMs } = rssMethod === 'time' ? parseGnuTime(rssText) : parsePreloadUsage(rssText);
  const loadAfter = os.loadavg()[0]!;
  return { command, wallMs, maxRssKb, cpuMs, loadBefore, loadAfter, exitCode: code, signal, timedOut, logFile };
}

/** The last `lines` lines of a log, for a failure message. */
export async function tail(file: string, lines = 25): Promise<string> {
  const text = await fs.readFile(file, 'utf8').catch(() => '');
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
