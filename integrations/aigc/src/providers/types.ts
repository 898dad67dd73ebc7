import type { Outline } from '../outline/types.ts';

/** Token counts reported by a provider (0 where it reports none). */
export interface Usage {
  inputTokens: number;
  outputTokens: number;
  /** Of `inputTokens`, those the provider served from its prompt cache (billed at the cached rate). */
  cachedInputTokens?: number;
}

/** How a request was processed, which decides its price: `batch` and `flex` at half price (engine/cost.ts). */
export type PriceTier = 'standard' | 'batch' | 'flex' | 'priority';

export type Capability = 'text' | 'image' | 'speech';
export type ProviderId = 'openai' | 'offline';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/**
 * What a text request is for, in structured form. Prompt-reading providers use
 * `messages`; the offline drafter, which cannot read prompts, works from this.
 */
export type TextBrief =
  | { task: 'article'; outline: Outline }
  | { task: 'continue'; outline: Outline; partial: string }
  | { task: 'repair'; outline: Outline; text: string; findings: string[] }
  | { task: 'alt-text'; prompt: string; context: string; lang: string }
  | { task: 'diagram'; description: string; outline: Outline }
  | { task: 'overview'; outline: Outline; api: string }
  | { task: 'translate'; text: string; from: string; to: string };

export interface TextRequest {
  messages: ChatMessage[];
  brief: TextBrief;
  maxOutputTokens?: number;
  temperature?: number;
  /** Sent as `prompt_cache_key`: requests sharing one reuse the provider's prompt cache (set by the engine per collection and prompt version). */
  cacheKey?: string;
  signal?: AbortSignal;
}

export type FinishReason = 'stop' | 'length' | 'content_filter' | 'other';

export interface TextResult {
  text: string;
  finishReason: FinishReason;
  usage: Usage;
  model: string;
  /** The tier the provider says served the request (`service_tier`), which decides its price. */
  tier?: PriceTier;
}

/**
 * How a provider's requests travel in a Batch (one JSONL line each) and how a line's answer
 * becomes the provider's result. Only providers whose endpoint a Batch accepts have one.
 */
export interface BatchCodec<Request, Result> {
  /** The endpoint of every line, e.g. `/v1/chat/completions`. */
  readonly url: string;
  /** The request body, as the direct call would send it (never streamed). */
  body(request: Request): Record<string, unknown>;
  /** The result from a line's response body; throws a ProviderError when it is unusable. */
  decode(body: unknown): Promise<Result>;
}

export interface TextProvider {
  readonly id: ProviderId;
  readonly model: string;
  generate(request: TextRequest): Promise<TextResult>;
  batch?: BatchCodec<TextRequest, TextResult>;
}

export interface ImageRequest {
  prompt: string;
  width: number;
  height: number;
  /** Context for providers that draw from it (the offline one seeds its palette with these). */
  title: string;
  tags: string[];
  lang: string;
  signal?: AbortSignal;
}

export type ImageMediaType = 'image/png' | 'image/jpeg' | 'image/webp' | 'image/svg+xml';

export interface ImageResult {
  data: Uint8Array;
  mediaType: ImageMediaType;
  width: number;
  height: number;
  usage: Usage;
  model: string;
  tier?: PriceTier;
}

export interface ImageProvider {
  readonly id: ProviderId;
  readonly model: string;
  generate(request: ImageRequest): Promise<ImageResult>;
  batch?: BatchCodec<ImageRequest, ImageResult>;
}

export interface SpeechRequest {
  /** Plain text to speak, at most the provider's per-request limit (4,096 characters for OpenAI). */
  text: string;
  /** BCP 47 language of the text; picks the voice where the provider has several. */
  lang: string;
  /** The voice for this text (`speech.voices`), instead of the provider's default. */
  voice?: string;
  signal?: AbortSignal;
}

export interface SpeechResult {
  /** Mono PCM samples in [-1, 1]. Providers returning compressed audio decode it first. */
  samples: Float32Array;
  sampleRate: number;
  usage: Usage;
  model: string;
  voice: string;
  /** Readings asked again because the voice did not say the text verbatim (Realtime models). */
  rereads?: number;
}

export interface SpeechProvider {
  readonly id: ProviderId;
  readonly model: string;
  readonly voice: string;
  /** Longest input one request accepts, in characters. */
  readonly maxInputChars: number;
  synthesize(request: SpeechRequest): Promise<SpeechResult>;
}

/** The three capabilities a run can use, each resolved to one provider. */
export interface Providers {
  text: TextProvider;
  image: ImageProvider;
  speech: SpeechProvider;
}

/** One request of a Batch, as a JSONL line says it. */
export interface BatchLine {
  custom_id: string;
  method: 'POST';
  url: string;
  body: Record<string, unknown>;
}

/** One answer of a finished Batch: the response body, or why there is none. */
export type BatchAnswer =
  | { customId: string; ok: true; body: unknown }
  | { customId: string; ok: false; error: string };

/** Where a Batch stands, as the service says. */
export interface BatchState {
  status: 'validating' | 'in_progress' | 'finalizing' | 'completed' | 'failed' | 'expired' | 'cancelling' | 'cancelled';
  total: number;
  completed: number;
  failed: number;
  /** Why the whole batch failed (a `failed` batch's errors). */
  errors?: string[];
}

/** The Batch API of a service (`/v1/files` and `/v1/batches`). */
export interface BatchTransport {
  /** Upload the lines and create a batch of them, tagged with `intent` so a lost answer can be found again. */
  submit(url: string, lines: BatchLine[], intent: string): Promise<{ batchId: string }>;
  /** The batch created for `intent` after `since`, if there is one (a run killed before it recorded the id). */
  findByIntent(intent: string, since: Date): Promise<string | undefined>;
  state(batchId: string): Promise<BatchState>;
  /** The answers of a finished batch (its output and error files). */
  answers(batchId: string): Promise<BatchAnswer[]>;
}

/** What a service says about a model id (`/v1/models/{id}`), for the lifecycle check. */
export type ModelStatus =
  /** Known; `shutdownDate` as `YYYY-MM-DD`, or null when none is announced or the field is absent. */
  | { status: 'known'; shutdownDate: string | null }
  /** The service answered 404 `model_not_found`: no such model (a typo, or one already removed). */
  | { status: 'unknown'; message: string }
  /** No usable answer (no endpoint, another client error): nothing to say about this model. */
  | { status: 'unsupported' };
