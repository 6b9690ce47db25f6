/** The server's password policy, checked as the user types (the common-password list is checked by the server). */
export type PasswordProblem = 'required' | 'tooShort' | 'tooLong' | 'isEmail' | null;

export function passwordProblem(password: string, email: string): PasswordProblem {
  if (!password) return 'required';
  if (password.length < 10) return 'tooShort';
  if (new TextEncoder().encode(password).length > 72) return 'tooLong';
  if (email && password.trim().toLowerCase() === email.trim().toLowerCase()) return 'isEmail';
  return null;
}

/** 0–4, a rough guide shown as a meter: length and variety. The server has the final word. */
export function passwordStrength(password: string): number {
  if (password.length < 10) return password.length === 0 ? 0 : 1;
  let variety = 0;
  if (/[a-z]/.test(password)) variety++;
  if (/[A-Z]/.test(password)) variety++;
  if (/\d/.test(password)) variety++;
  if (/[^A-Za-z0-9]/.test(password)) variety++;
  let score = 2;
  if (password.length >= 14 || variety >= 3) score++;
  if (password.length >= 18 && variety >= 2) score++;
  return Math.min(4, score);
}

export const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
