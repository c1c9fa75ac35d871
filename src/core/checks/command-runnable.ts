/**
 * Can the OS start this server's command at all? Names the real reason behind Claude Code's
 * "ENOENT … posix_spawn 'stdio'" / "EACCES": a missing file (and which component), build output that was
 * never built, a venv link that dangles or was lost, no exec bit, a #! interpreter that is missing or ends in CR.
 */
import { basename, dirname, join } from 'node:path';
import { commandTarget } from '../command/command-target.js';
import { buildFix, detectBuildOutput } from '../command/build-output.js';
import { findOnPath } from '../command/resolve-command.js';
import { isShellScript, readShebang } from '../command/shebang.js';
import { installHints, mentionsVenv, scanLauncherPaths } from '../command/launcher-scan.js';
import { cacheHome } from '../model/context.js';
import { serverNeeds } from '../venv/server-needs.js';
import { executableForReaders, firstMissingComponent, isExecutableFile, readText } from '../util/fs-facts.js';
import type { Evidence, FindingInput, Location, ServerEntry } from '../model/types.js';
import { venvCreateCommand, venvRootOf } from '../venv/venv-facts.js';
import { venvFindings } from '../venv/venv-findings.js';
import { runnerRequired } from '../command/requirements.js';
import { at, defineCheck, type CheckContext } from './define-check.js';

async function missingCommand(path: string, server: ServerEntry, c: CheckContext, top: string, location: Location): Promise<FindingInput[]> {
  const venv = await venvRootOf(path);
  if (venv) {
    const v = await venvFindings(venv, server, c, location, { reportMissingWithoutCandidate: true, needs: await serverNeeds(server, null) });
    if (v) return v;
  }
  const { missing, missingFacts } = await firstMissingComponent(path);
  if (missingFacts.kind === 'symlink-dangling' || missingFacts.kind === 'symlink-loop') {
    return [
      {
        code: 'command.not-found',
        location,
        args: { path, missing, missingKind: missingFacts.kind === 'symlink-loop' ? 'link-loop' : 'dangling-link', linkTarget: missingFacts.linkTarget },
      },
    ];
  }
  const built = await detectBuildOutput(path, top);
  if (built) {
    const toolchainMissing = built.toolchain && !(await findOnPath(built.toolchain, c.ctx.env, c.ctx.platform)) ? built.toolchain : null;
    return [
      {
        code: 'command.unbuilt',
        location,
        args: {
          path,
          reason: built.reason,
          buildCommand: toolchainMissing ? `${built.buildCommand} (install ${toolchainMissing} first: it is not on PATH)` : built.buildCommand,
          toolchainMissing,
        },
        fix: buildFix(built, path, toolchainMissing),
      },
    ];
  }
  return [{ code: 'command.not-found', location, args: { path, ...(missing !== path ? { missing, missingKind: 'absent' } : {}) } }];
}

async function interpreterProblems(path: string, server: ServerEntry, c: CheckContext, location: Location): Promise<FindingInput[]> {
  const shebang = await readShebang(path);
  if (!shebang) return [];
  const interpreter = shebang.envProgram ?? basename(shebang.interpreter);
  if (shebang.crlf) {
    return [
      {
        code: 'command.bad-interpreter',
        location,
        args: { path, interpreter: shebang.envProgram ?? shebang.interpreter, crlf: true, shebang: shebang.raw.slice(2) },
        fix: { kind: 'line-endings', path },
      },
    ];
  }
  if (shebang.envProgram) {
    if (await findOnPath(shebang.envProgram, c.ctx.env, c.ctx.platform)) return [];
    if (c.inventory.mode === 'author') return [runnerRequired(interpreter, server, location, 'interpreter')];
    return [{ code: 'command.bad-interpreter', location, args: { path, interpreter, viaEnv: true, shebang: shebang.raw.slice(2), fixHint: installHints[interpreter] } }];
  }
  if (!shebang.interpreter.startsWith('/') || (await isExecutableFile(shebang.interpreter))) return [];
  // A venv console script whose #! points at a venv python that moved or lost its base interpreter.
  const venv = await venvRootOf(shebang.interpreter);
  if (venv) {
    const v = await venvFindings(venv, server, c, location, { reportMissingWithoutCandidate: true, needs: await serverNeeds(server, null) });
    if (v) return v;
  }
  return [{ code: 'command.bad-interpreter', location, args: { path, interpreter: shebang.interpreter, viaEnv: false, shebang: shebang.raw.slice(2) } }];
}

/**
 * A launcher that picks a venv itself: the paths it checks (a shared cache, a sibling .venv) are read from
 * the script, and it is fine when one of them can run the server. Otherwise the finding says which path is
 * missing or broken and why (a lost link that a healthy venv elsewhere can restore comes first: it is
 * fixable). A script that only mentions `.venv` by name is judged by that venv beside it.
 */
