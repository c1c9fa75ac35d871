/**
 * `cmd /c npx …`, `powershell -File …`, `npx.cmd`, `C:\Python312\python.exe` on Linux or macOS: entries written
 * for Windows. Claude Code looks the name up on PATH and fails ("Executable not found in $PATH",
 * docs/claude-code-facts.md §9); "install cmd" would be the wrong advice. Give the POSIX form of the same command
 * when there is one.
 */
import { findOnPath, resolveCommand } from '../command/resolve-command.js';
import { splitWords } from '../command/split-words.js';
import { exists } from '../util/fs-facts.js';
import type { FindingInput } from '../model/types.js';
import { at, defineCheck, stdioCommand, type CheckContext } from './define-check.js';

const winBase = (p: string) => (p.split(/[\\/]/).pop() ?? p).toLowerCase();
const stripExt = (name: string) => name.replace(/\.(exe|cmd|bat|com)$/i, '');

/** The POSIX program for a Windows one: `npx.cmd` → npx, `python.exe` → python3 when plain python is absent. */
async function posixProgram(name: string, c: CheckContext): Promise<string> {
  const bare = stripExt(winBase(name));
  if (bare === 'python' && !(await findOnPath('python', c.ctx.env, c.ctx.platform)) && (await findOnPath('python3', c.ctx.env, c.ctx.platform))) return 'python3';
  return bare;
}

interface Diagnosis {
  why: string;
  command?: string;
  args?: unknown[];
  fixHint?: string;
}

async function diagnose(words: string[], rawArgs: unknown[], c: CheckContext): Promise<Diagnosis | null> {
  const [program = '', ...rest] = words;
  const name = winBase(program);
  const all = [...rest, ...rawArgs];
  if (name === 'cmd' || name === 'cmd.exe') {
    const flag = typeof all[0] === 'string' ? all[0].toLowerCase() : '';
    if ((flag === '/c' || flag === '/k') && typeof all[1] === 'string') {
      return { why: `cmd ${flag} runs the Windows command shell`, command: await posixProgram(all[1], c), args: all.slice(2) };
    }
    return { why: 'cmd is the Windows command shell' };
  }
  if (/^(powershell|pwsh)(\.exe)?$/.test(name)) {
    return {
      why: 'PowerShell',
      fixHint: 'This entry runs a PowerShell script; on Linux and macOS give the server a POSIX command instead (or install PowerShell as pwsh and use that name).',
    };
  }
  if (/^[a-z]:[\\/]/i.test(program) || /\.(exe|cmd|bat)$/i.test(program)) {
    return { why: /^[a-z]:[\\/]/i.test(program) ? 'a C:\\ path' : `a ${name.slice(name.lastIndexOf('.'))} program`, command: await posixProgram(program, c), args: all };
  }
  return null;
}

export default defineCheck({
  id: 'windows-command',
  subject: 'server',
  codes: ['command.windows-only'],
  async run(server, c) {
    const site = stdioCommand(server, c);
    const raw = server.config.command;
    if (!site || c.ctx.platform === 'win32' || typeof raw !== 'string') return [];
    const { doc, command } = site;
    // Something by that name exists here (WSL's cmd.exe, an installed pwsh): it is not Windows-only.
    const whole = await resolveCommand(command, c.ctx.cwd, c.ctx.env, c.ctx.platform);
    if (whole.path && (await exists(whole.path))) return [];
    const rawArgs = Array.isArray(server.config.args) ? server.config.args : [];
    // `C:\Program Files\nodejs\node.exe` has a blank but is one program; `cmd /c npx` is three words.
    const words = /^[a-z]:[\\/]/i.test(raw) && /\.(exe|cmd|bat)$/i.test(raw) ? [raw] : splitWords(raw);
    const d = await diagnose(words, rawArgs, c);
    if (!d) return [];
    const corrected = d.command ? JSON.stringify({ command: d.command, args: d.args ?? [] }) : null;
    const out: FindingInput = {
      code: 'command.windows-only',
      location: at(doc, [...(server.source.pointer ?? []), 'command']),
      args: { command: raw, why: d.why, platform: c.ctx.platform === 'darwin' ? 'macOS' : 'Linux', corrected, fixHint: d.fixHint },
    };
    return [out];
  },
});
