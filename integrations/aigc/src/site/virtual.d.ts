declare module 'virtual:astro-aigc/config' {
  const config: import('./virtual-config.ts').SiteConfig;
  export default config;
}

declare module 'virtual:astro-aigc/images' {
  /** The generated raster (cover, figure) at this asset URL, as Astro image metadata; undefined for anything else. */
  export function imageForUrl(url: string): import('astro').ImageMetadata | undefined;
}
