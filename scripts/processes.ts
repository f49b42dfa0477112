/**
 * Other processes: whether the one that left a file behind (a build's or a data step's, named by its pid) is
 * still running. Its own module so that `npm run build` need not load the data step to ask.
 */

/** True when a process with this id exists (it may belong to another user). */
export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
