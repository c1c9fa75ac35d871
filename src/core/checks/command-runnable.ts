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
import { installHints, mentionsVenv } from '../command/launcher-scan.js';
import { executableForReaders, firstMissingComponent, isExecutableFile, readText } from '../util/fs-facts.js';
import type { FindingInput, Location, ServerEntry } from '../model/types.js';
import { venvRootOf } from '../venv/venv-facts.js';
import { venvFindings } from '../venv/venv-findings.js';
import { runnerRequired } from '../command/requirements.js';
import { at, defineCheck, type CheckContext } from './define-check.js';

async function missingCommand(path: string, server: ServerEntry, c: CheckContext, top: string, location: Location): Promise<FindingInput[]> {
  const venv = await venvRootOf(path);
  if (venv) {
    const v = await venvFindings(venv, server, c, location, { reportMissingWithoutCandidate: true });
    if (v) return v;
  }
  const { missing, missingFacts } = await firstMissingComponent(path);
  if (missingFacts.kind === 'symlink-dangling' || missingFacts.kind === 'symlink-loop') {
    return [
      {
        code: 'command.not-found',
        location,
        args: {
          path,
          missingPart: `${missing} is a ${missingFacts.kind === 'symlink-loop' ? 'symlink loop' : `symlink to ${missingFacts.linkTarget}, which does not exist`}`,
        },
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
  return [{ code: 'command.not-found', location, args: { path, missingPart: missing !== path ? `${missing} is missing` : null } }];
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
    const v = await venvFindings(venv, server, c, location, { reportMissingWithoutCandidate: true });
    if (v) return v;
  }
  return [{ code: 'command.bad-interpreter', location, args: { path, interpreter: shebang.interpreter, viaEnv: false, shebang: shebang.raw.slice(2) } }];
}

/** A launcher that relies on a sibling `.venv`: report that venv when it dangles or its link was lost. */
async function launcherVenvProblems(path: string, server: ServerEntry, c: CheckContext, location: Location): Promise<FindingInput[]> {
  const text = await readText(path, 256 * 1024);
  if (!text) return [];
  const names = mentionsVenv(text);
  const out: FindingInput[] = [];
  const dirs = [...new Set([dirname(path), server.root].filter((d): d is string => !!d))];
  for (const name of names) {
    for (const dir of dirs) {
      const v = await venvFindings(join(dir, name), server, c, location, { reportMissingWithoutCandidate: false });
      if (v) {
        out.push(...v);
        return out;
      }
    }
  }
  return out;
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
      const hint = installHints[t.command];
      if (c.inventory.mode === 'author') return [runnerRequired(t.command, server, location, 'command')];
      return [
        {
          code: 'command.not-found',
          location,
          args: { command: t.command, onPath: true, searched: t.resolution.searched.length, fixHint: hint ? `Install ${t.command} (${hint}), or put it on the PATH Claude Code starts with.` : undefined },
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
      const v = await venvFindings(venv, server, c, location, { reportMissingWithoutCandidate: true });
      if (v) return v;
    }
    return (await isShellScript(path)) ? launcherVenvProblems(path, server, c, location) : [];
  },
});
