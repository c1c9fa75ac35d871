/**
 * Whether mcp-doctor paints its output: one decision, taken once, used by the text renderer and the live
 * view alike. An explicit `--color always|never` (`--no-color` is `never`) wins; then `FORCE_COLOR`
 * (`0`/`false` turn colour off, any other non-empty value on), which beats `NO_COLOR` as Node's own
 * terminal code does, since it is usually set for one command while NO_COLOR is a standing preference;
 * then `NO_COLOR` (any non-empty value, per no-color.org); then `TERM=dumb`; else colour when stdout is a
 * terminal.
 */
export const colorModes = ['auto', 'always', 'never'] as const;
export type ColorMode = (typeof colorModes)[number];

/** What commander hands over: the `--color` value, `false` for `--no-color`, undefined when neither was given. */
export function colorMode(option: string | boolean | undefined): ColorMode {
  if (option === false) return 'never';
  if (option === undefined || option === true) return 'auto';
  return (colorModes as readonly string[]).includes(option) ? (option as ColorMode) : 'auto';
}

export function wantsColor(mode: ColorMode, env: Record<string, string | undefined>, stdoutIsTTY: boolean): boolean {
  if (mode !== 'auto') return mode === 'always';
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force.toLowerCase() !== 'false';
  if (env.NO_COLOR) return false;
  if (env.TERM === 'dumb') return false;
  return stdoutIsTTY;
}
