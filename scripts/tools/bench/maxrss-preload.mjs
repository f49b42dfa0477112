// Loaded with `--import` (through NODE_OPTIONS) into every Node process of a benchmarked command when
// `/usr/bin/time -v` is not available: at exit, appends "pid maxRSS-KiB userCPU-µs systemCPU-µs" to
// $BENCH_MAXRSS_FILE.
// Plain JavaScript on purpose: it must load before anything else, with no type stripping involved.
import { appendFileSync } from 'node:fs';

const file = process.env.BENCH_MAXRSS_FILE;
if (file) {
  process.on('exit', () => {
    try {
      const usage = process.resourceUsage();
      appendFileSync(file, `${process.pid} ${usage.maxRSS} ${usage.userCPUTime} ${usage.systemCPUTime}\n`);
    } catch {
      // measuring must never change the outcome of the measured command
    }
  });
}
