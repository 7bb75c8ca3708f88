/** The reports module's public surface. */
export { drawEmployers, poolDigest, DRAW_METHOD } from './draw'
