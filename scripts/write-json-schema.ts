import fs from 'node:fs';
import path from 'node:path';
import { JSON_SCHEMA_FILE, interchangeJsonSchemaText } from '../src-main/core/interchange/format';
import { PROJECT_ROOT } from './project-root';

// `npm run schema`: regenerates the interchange file's JSON Schema from the zod schemas the import validates with.
const file = path.join(PROJECT_ROOT, JSON_SCHEMA_FILE);
fs.writeFileSync(file, interchangeJsonSchemaText());
process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
