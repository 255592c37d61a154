export { solve, coverageBonusFor, type SolveOptions } from './solve.ts';
export { verifyCertificate, type CertificateCheck } from './certificate.ts';
export { prepareProblem, MAX_SCORE, type PreparedProblem } from './prepare.ts';
