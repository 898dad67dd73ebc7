// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import aigc from 'astro-aigc';

// The demo site: outlines in content/outlines/, generated pages in content/generated/.
// Without OPENAI_API_KEY it builds with the embedded offline provider (no key, no network).
export default defineConfig({
  site: 'https://aigc.example.org',
  integrations: [
    mdx(),
    aigc({
      lang: 'en',
      siteName: 'AIGC Field Notes',
    }),
  ],
});
