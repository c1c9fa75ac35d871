/**
 * What a launcher's own venv lookup checks, read from the script (no shell is run), and what "healthy" means
 * for a venv: its python runs and finds every module the server imports. A venv that lacks them is never
 * offered as a link target.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { launcherVenvPaths, pythonModuleRun, scanLauncherPaths } from '../src/core/command/launcher-scan.js';
import { createContext } from '../src/core/model/context.js';
import { runDoctor } from '../src/core/engine/run.js';
import { pythonImports } from '../src/core/venv/venv-facts.js';
import { codesOf, probeHome, serverNamed, type ProbeHome } from './helpers/probe-home.js';
import { TEST_PATH } from './helpers/run-cli.js';

const known = { scriptDir: '/p/srv', home: '/h', cacheHome: '/h/.cache', env: { CLAUDE_PLUGIN_ROOT: '/p' } };

describe('the venvs a launcher checks', () => {
  it.each([
    ['a cache venv, then a local one', 'SCRIPT_DIR="$(cd "$(dirname "$0")" && pwd)"\nCACHE_VENV="${XDG_CACHE_HOME:-$HOME/.cache}/claude-mcp-venvs/m/s/.venv"\nLOCAL_VENV="$SCRIPT_DIR/.venv"\n[ -d "$CACHE_VENV" ] && VENV="$CACHE_VENV"', ['/h/.cache/claude-mcp-venvs/m/s/.venv', '/p/srv/.venv']],
    ['BASH_SOURCE and a python path', 'DIR="$( cd "$( dirname "${BASH_SOURCE[0]}" )" && pwd )"\nexec "$DIR/venv/bin/python" -m srv', ['/p/srv/venv']],
    ['the plugin root and source …/activate', '. "${CLAUDE_PLUGIN_ROOT}/.venv/bin/activate"\nexec python -m srv', ['/p/.venv']],
    ['a home path with ~', 'if [ -x ~/.venvs/srv/bin/python ]; then exec ~/.venvs/srv/bin/python s.py; fi', ['/h/.venvs/srv']],
    ['a variable it cannot know is skipped', 'VENV="$(poetry env info -p)"\nexec "$VENV/bin/python" -m srv', []],
    ['$(dirname "$0") written inline; a path glued to a command substitution is not taken apart', 'exec "$(dirname "$0")/.venv/bin/python" server.py\nexec "$(pwd)/venv/bin/python"', ['/p/srv/.venv']],
    ['a comment is not a check', '# run ./.venv/bin/python by hand\nexec uv run srv', []],
  ])('%s', (_what, text, venvs) => {
    expect(launcherVenvPaths(text, known)).toEqual(venvs);
  });

  it('finds the .py file a launcher runs, and a -m module', () => {
    expect(scanLauncherPaths('D="$(dirname "$0")"\nexec "$D/.venv/bin/python" "$D/server.py" --stdio', known).scripts).toEqual(['/p/srv/server.py']);
    expect(pythonModuleRun('exec "$VENV/bin/python" -u -m mcp_server_gitea.main')).toBe('mcp_server_gitea.main');
  });

  it('reads the top-level imports of a Python file', () => {
    expect(pythonImports('import os, sys as system\nfrom mcp.server.fastmcp import FastMCP\nfrom . import tools\nfrom __future__ import annotations\n    import optional_thing\n').sort()).toEqual(['mcp', 'os', 'sys']);
  });
});

describe('a venv is healthy only if it can run the server', () => {
  let h: ProbeHome;
  afterAll(() => h?.cleanup());

  it('links a lost .venv only to a venv that has the modules the server imports', async () => {
    h = probeHome({
      needs: { command: '${CLAUDE_PLUGIN_ROOT}/needs/.venv/bin/python', args: ['${CLAUDE_PLUGIN_ROOT}/needs/server.py'] },
      plain: { command: '${CLAUDE_PLUGIN_ROOT}/plain/.venv/bin/python', args: ['${CLAUDE_PLUGIN_ROOT}/plain/server.py'] },
    });
    h.pluginFile('needs/server.py', 'import json\nimport fixture_pkg\n');
    h.pluginFile('plain/server.py', 'import json\n');
    // The conventional shared cache holds a venv for each; neither has fixture_pkg.
    for (const name of ['needs', 'plain']) {
      const venv = join(h.home, '.cache', 'claude-mcp-venvs', 'fx', name, '.venv');
      mkdirSync(join(venv, '..'), { recursive: true });
      execFileSync('python3', ['-m', 'venv', '--without-pip', venv], { env: { PATH: TEST_PATH } });
    }
    const ctx = createContext({ env: { PATH: TEST_PATH, ...h.env }, cwd: h.project, homedir: h.home, platform: 'linux' });
    const { report } = await runDoctor(ctx, { version: 'test', probe: false });
    expect(codesOf(serverNamed(report, 'plain'))).toEqual(['error:venv.link-lost']);
    const needs = serverNamed(report, 'needs');
    expect(codesOf(needs)).toEqual(['error:venv.missing']);
    expect(needs.findings[0]?.fix?.kind).not.toBe('symlink');
  }, 30_000);
});
