/**
 * One quoting function, home shortened before quoting: every command mcp-doctor prints, pasted into a real
 * shell with that HOME, names the file it meant.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { shellLine, shortenHome } from '../src/core/model/shell-quote.js';

const home = '/home/me';
/** What `sh` makes of a printed line: its words, one per line. */
const words = (line: string) => execFileSync('sh', ['-c', `printf '%s\\n' ${line}`], { env: { HOME: home, PATH: process.env.PATH }, encoding: 'utf8' }).split('\n').slice(0, -1);

describe('shell quoting', () => {
  it.each([
    [['python3', '/home/me/.claude/plugins/cache/m/p/1.0.0/server.py']],
    [['node', '/home/me/my plugins/it\'s here/s.js', '--flag=a b']],
    [['sh', '-c', 'echo $HOME && ls ~']],
    [['~literal', '']],
    [['/home/me']],
    [['/home/mean/x']],
  ])('%j reads back as the same words, home shown as ~', (argv) => {
    const line = shellLine(argv, home);
    expect(words(line)).toEqual(argv);
    if (argv.some((w) => w.startsWith(home + '/'))) expect(line).toContain('~/');
  });

  it('a quoted path in a hint keeps working after the home is shortened', () => {
    const hint = `sed -i 's/\\r$//' '/home/me/my plugins/run.sh'`;
    const shown = shortenHome(hint, home);
    expect(shown).toBe(`sed -i 's/\\r$//' ~/'my plugins/run.sh'`);
    expect(words(shown.slice('sed -i '.length))).toEqual(['s/\\r$//', '/home/me/my plugins/run.sh']);
    // Prose quotes around a path that needs none stay prose quotes.
    expect(shortenHome("'/home/me/.claude/x' is missing", home)).toBe("'~/.claude/x' is missing");
  });
});
