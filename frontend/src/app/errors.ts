import { ApiError } from '../api/client';
import type { MessageKey } from '../i18n/en';
import { useI18n } from '../i18n/I18n';

/** Problem codes the UI explains in its own words (and language); anything else shows the server's detail. */
const CODES: Partial<Record<string, MessageKey>> = {
  'invalid-credentials': 'errors.invalidCredentials',
  'email-taken': 'errors.emailTaken',
  'registration-closed': 'errors.registrationClosed',
  'rate-limited': 'errors.rateLimited',
  'network-error': 'errors.network',
  'invalid-reset-token': 'errors.invalidResetToken',
  'price-not-found': 'errors.priceNotFound',
  'scenario-running': 'errors.scenarioRunning',
  'invalid-state-transition': 'errors.invalidTransition',
  'scenario-not-found': 'errors.scenarioNotFound',
  'session-ended': 'errors.sessionEnded',
  'admin-required': 'errors.adminRequired',
};

/** Field messages of the password and email validators, matched by their start. */
const FIELD_MESSAGES: [RegExp, MessageKey][] = [
  [/^must be at least 10 characters/, 'errors.passwordTooShort'],
  [/most common passwords/, 'errors.passwordCommon'],
  [/must not be the email/i, 'errors.passwordIsEmail'],
  [/at most 72 bytes/, 'errors.passwordTooLong'],
  [/valid email/, 'errors.invalidEmail'],
  [/must not be blank/, 'errors.required'],
];

export function useErrorText() {
  const { t } = useI18n();
  const field = (message: string | undefined): string | undefined => {
    if (!message) return undefined;
    const hit = FIELD_MESSAGES.find(([re]) => re.test(message));
    return hit ? t(hit[1]) : message;
  };
  const text = (e: unknown): string => {
    if (e instanceof ApiError) {
      const key = CODES[e.code];
      if (key) return t(key, { region: String(e.body.region ?? ''), seconds: String(e.retryAfter ?? 60) });
      if (e.errors.length) return e.errors.map((x) => `${x.field}: ${field(x.message)}`).join('; ');
      return e.detail;
    }
    return e instanceof Error ? e.message : String(e);
  };
  return { text, field };
}
