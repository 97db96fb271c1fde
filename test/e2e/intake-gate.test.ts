import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { setUpAppServer } from './app-server';
import { expectCleanPage, setUpBrowser, signInAs } from './browser';

const app = setUpAppServer();
const chrome = setUpBrowser();

async function gateBanner(page: Page) {
  const banner = page.getByRole('region', { name: /Intake gate/ });
  await banner.waitFor();
  return banner;
}

async function openCustomer(page: Page, name: string) {
  await page.goto(`${app.baseUrl}/candidates`);
  await page.getByRole('link', { name }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

async function decide(page: Page, decision: string, rationale: string, override?: string) {
  await page.getByLabel('Decision').selectOption({ label: decision });
  await page.getByLabel('Rationale').fill(rationale);
  if (override !== undefined) await page.getByLabel(/Override justification/).fill(override);
  await page.getByRole('button', { name: 'Record decision' }).click();
}

describe('an exec and the intake gate', () => {
  it('sees an at-risk partner close the gate, approves once it opens, then overrides it with a justification', async () => {
    const page = await chrome.browser.newPage();
    await signInAs(page, app.baseUrl, 'exec@demo.test');

    // The demo's at-risk partner closes the gate, and the banner names it with a link.
    await page.goto(`${app.baseUrl}/candidates`);
    const closed = await gateBanner(page);
    expect(await closed.textContent()).toContain('Intake gate: closed');
    const reason = closed.getByRole('link', { name: /Halcyon Bank: acceptance 27\.4 % < 30 %/ });
    expect(await reason.getAttribute('href')).toBe('/customers/halcyon-bank');
    await expectCleanPage(page);

    // Looser thresholds and room for more partners open the gate.
    await page.goto(`${app.baseUrl}/settings`);
    for (const [label, value] of [
      ['Completions accepted (%)', '25'], ['DAU over available developers (%)', '40'], ['iARR realized (USD)', '50000'],
      ['Capacity (active partners)', '5'], ['Stale window (days)', '90'],
    ] as const) {
      await page.getByLabel(label).fill(value);
    }
    await page.getByRole('button', { name: 'Save thresholds' }).click();
    await page.getByRole('cell', { name: 'Avery Exec' }).first().waitFor();
    await expectCleanPage(page);
    await page.goto(`${app.baseUrl}/candidates`);
    expect(await (await gateBanner(page)).textContent()).toContain('Intake gate: open');

    // Approving while the gate is open makes a partner.
    await openCustomer(page, 'Bellwether Retail Group');
    await expectCleanPage(page);
    await decide(page, 'Approve: becomes a partner', 'Existing customer with an eager platform team.');
    await page.getByText('active partner', { exact: true }).waitFor();

    // The new partner has no metrics yet: the gate closes again and says why.
    await page.goto(`${app.baseUrl}/candidates`);
    const closedAgain = await gateBanner(page);
    expect(await closedAgain.textContent()).toContain('Bellwether Retail Group: no metrics yet');

    // Approval is refused while closed, then granted with an override justification.
    await openCustomer(page, 'Aurora Aerospace');
    await decide(page, 'Approve: becomes a partner', 'Opens aerospace.');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('The intake gate is closed');
    const justification = 'Board sponsor signed; aerospace is a new industry for us.';
    await decide(page, 'Approve: becomes a partner', 'Opens aerospace.', justification);
    await page.getByText('active partner', { exact: true }).waitFor();
    expect(await page.getByRole('cell', { name: /Override: Board sponsor signed/ }).count()).toBe(1);
    await expectCleanPage(page);
    await page.close();
  });
});

describe('an EM adding a candidate', () => {
  it('sees a missing answer beside its field, keeps what was typed, and then adds it', async () => {
    const page = await chrome.browser.newPage();
    await signInAs(page, app.baseUrl, 'em@demo.test');
    await page.goto(`${app.baseUrl}/candidates`);
    await page.getByRole('link', { name: 'Add a candidate' }).click();
    await page.getByRole('heading', { level: 1, name: 'Add a candidate' }).waitFor();
    await page.getByLabel('Customer name').fill('Zenith Robotics');
    await page.getByLabel('In the Strategic market segment?').selectOption('yes');
    await page.getByLabel('Willingness to co-market').selectOption('medium');
    await page.getByLabel('Opens a new industry for us?').selectOption('yes');
    await page.getByLabel('Alignment with Cody’s future vision').selectOption('high');
    await page.getByRole('button', { name: 'Add candidate' }).click();
    await page.getByText('Name the related market of the new industry.').waitFor();
    expect(await page.getByLabel('Customer name').inputValue()).toBe('Zenith Robotics');
    await expectCleanPage(page);
    await page.getByLabel(/Related market/).fill('Robotics');
    await page.getByRole('button', { name: 'Add candidate' }).click();
    await page.getByRole('heading', { level: 1, name: 'Zenith Robotics' }).waitFor();
    expect(await page.getByText('4/5 · Strong fit').count()).toBeGreaterThan(0);
    await page.close();
  });
});
