import { describe, expect, it } from 'vitest';
import { CommonPasswordBlocklist } from '../../../src/infra/auth/common-password-blocklist.js';

describe('CommonPasswordBlocklist', () => {
  const blocklist = new CommonPasswordBlocklist();

  it.each(['password', '12345678', 'qwertyuiop', 'iloveyou', 'Password', 'PASSWORD1'])('refuses %s', (p) => {
    expect(blocklist.isCommon(p)).toBe(true);
  });

  it.each(['correct horse battery staple', 'Tr0mb0n-Sabana-42', 'mi perro come ñoquis'])('accepts %s', (p) => {
    expect(blocklist.isCommon(p)).toBe(false);
  });
});
