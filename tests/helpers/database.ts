import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export type TestDatabase = { env: Record<string, string>; drop: () => Promise<void> };

/** The PostgreSQL server the suites use, as `npm run test:postgres` reaches it. */
export const postgresSettings = () => ({
  host: process.env.PGHOST ?? '127.0.0.1',
  port: Number(process.env.PGPORT ?? 5432),
  user: process.env.PGUSER ?? 'postgres',
  database: process.env.PGDATABASE ?? 'postgres',
});

const dbName = () => `ma_test_${process.pid}_${randomBytes(4).toString('hex')}`;

/**
 * A fresh database for one test file, on the server named by `DB` (sqlite by default):
 * a file for SQLite, a schema on PostgreSQL, a database on MySQL/MariaDB. `drop` removes it.
 */
export const createTestDatabase = async (): Promise<TestDatabase> => {
  const kind = process.env.DB ?? 'sqlite';
  const name = dbName();

  if (kind === 'sqlite') {
    const dir = process.platform === 'linux' ? '/dev/shm' : tmpdir();
    const filename = path.join(dir, `${name}.db`);
    return {
      env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: filename },
      drop: async () => {
        for (const suffix of ['', '-wal', '-shm', '-journal'])
          rmSync(filename + suffix, { force: true });
      },
    };
  }

  if (kind === 'postgres') {
    const { Client } = await import('pg');
    const settings = postgresSettings();
    const admin = new Client(settings);
    await admin.connect();
    await admin.query(`CREATE SCHEMA "${name}"`);
    await admin.end();
    return {
      env: {
        DATABASE_CLIENT: 'postgres',
        DATABASE_HOST: settings.host,
        DATABASE_PORT: String(settings.port),
        DATABASE_NAME: settings.database,
        DATABASE_USERNAME: settings.user,
        DATABASE_SCHEMA: name,
      },
      drop: async () => {
        const client = new Client(settings);
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
        await client.end();
      },
    };
  }

  if (kind === 'mysql') {
    const mysql = await import('mysql2/promise');
    const settings = {
      host: process.env.MYSQL_HOST ?? '127.0.0.1',
      port: Number(process.env.MYSQL_PORT ?? 3306),
      user: process.env.MYSQL_USER ?? 'root',
      password: process.env.MYSQL_PASSWORD ?? '',
    };
    const admin = await mysql.createConnection(settings);
    await admin.query(
      `CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`
    );
    await admin.end();
    return {
      env: {
        DATABASE_CLIENT: 'mysql',
        DATABASE_HOST: settings.host,
        DATABASE_PORT: String(settings.port),
        DATABASE_NAME: name,
        DATABASE_USERNAME: settings.user,
        DATABASE_PASSWORD: settings.password,
      },
      drop: async () => {
        const client = await mysql.createConnection(settings);
        await client.query(`DROP DATABASE IF EXISTS \`${name}\``);
        await client.end();
      },
    };
  }

  throw new Error(`Unknown DB "${kind}": use sqlite, postgres or mysql`);
};
