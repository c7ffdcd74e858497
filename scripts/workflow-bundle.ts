import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode } from '@temporalio/worker';

// The workflow bundle is built once and reused by every worker and by the tests;
// it is rebuilt only when a source file under workflows/ or domain/ is newer.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const workflowBundlePath = path.join(root, '.build', 'workflow-bundle.js');

async function newestSourceMtime(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, await newestSourceMtime(full));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) newest = Math.max(newest, (await stat(full)).mtimeMs);
  }
  return newest;
}

async function isFresh(): Promise<boolean> {
  try {
    const built = (await stat(workflowBundlePath)).mtimeMs;
    const sources = Math.max(await newestSourceMtime(path.join(root, 'workflows')), await newestSourceMtime(path.join(root, 'domain')));
    return built > sources;
  } catch {
    return false;
  }
}

export async function buildWorkflowBundle(): Promise<string> {
  if (await isFresh()) return workflowBundlePath;
  const { code } = await bundleWorkflowCode({ workflowsPath: path.join(root, 'workflows', 'src', 'index.ts') });
  await mkdir(path.dirname(workflowBundlePath), { recursive: true });
  await writeFile(workflowBundlePath, code);
  return workflowBundlePath;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const bundle = await buildWorkflowBundle();
  process.stdout.write(`workflow bundle: ${bundle}\n`);
}
