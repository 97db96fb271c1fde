import { readFileSync } from 'node:fs';

/**
 * The arguments that an npm script that starts Node (`serve`, `db:restore`) gives it (package.json holds them), so
 * that the end-to-end tests and the benches run it exactly as users do, as a process of its own without npm between.
 */
export function nodeArguments(script: 'serve' | 'db:restore'): string[] {
  const { scripts } = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
  const [command, ...args] = scripts[script]!.split(' ');
  if (command !== 'node') throw new Error(`npm run ${script} should start node, not ${command}`);
  return args;
}

/** The arguments of `npm run serve`. */
export const serveArguments = (): string[] => nodeArguments('serve');
