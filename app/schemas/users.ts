import { rowId, version } from './numbers';
import { z } from './zod';
import { ROLES } from '~/domain/roles';

export const MIN_PASSWORD_LENGTH = 12;

const email = z.email({
  error: (issue) => (issue.input === undefined ? 'Enter an email address.' : 'Enter a valid email address.'),
});
const role = z.enum(ROLES, { error: 'Choose a role: exec, em, engineer or viewer.' });
const id = rowId('user');

export const NewPasswordSchema = z
  .string({ error: `Choose a password of at least ${MIN_PASSWORD_LENGTH} characters.` })
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(1024, 'Use at most 1024 characters.');

export const CreateUserSchema = z.object({
  intent: z.literal('create'),
  email,
  name: z.string({ error: 'Enter a name.' }).trim().min(1, 'Enter a name.').max(120, 'Use at most 120 characters.'),
  role,
  password: NewPasswordSchema,
});

export const ChangeRoleSchema = z.object({ intent: z.literal('change-role'), userId: id, role, version });

export const DisableUserSchema = z.object({ intent: z.literal('disable'), userId: id, version });

export const EnableUserSchema = z.object({ intent: z.literal('enable'), userId: id, version });

export const SetPasswordSchema = z.object({ intent: z.literal('set-password'), userId: id, version, password: NewPasswordSchema });

export const UserActionSchema = z.discriminatedUnion('intent', [
  CreateUserSchema, ChangeRoleSchema, DisableUserSchema, EnableUserSchema, SetPasswordSchema,
]);
