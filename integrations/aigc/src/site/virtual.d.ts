declare module 'virtual:astro-aigc/config' {
  const config: import('./virtual-config.ts').SiteConfig;
  export default config;
}
