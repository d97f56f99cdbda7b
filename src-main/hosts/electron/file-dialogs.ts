import fs from 'node:fs/promises';
import path from 'node:path';
import type { BaseWindow, Dialog } from 'electron';

/**
 * Native open and save dialogs for the interchange files (import and export).
 * The host wires them to the window; in a browser the renderer uses upload
 * and download instead.
 */

const JSON_FILTERS = [
  { name: 'Lowbal JSON', extensions: ['json'] },
  { name: 'All files', extensions: ['*'] },
];

export interface OpenedFile {
  path: string;
  name: string;
  text: string;
}

/** Asks for a JSON file to import and reads it; null when the dialog is cancelled. */
export async function openJsonFile(
  dialog: Pick<Dialog, 'showOpenDialog'>,
  window: BaseWindow | null,
): Promise<OpenedFile | null> {
  const options: Electron.OpenDialogOptions = {
    title: 'Import a Lowbal file',
    properties: ['openFile'],
    filters: JSON_FILTERS,
  };
  const choice = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  const file = choice.filePaths[0];
  if (choice.canceled || !file) return null;
  return { path: file, name: path.basename(file), text: await fs.readFile(file, 'utf8') };
}

/** Asks where to save an export (proposing `suggestedName`) and writes it; null when cancelled. */
export async function saveJsonFile(
  dialog: Pick<Dialog, 'showSaveDialog'>,
  window: BaseWindow | null,
  suggestedName: string,
  text: string,
): Promise<{ path: string } | null> {
  const options: Electron.SaveDialogOptions = {
    title: 'Export Lowbal data',
    defaultPath: suggestedName,
    filters: JSON_FILTERS,
  };
  const choice = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  if (choice.canceled || !choice.filePath) return null;
  await fs.writeFile(choice.filePath, text);
  return { path: choice.filePath };
}
