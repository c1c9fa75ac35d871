/**
 * Hides every credential the doctor knows by its literal value, wherever it turns up: a server that
 * prints its environment, a `--token VALUE` echoed in a usage message, a line Claude Code logged. Pattern
 * rules (`secrets.ts`) catch credentials by shape; this catches the opaque ones (`DB_PASSWORD=hunter2…`)
 * that only a literal match can find. The shape stays: "«redacted DB_PASSWORD, 18 characters»".
 */
import { objectEntries } from './object-entries.js';
import { isSecretFlag, isSecretKey, redactText, secretShape } from './secrets.js';
import type { ServerEntry } from '../model/types.js';

/** Shorter values would match ordinary words and numbers in unrelated text. */
const MIN_LITERAL = 6;

/** Is a config value opaque enough that seeing it again in output means it leaked? */
function isOpaque(value: string): boolean {
  const v = value.trim();
  if (v.length < 8 || /\s/.test(v)) return false;
  if (/^(\/|~\/|\.\.?\/|[A-Za-z]:\\)/.test(v)) return false; // a path
  if (/^[a-z][a-z0-9+.-]*:\/\/[^@]*$/i.test(v)) return false; // a URL without userinfo
  if (/^\d+(\.\d+)*$/.test(v) || /^(true|false|yes|no|on|off|null)$/i.test(v)) return false;
  // A word or a dashed name ("production", "info-level") is a setting, not a secret; keys mix classes.
  return /[0-9]/.test(v) && /[A-Za-z]/.test(v) ? true : v.length >= 20 && /[A-Za-z]/.test(v) && !/^[a-z-]+$/.test(v);
}

export class Redactor {
  private readonly literals = new Map<string, string>();
  private pattern: RegExp | null = null;

  /** Registers a credential's literal value; `label` names where it came from (an env key, a header, a flag). */
  add(value: string, label: string): void {
    if (value.length < MIN_LITERAL || value.includes('${') || this.literals.has(value)) return;
    this.literals.set(value, label);
    this.pattern = null;
  }

  /** An env or header value: registered when its key names a credential or the value looks like one. */
  addSetting(key: string, value: string, always = false): void {
    if (always || isSecretKey(key) || secretShape(key, value) || isOpaque(value)) this.add(value, key);
  }

  /** The values after secret-looking flags (`--token VALUE`) and in `KEY=VALUE` words (`env API_TOKEN=… cmd`). */
  addArgv(argv: string[]): void {
    argv.forEach((arg, i) => {
      const next = argv[i + 1];
      if (isSecretFlag(arg) && next !== undefined && !next.startsWith('-')) this.add(next, arg.replace(/^-+/, ''));
      const eq = /^([A-Za-z_][A-Za-z0-9_]*)=(.+)$/.exec(arg);
      if (eq && isSecretKey(eq[1] ?? '')) this.add(eq[2] ?? '', eq[1] ?? '');
      const flag = /^(--?[A-Za-z][\w-]*)=(.+)$/.exec(arg);
      if (flag && isSecretFlag(flag[1] ?? '')) this.add(flag[2] ?? '', (flag[1] ?? '').replace(/^-+/, ''));
    });
  }

  /** Everything a server is given that may be a credential: its env, headers and argv. */
  addServer(server: ServerEntry): void {
    for (const [k, v] of Object.entries(server.expanded.env)) this.addSetting(k, v);
    for (const [k, v] of Object.entries(server.expanded.headers)) this.addSetting(k, v, /auth|key|token|secret|cookie|session|signature/i.test(k));
    this.addArgv([server.expanded.command ?? '', ...server.expanded.args]);
    for (const [k, v] of objectEntries(server.config.env)) if (typeof v === 'string') this.addSetting(k, v);
  }

  /** Credentials in the environment the doctor passes on to every server (a shell-exported token). */
  addEnvironment(env: Record<string, string | undefined>): void {
    for (const [k, v] of Object.entries(env)) if (v !== undefined && isSecretKey(k)) this.add(v, k);
  }

  /** The text with every known literal and every credential-shaped substring replaced. */
  text(input: string): string {
    let out = input;
    if (this.literals.size > 0) {
      this.pattern ??= new RegExp(
        [...this.literals.keys()]
          .sort((a, b) => b.length - a.length)
          .map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
          .join('|'),
        'g',
      );
      out = out.replace(this.pattern, (m) => `«redacted ${this.literals.get(m) ?? 'value'}, ${m.length} characters»`);
    }
    return redactText(out);
  }

  /**
   * How an env value is shown when its key is listed: the value when it is plainly not a credential (a
   * path, a URL without userinfo, a number, a flag word), else only its shape.
   */
  shape(key: string, value: string): string {
    // Nothing to hide in an empty value or a ${VAR} that was not set (the server gets the text as written):
    // "«set, 12 characters»" would say a token is there when none is.
    if (value === '') return '«empty»';
    if (/\$\{[A-Za-z_][A-Za-z0-9_]*\}/.test(value) && value.replace(/\$\{[A-Za-z_][A-Za-z0-9_]*\}/g, '').trim() === '') return `${value} «not set: passed as written»`;
    const plain =
      !this.literals.has(value) &&
      !isSecretKey(key) &&
      !secretShape(key, value) &&
      (/^(\/|~\/|\.\.?\/)/.test(value) ||
        /^[a-z][a-z0-9+.-]*:\/\/[^@\s]*$/i.test(value) ||
        /^-?\d+(\.\d+)?$/.test(value) ||
        /^[a-z][a-z-]{0,11}$/.test(value));
    return plain ? this.text(value) : `«set, ${value.length} characters»`;
  }
}
