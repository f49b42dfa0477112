/**
 * Where the time goes: aggregate a V8 `.cpuprofile` (from `node --cpu-prof`) into the functions with the
 * most self time, the most inclusive time, and the files/packages with the most self time.
 *
 * Usage: node scripts/tools/bench/profile.ts FILE.cpuprofile [--top 25] [--callees NAME]
 *   --callees NAME   where the time of the functions named NAME goes: inclusive time of their direct callees
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface Hotspot {
  /** Function name (or a V8 pseudo-frame such as `(garbage collector)`). */
  name: string;
  /** `file:line` (project-relative, `pkg/…` for node_modules, `node:…` for Node's own), or '' for native. */
  location: string;
  ms: number;
  percent: number;
}

export interface ProfileSummary {
  totalMs: number;
  samples: number;
  self: Hotspot[];
  inclusive: Hotspot[];
  /** Self time per file (project files), package (node_modules) or `node:internal`/native. */
  byFile: Hotspot[];
}

/** A readable short name for a script URL. */
export function shortUrl(url: string, root = PROJECT_ROOT): string {
  if (!url) return '';
  let file = url;
  if (file.startsWith('file://')) {
    try {
      file = fileURLToPath(file);
    } catch {
      return url;
    }
  }
  const nm = file.lastIndexOf(`${path.sep}node_modules${path.sep}`);
  if (nm >= 0) return file.slice(nm + `${path.sep}node_modules${path.sep}`.length);
  if (path.isAbsolute(file)) {
    const rel = path.relative(root, file);
    return rel.startsWith('..') ? file : rel;
  }
  return file; // node:internal/…, eval, wasm
}

/** The package (`papaparse`, `@scope/pkg`) of a node_modules path, else the file itself. */
function fileGroup(short: string, url: string): string {
  if (!url) return '(native / V8 builtins)';
  if (url.includes('/node_modules/')) {
    const parts = short.split('/');
    return `pkg ${parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]}`;
  }
  if (short.startsWith('node:')) return 'node:* (Node core)';
  return short;
}

export function summariseProfile(profile: CpuProfile, options: { top?: number; root?: string } = {}): ProfileSummary {
  const top = options.top ?? 25;
  const byId = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    byId.set(node.id, node);
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  const keyOf = new Map<number, string>();
  const info = new Map<string, { name: string; location: string; group: string }>();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const short = shortUrl(url, options.root);
    const name = functionName || (url ? '(anonymous)' : '(native)');
    const location = short ? `${short}:${lineNumber + 1}` : '';
    const key = `${name}\u0000${location}`;
    keyOf.set(node.id, key);
    if (!info.has(key))
      info.set(key, { name, location, group: name.startsWith('(') && !url ? name : fileGroup(short, url) });
  }

  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const groups = new Map<string, number>();
  let total = 0;
  const { samples, timeDeltas } = profile;
  const seen = new Set<string>();
  for (let i = 0; i < samples.length; i++) {
    // a sample stands for the time until the next one (the last one: the profile's end)
    const next = i + 1 < timeDeltas.length ? timeDeltas[i + 1]! : 0;
    const us = Math.max(0, next);
    const id = samples[i]!;
    const key = keyOf.get(id);
    if (key === undefined) continue;
    total += us;
    self.set(key, (self.get(key) ?? 0) + us);
    const group = info.get(key)!.group;
    groups.set(group, (groups.get(group) ?? 0) + us);
    seen.clear();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const k = keyOf.get(n)!;
      if (seen.has(k)) continue; // recursion: count a function once per stack
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + us);
    }
  }
  const rank = (map: Map<string, number>, label: (key: string) => { name: string; location: string }): Hotspot[] =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([key, us]) => ({ ...label(key), ms: us / 1000, percent: total ? (100 * us) / total : 0 }));
  const fn = (key: string) => {
    const { name, location } = info.get(key)!;
    return { name, location };
  };
  // The root and program frames are "inclusive" of everything: leave them out of the inclusive ranking.
  for (const key of [...inclusive.keys()])
    if (/^\((root|program|idle)\)/.test(info.get(key)!.name)) inclusive.delete(key);
  return {
    totalMs: total / 1000,
    samples: samples.length,
    self: rank(self, fn),
    inclusive: rank(inclusive, fn),
    byFile: rank(groups, (key) => ({ name: key, location: '' })),
  };
}

