import { rowId } from './numbers';
import { z } from './zod';

export const CreateApiTokenSchema = z.object({
  intent: z.literal('create-token'),
  name: z
    .string({ error: 'Name the token after what will use it, e.g. "metrics import".' })
    .trim()
    .min(1, 'Name the token.')
    .max(80, 'Use at most 80 characters.'),
});

export const RevokeApiTokenSchema = z.object({
  intent: z.literal('revoke-token'),
  tokenId: rowId('token'),
});

export const ApiTokenActionSchema = z.discriminatedUnion('intent', [CreateApiTokenSchema, RevokeApiTokenSchema]);
