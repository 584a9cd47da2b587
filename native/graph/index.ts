/** The in-memory multi-hop engine: CSR adjacency on typed arrays and the queries that run on it. */
export { Csr, type CsrInput, type CsrMemoryReport, type Direction, type TypeArray } from './csr';
export { GraphEngine } from './graph-engine';
export { Interner } from './interner';
export type { KHopOptions, KHopResult, Truncation, TruncationReason } from './k-hop';
export type { PageRankOptions, PageRankStats } from './pagerank';
export { topK, type TopK } from './top-k';
export type { GraphPath, PathOptions } from './shortest-path';
export type { SimplePathOptions, SimplePathsResult } from './simple-paths';
export type { WeightedPath } from './weighted-path';
export { loadGraphFromSqlite, type LoadedGraph, type LoadOptions } from './sqlite-loader';
