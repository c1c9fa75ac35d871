/**
 * Recognising credentials, so a check can flag them and every output can hide them. The doctor never
 * prints a secret: reports carry the shape ("GitHub token, 40 characters"), never the value.
 */

const tokenShapes: [RegExp, string][] = [
  [/\bgithub_pat_[A-Za-z0-9_]{20,}/, 'GitHub token'],
  [/\bgh[pousr]_[A-Za-z0-9]{20,}/, 'GitHub token'],
  [/\bsk-ant-[A-Za-z0-9_-]{20,}/, 'Anthropic API key'],
  [/\bsk-(?:proj-)?[A-Za-z0-9_-]{20,}/, 'OpenAI-style API key'],
  [/\b[sr]k_(?:live|test)_[A-Za-z0-9]{16,}/, 'Stripe key'],
  [/\bxox[abposr]-[A-Za-z0-9-]{10,}/, 'Slack token'],
  [/\bAKIA[0-9A-Z]{16}\b/, 'AWS access key'],
  [/\bglpat-[A-Za-z0-9_-]{20,}/, 'GitLab token'],
  [/\bAIza[0-9A-Za-z_-]{35}\b/, 'Google API key'],
  [/\bnpm_[A-Za-z0-9]{36}\b/, 'npm token'],
  [/\bhf_[A-Za-z0-9]{30,}\b/, 'Hugging Face token'],
  [/\bpypi-[A-Za-z0-9_-]{50,}/, 'PyPI token'],
  [/\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/, 'JWT'],
];

const secretKey = /(token|secret|passw(or)?d|passwd|api[_-]?key|apikey|access[_-]?key|private[_-]?key|credential|auth)/i;
const placeholder = /^(your[_-]|<|\{|\[|x{4,}|\*{3,}|changeme|change[_-]me|example|placeholder|todo|none|null|test|dummy|replace)/i;

/** The credential shape of `value` under `key`, or null when it does not look like a literal secret. */
export function secretShape(key: string, value: string): string | null {
  if (value.includes('${')) return null;
  for (const [re, name] of tokenShapes) if (re.test(value)) return `${name}, ${value.length} characters`;
  const bearer = /^(Bearer|Basic|token)\s+(\S+)$/i.exec(value.trim());
  if (bearer && bearer[2] && bearer[2].length >= 12 && !placeholder.test(bearer[2])) return `${bearer[1]} credential, ${bearer[2].length} characters`;
  if (!secretKey.test(key) || /url|uri|endpoint|host|path|file|dir|mode|type|method|header|name|id$/i.test(key)) return null;
  const v = value.trim();
  if (v.length < 12 || /\s/.test(v) || placeholder.test(v) || /^https?:\/\//.test(v) || v.startsWith('/')) return null;
  // A real key mixes letters and digits; a word like "enabled" or "oauth-device-flow" does not.
  if (!/[0-9]/.test(v) || !/[A-Za-z]/.test(v)) return null;
  return `literal value, ${v.length} characters`;
}

const redacted = '«redacted»';

/** An env-style key that names a credential (`DB_PASSWORD`, `api-key`, `GITHUB_TOKEN`). */
export function isSecretKey(key: string): boolean {
  return secretKey.test(key) && !/(url|uri|endpoint|host|path|file|dir|mode|type|method|name)$/i.test(key);
}

/** A command-line flag whose next argument is a credential (`--token`, `--api-key`, `-password`). */
export function isSecretFlag(arg: string): boolean {
  const m = /^--?([A-Za-z][\w-]*)$/.exec(arg);
  return !!m && /(token|secret|passw(or)?d|passwd|pwd|api[_-]?key|apikey|access[_-]?key|private[_-]?key|credential|auth)/i.test(m[1] ?? '');
}

const secretWord = '[A-Za-z0-9_.-]*(?:token|secret|passw(?:or)?d|passwd|pwd|api[_-]?key|apikey|access[_-]?key|private[_-]?key|credential|auth(?!or))[A-Za-z0-9_.-]*';
// KEY=VALUE (env dumps, logs, `env KEY=… cmd`) where KEY names a credential.
const keyValue = new RegExp(`\\b(${secretWord})(\\s*=\\s*)(?!«)([^\\s'",;&]{4,})`, 'gi');
// "password": "…" and 'token': '…' (JSON, Python reprs).
const quotedPair = new RegExp(`(["'])(${secretWord})\\1(\\s*:\\s*)(["'])(?!«)([^"'\\\\]{1,})\\4`, 'gi');

/** Hides credentials inside free text (args, URLs, stderr lines) by their shape. */
export function redactText(text: string): string {
  let out = text;
  for (const [re] of tokenShapes) out = out.replace(new RegExp(re.source, 'g'), redacted);
  out = out.replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{12,}/g, `$1 ${redacted}`);
  out = out.replace(/([?&](?:[a-z_]*token|key|api[_-]?key|secret|password|access_token|auth)=)[^&\s]+/gi, `$1${redacted}`);
  out = out.replace(/(\b[a-z][a-z0-9+.-]*:\/\/?)[^/\s:@]+:[^/\s@]+@/gi, `$1${redacted}@`);
  out = out.replace(/(--?(?:[a-z-]*token|[a-z-]*key|[a-z-]*secret|password)[=\s])(?!«)(\S{8,})/gi, `$1${redacted}`);
  out = out.replace(quotedPair, (_m, q1: string, key: string, sep: string, q2: string) => `${q1}${key}${q1}${sep}${q2}${redacted}${q2}`);
  out = out.replace(keyValue, (_m, key: string, sep: string) => `${key}${sep}${redacted}`);
  return out;
}
