import { EventEmitter } from 'node:events';
import path from 'node:path';
import type { Settings } from 'electron';
import { FakeNotification, FakeTray, resetFakeTray } from '../tray/test-support/fake-tray';
import type { ElectronModule } from '../electron-host';

/** An event as Electron passes it to `will-navigate` and friends. */
export class FakeEvent {
  defaultPrevented = false;
  constructor(readonly url = '') {}
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export class FakeFrame {
  constructor(
    public url: string,
    readonly processId = 1,
    readonly routingId = 1,
  ) {}
}

export class FakeWebContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  mainFrame: FakeFrame;
  windowOpenHandler?: (details: { url: string }) => { action: string };
  /** What the host pushed to the page: `[channel, ...args]`. */
  readonly sent: unknown[][] = [];
  constructor(url = '') {
    super();
    this.mainFrame = new FakeFrame(url, this.id, 1);
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args]);
  }
  /** What happens when the page navigates itself to `url`. */
  navigate(url: string): FakeEvent {
    const event = new FakeEvent(url);
    this.emit('will-navigate', event);
    return event;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static created: FakeBrowserWindow[] = [];
  static onCreate?: (window: FakeBrowserWindow) => void;
  readonly webContents = new FakeWebContents();
  loaded?: string;
  destroyed = false;
  focused = false;
  visible = false;
  constructor(readonly options: Record<string, unknown> & { webPreferences: Record<string, unknown> }) {
    super();
    FakeBrowserWindow.created.push(this);
    FakeBrowserWindow.onCreate?.(this);
  }
  async loadURL(url: string): Promise<void> {
    this.loaded = url;
  }
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  isVisible(): boolean {
    return this.visible;
  }
  /** What the window's close button does: `close`, and unless that was prevented, `closed`. */
  close(): FakeEvent {
    const event = new FakeEvent();
    this.emit('close', event);
    if (!event.defaultPrevented) {
      this.destroyed = true;
      this.visible = false;
      this.emit('closed');
    }
    return event;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  focus(): void {
    this.focused = true;
  }
}

type IpcHandler = (event: unknown, input: unknown) => Promise<unknown>;

export interface FakeElectron {
  electron: ElectronModule;
  app: EventEmitter & {
    paths: Record<string, string>;
    quits: number;
    exits: number[];
    name?: string;
    loginItems: Settings[];
    quit(): void;
  };
  handlers: Map<string, IpcHandler>;
  opened: string[];
  errorBoxes: string[];
  menuTemplate?: unknown[];
  session: {
    permissionRequest?: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;
    permissionCheck?: () => boolean;
    headers?: (
      details: { responseHeaders?: Record<string, string[]> },
      callback: (response: { responseHeaders: Record<string, string[]> }) => void,
    ) => void;
    willDownload?: (event: unknown, item: unknown) => void;
  };
}

/** Just enough of the `electron` module for the host: records what the host asks of it. */
export function createFakeElectron(options: { singleInstance?: boolean } = {}): FakeElectron {
  FakeBrowserWindow.created = [];
  resetFakeTray();
  const app = Object.assign(new EventEmitter(), {
    paths: {} as Record<string, string>,
    quits: 0,
    exits: [] as number[],
    name: undefined as string | undefined,
    isPackaged: false,
    loginItems: [] as Settings[],
    getAppPath: () => path.resolve(__dirname, '../../../..'),
    setLoginItemSettings(settings: Settings) {
      app.loginItems.push(settings);
    },
    setName(name: string) {
      app.name = name;
    },
    setPath(key: string, value: string) {
      app.paths[key] = value;
    },
    requestSingleInstanceLock: () => options.singleInstance ?? true,
    enableSandbox() {},
    whenReady: () => Promise.resolve(),
    quit() {
      app.quits += 1;
      app.emit('before-quit', new FakeEvent());
      const event = new FakeEvent();
      app.emit('will-quit', event);
    },
    exit(code: number) {
      app.exits.push(code);
    },
  });
  FakeBrowserWindow.onCreate = (window) => {
    app.emit('web-contents-created', new FakeEvent(), window.webContents);
    app.emit('browser-window-created', new FakeEvent(), window);
  };
  const fake: FakeElectron = {
    app,
    handlers: new Map(),
    opened: [],
    errorBoxes: [],
    session: {},
    electron: undefined as unknown as ElectronModule,
  };
  const session = {
    setPermissionRequestHandler: (handler: FakeElectron['session']['permissionRequest']) => {
      fake.session.permissionRequest = handler;
    },
    setPermissionCheckHandler: (handler: FakeElectron['session']['permissionCheck']) => {
      fake.session.permissionCheck = handler;
    },
    webRequest: {
      onHeadersReceived: (handler: FakeElectron['session']['headers']) => {
        fake.session.headers = handler;
      },
    },
    on: (event: string, handler: FakeElectron['session']['willDownload']) => {
      if (event === 'will-download') fake.session.willDownload = handler;
    },
  };
  fake.electron = {
    app,
    BrowserWindow: FakeBrowserWindow,
    dialog: {
      showErrorBox: (title: string, content: string) => fake.errorBoxes.push(`${title}: ${content}`),
    },
    ipcMain: {
      handle: (channel: string, handler: IpcHandler) => {
        if (fake.handlers.has(channel))
          throw new Error(`Attempted to register a second handler for '${channel}'`);
        fake.handlers.set(channel, handler);
      },
    },
    Menu: {
      buildFromTemplate: (template: unknown[]) => template,
      setApplicationMenu: (menu: unknown[]) => {
        fake.menuTemplate = menu;
      },
    },
    Notification: FakeNotification,
    safeStorage: {
      isEncryptionAvailable: () => true,
      encryptString: (plain: string) => Buffer.from(`enc:${plain}`),
      decryptString: (encrypted: Buffer) => encrypted.toString().replace(/^enc:/, ''),
    },
    session: { defaultSession: session },
    Tray: FakeTray,
    shell: {
      openExternal: async (url: string) => {
        fake.opened.push(url);
      },
    },
  } as unknown as ElectronModule;
  return fake;
}
