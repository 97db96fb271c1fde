import { expect, it } from 'vitest';
import { setUpAppServer } from './app-server';
import { expectCleanPage, setUpBrowser, signInAs } from './browser';

const app = setUpAppServer();
const chrome = setUpBrowser();

it('the EM resolves a blocker from /requests: a missing note is asked for beside its field, then the blocker leaves the list', async () => {
  const em = await chrome.browser.newPage();
  await signInAs(em, app.baseUrl, 'em@demo.test');
  await em.goto(`${app.baseUrl}/requests`);
  const row = em.getByRole('row').filter({ hasText: 'Proxy strips streaming' });
  const note = row.getByLabel('How was it resolved?');
  await row.getByRole('button', { name: 'Resolve' }).click();
  await row.getByText('Say how it was resolved.').waitFor();
  expect(await note.getAttribute('aria-invalid')).toBe('true');
  expect(await note.getAttribute('aria-describedby')).toBe(await row.locator('.field-error').getAttribute('id'));
  await expectCleanPage(em);

  await note.fill('The proxy team turned buffering off');
  await row.getByRole('button', { name: 'Resolve' }).click();
  await em.getByText('Resolved, with your note.').waitFor();
  expect(await em.getByRole('row').filter({ hasText: 'Proxy strips streaming' }).count()).toBe(0);
  await em.goto(`${app.baseUrl}/customers/halcyon-bank?state=resolved`);
  await em.getByText('Resolved by Morgan Manager: The proxy team turned buffering off').waitFor();
  await em.close();
});
