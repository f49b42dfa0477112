/**
 * Preloaded into the data step (NODE_OPTIONS=--import=…) by tests/robustness/interrupted.test.ts: once the step
 * has written the first piece of the artifact's temporary file, it writes its pid to $PAUSE_MARKER and stops there
 * for good. The test then kills it at a moment it knows, whatever the machine's load: the artifact half-written.
 */
import fs from 'node:fs/promises';
import os from 'node:os';

const marker = process.env.PAUSE_MARKER;
const TEMPORARY = /aggregates\.json\.\d+\.tmp$/;

if (marker) {
  const artifacts = new WeakSet();
  const open = fs.open;
  fs.open = async (file, ...rest) => {
    const handle = await open(file, ...rest);
    if (TEMPORARY.test(String(file))) artifacts.add(handle);
    return handle;
  };
  const probe = await open(os.devNull, 'r');
  const FileHandle = Object.getPrototypeOf(probe);
  await probe.close();
  const write = FileHandle.write;
  FileHandle.write = async function (...args) {
    const written = await write.apply(this, args);
    if (artifacts.has(this)) {
      await fs.writeFile(marker, String(process.pid));
      setInterval(() => {}, 60_000); // keeps the process alive, stopped here, until it is killed
      await new Promise(() => {});
    }
    return written;
  };
}
