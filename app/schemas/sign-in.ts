import { z } from './zod';

export const SignInSchema = z.object({
  email: z.email({ error: (issue) => (issue.input === undefined ? 'Enter your email.' : 'Enter a valid email address.') }),
  password: z.string({ error: 'Enter your password.' }).max(1024, 'That password is too long.'),
  redirectTo: z.string().optional(),
});
