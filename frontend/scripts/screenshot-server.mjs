// Starts the packaged jar for `npm run screenshots`: a fresh data directory, the given port, and a first
// administrator (made with the CLI, as an operator would). Playwright's webServer runs this and stops it after.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const jar = resolve(process.env.MOCKUPAWS_JAR ?? new URL('../../target/mockupaws.jar', import.meta.url).pathname);
const dataDir = process.env.SHOTS_DATA_DIR;
const port = process.env.SHOTS_PORT;
const admin = { email: process.env.SHOTS_ADMIN_EMAIL, password: process.env.SHOTS_ADMIN_PASSWORD, name: 'Dana Reyes' };
if (!existsSync(jar)) {
  console.error(`No ${jar}: build it first (./mvnw -DskipTests package)`);
  process.exit(1);
}

/** A Java 21+: JAVA_HOME, else the newest JDK under /usr/lib/jvm (the machine's default may be older). */
function java() {
  if (process.env.JAVA_HOME) return join(process.env.JAVA_HOME, 'bin', 'java');
  const jvm = '/usr/lib/jvm';
  if (existsSync(jvm)) {
    const found = readdirSync(jvm)
      .map((d) => [d, Number((/(\d+)/.exec(d) ?? [])[1])])
      .filter(([d, v]) => v >= 21 && existsSync(join(jvm, d, 'bin', 'java')))
      .sort((a, b) => b[1] - a[1]);
    if (found.length) return join(jvm, found[0][0], 'bin', 'java');
  }
  return 'java';
}

rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true, mode: 0o777 });
const env = {
  ...process.env,
  MOCKUPAWS_DATA_DIR: dataDir,
  PORT: port,
  MOCKUPAWS_RATE_LIMIT_AUTH: '10000',
  MOCKUPAWS_RATE_LIMIT_API_KEYS: '10000',
  MOCKUPAWS_RATE_LIMIT_FREE: '1000000',
  MOCKUPAWS_WAL_ARCHIVING: 'false',
};
const server = spawn(java(), ['-jar', jar], { env, stdio: ['ignore', 'inherit', 'inherit'] });
const stop = () => {
  server.kill('SIGTERM');
  setTimeout(() => process.exit(0), 20_000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
server.on('exit', (code) => process.exit(code ?? 0));

for (let i = 0; i < 240; i++) {
  try {
    const r = await fetch(`http://localhost:${port}/api/v1/health`);
    if (r.ok) break;
  } catch {
    /* starting */
  }
  await new Promise((r) => setTimeout(r, 500));
}
const made = spawnSync(java(), ['-jar', jar, 'users', 'create', '--email', admin.email, '--role', 'admin', '--tier', 'premium', '--name', admin.name], {
  env,
  input: `${admin.password}\n`,
  encoding: 'utf8',
});
if (made.status !== 0) {
  console.error(made.stdout, made.stderr);
  stop();
}
// Playwright waits for this URL: ready only once the administrator exists
const { createServer } = await import('node:http');
createServer((_, res) => res.end('ready')).listen(Number(port) + 1, '127.0.0.1');
