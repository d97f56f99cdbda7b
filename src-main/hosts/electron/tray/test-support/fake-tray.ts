import { EventEmitter } from 'node:events';
import type { MenuItemConstructorOptions } from 'electron';

/** A tray icon that records what the app shows in it; its menu can be clicked. */
export class FakeTray extends EventEmitter {
  static created: FakeTray[] = [];
  tooltip = '';
  menu: MenuItemConstructorOptions[] = [];
  destroyed = false;
  constructor(public image: string) {
    super();
    FakeTray.created.push(this);
  }
  setImage(image: string): void {
    this.image = image;
  }
  setToolTip(tooltip: string): void {
    this.tooltip = tooltip;
  }
  /** The fake `Menu.buildFromTemplate` returns the template itself. */
  setContextMenu(menu: MenuItemConstructorOptions[]): void {
    this.menu = menu;
  }
  destroy(): void {
    this.destroyed = true;
  }
  labels(): string[] {
    return this.menu.map((item) => item.label ?? `--${item.type}--`);
  }
  /** Clicks the enabled menu item labelled `label`, as a user would. */
  click(label: string): void {
    const item = this.menu.find((entry) => entry.label === label);
    if (!item?.click) throw new Error(`no menu item "${label}" in ${this.labels().join(' | ')}`);
    if (item.enabled === false) throw new Error(`menu item "${label}" is disabled`);
    (item.click as () => void)();
  }
}

/** A desktop notification that records itself when shown; `click()` acts as the user's click. */
export class FakeNotification extends EventEmitter {
  static shown: FakeNotification[] = [];
  static isSupported(): boolean {
    return true;
  }
  constructor(readonly options: { title: string; body: string; icon?: string }) {
    super();
  }
  show(): void {
    FakeNotification.shown.push(this);
  }
  click(): void {
    this.emit('click');
  }
}

/** Forgets earlier tests' trays and notifications. */
export function resetFakeTray(): void {
  FakeTray.created = [];
  FakeNotification.shown = [];
}
