/**
 * The floor for the probe benchmark: a bare script that starts every server at once, sends initialize,
 * waits for every answer and exits. No discovery, no checks, no report.
 * Usage: node floor.mjs <servers.json>  (an array of {command, args})
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

const servers = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const init = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'floor', version: '0' } } }) + '\n';
await Promise.all(
  servers.map(
    ({ command, args }) =>
      new Promise((resolve) => {
        const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'ignore'] });
        let out = '';
        child.stdout.on('data', (c) => {
          out += c;
          if (out.includes('\n')) {
            child.kill('SIGKILL');
            resolve();
          }
        });
        child.on('exit', resolve);
        child.stdin.write(init);
      }),
  ),
);
