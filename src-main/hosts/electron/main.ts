// Placeholder: the Electron host is being written.
export {};
