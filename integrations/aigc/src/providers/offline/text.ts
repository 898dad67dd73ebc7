import { ProviderError } from '../errors.ts';
import { OFFLINE_MODELS } from './models.ts';
import type { TextBrief, TextProvider, TextRequest, TextResult } from '../types.ts';
import { draftArticle } from './draft/article.ts';
import { draftOverview } from './draft/overview.ts';

/**
 * The embedded text provider: no network, no key. It cannot read prompts, so it works
 * from the structured brief and only rearranges what the outline says.
 */
export function createOfflineText(): TextProvider {
  // Bump it in models.ts when the drafts change.
  const model = OFFLINE_MODELS.text;
  return {
    id: 'offline',
    model,
    async generate(request: TextRequest): Promise<TextResult> {
      request.signal?.throwIfAborted();
      return { text: draft(request.brief), finishReason: 'stop', usage: { inputTokens: 0, outputTokens: 0 }, model };
    },
  };
}

function draft(brief: TextBrief): string {
  switch (brief.task) {
    case 'article':
      return draftArticle(brief.outline);
    case 'continue':
      // The draft is never cut off, so there is nothing to continue.
      return '';
    case 'repair':
      // It cannot reason about findings; the caller reports what is still wrong.
      return brief.text;
    case 'alt-text':
    case 'diagram':
      // The illustration generators write these offline themselves (an offline drawing's alt
      // text must say it is a placeholder; a diagram is drawn from the description's arrows).
      throw new ProviderError(
        `The offline text provider does not write ${brief.task} briefs: the illustration generator does, without a provider.`,
        { retryable: false },
      );
    case 'overview':
      return draftOverview(brief.outline, brief.api);
    case 'translate':
      throw new ProviderError(
        `The offline drafter cannot translate (${brief.from} → ${brief.to}). Set OPENAI_API_KEY, or OPENAI_BASE_URL and OPENAI_API_KEY for an OpenAI-compatible server, to translate.`,
        { retryable: false },
      );
  }
}
