/**
 * Set-up file of the e2e test files: waits until builds.setup.ts has built every site (it builds them in the
 * background while other test files run), and fails the file with the build's output when one failed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import { DONE } from './builds.setup.ts';

const done = path.join(inject('builds').work, DONE);
while (!fs.existsSync(done)) await new Promise((resolve) => setTimeout(resolve, 250));
const { failed } = JSON.parse(fs.readFileSync(done, 'utf8')) as { failed?: string };
if (failed) throw new Error(failed);
