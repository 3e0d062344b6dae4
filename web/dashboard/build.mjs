// Copies the browser libraries the dashboard loads into services/Api/wwwroot/lib, so the page
// needs no internet at run time. Run by `./monitor` builds (after `npm ci`) and by the Api image.
// Unchanged files are left alone, so a build with nothing new writes nothing.
import { createRequire } from 'node:module';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const target = resolve(process.env.MONITOR_WWWROOT ?? join(here, '..', '..', 'services', 'Api', 'wwwroot'), 'lib');
const require = createRequire(import.meta.url);

function packageFile(pkg, file) {
  let root;
  try {
    root = dirname(require.resolve(`${pkg}/package.json`));
  } catch {
    console.error(`dashboard build: the npm package '${pkg}' is not installed; run 'npm ci' in ${here}`);
    process.exit(1);
  }
  return join(root, file);
}

const assets = [
  { from: packageFile('echarts', 'dist/echarts.min.js'), to: 'echarts.min.js' },
  { from: packageFile('echarts', 'LICENSE'), to: 'echarts.LICENSE.txt' },
];

mkdirSync(target, { recursive: true });
let copied = 0;
for (const { from, to } of assets) {
  const destination = join(target, to);
  if (existsSync(destination) && readFileSync(destination).equals(readFileSync(from))) continue;
  copyFileSync(from, destination);
  copied++;
}
const where = relative(process.cwd(), target) || '.';
console.log(copied === 0
  ? `dashboard build: ${where} is up to date`
  : `dashboard build: copied ${copied} file(s) to ${where}`);
