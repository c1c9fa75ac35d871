#!/usr/bin/env node
/** Prints how mcp-doctor's verdicts on the real corpus agree with Claude Code's own (ORACLE.tsv), per kind. */
import { existsSync } from 'node:fs';
import { defaultCorpus, evaluateCorpus, kinds } from './corpus/agreement.mjs';

const corpus = process.argv[2] ?? defaultCorpus;
if (!existsSync(corpus)) {
  console.error(`corpus not found at ${corpus} (pass its path as the first argument)`);
  process.exit(2);
}
const started = performance.now();
const r = await evaluateCorpus(corpus);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
const pct = (a, b) => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(1)}%`);
console.log(`oracle rows checked: ${r.rows} (${seconds}s), crashes: ${r.crashes.length}\n`);
console.log('kind          rows  agreement        on files Claude Code accepts   on files it rejects');
for (const k of kinds) {
  const s = r.perKind[k];
  console.log(
    `${k.padEnd(12)} ${String(s.rows).padStart(5)}  ${`${s.agree}/${s.rows} ${pct(s.agree, s.rows)}`.padEnd(15)}  ${`${s.agreeAccepted}/${s.accepted} ${pct(s.agreeAccepted, s.accepted)}`.padEnd(29)}  ${s.caught}/${s.rejected} ${pct(s.caught, s.rejected)}`,
  );
}
console.log(`\nauthor mode errors for a program this machine lacks: ${r.machineFailures.length}`);
console.log(`\nproject .mcp.json env vars: same missing variables as Claude Code's warning in ${r.envAgree}/${r.envRows}`);
console.log('\nevery finding, by kind and class (a verdict is made only by `file` errors; see scripts/corpus/agreement.mjs):');
for (const k of kinds) {
  const rows = Object.entries(r.perKind[k].counts).sort(([a], [b]) => a.localeCompare(b));
  if (rows.length === 0) continue;
  console.log(`  ${k}`);
  for (const [key, n] of rows) {
    const [cls, code] = key.split('\t');
    console.log(`    ${cls.padEnd(22)} ${code.padEnd(30)} on accepted files ${String(n.accepted).padStart(4)}, on rejected files ${String(n.rejected).padStart(4)}`);
  }
}
for (const [title, list] of [['crashes', r.crashes], ['false alarms', r.falseAlarms], ['author-mode errors for a missing program', r.machineFailures], ['missed rejections', r.missed], ['env differences', r.envDiffs]]) {
  if (list.length === 0) continue;
  console.log(`\n${title}:`);
  for (const line of list) console.log(`  ${line}`);
}
const low = kinds.filter((k) => r.perKind[k].rows > 0 && r.perKind[k].agree / r.perKind[k].rows < 0.98);
process.exit(r.crashes.length || r.falseAlarms.length || r.machineFailures.length || low.length ? 1 : 0);
