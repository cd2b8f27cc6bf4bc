// Public surface of the resolution stage.
export { resolveCitations, createResolver, introducedAbbreviations, type ResolveOptions } from './resolve.ts';
export { authorYearMatch, defaultMatch, type AuthorYearSettings, type Match, type MatchContext, type MatchStrategy } from './match.ts';
export { citeLabel, describeMismatch, suggestEntry } from './describe.ts';
export { ownBibliographyFile } from './lookup.ts';
export { normaliseDoi, sameWork, workIdentity, type WorkIdentity } from './same-work.ts';
export { fold, normaliseName } from './names.ts';
