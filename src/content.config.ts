import { defineCollection } from 'astro:content';
import { aigcLoader } from 'astro-aigc';

export const collections = {
  articles: defineCollection({ loader: aigcLoader() }),
  docs: defineCollection({ loader: aigcLoader() }),
};
