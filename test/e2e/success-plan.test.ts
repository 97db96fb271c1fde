import { expect, it } from 'vitest';
import { weekStartOf } from '~/domain/dates';
import { setUpAppServer } from './app-server';
import { expectCleanPage, setUpBrowser, signInAs } from './browser';

const app = setUpAppServer();
const chrome = setUpBrowser();

it('a lead engineer adds an objective and marks it done; the EM finds it in the weekly draft', async () => {
  const today = new Date().toISOString().slice(0, 10);
  const title = `Completions through the proxy (${Date.now()})`;
  const lead = await chrome.browser.newPage();
  await signInAs(lead, app.baseUrl, 'lead@demo.test');
  await lead.goto(`${app.baseUrl}/customers/halcyon-bank`);
  const adding = lead.locator('details', { has: lead.getByText('Add an objective', { exact: true }) });
  await adding.getByText('Add an objective', { exact: true }).click();
  await adding.getByLabel('Objective').fill(title);
  await adding.getByLabel('Due').fill(today);
  await adding.getByLabel('Links (pull requests, issues), one per line').fill('https://github.com/halcyon/proxy-config/pull/80');
  await adding.getByRole('button', { name: 'Add the objective' }).click();
  const item = lead.getByRole('listitem').filter({ hasText: title }).first();
  await item.waitFor();
  expect(await item.getByRole('link', { name: 'https://github.com/halcyon/proxy-config/pull/80' }).count()).toBe(1);
  await expectCleanPage(lead);

  await item.getByText(`Edit “${title}”`).click();
  await item.getByLabel('Status').selectOption('done');
  await item.getByRole('button', { name: 'Save the objective' }).click();
  await lead.getByText(`Objective saved: ${title}.`).waitFor();
  expect(await lead.getByRole('listitem').filter({ hasText: title }).first().textContent()).toContain(`Done on ${today}`);
  await expectCleanPage(lead);
  await lead.close();

  const em = await chrome.browser.newPage();
  await signInAs(em, app.baseUrl, 'em@demo.test');
  await em.goto(`${app.baseUrl}/updates/${weekStartOf(today)}`);
  await em.getByText('Pre-filled from the week’s progress log').waitFor();
  expect(await em.getByLabel('Progress: Markdown').inputValue()).toContain(`- **Halcyon Bank**: ${title} (${today})`);
  await expectCleanPage(em);
  await em.close();
});
