/**
 * `mcp-doctor completion bash|zsh|fish`: each script loaded in its real shell and asked for candidates the
 * way the shell asks (bash: COMP_WORDS + the function; zsh: its completion system on a pseudo-terminal;
 * fish: `complete -C`). Without zsh or fish on the machine, their scripts are checked for structure only.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allCodes } from '../src/core/model/catalog.js';
import { valueHints } from '../src/cli/completion/spec.js';
import { buildProgram } from '../src/cli/program.js';
import { formats } from '../src/render/index.js';
import { repoRoot, runCli, TEST_PATH } from './helpers/run-cli.js';

const root = mkdtempSync(join(tmpdir(), 'mcp-doctor-completion-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
/** The folder completions run in: two folders and a file, so folder and file candidates are known. */
const cwd = join(root, 'cwd');
mkdirSync(join(cwd, 'alpha'), { recursive: true });
mkdirSync(join(cwd, 'beta'));
writeFileSync(join(cwd, 'afile.json'), '{}');

const has = (shell: string) => spawnSync(shell, ['-c', 'exit 0']).status === 0;
const program = buildProgram('0.0.0', () => {});
const commandNames = program.commands.map((c) => c.name());
const rootFlags = program.options.flatMap((o) => [o.short, o.long]).filter((f): f is string => !!f);

const scripts: Record<string, string> = {};
beforeAll(() => {
  for (const shell of ['bash', 'zsh', 'fish']) {
    const r = runCli(['completion', shell], { cwd });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    scripts[shell] = r.stdout;
  }
  writeFileSync(join(root, 'mcp-doctor.bash'), scripts.bash!);
  mkdirSync(join(root, 'zfunc'));
  writeFileSync(join(root, 'zfunc', '_mcp-doctor'), scripts.zsh!);
  writeFileSync(join(root, 'mcp-doctor.fish'), scripts.fish!);
});

const sorted = (list: string[]) => [...new Set(list)].sort();

