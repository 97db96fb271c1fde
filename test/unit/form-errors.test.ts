import { describe, expect, it } from 'vitest';
import { appErrorReply } from '~/components/field';

describe('a form’s reply to a refused write', () => {
  it('puts each field’s message beside the field the form sent, renamed where the model calls it otherwise', () => {
    const error = { message: 'Some fields are invalid.', fields: { theme: 'No theme is named “x”.', body: 'Too long.' } };
    expect(appErrorReply(error, { themeName: 'x', body: 'y' }, { theme: 'themeName' })).toEqual({
      formErrors: [],
      fieldErrors: { themeName: ['No theme is named “x”.'], body: ['Too long.'] },
    });
  });

  it('shows a message for a field the form does not have above the form, never dropping it', () => {
    const error = { message: 'Some fields are invalid.', fields: { theme: 'No theme is named “x”.' } };
    expect(appErrorReply(error, { themeName: 'x' })).toEqual({ formErrors: ['No theme is named “x”.'], fieldErrors: {} });
    expect(appErrorReply(error, null)).toEqual({ formErrors: ['No theme is named “x”.'], fieldErrors: {} });
  });

  it('shows an error without fields above the form', () => {
    expect(appErrorReply({ message: 'Changed by someone else.' }, { version: '3' })).toEqual({ formErrors: ['Changed by someone else.'], fieldErrors: {} });
  });
});
