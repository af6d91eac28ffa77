// The official SARIF 2.1.0 JSON schema (final "rtm.5" text, as shipped by @microsoft/jest-sarif),
// compiled with ajv for draft-04 (the dialect that file declares).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';

const schemaFile = join(process.cwd(), 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');

// CommonJS packages seen from ESM: the class / function may sit on `.default`.
type AjvClass = typeof AjvDraft04.default;
const Ajv = ((AjvDraft04 as unknown as { default?: AjvClass }).default ?? AjvDraft04) as AjvClass;
const addFormats = ((ajvFormats as unknown as { default?: typeof ajvFormats.default }).default ?? ajvFormats) as typeof ajvFormats.default;

type Validate = ((data: unknown) => boolean) & { errors?: unknown[] | null };
let validator: Validate | undefined;

/** Validate a SARIF log against the official schema; returns the ajv errors (empty when valid). */
export function sarifSchemaErrors(log: unknown): unknown[] {
  if (!validator) {
    const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as Record<string, unknown>;
    // unicodeRegExp off: the schema's language pattern has a stray ']' that only the u flag rejects.
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
    addFormats(ajv);
    validator = ajv.compile(schema) as Validate;
  }
  return validator(log) ? [] : [...(validator.errors ?? [])];
}
