/** Any value that survives a JSON round trip. */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;

/** A JSON object (string keys, JSON values). */
export interface JsonObject {
  [key: string]: JsonValue;
}
