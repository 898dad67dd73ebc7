declare module 'virtual:astro-aigc/config' {
  const config: import('./virtual-config.ts').SiteConfig;
  export default config;
}

declare module 'virtual:astro-aigc/images' {
  /** Generated raster images (covers, figures) by project-relative path, as Astro image metadata. */
  export const images: Record<string, import('astro').ImageMetadata>;
}
