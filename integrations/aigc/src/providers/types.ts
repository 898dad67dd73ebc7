import type { Outline } from '../outline/types.ts';

/** Token counts reported by a provider (0 where it reports none). */
export interface Usage {
  inputTokens: number;
  outputTokens: number;
}

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
  signal?: AbortSignal;
}

export type FinishReason = 'stop' | 'length' | 'content_filter' | 'other';

export interface TextResult {
  text: string;
  finishReason: FinishReason;
  usage: Usage;
  model: string;
}

export interface TextProvider {
  readonly id: ProviderId;
  readonly model: string;
  generate(request: TextRequest): Promise<TextResult>;
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
}

export interface ImageProvider {
  readonly id: ProviderId;
  readonly model: string;
  generate(request: ImageRequest): Promise<ImageResult>;
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
