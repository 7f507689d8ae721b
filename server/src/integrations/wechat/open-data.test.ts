import { randomBytes } from 'node:crypto';
import { encryptOpenData, encryptWeRunData, weRunDays as makeDays } from '../../../../mocks/wechat/werun';
import { decryptOpenData, OpenDataError, weRunDays, type OpenDataFailure } from './open-data';

const appId = 'wx-test-appid';
const sessionKey = randomBytes(16).toString('base64');
const now = Date.UTC(2027, 1, 10, 4, 0, 0);
const stepInfoList = makeDays(now, (daysAgo) => 1000 + daysAgo);

function reasonOf(run: () => unknown): OpenDataFailure | 'passed' | 'other' {
  try {
    run();
    return 'passed';
  } catch (error) {
    return error instanceof OpenDataError ? error.reason : 'other';
  }
}

describe('decryptOpenData (AES-128-CBC, PKCS#7, Base64)', () => {
  const good = encryptWeRunData(sessionKey, { appId, stepInfoList, watermarkMs: now - 30_000 });

  it('decrypts data for our appid with a fresh watermark', () => {
    const data = decryptOpenData({ sessionKey, ...good, appId, now });
    expect(data.watermark).toEqual({ appid: appId, timestamp: Math.floor((now - 30_000) / 1000) });
    expect(weRunDays(data)).toEqual(stepInfoList);
    expect(weRunDays(data)).toHaveLength(31);
  });

  it('refuses another appid', () => {
    const other = encryptWeRunData(sessionKey, { appId: 'wx-someone-else', stepInfoList, watermarkMs: now });
    expect(reasonOf(() => decryptOpenData({ sessionKey, ...other, appId, now }))).toBe('wrong_appid');
  });

  it('refuses a stale watermark, and one from the future', () => {
    const old = encryptWeRunData(sessionKey, { appId, stepInfoList, watermarkMs: now - 11 * 60_000 });
    expect(reasonOf(() => decryptOpenData({ sessionKey, ...old, appId, now }))).toBe('stale');
    const ahead = encryptWeRunData(sessionKey, { appId, stepInfoList, watermarkMs: now + 6 * 60_000 });
    expect(reasonOf(() => decryptOpenData({ sessionKey, ...ahead, appId, now }))).toBe('stale');
  });

  it('cannot decrypt with another session_key', () => {
    const wrongKey = randomBytes(16).toString('base64');
    expect(reasonOf(() => decryptOpenData({ sessionKey: wrongKey, ...good, appId, now }))).toBe('decrypt_failed');
  });

  it('refuses bad Base64 in the data, the iv and the key', () => {
    expect(reasonOf(() => decryptOpenData({ sessionKey, ...good, encryptedData: `${good.encryptedData.slice(1)}*`, appId, now }))).toBe('bad_base64');
    expect(reasonOf(() => decryptOpenData({ sessionKey, ...good, iv: 'not base64!', appId, now }))).toBe('bad_base64');
    expect(reasonOf(() => decryptOpenData({ sessionKey, ...good, iv: Buffer.alloc(8).toString('base64'), appId, now }))).toBe('bad_base64');
    expect(reasonOf(() => decryptOpenData({ sessionKey: 'short', ...good, appId, now }))).toBe('bad_base64');
  });

  it('notices tampered data', () => {
    const bytes = Buffer.from(good.encryptedData, 'base64');
    // flipping a bit in the last block breaks the PKCS#7 padding or the JSON
    for (const position of [bytes.length - 1, 5, bytes.length - 20]) {
      const tampered = Buffer.from(bytes);
      tampered[position]! ^= 0x5a;
      expect(reasonOf(() => decryptOpenData({ sessionKey, iv: good.iv, encryptedData: tampered.toString('base64'), appId, now }))).not.toBe('passed');
    }
    const truncated = bytes.subarray(0, bytes.length - 16).toString('base64');
    expect(reasonOf(() => decryptOpenData({ sessionKey, iv: good.iv, encryptedData: truncated, appId, now }))).toBe('decrypt_failed');
  });

  it('wants a watermark and a proper stepInfoList', () => {
    const noMark = encryptOpenData(sessionKey, { stepInfoList });
    expect(reasonOf(() => decryptOpenData({ sessionKey, ...noMark, appId, now }))).toBe('malformed');
    const badList = encryptOpenData(sessionKey, { stepInfoList: [{ timestamp: 'x', step: 1 }], watermark: { appid: appId, timestamp: now / 1000 } });
    expect(reasonOf(() => weRunDays(decryptOpenData({ sessionKey, ...badList, appId, now })))).toBe('malformed');
  });
});
