/**
 * A real terminal for end-to-end tests of the live view: a tmux server of its own (its own socket, no
 * user config), one session of a fixed size running one command. The screen is read with capture-pane;
 * waits poll the screen until what is expected is there (or a generous deadline passes), so no test
 * depends on how fast the machine is.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

let sessions = 0;

export interface TerminalOptions {
  width: number;
  height: number;
  /** A shell command line, run by tmux in the session. */
  command: string;
}

export class Terminal {
  private readonly socket = `mcp-doctor-test-${process.pid}-${++sessions}`;
  private readonly socketPath: string;

  constructor(o: TerminalOptions) {
    // remain-on-exit keeps the pane after the command ends, so what it left on the screen can be read.
    this.tmux('-f', '/dev/null', 'new-session', '-d', '-s', 'main', '-x', String(o.width), '-y', String(o.height), o.command, ';', 'set-option', '-w', '-t', 'main', 'remain-on-exit', 'on');
    this.socketPath = this.tmux('display-message', '-p', '-t', 'main', '#{socket_path}').trim();
  }

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8', env: { ...process.env, TMUX: '' } });
  }

  /** The visible screen, one string per line (trailing spaces removed). */
  screen(): string {
    return this.tmux('capture-pane', '-p', '-t', 'main')
      .split('\n')
      .map((l) => l.trimEnd())
      .join('\n');
  }

  /** Keys as tmux names them: 'j', 'Enter', 'Down', 'C-c'. Each is sent as its own key press. */
  keys(...keys: string[]): void {
    for (const k of keys) this.tmux('send-keys', '-t', 'main', k);
  }

  resize(width: number, height: number): void {
    this.tmux('resize-window', '-t', 'main', '-x', String(width), '-y', String(height));
  }

  /** Polls the screen until `test` passes; fails with the last screen after `timeoutMs`. */
  async waitFor(test: (screen: string) => boolean, what: string, timeoutMs = 45_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      last = this.screen();
      if (test(last)) return last;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`timed out waiting for ${what}; the screen was:\n${last}`);
  }

  /** Waits for a file the command writes when it ends (its exit code), and returns its content. */
  async waitForFile(path: string, timeoutMs = 45_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (existsSync(path)) {
        const text = readFileSync(path, 'utf8');
        if (text.endsWith('\n')) return text.trim();
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`timed out waiting for ${path}; the screen was:\n${this.screen()}`);
  }

  /** Ends the tmux server and removes its socket (tmux leaves it behind when killed). */
  close(): void {
    try {
      this.tmux('kill-server');
    } catch {
      /* already gone */
    }
    if (this.socketPath) rmSync(this.socketPath, { force: true });
  }
}

/** Quotes a word for the shell tmux runs the command with. */
export function sh(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
