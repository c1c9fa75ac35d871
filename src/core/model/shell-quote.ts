/**
 * The one place that turns words into text a POSIX shell reads back as the same words, and the one place
 * that shows the home folder as `~`. The two meet: `~` expands only outside quotes, so a home path is
 * shortened before it is quoted (`~/'my plugins/x'`), never after (`'~/my plugins/x'` names a folder
 * called `~`). "Run it by hand" and every fix command paste and run as they read.
 */
const safe = /^[\w@%+=:,./~-]+$/;

/** One word, quoted only when it needs it (a ' inside becomes '\''). A leading `~` is literal, so it is quoted. */
export function shellQuote(word: string): string {
  if (word === '') return "''";
  if (safe.test(word) && !word.startsWith('~')) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

const bareHome = (home: string | undefined): string | null => {
  const h = home?.replace(/\/+$/, '');
  return h && h !== '' ? h : null;
};

/** One word with the home folder shown as `~` where that still names the same file: `~/'a b'`. */
export function shellWord(word: string, home?: string): string {
  const h = bareHome(home);
  if (h && word === h) return '~';
  if (h && word.startsWith(h + '/')) {
    const rest = word.slice(h.length + 1);
    return rest === '' ? '~/' : `~/${shellQuote(rest)}`;
  }
  return shellQuote(word);
}

/** A command line; with `home`, paths inside it are shown from `~` and still paste correctly. */
export function shellLine(argv: readonly string[], home?: string): string {
  return argv.map((w) => shellWord(w, home)).join(' ');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * `/home/me/x` → `~/x` everywhere in a sentence that may hold commands. A quoted path whose rest needs its
 * quotes becomes `~/'my plugins/x'`, which a shell still reads as that file (`'~/my plugins/x'` would name
 * a folder called `~`); a quoted path that needs none keeps its quotes as prose (`'~/.claude/x' is
 * missing`), because commands quote only what needs it (`shellQuote`), so such a path is never in one.
 */
export function shortenHome(text: string, home: string | undefined): string {
  const h = bareHome(home);
  if (!h) return text;
  const e = escapeRegExp(h);
  return text
    .replace(new RegExp(`(['"])${e}\\1`, 'g'), '~')
    .replace(new RegExp(`'${e}/([^']*)'`, 'g'), (_m, rest: string) => (safe.test(rest) || rest === '' ? `'~/${rest}'` : `~/${shellQuote(rest)}`))
    .split(h + '/')
    .join('~/')
    .replace(new RegExp(`${e}(?=$|[\\s'"),:;])`, 'g'), '~');
}
