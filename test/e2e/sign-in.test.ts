import { describe, expect, it } from 'vitest';
import { setUpAppServer } from './app-server';
import { expectCleanPage, setUpBrowser, signInAs } from './browser';

const app = setUpAppServer();
const chrome = setUpBrowser();

describe('signing in as each demo role', () => {
  it('keeps the sign-in page accessible and shows a wrong password beside the form', async () => {
    const page = await chrome.browser.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()));
    await page.goto(`${app.baseUrl}/login`);
    await expectCleanPage(page);
    await page.getByLabel('Email').fill('exec@demo.test');
    await page.getByLabel('Password').fill('not the demo password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Email or password is incorrect.');
    expect(await page.getByLabel('Email').inputValue()).toBe('exec@demo.test');
    expect(consoleErrors.filter((text) => !text.includes('401'))).toEqual([]);
    await page.close();
  });

  it.each([
    ['exec@demo.test', 'Avery Exec', 'Exec', true],
    ['em@demo.test', 'Morgan Manager', 'Engineering manager', true],
    ['lead@demo.test', 'Lee Lead', 'Lead engineer', false],
    ['viewer@demo.test', 'Vic Viewer', 'Viewer', false],
  ])('%s lands in the shell, sees their name and role, and signs out', async (email, name, roleLabel, managesUsers) => {
    const context = await chrome.browser.newContext();
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()));
    await signInAs(page, app.baseUrl, email);
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const link of ['Dashboard', 'Partners', 'Candidates', 'Weekly updates', 'Settings']) {
      expect(await nav.getByRole('link', { name: link }).count()).toBe(1);
    }
    expect(await nav.getByRole('link', { name: 'Users' }).count()).toBe(managesUsers ? 1 : 0);
    expect(await nav.getByRole('link', { name: 'Audit' }).count()).toBe(managesUsers ? 1 : 0);
    expect(await page.locator('.whoami').textContent()).toContain(`${name} ${roleLabel}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Dashboard');
    expect(await page.getByRole('row', { name: /Northwind Logistics/ }).textContent()).toContain('Succeeding');
    await expectCleanPage(page);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in to Strat Tracker' }).waitFor();
    await page.goto(`${app.baseUrl}/partners`);
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('lets an exec reach the Users page, accessible too, and add a user there', async () => {
    const context = await chrome.browser.newContext();
    const page = await context.newPage();
    await signInAs(page, app.baseUrl, 'exec@demo.test');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
    // Remix changes the URL before the new page renders: wait for the page itself.
    await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
    expect(await page.getByRole('row', { name: /lead@demo\.test/ }).count()).toBe(1);
    await expectCleanPage(page);

    // A failed submit shows its errors; fixing them and submitting again adds the user and clears them.
    await page.getByLabel('Name', { exact: true }).fill('Pat Newcomer');
    await page.getByRole('button', { name: 'Add user' }).click();
    await page.getByText('Enter an email address.').waitFor();
    await page.getByLabel('Email', { exact: true }).fill('pat@demo.test');
    await page.getByLabel(/Initial password/).fill('a long enough password');
    await page.getByRole('button', { name: 'Add user' }).click();
    await page.getByRole('row', { name: /pat@demo\.test/ }).waitFor();
    expect(await page.locator('.field-error').count()).toBe(0);
    await context.close();
  });
});
