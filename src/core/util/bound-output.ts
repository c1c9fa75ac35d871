/**
 * What a server printed, bounded where it enters the report: a server may write 40 MB of one repeated
 * 16 KB line, and every view (the text report, the live view's rows, detail and exit verdict) would
 * otherwise carry it. Each kept line is cut to a fixed length with the size of what was cut; runs of the
 * same line are folded into one with a count; the picked error line of a root cause is one short line.
 * Applied once, in the engine, before findings and the report's probe see the output, so no renderer has
 * to bound it again and a key press costs the same whatever a server printed.
 */
import type { ProbeResult } from '../model/probe-types.js';

/** The longest line of server output a report keeps (characters). */
export const MAX_OUTPUT_LINE = 240;
/** The picked line a root cause quotes: the sentence around it must still fit ~200 characters. */
export const MAX_QUOTED_LINE = 120;

/** "512 bytes", "16 KB", "40 MB". */
export function byteSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

/** One line of at most `max` characters (code points); a longer one keeps its start and says how long it was. */
export function boundLine(line: string, max = MAX_OUTPUT_LINE): string {
  const chars = [...line];
  if (chars.length <= max) return line;
  const note = ` … [line of ${byteSize(Buffer.byteLength(line))}]`;
  return chars.slice(0, Math.max(8, max - note.length)).join('') + note;
}

/**
 * Lines bounded one by one, and a run of the same line folded into it and "[the line above, N more
 * times]", so a flood of one repeated line is a line, not a screenful.
 */
export function boundLines(lines: readonly string[], max = MAX_OUTPUT_LINE): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; ) {
    const line = lines[i]!;
    let same = 1;
    while (i + same < lines.length && lines[i + same] === line) same++;
    out.push(boundLine(line, max));
    if (same > 1) out.push(`[the line above, ${same - 1} more time${same === 2 ? '' : 's'}]`);
    i += same;
  }
  return out;
}

/** The probe's record of a server's output, bounded (see above). Everything else is kept as it is. */
export function boundProbe(r: ProbeResult): ProbeResult {
  return {
    ...r,
    stderrTail: boundLines(r.stderrTail),
    stdoutNoise: r.stdoutNoise.map((l) => boundLine(l)),
    // (What was printed without a final newline is kept to its first 200 characters where it is read.)
  };
}

/**
 * The stderr line a root cause quotes: one line, cut to `MAX_QUOTED_LINE`, saying how much the server wrote
 * when that is what makes the line long ("… [line of 16 KB; 40 MB on stderr]").
 */
export function quotedLine(line: string | undefined, stderrBytes: number): string | undefined {
  if (line === undefined) return undefined;
  const one = line.replace(/[\r\n]+/g, ' ');
  const chars = [...one];
  if (chars.length <= MAX_QUOTED_LINE) return one;
  const note = ` … [line of ${byteSize(Buffer.byteLength(one))}${stderrBytes > 1024 * 1024 ? `; ${byteSize(stderrBytes)} on stderr` : ''}]`;
  return chars.slice(0, Math.max(8, MAX_QUOTED_LINE - note.length)).join('') + note;
}
