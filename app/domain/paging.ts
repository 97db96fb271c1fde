/**
 * Long lists (the progress log, open blockers and requests, candidates, ended partnerships) show a first page and
 * more as the reader asks, up to a bound that keeps a page quick to render; past it, filters narrow the list.
 */
export const FIRST_PAGE = 50;
export const MAX_SHOWN = 500;

/** How many a reader who asks for more sees next: four times as many, up to the bound. */
export const nextShown = (shown: number) => Math.min(MAX_SHOWN, shown * 4);
