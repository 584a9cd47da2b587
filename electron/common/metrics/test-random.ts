/** Randomised metrics tests use the project's seeded PRNG. */
export { seededRandom } from '../seeded-random';
