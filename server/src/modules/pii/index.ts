/** The pii module's public surface: the cipher of ID numbers and phones. */
export { createPiiCipher, type PiiCipher } from './cipher'
