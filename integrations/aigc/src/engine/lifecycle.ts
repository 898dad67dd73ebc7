/**
 * The model lifecycle check: before a run that calls a provider, each configured model is
 * looked up once a day (cached in the cache dir). A shutdown date within 60 days is a
 * warning naming the date and the option to change; a past one, or a model the service
 * does not know, stops the run before any work. Servers that cannot say are fine.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ModelStatus } from '../providers/types.ts';
import { writeFileAtomic } from '../utils/atomic-write.ts';
import { sha256 } from '../utils/hash.ts';
import type { Logger } from './types.ts';

export const WARN_DAYS = 60;

export class ModelLifecycleError extends Error {
  override name = 'ModelLifecycleError';
}

export interface ConfiguredModel {
  /** The option that sets it, e.g. `text.model`. */
  option: string;
  model: string;
}

export interface LifecycleSettings {
  models: ConfiguredModel[];
  lookup: (model: string) => Promise<ModelStatus>;
  /** Which service answers (its base URL): a cached answer holds for that service only. */
  service: string;
  /** Absolute cache folder. */
  cacheDir: string;
  logger: Logger;
  today?: Date;
}

/** Warn about models retiring soon; throw one error naming every retired or unknown model. */
export async function checkModelLifecycle(settings: LifecycleSettings): Promise<void> {
  const today = (settings.today ?? new Date()).toISOString().slice(0, 10);
  const file = join(settings.cacheDir, 'models', `${today}.json`);
  const cache = await readCache(file);
  const problems: string[] = [];
  let changed = false;
  const seen = new Set<string>();
  for (const { option, model } of settings.models) {
    const key = `${sha256(settings.service).slice(0, 12)} ${model}`;
    let status = cache[key];
    if (!status && !seen.has(key)) {
      try {
        status = await settings.lookup(model);
      } catch (error) {
        // Unreachable now: the run itself will say so; nothing is cached, so the next run asks again.
        settings.logger.debug(`model check: could not look up ${model} (${(error as Error).message})`);
        continue;
      }
      cache[key] = status;
      changed = true;
    }
    seen.add(key);
    if (!status) continue;
    if (status.status === 'unknown') {
      problems.push(
        `\`${option}\` is "${model}", which the service does not know (${status.message}). Check the spelling, or set \`${option}\` to a current model.`,
      );
    } else if (status.status === 'known' && status.shutdownDate) {
      const days = Math.round((Date.parse(status.shutdownDate) - Date.parse(today)) / 86_400_000);
      if (days <= 0) {
        problems.push(
          `\`${option}\` is "${model}", which shut down on ${status.shutdownDate}. Set \`${option}\` to a current model.`,
        );
      } else if (days <= WARN_DAYS) {
        settings.logger.warn(
          `\`${option}\` is "${model}", which shuts down on ${status.shutdownDate} (in ${days} day${days === 1 ? '' : 's'}). Change \`${option}\` before then.`,
        );
      }
    }
  }
  if (changed) {
    await mkdir(join(settings.cacheDir, 'models'), { recursive: true });
    await writeFileAtomic(file, `${JSON.stringify(cache, null, 2)}\n`);
  }
  if (problems.length > 0) throw new ModelLifecycleError(`Not starting: ${problems.join('\n')}`);
}

async function readCache(file: string): Promise<Record<string, ModelStatus>> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Record<string, ModelStatus>;
  } catch {
    return {};
  }
}
