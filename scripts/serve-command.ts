import { readFileSync } from 'node:fs';

/**
 * The arguments that `npm run serve` gives Node (package.json holds them), so that the end-to-end tests and the
 * bench run the server exactly as users do, as a process of its own without npm in between.
 */
export function serveArguments(): string[] {
  const { scripts } = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { serve: string } };
  const [command, ...args] = scripts.serve.split(' ');
  if (command !== 'node') throw new Error(`npm run serve should start node, not ${command}`);
  return args;
}
