/// <reference types="astro/client" />
declare module 'virtual:concordance/config' {
  const config: import('./integration.ts').ResolvedOptions;
  export default config;
}
