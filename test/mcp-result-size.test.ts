/**
 * What the model gets from `diagnose` on the 41-server fixture world (scripts/bench/world41.mjs), through the
 * plugin's own launcher, as Claude Code starts it: under 10,000 characters in all, text only (Claude Code would
 * forward structured JSON instead), and every failing server's root cause, named as Claude Code names the
 * server, within the first 2,000 characters (Claude Code shows the model a 2 KB preview of a long result).
 * test/claude-code-plugin.test.ts measures the same through the real Claude Code when CLAUDE_BIN is set.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, describe, expect, it } from 'vitest';
import { FAILING, makeWorld41 } from '../scripts/bench/world41.mjs';
import { repoRoot, TEST_PATH } from './helpers/run-cli.js';

const world = makeWorld41();
afterAll(() => rmSync(world.root, { recursive: true, force: true }));

describe('diagnose on the 41-server world', () => {
  it('is short, text only, and names every root cause in its first 2,000 characters', async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [join(repoRoot, 'plugins', 'mcp-doctor', 'scripts', 'mcp-doctor.mjs'), 'mcp'],
      cwd: world.project,
      env: { PATH: TEST_PATH, ...world.env },
      stderr: 'pipe',
    });
    const client = new Client({ name: 'size-test', version: '1.0.0' });
    await client.connect(transport);
    try {
      const result = await client.callTool({ name: 'diagnose', arguments: {} });
      expect(result.structuredContent).toBeUndefined();
      const text = (result.content as { type: string; text: string }[]).map((c) => c.text).join('');
      expect(text).toMatch(/^mcp-doctor \S+: 41 MCP servers in 12 plugins: 37 ok, 4 failing/);
      expect(text.length).toBeLessThan(10_000);
      const head = text.slice(0, 2_000);
      for (const [server, code] of Object.entries(FAILING)) expect(head, server).toContain(`✘ ${server}: ${code}: `);
      // What will not load at all is there too: the unparseable .mcp.json and the missing install folder.
      expect(text).toMatch(/plugin search@w41 .*config\.invalid-json/);
      expect(text).toMatch(/plugin gone@fx .*registry\.install-missing/);
      // Healthy servers are counted, not listed; no finding appears twice.
      expect(text).not.toContain('alpha-1');
      expect(text).toContain('37 servers are fine (not listed).');
    } finally {
      await client.close();
    }
  });
});
