import { createHash } from 'node:crypto';

/** SHA-256 of bytes, lower-case hex. */
export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
