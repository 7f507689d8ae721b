/**
 * What the WeChat client does on the phone for `wx.getWeRunData`: the last 31 days of steps as
 * JSON with a watermark, AES-128-CBC / PKCS#7 encrypted with the user's current session_key, all
 * Base64. Tests, the stand-in and the fake mini-program host use it to make real WeRun data.
 */
import { createCipheriv, randomBytes } from 'node:crypto';

export interface WeRunEntry {
  /** seconds: 00:00 of the day in China time */
  timestamp: number;
  step: number;
}

const DAY_SECONDS = 86_400;
const CHINA_OFFSET_SECONDS = 8 * 3600;

/** 00:00 China time of the day `daysAgo` before `nowMs`, in seconds. */
export function chinaMidnight(nowMs: number, daysAgo = 0): number {
  const local = Math.floor(nowMs / 1000) + CHINA_OFFSET_SECONDS;
  return local - (local % DAY_SECONDS) - CHINA_OFFSET_SECONDS - daysAgo * DAY_SECONDS;
}

/** 31 days, oldest first, like WeChat; `stepsFor(daysAgo)` decides each day's count. */
export function weRunDays(nowMs: number, stepsFor: (daysAgo: number) => number, count = 31): WeRunEntry[] {
  return Array.from({ length: count }, (_, index) => {
    const daysAgo = count - 1 - index;
    return { timestamp: chinaMidnight(nowMs, daysAgo), step: stepsFor(daysAgo) };
  });
}

export function encryptOpenData(sessionKey: string, payload: unknown, iv: Buffer = randomBytes(16)): { encryptedData: string; iv: string } {
  const cipher = createCipheriv('aes-128-cbc', Buffer.from(sessionKey, 'base64'), iv);
  const encrypted = Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final()]);
  return { encryptedData: encrypted.toString('base64'), iv: iv.toString('base64') };
}

export function encryptWeRunData(
  sessionKey: string,
  options: { appId: string; stepInfoList: WeRunEntry[]; watermarkMs: number },
): { encryptedData: string; iv: string } {
  return encryptOpenData(sessionKey, {
    stepInfoList: options.stepInfoList,
    watermark: { timestamp: Math.floor(options.watermarkMs / 1000), appid: options.appId },
  });
}

/** A plausible, deterministic day of steps for a person (demo data): 2,000 … 17,999. */
export function demoSteps(seed: string, day: number): number {
  let hash = 2166136261;
  for (const char of `${seed}:${day}`) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
  return 2000 + (hash % 16000);
}
