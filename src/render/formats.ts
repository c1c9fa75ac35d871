/**
 * The output formats by name, apart from the renderers themselves so that parsing the command line does not
 * load them (`--version` and `--help` stay fast). `render/index.ts` maps each name to its renderer.
 */
export const formats = ['text', 'json', 'sarif', 'github', 'gitlab', 'junit', 'markdown'] as const;

export type Format = (typeof formats)[number];

export function isFormat(value: string): value is Format {
  return (formats as readonly string[]).includes(value);
}
