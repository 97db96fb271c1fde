import { parseWithZod } from '@conform-to/zod/v4';
import { configureCoercion } from '@conform-to/zod/v4/future';
import { withStorableText } from './storable-text';
import type { z } from './zod';

// Form numbers are decimal, as people type them: JavaScript's Number() would also read "0x10" as 16, "1e3" as
// 1000 and "Infinity" as a number.
const DECIMAL = /^-?\d+(\.\d+)?$/;
const { coerceFormValue } = configureCoercion({
  // Browsers send a text area's line breaks as CRLF; the app stores and returns plain \n, as the API takes them.
  stripEmptyString: (value) => {
    const text = value.replace(/\r\n?/g, '\n');
    return text === '' ? undefined : text;
  },
  type: { number: (text) => (DECIMAL.test(text.trim()) ? Number(text) : Number.NaN) },
});

/** A form's submission parsed by its schema: decimal numbers only, \n line breaks, no text the database cannot store. */
export function parseForm<Schema extends z.ZodType>(formData: FormData | URLSearchParams, schema: Schema) {
  return parseWithZod(formData, { schema: coerceFormValue(withStorableText(schema)) as unknown as Schema, disableAutoCoercion: true });
}
