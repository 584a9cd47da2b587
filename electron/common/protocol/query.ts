/** Multi-hop query methods (issue "Multi-hop"). */
export const queryMethods = {} satisfies Record<string, unknown>;
