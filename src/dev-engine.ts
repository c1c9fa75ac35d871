/**
 * What this repository's own scripts use (the corpus agreement, the benchmarks): the build bundles it to
 * `.build/engine.js`, which is not shipped.
 */
export { createContext } from './core/model/context.js';
export { runDoctor } from './core/engine/run.js';
export { poolSize } from './core/probe/spawn-pool.js';
export { materializeFixture } from './demo/materialize.js';
