import { plainResponse } from './responses.server';

const FORM_TYPES = /^\s*(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i;

/** The posted form; a 415 for a body that is no form (JSON, text), a 400 for a broken one. */
export async function readForm(request: Request): Promise<FormData> {
  if (!FORM_TYPES.test(request.headers.get('Content-Type') ?? '')) {
    throw plainResponse('Send the form as application/x-www-form-urlencoded or multipart/form-data, as the page does.', 415);
  }
  try {
    return await request.formData();
  } catch {
    throw plainResponse('The form could not be read (its body is broken): submit it again from the page.', 400);
  }
}
