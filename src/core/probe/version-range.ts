/**
 * Just enough of npm's semver ranges (`>=22.5`, `^20 || >=22`, `20.x`, `1.2 - 2.3`) and of PEP 440 specifiers
 * (`>=3.10,<4`, `~=3.11`, `!=3.9.*`) to say whether a runtime version is excluded, and from which version a
 * range starts. Anything it does not understand is "undecided" (null), never a false alarm.
 */

type Parts = [number, number, number];

function parse(version: string): { parts: Parts; given: number } | null {
  const m = /^v?(\d+|[xX*])(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?(?:[-+.][0-9A-Za-z.-]*)?$/.exec(version.trim());
  if (!m) return null;
  const raw = [m[1], m[2], m[3]];
  let given = 0;
  const parts = raw.map((p) => {
    if (p === undefined || /[xX*]/.test(p)) return 0;
    given += 1;
    return Number(p);
  }) as Parts;
  // "20.x" gives one part, like "20".
  const wild = raw.findIndex((p) => p !== undefined && /[xX*]/.test(p));
  return { parts, given: wild === -1 ? given : Math.min(given, wild) };
}

export function compareVersions(a: string, b: string): number {
  const pa = parse(a)?.parts ?? [0, 0, 0];
  const pb = parse(b)?.parts ?? [0, 0, 0];
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return (pa[i] as number) - (pb[i] as number);
  return 0;
}

const cmp = (a: Parts, b: Parts): number => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/** The version just past everything `given` parts of `p` fix: 20 → 21.0.0, 3.10 → 3.11.0. */
function bump(p: Parts, given: number): Parts {
  if (given <= 1) return [p[0] + 1, 0, 0];
  if (given === 2) return [p[0], p[1] + 1, 0];
  return [p[0], p[1], p[2] + 1];
}

interface Bound {
  low: Parts | null;
  lowInclusive: boolean;
  high: Parts | null;
  /** For `!=`: a range excluded. */
  not?: [Parts, Parts];
}

function comparator(text: string): Bound | null {
  const m = /^(>=|<=|>|<|===|==|=|!=|\^|~=|~)?\s*(.+)$/.exec(text.trim());
  if (!m) return null;
  const op = m[1] ?? '';
  const v = parse(m[2] ?? '');
  if (!v) return null;
  const { parts, given } = v;
  switch (op) {
    case '>=':
      return { low: parts, lowInclusive: true, high: null };
    case '>':
      return given < 3 ? { low: bump(parts, given), lowInclusive: true, high: null } : { low: parts, lowInclusive: false, high: null };
    case '<':
      return { low: null, lowInclusive: true, high: parts };
    case '<=':
      return { low: null, lowInclusive: true, high: bump(parts, Math.max(given, 1)) };
    case '^':
      return { low: parts, lowInclusive: true, high: parts[0] > 0 || given <= 1 ? [parts[0] + 1, 0, 0] : parts[1] > 0 || given === 2 ? [0, parts[1] + 1, 0] : [0, 0, parts[2] + 1] };
    case '~':
      return { low: parts, lowInclusive: true, high: bump(parts, Math.min(given, 2)) };
    case '~=':
      return { low: parts, lowInclusive: true, high: bump(parts, Math.max(1, given - 1)) };
    case '!=':
      return { low: null, lowInclusive: true, high: null, not: [parts, given >= 3 ? bump(parts, 3) : bump(parts, given)] };
    default:
      // "20", "20.x", "=20.1.0", "==3.11.*": the versions those parts fix.
      return { low: parts, lowInclusive: true, high: bump(parts, given) };
  }
}

function within(v: Parts, b: Bound): boolean {
  if (b.not) return !(cmp(v, b.not[0]) >= 0 && cmp(v, b.not[1]) < 0);
  if (b.low && (b.lowInclusive ? cmp(v, b.low) < 0 : cmp(v, b.low) <= 0)) return false;
  if (b.high && cmp(v, b.high) >= 0) return false;
  return true;
}

/** Each alternative of a range, as the comparators that must all hold. */
function alternatives(range: string): Bound[][] | null {
  const out: Bound[][] = [];
  for (const alt of range.split('||')) {
    const text = alt.trim().replace(/(>=|<=|===|==|!=|~=|>|<|=|\^|~)\s+/g, '$1');
    if (text === '' || text === '*') {
      out.push([]);
      continue;
    }
    const hyphen = /^(\S+)\s+-\s+(\S+)$/.exec(text);
    const pieces = hyphen ? [`>=${hyphen[1]}`, `<=${hyphen[2]}`] : text.split(/\s*,\s*|\s+(?=[<>=!~^\d])/).filter(Boolean);
    const bounds: Bound[] = [];
    for (const piece of pieces) {
      const b = comparator(piece);
      if (!b) return null;
      bounds.push(b);
    }
    out.push(bounds);
  }
  return out;
}

/** true / false when the range is understood, null when it is not. */
export function satisfies(version: string, range: string): boolean | null {
  const v = parse(version);
  const alts = alternatives(range);
  if (!v || !alts) return null;
  return alts.some((bounds) => bounds.every((b) => within(v.parts, b)));
}

/** The lowest version a range admits, as written for a user ("22.5.0", "3.14"); null when unknown. */
export function minimumOf(range: string): string | null {
  const alts = alternatives(range);
  if (!alts) return null;
  let best: Parts | null = null;
  for (const bounds of alts) {
    let low: Parts = [0, 0, 0];
    for (const b of bounds) if (b.low && cmp(b.low, low) > 0) low = b.lowInclusive ? b.low : bump(b.low, 3);
    if (!best || cmp(low, best) < 0) best = low;
  }
  if (!best) return null;
  return best[2] === 0 ? `${best[0]}.${best[1]}` : best.join('.');
}
