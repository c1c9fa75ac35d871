/** Catalog codes runtime.*: Interpreters too old for the server. */
import { entry, s, type CatalogEntry } from './words.js';

export const runtimeCodes = {
  'runtime.node-too-old': entry({
    args: ['because', 'have', 'interpreter', 'line', 'need', 'runtime', 'stderrTail'],
    title: 'Node.js on PATH is too old for this server',
    severity: 'error',
    fixable: false,
    explain:
      'The server needs a newer Node.js than the one Claude Code starts it with: its package.json "engines" excludes ' +
      'that version, or it imports a built-in module this Node.js does not have (node:sqlite needs 22.5, for example), ' +
      'and it crashed.',
    message: (a) => `The server needs Node.js ${s(a.need)}${a.because ? ` (${s(a.because)})` : ''}, but ${s(a.interpreter) || 'node'} is ${s(a.have)}.`,
    hint: (a) => `Install Node.js ${s(a.need)} or newer and make it the first node on PATH (the one Claude Code sees), or pin an older release of the server.`,
  }),
  'runtime.python-too-old': entry({
    args: ['because', 'have', 'interpreter', 'line', 'need', 'runtime', 'stderrTail'],
    title: 'Python is too old for this server',
    severity: 'error',
    fixable: false,
    explain:
      'The server failed with a SyntaxError that a newer Python accepts: its pyproject.toml "requires-python" excludes ' +
      'the interpreter that ran it, or its code uses syntax that version does not have.',
    message: (a) => `The server needs Python ${s(a.need)}${a.because ? ` (${s(a.because)})` : ''}, but ${s(a.interpreter) || 'python'} is ${s(a.have)}: ${s(a.line)}`,
    hint: (a) => `Run it with Python ${s(a.need)} or newer (a venv made with that Python, or uv run --python ${s(a.need).replace(/^[^0-9]*/, '')} …).`,
  }),
} satisfies Record<string, CatalogEntry>;