async function launcherVenvProblems(path: string, server: ServerEntry, c: CheckContext, location: Location): Promise<FindingInput[]> {
  const text = await readText(path, 256 * 1024);
  if (!text) return [];
  const env = { ...c.ctx.env, ...server.expanded.env, ...(server.root ? { CLAUDE_PLUGIN_ROOT: server.root } : {}) };
  const { venvs: checked, scripts } = scanLauncherPaths(text, { scriptDir: dirname(path), home: c.ctx.homedir, cacheHome: cacheHome(c.ctx), env });
  const needs = await serverNeeds(server, { text, dir: dirname(path), scripts });
  if (checked.length > 0) {
    const states: { venv: string; findings: FindingInput[] }[] = [];
    for (const venv of checked) {
      const v = await venvFindings(venv, server, c, location, { reportMissingWithoutCandidate: true, needs });
      // One the launcher checks can run the server: it takes that one.
      if (!v) return [];
      states.push({ venv, findings: v });
    }
    // A lost link is fixable; a venv that runs but lacks modules is the one the launcher takes: say those first.
    const first = states.find((st) => st.findings[0]?.code === 'venv.link-lost') ?? states.find((st) => st.findings[0]?.code === 'venv.missing-module');
    if (first) return first.findings;
    if (states.length === 1) return states[0]!.findings;
    const at = text.split('\n').findIndex((l) => /venv/i.test(l.replace(/(^|\s)#.*$/, '')));
    return [
      {
        code: 'venv.none-found',
        location: { file: path, line: at + 1 || 1, column: 1 },
        args: { script: path, count: checked.length, venvs: states.map((st) => `${st.venv} ${problemOf(st.findings[0])}`), createCommand: await venvCreateCommand(checked[0]!) },
      },
    ];
  }
  const dirs = [...new Set([dirname(path), server.root].filter((d): d is string => !!d))];
  for (const name of mentionsVenv(text)) {
    for (const dir of dirs) {
      const v = await venvFindings(join(dir, name), server, c, location, { reportMissingWithoutCandidate: false, needs });
      if (v) return v;
    }
  }
  return [];
}

/** One venv's problem in a few words, from the finding venvFindings made for it. */
function problemOf(f: FindingInput | undefined): string {
  const a: Evidence = f?.args ?? {};
  switch (f?.code) {
    case 'venv.missing':
      return 'does not exist';
    case 'venv.dangling-link':
      return `is a link to ${String(a.target)}, which does not exist`;
    case 'venv.broken-interpreter':
      return `cannot run: ${String(a.reason)}`;
    case 'venv.missing-module':
      return `runs, but cannot import ${(a.modules as string[] | undefined)?.join(', ') ?? '?'}`;
    default:
      return 'cannot run the server';
  }
}

export default defineCheck({
  id: 'command-runnable',
  subject: 'server',
  codes: [
    'command.not-found',
    'command.runner-required',
    'command.unbuilt',
    'command.not-executable',
    'command.bad-interpreter',
    'venv.missing',
    'venv.dangling-link',
    'venv.link-lost',
    'venv.broken-interpreter',
    'venv.missing-module',
    'venv.none-found',
  ],
  async run(server, c) {
    const t = await commandTarget(server, c);
    const doc = c.document(server.source.file);
    if (!t || !doc) return [];
    const location = at(doc, [...(server.source.pointer ?? []), 'command']);
    const path = t.resolution.path;
    if (!path) {
      if (t.resolution.nonExecutable) {
        return [{ code: 'command.not-executable', location, args: { path: t.resolution.nonExecutable, mode: '0644' } }];
      }
      if (c.inventory.mode === 'author') return [runnerRequired(t.command, server, location, 'command')];
      return [
        {
          code: 'command.not-found',
          location,
          args: { command: t.command, onPath: true, searched: t.resolution.searched.length, installHint: installHints[t.command] },
        },
      ];
    }
    const facts = t.facts;
    if (!facts || facts.kind === 'missing' || facts.kind === 'symlink-dangling' || facts.kind === 'symlink-loop') {
      return missingCommand(path, server, c, t.top, location);
    }
    if (facts.isDir) return [{ code: 'command.not-executable', location, args: { path, isDirectory: true } }];
    // Windows has no execute bit and no #! lines: the extension (PATHEXT) decides what runs.
    if (c.ctx.platform === 'win32') return [];
    if (((facts.mode ?? 0) & 0o111) === 0) {
      return [
        {
          code: 'command.not-executable',
          location,
          args: { path, mode: `0${((facts.mode ?? 0) & 0o777).toString(8)}` },
          fix: { kind: 'chmod', path, mode: executableForReaders(facts.mode ?? 0o644) & 0o777 },
        },
      ];
    }
    const interp = await interpreterProblems(path, server, c, location);
    if (interp.length) return interp;
    const venv = await venvRootOf(path);
    if (venv) {
      const v = await venvFindings(venv, server, c, location, { reportMissingWithoutCandidate: true, needs: await serverNeeds(server, null) });
      if (v) return v;
    }
    return (await isShellScript(path)) ? launcherVenvProblems(path, server, c, location) : [];
  },
});
