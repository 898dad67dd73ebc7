// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import aigc from 'astro-aigc';

// The demo site: outlines in content/outlines/, generated pages in content/generated/.
// Without OPENAI_API_KEY it builds with the embedded offline provider (no key, no network).
export default defineConfig({
  site: 'https://aigc.example.org',
  // Translations are published at /<lang>/<collection>/<slug>/ (astro-aigc's `translate`);
  // pages in the default language keep unprefixed URLs.
  i18n: { locales: ['en', 'zh-CN'], defaultLocale: 'en', routing: { prefixDefaultLocale: false } },
  integrations: [
    mdx(),
    aigc({
      lang: 'en',
      siteName: 'AIGC Field Notes',
    }),
  ],
});
