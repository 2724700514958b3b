// What the audits context offers other contexts: the statistics of its methods, written once here
// (paired situation tests, the community score card's gap), so the diagnosis and the plans agree with
// the campaign pages to the last decimal.
export { minimumReliablePairs, summarisePairs, validTestsRate, type PairCounts, type PairedSummary, type ValidTestsRate } from './campaigns/paired.ts';
export { scoreGap } from './campaigns/score-gap.ts';
