import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { JSON_SCHEMA_FILE, interchangeJsonSchemaText } from './format';

describe('docs/lowbal.schema.json', () => {
  it('is what the zod schemas generate (run `npm run schema` after changing them)', () => {
    const checkedIn = fs.readFileSync(path.resolve(__dirname, '../../..', JSON_SCHEMA_FILE), 'utf8');
    expect(checkedIn).toBe(interchangeJsonSchemaText());
  });

  it('describes the document the SPEC shows', () => {
    const schema = JSON.parse(interchangeJsonSchemaText());
    expect(schema.required).toEqual(['format', 'version']);
    expect(Object.keys(schema.properties)).toEqual([
      'format',
      'version',
      'exportedAt',
      'currencies',
      'resellers',
      'users',
      'profiles',
      'clients',
    ]);
    const client = schema.properties.clients.items;
    expect(client.required).toEqual(['name', 'reseller', 'currency', 'balance']);
    expect(client.additionalProperties).toBe(false);
  });
});
