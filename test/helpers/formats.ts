/** The one format the report schema uses, without pulling in ajv-formats. */
import type { Ajv } from 'ajv';

export default function addFormats(ajv: Ajv): void {
  ajv.addFormat('date-time', (v: string) => !Number.isNaN(Date.parse(v)) && /^\d{4}-\d{2}-\d{2}T/.test(v));
}
