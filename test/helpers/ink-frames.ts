/** Reading an ink-testing-library app's frames: wait for one that passes a test, find the selected line. */
export type Frame = () => string | undefined;

export async function waitFor(frame: Frame, test: (text: string) => boolean, what: string, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const text = frame() ?? '';
    if (test(text)) return text;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}; the frame was:\n${frame()}`);
}

/** The line the selection pointer is on. */
export const selected = (text: string): string => text.split('\n').find((l) => l.startsWith('❯')) ?? '';
