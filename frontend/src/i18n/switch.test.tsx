import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nProvider, useI18n } from './I18n';

function Probe() {
  const { t, usd, setLocale, locale } = useI18n();
  return (
    <div>
      <p>{t('nav.scenarios')}</p>
      <p data-testid="money">{usd(1234567.891)}</p>
      <button onClick={() => setLocale(locale === 'en' ? 'it' : 'en')}>switch</button>
    </div>
  );
}

describe('language switch', () => {
  it('translates, formats money for the locale, sets <html lang> and is remembered', async () => {
    const user = userEvent.setup();
    const { unmount } = render(<I18nProvider><Probe /></I18nProvider>);
    expect(screen.getByText('Scenarios')).toBeInTheDocument();
    expect(screen.getByTestId('money')).toHaveTextContent('$1,234,567.89');
    await user.click(screen.getByRole('button', { name: 'switch' }));
    expect(screen.getByText('Scenari')).toBeInTheDocument();
    expect(screen.getByTestId('money').textContent).toMatch(/^1\.234\.567,89\s?USD$/);
    expect(document.documentElement.lang).toBe('it');
    expect(localStorage.getItem('mockupaws.locale')).toBe('it');
    unmount();
    render(<I18nProvider><Probe /></I18nProvider>);
    expect(screen.getByText('Scenari')).toBeInTheDocument();
  });
});
