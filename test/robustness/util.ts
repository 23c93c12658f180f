/** Shared helpers of the robustness tests. */

export { rng } from '../unit/rng';
