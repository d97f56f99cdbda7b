import { it } from 'vitest';
import { createTestCore } from '../../test-support/test-core';
it('smoke', async () => {
  const a = await createTestCore();
  await a.call('sample.load', {});
  const ex = await a.call('interchange.export', {});
  process.stderr.write(ex.text.slice(0, 3000) + '\n' + JSON.stringify(ex.counts) + '\n');
  const pv = await a.call('interchange.preview', { text: ex.text });
  process.stderr.write(JSON.stringify(pv) + '\n');
  const b = await createTestCore();
  const pv2 = await b.call('interchange.preview', { text: ex.text });
  process.stderr.write(JSON.stringify(pv2) + '\n');
  await b.call('interchange.apply', { text: ex.text });
  const ex2 = await b.call('interchange.export', {});
  const strip = (t: string) => t.replace(/"exportedAt": "[^"]*"/, '');
  process.stderr.write('EQUAL ' + (strip(ex.text) === strip(ex2.text)) + '\n');
});