/**
 * Inclusive time of the direct callees of every function named `name` (plus its own self time), summed over
 * all its call sites: a drill-down into one hotspot.
 */
export function callees(profile: CpuProfile, name: string, options: { top?: number; root?: string } = {}): Hotspot[] {
  const byId = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    byId.set(node.id, node);
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  const label = (n: ProfileNode) => {
    const short = shortUrl(n.callFrame.url, options.root);
    const fn = n.callFrame.functionName || (n.callFrame.url ? '(anonymous)' : '(native)');
    return { name: fn, location: short ? `${short}:${n.callFrame.lineNumber + 1}` : '' };
  };
  const totals = new Map<string, { name: string; location: string; us: number }>();
  let total = 0;
  const { samples, timeDeltas } = profile;
  for (let i = 0; i < samples.length; i++) {
    const us = Math.max(0, i + 1 < timeDeltas.length ? timeDeltas[i + 1]! : 0);
    // the outermost frame named `name` on this stack, and the frame it called
    let child: number | undefined;
    let hit: number | undefined;
    let hitChild: number | undefined;
    for (let n: number | undefined = samples[i]; n !== undefined; child = n, n = parent.get(n)) {
      if (byId.get(n)!.callFrame.functionName === name) {
        hit = n;
        hitChild = child;
      }
    }
    if (hit === undefined) continue;
    total += us;
    const target = hitChild === undefined ? { name: '(self)', location: '' } : label(byId.get(hitChild)!);
    const key = `${target.name}\u0000${target.location}`;
    const entry = totals.get(key) ?? { ...target, us: 0 };
    entry.us += us;
    totals.set(key, entry);
  }
  return [...totals.values()]
    .sort((a, b) => b.us - a.us)
    .slice(0, options.top ?? 25)
    .map((e) => ({ name: e.name, location: e.location, ms: e.us / 1000, percent: total ? (100 * e.us) / total : 0 }));
}

export async function readProfile(file: string): Promise<CpuProfile> {
  return JSON.parse(await fs.readFile(file, 'utf8')) as CpuProfile;
}

export function formatSummary(summary: ProfileSummary, top = 20): string {
  const row = (h: Hotspot) =>
    `    ${h.ms.toFixed(0).padStart(7)} ms ${h.percent.toFixed(1).padStart(5)}%  ${h.name}${h.location ? `  ${h.location}` : ''}`;
  return [
    `  CPU profile: ${(summary.totalMs / 1000).toFixed(2)} s sampled (${summary.samples.toLocaleString('en-US')} samples)`,
    '  Top self time (functions):',
    ...summary.self.slice(0, top).map(row),
    '  Top self time (files / packages):',
    ...summary.byFile.slice(0, Math.min(top, 12)).map(row),
    '  Top inclusive time (functions, callees included):',
    ...summary.inclusive.slice(0, Math.min(top, 15)).map(row),
  ].join('\n');
}

if (import.meta.main) {
  const { values, positionals } = parseArgs({
    options: { top: { type: 'string', default: '25' }, callees: { type: 'string' } },
    allowPositionals: true,
  });
  if (positionals.length !== 1) {
    process.stderr.write('Usage: node scripts/tools/bench/profile.ts FILE.cpuprofile [--top 25]\n');
    process.exit(1);
  }
  const top = Number(values.top);
  const profile = await readProfile(positionals[0]!);
  if (values.callees) {
    const rows = callees(profile, values.callees, { top });
    const sum = rows.reduce((s, r) => s + r.ms, 0);
    process.stdout.write(
      `  Where the time of ${values.callees}() goes (inclusive, direct callees; top ${rows.length}, ${sum.toFixed(0)} ms):\n`,
    );
    for (const h of rows) {
      process.stdout.write(
        `    ${h.ms.toFixed(0).padStart(7)} ms ${h.percent.toFixed(1).padStart(5)}%  ${h.name}${h.location ? `  ${h.location}` : ''}\n`,
      );
    }
  } else {
    process.stdout.write(`${formatSummary(summariseProfile(profile, { top }), top)}\n`);
  }
}
