/**
 * WeChat open data (开放数据: wx.getWeRunData and friends) decrypted with the user's session_key,
 * following WeChat's documented algorithm: AES-128-CBC, PKCS#7 padding, the session_key, the iv
 * and the data all Base64. The plaintext carries a watermark {appid, timestamp}: the appid must
 * be ours, and the timestamp (seconds, when WeChat produced the data) fresh.
 * https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/signature.html
 *
 * Pure: no I/O, the clock is a parameter. Errors carry a reason for programs and never the key.
 */
import { createDecipheriv } from 'node:crypto';

export type OpenDataFailure =
  /** not Base64, or a key / iv of the wrong length */
  | 'bad_base64'
  /** padding or JSON broken: the session_key is not the one the data was encrypted with, or the data was altered */
  | 'decrypt_failed'
  /** well-formed, but for another mini-program */
  | 'wrong_appid'
  /** the watermark is older than allowed, or in the future */
  | 'stale'
  /** decrypted JSON without a watermark */
  | 'malformed';

export class OpenDataError extends Error {
  constructor(readonly reason: OpenDataFailure) {
    super(`WeChat open data rejected: ${reason}`);
    this.name = 'OpenDataError';
  }
}

export interface OpenDataInput {
  sessionKey: string;
  encryptedData: string;
  iv: string;
  appId: string;
  /** milliseconds since the epoch */
  now: number;
  /** how old the watermark may be; default 10 minutes */
  maxAgeSeconds?: number;
  /** how far ahead of our clock it may be; default 5 minutes */
  maxSkewSeconds?: number;
}

export interface WatermarkedData {
  watermark: { appid: string; timestamp: number };
  [key: string]: unknown;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function strictBase64(value: string, expectedBytes?: number): Buffer {
  if (typeof value !== 'string' || value.length === 0 || !BASE64.test(value)) throw new OpenDataError('bad_base64');
  const bytes = Buffer.from(value, 'base64');
  if (expectedBytes !== undefined && bytes.length !== expectedBytes) throw new OpenDataError('bad_base64');
  return bytes;
}

export function decryptOpenData(input: OpenDataInput): WatermarkedData {
  const key = strictBase64(input.sessionKey, 16);
  const iv = strictBase64(input.iv, 16);
  const data = strictBase64(input.encryptedData);
  if (data.length === 0 || data.length % 16 !== 0) throw new OpenDataError('bad_base64');

  let parsed: unknown;
  try {
    const decipher = createDecipheriv('aes-128-cbc', key, iv);
    decipher.setAutoPadding(true); // PKCS#7
    const plain = Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
    parsed = JSON.parse(plain);
  } catch {
    throw new OpenDataError('decrypt_failed');
  }
  if (parsed === null || typeof parsed !== 'object') throw new OpenDataError('decrypt_failed');
  const watermark = (parsed as { watermark?: unknown }).watermark as { appid?: unknown; timestamp?: unknown } | undefined;
  if (!watermark || typeof watermark !== 'object' || typeof watermark.appid !== 'string' || typeof watermark.timestamp !== 'number') {
    throw new OpenDataError('malformed');
  }
  if (watermark.appid !== input.appId) throw new OpenDataError('wrong_appid');
  const ageSeconds = input.now / 1000 - watermark.timestamp;
  if (ageSeconds > (input.maxAgeSeconds ?? 600) || ageSeconds < -(input.maxSkewSeconds ?? 300)) throw new OpenDataError('stale');
  return parsed as WatermarkedData;
}

export interface WeRunDay {
  /** seconds since the epoch: 00:00 of that day in China time */
  timestamp: number;
  step: number;
}

/** The stepInfoList of decrypted WeRun data; entries that are not {timestamp, step} numbers make it malformed. */
export function weRunDays(data: WatermarkedData): WeRunDay[] {
  const list = (data as { stepInfoList?: unknown }).stepInfoList;
  if (!Array.isArray(list) || list.length > 62) throw new OpenDataError('malformed');
  return list.map((entry: unknown) => {
    const { timestamp, step } = (entry ?? {}) as { timestamp?: unknown; step?: unknown };
    if (typeof timestamp !== 'number' || !Number.isInteger(timestamp) || typeof step !== 'number' || !Number.isInteger(step)) {
      throw new OpenDataError('malformed');
    }
    return { timestamp, step };
  });
}
