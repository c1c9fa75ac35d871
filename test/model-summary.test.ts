/**
 * The model's summary (src/render/model-summary.ts) at any size, in process on generated homes: a home with
 * hundreds of failing servers still gives a result of about 10,000 characters, the first failing servers with
 * their root cause, the rest named, and the count of what is fine; a healthy home says so in a line.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runDoctor } from '../src/core/engine/run.js';
import { createContext } from '../src/core/model/context.js';
import { renderModelSummary, sessionStartMessage } from '../src/render/model-summary.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A home whose ~/.claude.json holds `failing` servers with a missing program and `ok` servers running node. */
async function summaryOf(failing: number, ok: number) {
  const root = mkdtempSync(join(tmpdir(), 'mcp-doctor-summary-'));
  dirs.push(root);
  const home = join(root, 'home');
  mkdirSync(join(home, '.claude'), { recursive: true });
  mkdirSync(join(root, 'project'));
  const servers: Record<string, unknown> = {};
  for (let i = 0; i < failing; i++) servers[`broken-${i}-${'x'.repeat(i % 7 === 0 ? 150 : 5)}`] = { command: `not-installed-server-${i}` };
  for (let i = 0; i < ok; i++) servers[`fine-${i}`] = { command: 'node', args: ['-e', `0 // ${i}`] };
  writeFileSync(join(home, '.claude.json'), JSON.stringify({ mcpServers: servers }));
  const ctx = createContext({ cwd: join(root, 'project'), homedir: home, env: { HOME: home, PATH: '/usr/bin:/bin' } });
  const { report } = await runDoctor(ctx, { version: 'test', probe: false });
  return { text: renderModelSummary(report, { homedir: home }), hook: sessionStartMessage(report) };
}

describe('the model summary', () => {
  it.each([
    [3, 5],
    [300, 20],
  ])('%i failing and %i fine servers: about 10,000 characters at most, causes first, what is fine counted', async (failing, ok) => {
    const { text, hook } = await summaryOf(failing, ok);
    expect(text.length).toBeLessThan(10_500);
    expect(text).toMatch(new RegExp(`^mcp-doctor test: ${failing + ok} MCP servers in 0 plugins: ${ok} ok, ${failing} failing`));
    expect(text.slice(0, 2_000)).toContain('✘ broken-0-');
    expect(text).toContain(`${ok} servers are fine (not listed).`);
    expect(text).not.toContain('fine-0');
    if (failing > 20) expect(text).toMatch(/… and 280 more: .*, and 240 others \(narrow with plugin or server\)/);
    expect(hook!.systemMessage).toMatch(new RegExp(`^mcp-doctor: ${failing} MCP servers will fail to load: broken-0-x+…?, `));
    expect(JSON.stringify(hook).length).toBeLessThan(4_000);
  });

  it('a healthy home: one line that says so, and no hook message', async () => {
    const { text, hook } = await summaryOf(0, 3);
    expect(text).toMatch(/\nNothing to fix: 3 servers are fine\.\n$/);
    expect(hook).toBeNull();
  });
});
