/** Self-match (issue 7 §3): request rules, the directory and recommendations. Pure. */
export * from './requests.ts';
export * from './directory.ts';
