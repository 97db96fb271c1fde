import { describe, expect, it } from 'vitest';
import { weekStartOf } from '~/domain/dates';
import { setUpAppServer } from './app-server';
import { expectCleanPage, setUpBrowser, signInAs } from './browser';

const app = setUpAppServer();
const chrome = setUpBrowser();

describe('the weekly rhythm', () => {
  it('a lead engineer logs a blocker; the EM submits the Friday update from the pre-fill and copies its Markdown', async () => {
    const blocker = `Proxy drops streamed completions (${Date.now()})`;
    const lead = await chrome.browser.newPage();
    await signInAs(lead, app.baseUrl, 'lead@demo.test');
    await lead.goto(`${app.baseUrl}/customers/halcyon-bank`);
    await lead.getByLabel('Kind', { exact: true }).last().selectOption('blocker');
    await lead.getByLabel('What happened (Markdown)').fill(`${blocker}: **all** IDEs affected.`);
    await lead.getByRole('button', { name: 'Log it' }).click();
    const entry = lead.getByRole('listitem').filter({ hasText: blocker });
    await entry.waitFor();
    expect(await entry.locator('strong').allTextContents()).toEqual(['Blocker', 'all']);
    await expectCleanPage(lead);
    await lead.close();

    const context = await chrome.browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    const em = await context.newPage();
    await signInAs(em, app.baseUrl, 'em@demo.test');
    await em.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Weekly updates' }).click();
    await em.getByRole('heading', { level: 1, name: 'Weekly updates' }).waitFor();
    await expectCleanPage(em);
    const thisWeek = weekStartOf(new Date().toISOString().slice(0, 10));
    await em.getByRole('link', { name: thisWeek }).click();
    await em.getByText('Pre-filled from the week’s progress log').waitFor();
    expect(await em.getByLabel('Progress: Markdown').inputValue()).toContain(`- **Blocker** (${new Date().toISOString().slice(0, 10)}): ${blocker}`);
    expect(await em.getByLabel('Blockers: Markdown').inputValue()).toContain(`**Halcyon Bank**: `);
    const upcoming = em.getByLabel('Upcoming work: Markdown');
    await upcoming.fill('- **Halcyon Bank**: proxy fix with their network team');
    expect(await em.getByRole('region', { name: 'Upcoming work: preview' }).innerHTML()).toContain('<strong>Halcyon Bank</strong>: proxy fix');
    await expectCleanPage(em);

    await em.getByRole('button', { name: 'Submit the update' }).click();
    await em.getByText('Submitted', { exact: true }).waitFor();
    await em.getByRole('button', { name: 'Copy the Markdown' }).click();
    await em.getByText('Copied.').waitFor();
    const copied = await em.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain(`# Strategic team weekly update: week of ${thisWeek}`);
    expect(copied).toContain('## Upcoming work\n\n- **Halcyon Bank**: proxy fix with their network team');
    expect(copied).toContain(blocker);
    await expectCleanPage(em);

    await em.getByRole('link', { name: 'Feedback' }).click();
    await em.getByRole('heading', { level: 1, name: 'Feedback themes' }).waitFor();
    await expectCleanPage(em);
    await em.getByRole('link', { name: 'Audit' }).click();
    await em.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    expect(await em.getByRole('cell', { name: 'weekly_update.submitted' }).count()).toBe(1);
    await expectCleanPage(em);
    await context.close();
  });
});
