/**
 * Upload URLs are signed (HMAC over id + expiry) instead of needing an Authorization header:
 * `<Image src>` in a mini-program cannot send one. Each response re-signs the files it names.
 */
import type { DataField, FileValue, FormValues, MicroAppDefinition } from '../../../../types/microapp';
import { hmac, safeEqual } from '../../shared/crypto';

export const UPLOAD_URL_TTL_SECONDS = 3600;

export interface FileSigner {
  url(id: string, now: Date): string;
  verify(id: string, exp: number, sig: string, now: Date): boolean;
}

export function createFileSigner(key: Buffer, baseUrl: string): FileSigner {
  const base = baseUrl.replace(/\/+$/, '');
  return {
    url(id, now) {
      const exp = Math.floor(now.getTime() / 1000) + UPLOAD_URL_TTL_SECONDS;
      return `${base}/api/uploads/${id}/content?exp=${exp}&sig=${hmac(key, `${id}.${exp}`)}`;
    },
    verify(id, exp, sig, now) {
      return exp * 1000 > now.getTime() && safeEqual(sig, hmac(key, `${id}.${exp}`));
    },
  };
}

/** The values with every file item given a fresh signed url. */
export function signValues(definition: MicroAppDefinition, values: FormValues, signer: FileSigner, now: Date): FormValues {
  const fields = new Map<string, DataField>(definition.metadata.fields.map((f) => [f.key, f]));
  const out: FormValues = {};
  for (const [key, value] of Object.entries(values)) {
    const type = fields.get(key)?.type;
    out[key] = (type === 'image' || type === 'file') && Array.isArray(value) ? signFiles(value as FileValue[], signer, now) : value;
  }
  return out;
}

export const signFiles = (files: FileValue[], signer: FileSigner, now: Date): FileValue[] =>
  files.map((file) => ({ ...file, url: signer.url(file.id, now) }));
