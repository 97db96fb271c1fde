import { describe, expect, it } from 'vitest';
import { isForgedRequest } from '~/auth/csrf.server';
import { safeRedirect } from '~/auth/safe-redirect';

const headers = (values: Record<string, string>) => new Headers({ Host: 'strat.example', ...values });

describe('isForgedRequest', () => {
  it.each([
    ['GET from anywhere', 'GET', { 'Sec-Fetch-Site': 'cross-site' }, false],
    ['POST same-origin by Sec-Fetch-Site', 'POST', { 'Sec-Fetch-Site': 'same-origin' }, false],
    ['POST cross-site by Sec-Fetch-Site', 'POST', { 'Sec-Fetch-Site': 'cross-site', Origin: 'https://strat.example' }, true],
    ['POST same-site (a sibling subdomain)', 'POST', { 'Sec-Fetch-Site': 'same-site' }, true],
    ['POST with our Origin', 'POST', { Origin: 'https://strat.example' }, false],
    ['POST with another Origin', 'POST', { Origin: 'https://evil.example' }, true],
    ['POST with Origin null', 'POST', { Origin: 'null' }, true],
    ['POST with neither header', 'POST', {}, true],
    ['DELETE with another Origin', 'DELETE', { Origin: 'https://evil.example' }, true],
    ['POST same-origin by Sec-Fetch-Site but another Origin', 'POST', { 'Sec-Fetch-Site': 'same-origin', Origin: 'https://evil.example' }, true],
    ['POST with an Origin that is no URL', 'POST', { Origin: 'http://[' }, true],
    ['POST with a bearer token', 'POST', { Authorization: 'Bearer st_abc', Origin: 'https://evil.example' }, false],
  ])('%s', (_name, method, values, forged) => {
    expect(isForgedRequest(method, headers(values))).toBe(forged);
  });
});

describe('safeRedirect', () => {
  it.each([
    ['/partners?x=1', '/partners?x=1'],
    ['//evil.example', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example', '/'],
    ['/\t/evil.example', '/'],
    ['/\n/evil.example', '/'],
    ['/\r\nSet-Cookie: a=b', '/'],
    ['/%09/evil.example', '/%09/evil.example'],
    ['/./\\evil.example', '/'],
    ['/customers/acme#plan', '/customers/acme#plan'],
    ['', '/'],
    ['partners', '/'],
    [null, '/'],
  ])('sends %s to %s', (target, expected) => {
    expect(safeRedirect(target)).toBe(expected);
  });
});
