import { z } from 'zod';

// Made first, before any schema: in the browser zod probes `new Function` (to compile object parsers) when the
// first object schema is created, and the CSP, which forbids eval, reports even that caught probe. Interpreted
// parsers give the same results; the server keeps the compiled ones.
if (typeof document !== 'undefined') z.config({ jitless: true });

export { z };
