import { describe, expect, it } from 'vitest';
import { EMAIL_RE, passwordProblem, passwordStrength } from './passwordRules';

describe('password rules (the server policy, checked while typing)', () => {
  it('flags what the server would refuse', () => {
    expect(passwordProblem('', 'a@b.co')).toBe('required');
    expect(passwordProblem('short', 'a@b.co')).toBe('tooShort');
    expect(passwordProblem('a@example.com', 'A@Example.com')).toBe('isEmail');
    expect(passwordProblem('é'.repeat(37), 'a@b.co')).toBe('tooLong'); // 74 bytes in UTF-8
    expect(passwordProblem('a long passphrase', 'a@b.co')).toBeNull();
  });

  it('rates strength from length and variety', () => {
    expect(passwordStrength('')).toBe(0);
    expect(passwordStrength('abc')).toBe(1);
    expect(passwordStrength('abcdefghij')).toBe(2);
    expect(passwordStrength('Correct-Horse-Battery-9')).toBe(4);
  });

  it('recognises email addresses', () => {
    expect(EMAIL_RE.test('me@example.com')).toBe(true);
    expect(EMAIL_RE.test('me@example')).toBe(false);
    expect(EMAIL_RE.test('bad')).toBe(false);
  });
});
