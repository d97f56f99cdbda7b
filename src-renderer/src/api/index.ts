import { ApiError, createApi, type Transport } from './client';
import { createHttpTransport, takeTokenFromLocation } from './http-transport';

declare global {
  interface Window {
    /** Set by the Electron preload bridge; absent in a browser. */
    lowbal?: Transport;
  }
}

/** The typed core API: through the preload bridge inside Electron, over HTTP in a browser. */
export const api = createApi(window.lowbal ?? createHttpTransport(takeTokenFromLocation()));
export { ApiError };
