/** What "no half-written file" and "every page valid" mean here, checked on disk. */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { readLock } from '../../integrations/aigc/src/engine/lock.ts';
import { splitFrontmatter } from '../../integrations/aigc/src/generators/frontmatter.ts';
import { sha256 } from '../../integrations/aigc/src/utils/hash.ts';

/**
 * Every lock entry's file is whole: its bytes are the ones recorded (or the pending ones a
 * kill left), and it decodes as what it claims to be. Returns the problems found.
 */
export async function checkOutput(root: string): Promise<string[]> {
  const problems: string[] = [];
  let lock;
  try {
    lock = await readLock(join(root, 'aigc.lock'));
  } catch (error) {
    return [`aigc.lock does not parse: ${(error as Error).message}`];
  }
  for (const [path, entry] of Object.entries(lock.artifacts)) {
    let bytes: Buffer;
    try {
      bytes = await readFile(join(root, path));
    } catch {
      if (entry.pending && !entry.hash) continue; // a first write a kill stopped before the rename
      problems.push(`${path}: in the lock but missing`);
      continue;
    }
    const hash = sha256(bytes);
    if (hash !== entry.hash && hash !== entry.pending?.hash)
      problems.push(`${path}: bytes differ from the lock (torn or foreign write)`);
    problems.push(...(await checkFile(path, bytes)));
  }
  return problems;
}

/** One file decodes as its extension says. */
export async function checkFile(path: string, bytes: Buffer): Promise<string[]> {
  try {
    if (path.endsWith('.md')) {
      const { data, body } = splitFrontmatter(bytes.toString('utf8'));
      if (!data || typeof data !== 'object' || !('aigc' in data) || body.trim() === '')
        return [`${path}: no provenance or empty body`];
    } else if (/\.(webp|png|jpg)$/.test(path)) {
      const meta = await sharp(bytes).metadata();
      if (!meta.width || !meta.height) return [`${path}: image without size`];
      await sharp(bytes).raw().toBuffer();
    } else if (path.endsWith('.svg')) {
      const text = bytes.toString('utf8');
      if (!text.includes('<svg') || !text.trimEnd().endsWith('</svg>')) return [`${path}: truncated SVG`];
    } else if (path.endsWith('.mp3')) {
      if (bytes.length < 1000 || (bytes.subarray(0, 3).toString('latin1') !== 'ID3' && bytes[0] !== 0xff))
        return [`${path}: not an MP3`];
    } else if (path.endsWith('.vtt')) {
      if (!bytes.toString('utf8').startsWith('WEBVTT')) return [`${path}: not WebVTT`];
    }
  } catch (error) {
    return [`${path}: does not decode (${(error as Error).message})`];
  }
  return [];
}

/** Temp files left in the output folder (allowed after a kill, never after a finished run). */
export async function tempFiles(root: string): Promise<string[]> {
  return (await walk(join(root, 'content/generated'))).filter((f) => /\.tmp/.test(f));
}

/** Files (anywhere under `dir`) that contain `secret`. */
export async function filesContaining(dir: string, secret: string): Promise<string[]> {
  const found: string[] = [];
  for (const file of await walk(dir)) {
    if ((await readFile(file)).includes(secret)) found.push(file);
  }
  return found;
}

/** Every file below `dir`, hidden ones (temp files) included. */
export async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(full)));
    else if (entry.isFile()) out.push(full);
  }
  return out.sort();
}
