/**
 * The engine's public surface for scripts in this repository (the corpus agreement and the benchmarks): the
 * build bundles it to `.build/engine.js`, which is not shipped.
 */
export { createContext } from './context.js';
export { runDoctor } from './run.js';
export { poolSize } from './probe/spawn-pool.js';
