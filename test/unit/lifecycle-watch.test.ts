import { expect, it } from 'vitest';
import { isWatched } from '~/domain/lifecycle';

it.each([
  ['handed_off', '2026-11-18', '2026-11-18', true],
  ['handed_off', '2026-08-26', '2026-11-18', true], // exactly 12 weeks on
  ['handed_off', '2026-08-25', '2026-11-18', false],
  ['handed_off', '2026-11-19', '2026-11-18', false],
  ['ended', '2026-11-10', '2026-11-18', false],
  ['handed_off', null, '2026-11-18', false],
  ['active', null, '2026-11-18', false],
] as const)('%s on %s is watched on %s: %s', (stage, exitedOn, today, watched) => {
  expect(isWatched({ stage, exitedOn }, today)).toBe(watched);
});