/** What each shell offers for a command line ending in the word being completed ('' for a new word). */
const shells = {
  bash(words: string[]): string[] {
    const quoted = words.map((w) => `'${w}'`).join(' ');
    const r = spawnSync('bash', ['--norc', '--noprofile', '-c', `source "$1"; COMP_WORDS=(${quoted}); COMP_CWORD=${words.length - 1}; _mcp_doctor; printf '%s\\n' "\${COMPREPLY[@]}"`, 'bash', join(root, 'mcp-doctor.bash')], {
      cwd,
      encoding: 'utf8',
      env: { PATH: TEST_PATH, HOME: root },
    });
    expect(r.stderr).toBe('');
    return sorted(r.stdout.split('\n').filter(Boolean));
  },
  zsh(words: string[]): string[] {
    const r = spawnSync('zsh', [join(repoRoot, 'test/helpers/zsh-complete.zsh'), join(root, 'zfunc'), words.join(' ')], {
      cwd,
      encoding: 'utf8',
      env: { PATH: TEST_PATH, HOME: root, TERM: 'dumb' },
      timeout: 30_000,
    });
    // Each candidate follows a marker; the terminal's redraw sequences may share its line.
    return sorted([...r.stdout.matchAll(/<<c>>([^\x00-\x1f]+)/g)].map((m) => m[1]!.replace(/\/$/, '')));
  },
  fish(words: string[]): string[] {
    const line = words.join(' ').replace(/'/g, "\\'");
    const r = spawnSync('fish', ['--no-config', '-c', `source $argv[1]; complete -C '${line}'`, join(root, 'mcp-doctor.fish')], {
      cwd,
      encoding: 'utf8',
      env: { PATH: TEST_PATH, HOME: root, XDG_CONFIG_HOME: join(root, 'fish-config') },
    });
    expect(r.stderr).toBe('');
    // fish shows `candidate<TAB>description`, folders with a trailing slash, and --opt=value whole.
    return sorted(r.stdout.split('\n').filter(Boolean).map((c) => c.split('\t')[0]!.replace(/\/$/, '')));
  },
};

/** [command line (last word is being completed), candidates]. The same table for all three shells. */
const cases: [string[], string[]][] = [
  [['mcp-doctor', '--form'], ['--format']],
  [['mcp-doctor', '--format', ''], formats],
  [['mcp-doctor', '--fail-on', 'w'], ['warning']],
  [['mcp-doctor', 'ex'], ['explain']],
  [['mcp-doctor', 'co'], ['completion']],
  [['mcp-doctor', 'explain', 'venv.l'], ['venv.link-lost']],
  [['mcp-doctor', 'explain', ''], allCodes],
  [['mcp-doctor', 'completion', ''], ['bash', 'fish', 'zsh']],
  [['mcp-doctor', 'undo', '--y'], ['--yes']],
  [['mcp-doctor', '--config-dir', 'a'], ['alpha']],
  [['mcp-doctor', '--project', ''], ['alpha', 'beta']],
  [['mcp-doctor', '--config', 'af'], ['afile.json']],
  [['mcp-doctor', '--json', 'b'], ['beta']],
  [['mcp-doctor', './alpha', 'ex'], []],
];

describe.each(Object.keys(shells) as (keyof typeof shells)[])('%s', (shell) => {
  const available = has(shell);
  const complete = shells[shell];

  it.runIf(available).each(cases)('%j', (words, expected) => {
    expect(complete(words)).toEqual(sorted(expected));
  });

  it.runIf(available)('offers every root option and every command', () => {
    const flags = complete(['mcp-doctor', '-']);
    for (const flag of rootFlags.filter((f) => f.startsWith('--'))) expect(flags).toContain(flag);
    const words = complete(['mcp-doctor', '']);
    for (const name of commandNames) expect(words).toContain(name);
  });

  it.runIf(available)('completes the code after the last comma of --ignore', () => {
    const got = complete(['mcp-doctor', '--ignore', 'venv.missing,venv.da']);
    // bash and fish give the whole word; zsh's _values gives the code after the comma.
    expect(got.map((c) => c.replace(/^venv\.missing,/, ''))).toEqual(['venv.dangling-link']);
  });

  it('the script names every option and command (structure, whatever the machine has)', () => {
    const script = scripts[shell]!;
    for (const flag of rootFlags) expect(script).toContain(flag.replace(/^--?/, ''));
    for (const name of commandNames) expect(script).toContain(name);
    for (const code of allCodes) expect(script).toContain(code);
  });
});

describe('shell syntax', () => {
  it('bash registers the function for mcp-doctor', () => {
    const r = spawnSync('bash', ['--norc', '--noprofile', '-c', 'source "$1" && complete -p mcp-doctor', 'bash', join(root, 'mcp-doctor.bash')], { encoding: 'utf8', env: { PATH: TEST_PATH, HOME: root } });
    expect(r.stdout.trim()).toBe('complete -F _mcp_doctor mcp-doctor');
  });
  it.runIf(has('zsh'))('zsh -n parses it; sourced, it registers _mcp-doctor', () => {
    expect(spawnSync('zsh', ['-n', join(root, 'zfunc', '_mcp-doctor')], { encoding: 'utf8' }).stderr).toBe('');
    const r = spawnSync('zsh', ['-f', '-c', 'autoload -U compinit; compinit -u -D; source "$1"; print -r -- $_comps[mcp-doctor]', 'zsh', join(root, 'zfunc', '_mcp-doctor')], {
      encoding: 'utf8',
      env: { PATH: TEST_PATH, HOME: root },
    });
    expect(r.stdout.trim()).toBe('_mcp-doctor');
  });
  it.runIf(has('fish'))('fish -n parses it', () => {
    const r = spawnSync('fish', ['--no-config', '-n', join(root, 'mcp-doctor.fish')], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
  });
  it('zsh and fish scripts have their shape when the shells are not here to run them', () => {
    expect(scripts.zsh!.startsWith('#compdef mcp-doctor\n')).toBe(true);
    expect(scripts.zsh).toMatch(/_arguments -C -s \\\n/);
    expect(scripts.fish).toContain("complete -c mcp-doctor -n 'not __fish_seen_subcommand_from explain undo mcp completion help' -l format -x -a 'text json sarif github gitlab junit markdown'");
  });
});

describe('the command', () => {
  it('an unknown shell is a usage error naming the shells', () => {
    const r = runCli(['completion', 'tcsh'], { cwd });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe("mcp-doctor: unknown shell 'tcsh' (expected bash, zsh, fish)\n");
    expect(runCli(['completion'], { cwd }).status).toBe(2);
  });

  it('every value hint names an option or argument the program has (no stale hints)', () => {
    const options = new Set([program, ...program.commands].flatMap((c) => c.options.map((o) => o.long)));
    const args = new Set([program, ...program.commands].flatMap((c) => c.registeredArguments.map((a) => `${c.name()} ${a.name()}`)));
    for (const key of Object.keys(valueHints)) {
      if (key === 'help command') continue; // commander's own help command, once the program has one
      expect(key.startsWith('--') ? options.has(key) : args.has(key), key).toBe(true);
    }
  });
});
