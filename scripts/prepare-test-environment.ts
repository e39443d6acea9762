// Installs the system packages the test suite needs when they are missing (Debian: apt-get):
// chromium for the UI's browser tests, clickhouse-server (Debian's 18.16) for the test that an
// unsupported server version is refused, curl for the scripts that start it. Runs once per
// `pnpm test`; does nothing when everything is present.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const REQUIRED: { pkg: string; present: () => boolean }[] = [
  { pkg: 'chromium', present: () => existsSync('/usr/bin/chromium') },
  { pkg: 'clickhouse-server', present: () => onPath('clickhouse-server') },
  { pkg: 'curl', present: () => onPath('curl') },
];

function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.status !== 0) {
    console.error(`prepare-test-environment: "${command} ${args.join(' ')}" failed (exit ${result.status})`);
    process.exit(1);
  }
}

const missing = REQUIRED.filter((requirement) => !requirement.present()).map((requirement) => requirement.pkg);
if (missing.length > 0) {
  const isRoot = process.getuid?.() === 0;
  if (!onPath('apt-get')) {
    console.error(`prepare-test-environment: missing ${missing.join(', ')} and no apt-get to install them`);
    process.exit(1);
  }
  const sudo = isRoot ? [] : ['sudo'];
  console.log(`prepare-test-environment: installing ${missing.join(', ')} with apt-get`);
  const [first = 'apt-get', ...rest] = [...sudo, 'apt-get'];
  run(first, [...rest, 'update', '-qq']);
  run(first, [...rest, 'install', '-y', '-qq', '--no-install-recommends', ...missing]);
}
console.log('prepare-test-environment: chromium, clickhouse-server and curl are present');
