import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ChartFrame } from './charts';
import { I18nProvider } from '../i18n/I18n';

describe('a chart and its text alternative', () => {
  it('is an image with a summary, and swaps for a table on request', async () => {
    const user = userEvent.setup();
    render(
      <I18nProvider locale="en">
        <ChartFrame title="Cost by service" summary="SQS $1, Lambda $2" table={<table><tbody><tr><td>SQS</td><td>$1</td></tr></tbody></table>}>
          <svg />
        </ChartFrame>
      </I18nProvider>,
    );
    expect(screen.getByRole('img', { name: 'SQS $1, Lambda $2' })).toBeInTheDocument();
    const toggle = screen.getByRole('button', { name: 'Show as table' });
    expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await user.click(toggle);
    expect(screen.getByRole('cell', { name: 'SQS' })).toBeInTheDocument();
    expect(screen.queryByRole('img')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Show as chart' })).toHaveAttribute('aria-pressed', 'true');
  });
});
