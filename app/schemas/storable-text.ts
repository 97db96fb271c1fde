import { UNSTORABLE_TEXT_MESSAGE, unstorableTextPaths } from '~/domain/text';
import type { z } from './zod';

const storable = new WeakMap<z.ZodType, z.ZodType>();

/**
 * The schema, refusing any string of its output that the database cannot store (NUL, unpaired surrogates) with
 * an error on that field. Applied where input enters (forms, the API), so no field can be forgotten.
 */
export function withStorableText<Schema extends z.ZodType>(schema: Schema): Schema {
  let refined = storable.get(schema);
  if (!refined) {
    refined = schema.superRefine((value, context) => {
      for (const path of unstorableTextPaths(value)) context.addIssue({ code: 'custom', path, message: UNSTORABLE_TEXT_MESSAGE });
    });
    storable.set(schema, refined);
  }
  return refined as Schema;
}
