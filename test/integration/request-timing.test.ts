import { expect, it } from 'vitest';
import { setUpTestServer, setUpUserPerRole } from '../support/http-server';

const app = setUpTestServer();
const { cookies } = setUpUserPerRole(app);

const timing = (response: Response) => {
  const match = /^db;dur=(\d+\.\d), app;dur=(\d+\.\d)$/.exec(response.headers.get('Server-Timing') ?? '');
  expect(match).not.toBeNull();
  return { db: Number(match![1]), app: Number(match![2]) };
};

it('says in Server-Timing how long a page waited on the database and how long the rest took', async () => {
  const dashboard = timing(await app.server.request('/', { cookie: cookies.exec }));
  expect(dashboard.db).toBeGreaterThan(0);
  expect(dashboard.app).toBeGreaterThan(0);
  // A page without a session reads nothing from the database but its settings.
  const login = timing(await app.server.request('/login'));
  expect(login.db).toBeLessThan(dashboard.db);
});
