export { parseProblem, type ProblemFile } from './problem-reader.ts';
export { formatSolution, problemJsonChunks, type SolutionTimings } from './writers.ts';
