import pg from 'pg';
const client = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/strat_prof' });
await client.connect();
const path = process.argv[2] ?? '/customers/customer-1';
const durations: number[] = [];
for (let i = 0; i < Number(process.argv[3] ?? 300); i++) {
  await client.query('select txid_current()');
  const t = performance.now();
  const r = await fetch(`http://localhost:3999${path}`, { headers: { Cookie: process.env.C! } });
  await r.arrayBuffer();
  durations.push(performance.now() - t);
}
durations.sort((a, b) => a - b);
console.log(path, 'cold p50', durations[Math.floor(durations.length / 2)]!.toFixed(1), 'ms');
await client.end();
