/**
 * Untrusted text (server output, names, commands, paths from configs) must not drive the terminal: an ESC
 * can clear the screen, set the window title, write the clipboard (OSC 52) or hide a hyperlink, and a CR
 * can overwrite a line. Every control character is shown visibly (`\e`, `\r`, `\x07`) and nothing is
 * dropped: without its ESC a sequence is plain text, and a path printed in a command still names the real
 * file (`dir\e]52;…\x07x`, not `dirx`). Only the doctor's own colours ever reach a terminal.
 * `stripEscapes` is for reading a program's output (its colours are noise to a classifier), never for display.
 */

const named: Record<string, string> = { '\x1b': '\\e', '\r': '\\r', '\n': '\\n', '\t': '\\t', '\b': '\\b', '\f': '\\f', '\v': '\\v', '\0': '\\0' };

// C0 controls, DEL, C1 controls, and the Unicode line/paragraph separators and bidi overrides.
const unsafe = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

// Complete escape sequences: OSC (title, clipboard, hyperlink) to BEL or ST, DCS/SOS/PM/APC strings, CSI
// (colours, cursor, erase) and the two-byte escapes; with their 8-bit C1 forms. Node's own
// stripVTControlCharacters misses an OSC whose text holds a space.
const sequences = new RegExp(
  [
    '(?:\\u001b\\]|\\u009d)[^\\u0007\\u001b\\u009c]*(?:\\u0007|\\u001b\\\\|\\u009c)',
    '(?:\\u001b[PX^_]|[\\u0090\\u0098\\u009e\\u009f])[^\\u001b\\u009c]*(?:\\u001b\\\\|\\u009c)',
    '(?:\\u001b\\[|\\u009b)[0-?]*[ -/]*[@-~]',
    // nF/Fp/Fe/Fs escapes; not the introducers of the strings above, so an unfinished one stays visible.
    '\\u001b[!-/]*[0-OQ-WYZ\\\\`-~]',
  ].join('|'),
  'g',
);

/** Removes complete terminal escape sequences; a lone or unfinished ESC is left for `visible` to show. */
export function stripEscapes(text: string): string {
  return text.replace(sequences, '');
}

function visible(ch: string): string {
  const code = ch.charCodeAt(0);
  return named[ch] ?? (code > 0xff ? `\\u${code.toString(16)}` : `\\x${code.toString(16).padStart(2, '0')}`);
}

/** One line of untrusted text, safe to print: every control character made visible, none dropped. */
export function safeLine(text: string): string {
  return text.replace(unsafe, visible);
}

/** Like safeLine, but keeps line breaks (for a multi-line block such as a logged error). */
export function safeBlock(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(unsafe, visible))
    .join('\n');
}
