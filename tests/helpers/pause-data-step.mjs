/**
 * Preloaded (NODE_OPTIONS=--import=…) by tests/robustness/interrupted.test.ts, to stop the data step for good at a
 * known moment, whatever the machine's load, so that a test kills it (or its parent) exactly there:
 * - PAUSE_AT=reading: at its first read of an export it has opened before (the cache key hashed it; now it is read);
 * - PAUSE_AT=artifact: once it has written the first piece of the artifact's temporary file.
 * It then writes its pid to $PAUSE_MARKER and waits, its event loop free (signals and a closed channel are still
 * handled), but its work never goes on. Only the process running $PAUSE_IN (a script path's ending) stops.
 */
import fs from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import os from 'node:os';

const { PAUSE_MARKER: marker, PAUSE_AT: at, PAUSE_IN: script } = process.env;
const TEMPORARY = /aggregates\.json\.\d+\.tmp$/;

if (marker && script && process.argv[1]?.endsWith(script)) {
  if (at !== 'reading' && at !== 'artifact') throw new Error(`PAUSE_AT must be reading or artifact, not ${at}`);
  const opened = new Set();
  const watched = new WeakSet();
  const open = fs.open;
  fs.open = async (file, ...rest) => {
    const handle = await open(file, ...rest);
    const name = String(file);
    if (at === 'artifact' ? TEMPORARY.test(name) : name.endsWith('.csv') && opened.has(name)) watched.add(handle);
    opened.add(name);
    return handle;
  };
  // Modules that import `open` by name see it too.
  syncBuiltinESMExports();
  const stop = async () => {
    await fs.writeFile(marker, String(process.pid));
    setInterval(() => {}, 60_000); // keeps the process alive, stopped here, until it is killed
    await new Promise(() => {});
  };
  const probe = await open(os.devNull, 'r');
  const FileHandle = Object.getPrototypeOf(probe);
  await probe.close();
  const { read, write } = FileHandle;
  FileHandle.read = async function (...args) {
    if (watched.has(this)) await stop();
    return read.apply(this, args);
  };
  FileHandle.write = async function (...args) {
    const written = await write.apply(this, args);
    if (watched.has(this)) await stop();
    return written;
  };
}
