// Loaded with `node --import`: records the URL of every module the process loads in $TRACE_IMPORTS_FILE,
// so a test can prove which dependencies a command line pays for.
import { register } from 'node:module';

register('./trace-imports-hooks.mjs', import.meta.url, { data: { file: process.env.TRACE_IMPORTS_FILE } });
