/** A located pointer into a JSON document: the shape every finding and source reference uses. */
import type { JsonDocument } from '../model/types.js';

export function locationOf(doc: JsonDocument, pointer: (string | number)[]) {
  return { file: doc.file, pointer, ...doc.locate(pointer) };
}
