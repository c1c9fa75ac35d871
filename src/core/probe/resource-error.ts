/**
 * The doctor's own shortage of file descriptors or processes (EMFILE, ENFILE, EAGAIN, ENOMEM at spawn) is
 * never a server's fault: the probe throws this instead of reporting `probe.spawn-failed`, and the spawn pool
 * waits for a slot to free and tries again.
 */
const resourceErrnos = new Set(['EMFILE', 'ENFILE', 'EAGAIN', 'ENOMEM']);

export function isResourceErrno(code: string | undefined): boolean {
  return code !== undefined && resourceErrnos.has(code);
}

export class ResourceExhausted extends Error {
  constructor(readonly code: string) {
    super(`mcp-doctor ran out of ${code === 'EAGAIN' || code === 'ENOMEM' ? 'processes or memory' : 'file descriptors'} (${code})`);
    this.name = 'ResourceExhausted';
  }
}

/** Whether an error (thrown by node, or our own) is one of these shortages. */
export function isResourceError(error: unknown): boolean {
  if (error instanceof ResourceExhausted) return true;
  return isResourceErrno((error as NodeJS.ErrnoException | null)?.code);
}
