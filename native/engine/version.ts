/** The engine's version, recorded in every case, import and finding it writes. */
export const APP_VERSION = '0.1.0';
