#!/usr/bin/env node
/** Prints how mcp-doctor's verdicts on the real corpus agree with Claude Code's own (ORACLE.tsv). */
import { existsSync } from 'node:fs';
import { defaultCorpus, evaluateCorpus } from './corpus/agreement.mjs';

const corpus = process.argv[2] ?? defaultCorpus;
if (!existsSync(corpus)) {
  console.error(`corpus not found at ${corpus} (pass its path as the first argument)`);
  process.exit(2);
}
const started = performance.now();
const r = await evaluateCorpus(corpus);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
const pct = (a, b) => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(1)}%`);
console.log(`oracle rows checked:        ${r.rows} (${seconds}s), crashes: ${r.crashes.length}`);
console.log(`files Claude Code accepts:  ${r.accepted}; mcp-doctor config.* errors on them: ${r.falseAlarms.length}`);
console.log(`files Claude Code rejects:  ${r.rejected}; mcp-doctor also reports a config.* error: ${r.caught} (${pct(r.caught, r.rejected)})`);
console.log(`project .mcp.json env vars: same missing variables as Claude Code's warning in ${r.envAgree}/${r.envRows}`);
console.log(`marketplace plugin sources missing in the real repo (Claude Code's validator does not check): ${r.confirmedMissingSources}`);
for (const [title, list] of [['crashes', r.crashes], ['false alarms', r.falseAlarms], ['missed rejections', r.missed], ['env differences', r.envDiffs]]) {
  if (list.length === 0) continue;
  console.log(`\n${title}:`);
  for (const line of list) console.log(`  ${line}`);
}
process.exit(r.crashes.length || r.falseAlarms.length ? 1 : 0);
