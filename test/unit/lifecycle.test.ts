import { describe, expect, it } from 'vitest';
import { AppError } from '~/domain/app-error';
import { nextStage, slugify, STAGES, type Stage } from '~/domain/lifecycle';

const LEGAL: [Stage, Parameters<typeof nextStage>[1], Stage][] = [
  ['candidate', 'approve', 'active'],
  ['candidate', 'reject', 'rejected'],
  ['candidate', 'defer', 'candidate'],
  ['rejected', 'reconsider', 'candidate'],
  ['active', 'hand_off', 'handed_off'],
  ['active', 'end', 'ended'],
];

describe('nextStage', () => {
  it.each(LEGAL)('%s --%s--> %s', (from, move, to) => {
    expect(nextStage(from, move, 'Acme')).toBe(to);
  });

  const illegal = STAGES.flatMap((stage) =>
    (['approve', 'reject', 'defer', 'reconsider', 'hand_off', 'end'] as const)
      .filter((move) => !LEGAL.some(([from, legal]) => from === stage && legal === move))
      .map((move) => [stage, move] as const),
  );

  it.each(illegal)('refuses %s --%s-- with a 409 naming the stage', (stage, move) => {
    let error: unknown;
    try {
      nextStage(stage, move, 'Acme');
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ status: 409, code: 'stage_conflict', details: { stage } });
    expect((error as Error).message).toMatch(/Acme is /);
  });
});

describe('slugify', () => {
  it.each([
    ['Halcyon Bank & Trust', 'halcyon-bank-trust'],
    ['  Zürich Öl AG ', 'zurich-ol-ag'],
    ['ACME', 'acme'],
    ['---', ''],
  ])('%s → %s', (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });
});
