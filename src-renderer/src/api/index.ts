import { ApiError, createApi, createEventHub, type Transport } from './client';
import { createHttpTransport, takeTokenFromLocation } from './http-transport';

declare global {
  interface Window {
    /** Set by the Electron preload bridge; absent in a browser. */
    lowbal?: Transport;
  }
}

const transport = window.lowbal ?? createHttpTransport(takeTokenFromLocation());

/** The typed core API: through the preload bridge inside Electron, over HTTP in a browser. */
export const api = createApi(transport);

/** The core's events (check progress, engine changes), pushed by the host. */
export const coreEvents = createEventHub(transport);
export { ApiError };
