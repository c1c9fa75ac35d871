/**
 * Reads a failed server's stderr for the root causes that have a recognisable signature: a missing
 * Python or Node module, a shell launcher's "command not found", a missing shared library, a #! line
 * with a carriage return, a script the interpreter cannot open.
 */
import type { FindingInput } from '../model/types.js';

export type Classified = Omit<FindingInput, 'location'>;

export function classifyStderr(stderr: string, interpreter: string): Classified[] {
  const out: Classified[] = [];
  const seen = new Set<string>();
  const add = (f: Classified, key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    out.push(f);
  };
  for (const m of stderr.matchAll(/ModuleNotFoundError: No module named '([^']+)'/g)) {
    add({ code: 'deps.python-module', args: { module: m[1] ?? '', interpreter, line: m[0] } }, `py:${m[1]}`);
  }
  for (const m of stderr.matchAll(/ImportError: cannot import name '([^']+)' from '([^']+)'/g)) {
    add({ code: 'deps.python-module', args: { module: m[2] ?? '', name: m[1] ?? '', interpreter, line: m[0] } }, `py:${m[2]}`);
  }
  for (const m of stderr.matchAll(/(?:Cannot find (?:module|package) '([^']+)'|Error \[ERR_MODULE_NOT_FOUND\]: Cannot find (?:module|package) '([^']+)')/g)) {
    const spec = m[1] ?? m[2] ?? '';
    if (spec.startsWith('/') || spec.startsWith('.') || /^[A-Za-z]:\\/.test(spec)) {
      add({ code: 'command.script-missing', args: { interpreter, path: spec, line: m[0] } }, `script:${spec}`);
    } else {
      const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] ?? spec);
      add({ code: 'deps.node-module', args: { module: pkg, specifier: spec, line: m[0] } }, `node:${pkg}`);
    }
  }
  for (const m of stderr.matchAll(/can't open file '([^']+)': \[Errno 2\]/g)) {
    add({ code: 'command.script-missing', args: { interpreter, path: m[1] ?? '', line: m[0] } }, `script:${m[1]}`);
  }
  for (const m of stderr.matchAll(/^(?:.*?: )?(?:line \d+: )?([\w.+-]+): (?:command )?not found$/gm)) {
    const tool = m[1] ?? '';
    if (['line', 'sh', 'bash'].includes(tool)) continue;
    add({ code: 'command.toolchain-missing', args: { tool, scriptLine: null, script: interpreter, stderrLine: m[0], fromProbe: true } }, `tool:${tool}`);
  }
  for (const m of stderr.matchAll(/error while loading shared libraries: ([^:\s]+): cannot open shared object file/g)) {
    add({ code: 'command.shared-library-missing', args: { library: m[1] ?? '', line: m[0] } }, `lib:${m[1]}`);
  }
  for (const m of stderr.matchAll(/env: ['‘]?([\w.+-]+)\r['’]?: No such file or directory/g)) {
    add({ code: 'command.bad-interpreter', args: { crlf: true, interpreter: m[1] ?? '', path: interpreter, shebang: `/usr/bin/env ${m[1]}`, line: m[0].replace('\r', '\\r') } }, `crlf`);
  }
  return out;
}
