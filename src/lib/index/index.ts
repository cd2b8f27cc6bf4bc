// Public surface of the index stage.
export { buildIndex, type IndexInput } from './build.ts';
export { workSlug, assignWorkIds } from './work-id.ts';
export { recommendationGroup } from './recommendations.ts';
export { worstStatus } from './citations.ts';
