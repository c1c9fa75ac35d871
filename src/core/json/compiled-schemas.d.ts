/** The standalone validators scripts/compile-schemas.mjs generates from schemas/ (compiled-schemas.js). */
import type { ValidateFunction } from 'ajv';

export const plugin: ValidateFunction;
export const marketplace: ValidateFunction;
export const mcpServer: ValidateFunction;
export const doctorSettings: ValidateFunction;
