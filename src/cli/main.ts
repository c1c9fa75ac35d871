#!/usr/bin/env node
/**
 * The entry point. `--version` and `--help` are answered from the package itself without loading the
 * command line (commander, the engine): they cost little more than starting Node. Everything else loads
 * the command line proper (cli.ts).
 */
import { fastAnswer } from './fast-path.js';

if (!fastAnswer(process.argv.slice(2), process.env)) await import('./cli.js');
