import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Dialog } from 'electron';
import { describe, expect, it } from 'vitest';
import { openJsonFile, saveJsonFile } from './file-dialogs';

const folder = () => fs.mkdtempSync(path.join(os.tmpdir(), 'lowbal-dialogs-'));

/** A dialog that answers with `result` and remembers the options it was shown with. */
function fakeDialog(result: { canceled: boolean; filePaths?: string[]; filePath?: string }) {
  const shown: unknown[] = [];
  const answer = async (...args: unknown[]) => {
    shown.push(args.at(-1));
    return { filePaths: [], ...result };
  };
  return { dialog: { showOpenDialog: answer, showSaveDialog: answer } as unknown as Dialog, shown };
}

describe('file dialogs', () => {
  it('reads the chosen file', async () => {
    const file = path.join(folder(), 'balances.json');
    fs.writeFileSync(file, '{"format":"lowbal","version":1}');
    const { dialog, shown } = fakeDialog({ canceled: false, filePaths: [file] });
    expect(await openJsonFile(dialog, null)).toEqual({
      path: file,
      name: 'balances.json',
      text: '{"format":"lowbal","version":1}',
    });
    expect(shown[0]).toMatchObject({ properties: ['openFile'] });
  });

  it('writes the export where the user chose, proposing the suggested name', async () => {
    const file = path.join(folder(), 'export.json');
    const { dialog, shown } = fakeDialog({ canceled: false, filePath: file });
    expect(await saveJsonFile(dialog, null, 'lowbal-export-2026-11-26.json', '{}\n')).toEqual({ path: file });
    expect(fs.readFileSync(file, 'utf8')).toBe('{}\n');
    expect(shown[0]).toMatchObject({ defaultPath: 'lowbal-export-2026-11-26.json' });
  });

  it('does nothing when the dialog is cancelled', async () => {
    const { dialog } = fakeDialog({ canceled: true });
    expect(await openJsonFile(dialog, null)).toBeNull();
    expect(await saveJsonFile(dialog, null, 'x.json', '{}')).toBeNull();
  });
});
