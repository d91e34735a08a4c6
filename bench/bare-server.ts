import http from 'node:http';
import Database from 'better-sqlite3';
import jsonata from 'jsonata';
import { Pool } from 'pg';

// The yardstick: a bare node:http server doing the same JSONata work as the scenario and storing
// one row per request (SQLite in WAL mode with batched commits, or PostgreSQL), no framework.
const [, , port, store, target] = process.argv;
const expr = jsonata('"Total for " & customer & ": " & $string($sum(items.(price * qty)))');

async function main() {
  let save: (row: string) => Promise<void>;
  if (store === 'postgres') {
    const pool = new Pool({ connectionString: target, max: 10 });
    await pool.query('CREATE TABLE IF NOT EXISTS bare_runs (id serial primary key, data text)');
    save = async (row) => void (await pool.query('INSERT INTO bare_runs (data) VALUES ($1)', [row]));
  } else {
    const db = new Database(target);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec('CREATE TABLE IF NOT EXISTS bare_runs (id integer primary key, data text)');
    const insert = db.prepare('INSERT INTO bare_runs (data) VALUES (?)');
    const many = db.transaction((rows: string[]) => rows.forEach((r) => insert.run(r)));
    let pending: Array<{ row: string; done: () => void }> = [];
    save = (row) =>
      new Promise((done) => {
        if (!pending.length)
          setImmediate(() => {
            const batch = pending;
            pending = [];
            many(batch.map((b) => b.row));
            batch.forEach((b) => b.done());
          });
        pending.push({ row, done });
      });
  }
  http
    .createServer((req, res) => {
      let text = '';
      req.on('data', (c) => (text += c));
      req.on('end', async () => {
        const input = JSON.parse(text);
        const result = await expr.evaluate(input);
        await save(JSON.stringify({ input, result }));
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ result }));
      });
    })
    .listen(Number(port), '127.0.0.1', () => console.log('bare server ready'));
}

void main();
