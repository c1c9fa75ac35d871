/** The one format the report schema uses, without pulling in ajv-formats. */
import type { Ajv } from 'ajv';

export default function addFormats(ajv: Ajv): void {
  ajv.addFormat('date-time', (v: string) => !Number.isNaN(Date.parse(v)) && /^\d{4}-\d{2}-\d{2}T/.test(v));
}

/** The URI formats the SARIF 2.1.0 schema uses. */
export function addUriFormats(ajv: { addFormat(name: string, test: (v: string) => boolean): unknown }): void {
  const parses = (v: string, base?: string) => {
    try {
      new URL(v, base);
      return true;
    } catch {
      return false;
    }
  };
  ajv.addFormat('uri', (v: string) => /^[a-z][a-z0-9+.-]*:/i.test(v) && parses(v));
  ajv.addFormat('uri-reference', (v: string) => !/\s/.test(v) && parses(v, 'file:///'));
  ajv.addFormat('date-time', (v: string) => !Number.isNaN(Date.parse(v)) && /^\d{4}-\d{2}-\d{2}T/.test(v));
}
