/**
 * A command line as a POSIX shell reads it, so "run it by hand" pastes and runs as it reads: words with
 * anything but safe characters are single-quoted (a ' inside becomes '\'').
 */
const safe = /^[\w@%+=:,./~-]+$/;

export function shellQuote(word: string): string {
  if (word === '') return "''";
  if (safe.test(word) && !word.startsWith('~')) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

export function shellLine(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}
